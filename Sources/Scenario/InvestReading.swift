// SPDX-License-Identifier: GPL-3.0-or-later
import Yams

extension ScenarioReader {
    /// What an `invest` block sizes, by asset type. A type missing here
    /// (green_power, waste_heat and any later type such as flexible_load)
    /// cannot carry one: contracts, recovered heat and loads are not built.
    enum InvestShape { case capacity, storage }
    static let investShapes: [String: InvestShape] = [
        "pv": .capacity, "wind": .capacity, "heat_pump": .capacity, "electric_boiler": .capacity,
        "fuel_boiler": .capacity, "chp": .capacity, "battery": .storage, "thermal_storage": .storage,
    ]
    static let investableTypes = assetTypes.filter { investShapes[$0] != nil }

    /// Reads the asset's `invest` block (absent or `null`: none) into `asset`.
    func readInvest(type: String, into asset: inout Asset, _ r: MappingReader) {
        guard let node = r.node("invest") else { return }
        if let s = node.scalar, ScalarValue(s) == .null { return }
        guard let shape = Self.investShapes[type] else {
            r.problem("invest", found: "an invest block on a \(type) asset",
                      expected: "no invest block (\(type) is not built); invest applies to "
                        + Self.investableTypes.joined(separator: ", "))
            return
        }
        guard let ir = MappingReader(node, path: r.sub("invest"), log: log) else { return }
        let lifetime = ir.number("lifetime_years", required: true, expected: "a number of years > 0",
                                 valid: { $0 > 0 }) ?? 1
        switch shape {
        case .capacity:
            let inv = readQuantity(ir, unit: "kw", lifetime: lifetime)
            ir.rejectUnknownKeys(allowed: ["capex_per_kw", "lifetime_years", "fixed_om_per_kw_year", "min_kw", "max_kw"])
            asset.setInvestment(inv)
        case .storage:
            let energy = readQuantity(ir, unit: "kwh", lifetime: lifetime)
            var duration: Double?
            if ir.has("duration_hours") {
                duration = ir.number("duration_hours", expected: "a number of hours > 0", valid: { $0 > 0 })
            }
            let power: Investment
            if duration != nil {
                for key in ["min_kw", "max_kw"] where ir.has(key) {
                    ir.problem(key, found: "\(key) together with duration_hours",
                               expected: "no \(key): with duration_hours the new power is new energy / duration_hours")
                    _ = ir.node(key)
                }
                power = readQuantity(ir, unit: "kw", lifetime: lifetime, capexRequired: false, bounded: false)
            } else {
                power = readQuantity(ir, unit: "kw", lifetime: lifetime)
            }
            ir.rejectUnknownKeys(allowed: ["capex_per_kwh", "lifetime_years", "fixed_om_per_kwh_year", "min_kwh",
                                           "max_kwh", "duration_hours", "capex_per_kw", "fixed_om_per_kw_year",
                                           "min_kw", "max_kw"])
            asset.setStorageInvestment(StorageInvestment(energy: energy, power: power, durationHours: duration))
        }
    }

    /// `capex_per_<unit>`, `fixed_om_per_<unit>_year`, `min_<unit>`, `max_<unit>`.
    private func readQuantity(_ r: MappingReader, unit: String, lifetime: Double, capexRequired: Bool = true,
                              bounded: Bool = true) -> Investment {
        let nonNegative: (Double) -> Bool = { $0 >= 0 }
        let money = "a number >= 0 (currency per \(unit == "kw" ? "kW" : "kWh"))"
        let capex = r.number("capex_per_\(unit)", default: 0, required: capexRequired, expected: money,
                             valid: nonNegative) ?? 0
        let om = r.number("fixed_om_per_\(unit)_year", default: 0, expected: money + " per year",
                          valid: nonNegative) ?? 0
        var inv = Investment(capexPerUnit: capex, lifetimeYears: lifetime, fixedOMPerUnitYear: om)
        guard bounded else { return inv }
        let size = unit == "kw" ? "a number of kW >= 0" : "a number of kWh >= 0"
        inv.minNew = r.number("min_\(unit)", default: 0, expected: size, valid: nonNegative) ?? 0
        if let max = r.optionalNumber("max_\(unit)", expected: size + ", or null for unlimited", valid: nonNegative) {
            inv.maxNew = max
            if let max, inv.minNew > max {
                r.problem("min_\(unit)", found: "min_\(unit) \(inv.minNew) above max_\(unit) \(max)",
                          expected: "min_\(unit) <= max_\(unit)")
            }
        }
        return inv
    }

    /// Reads the top-level `planning` section; `isPlanning` says whether any
    /// asset has an invest block (without one the section is an error).
    func readPlanning(_ top: MappingReader, isPlanning: Bool) -> PlanningSettings {
        var settings = PlanningSettings()
        guard let node = top.node("planning") else { return settings }
        if let s = node.scalar, ScalarValue(s) == .null { return settings }
        if !isPlanning {
            top.problem("planning", found: "a planning section but no asset with an invest block",
                        expected: "at least one invest block (on " + Self.investableTypes.joined(separator: ", ")
                            + "), or no planning section")
        }
        guard let r = MappingReader(node, path: "planning", log: log) else { return settings }
        settings.discountRate = r.number("discount_rate", default: 0.06, expected: "a real rate per year >= 0",
                                         valid: { $0 >= 0 }) ?? 0.06
        settings.baseline = r.bool("baseline", default: true)
        r.rejectUnknownKeys(allowed: ["discount_rate", "baseline"])
        return settings
    }
}

extension Asset {
    mutating func setInvestment(_ inv: Investment) {
        switch self {
        case .pv(var a): a.invest = inv; self = .pv(a)
        case .wind(var a): a.invest = inv; self = .wind(a)
        case .heatPump(var a): a.invest = inv; self = .heatPump(a)
        case .electricBoiler(var a): a.invest = inv; self = .electricBoiler(a)
        case .fuelBoiler(var a): a.invest = inv; self = .fuelBoiler(a)
        case .chp(var a): a.invest = inv; self = .chp(a)
        case .battery, .thermalStorage, .greenPower, .wasteHeat, .flexibleLoad: break
        }
    }

    mutating func setStorageInvestment(_ inv: StorageInvestment) {
        switch self {
        case .battery(var s): s.invest = inv; self = .battery(s)
        case .thermalStorage(var s): s.invest = inv; self = .thermalStorage(s)
        default: break
        }
    }
}
