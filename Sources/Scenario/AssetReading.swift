// SPDX-License-Identifier: GPL-3.0-or-later
import Yams

extension ScenarioReader {
    static let assetKeys: [String: [String]] = [
        "pv": ["capacity_kw", "profile", "om_cost_per_kwh"],
        "wind": ["capacity_kw", "profile", "om_cost_per_kwh"],
        "green_power": ["available_kw", "price_per_kwh", "must_take"],
        "battery": ["energy_kwh", "charge_kw", "discharge_kw", "charge_efficiency", "discharge_efficiency",
                    "soc_min", "soc_max", "soc_initial", "soc_final", "self_discharge_per_hour",
                    "cycle_cost_per_kwh"],
        "thermal_storage": ["energy_kwh", "charge_kw", "discharge_kw", "charge_efficiency",
                            "discharge_efficiency", "soc_min", "soc_max", "soc_initial", "soc_final",
                            "loss_per_hour"],
        "heat_pump": ["heat_capacity_kw", "cop", "source"],
        "waste_heat": ["available_kw", "direct_use", "exchanger_capacity_kw"],
        "electric_boiler": ["heat_capacity_kw", "efficiency"],
        "fuel_boiler": ["heat_capacity_kw", "efficiency", "fuel_price_per_kwh", "fuel_emission_factor"],
        "chp": ["electric_capacity_kw", "electric_efficiency", "heat_efficiency", "fuel_price_per_kwh",
                "fuel_emission_factor"],
        "flexible_load": ["carrier", "energy_per_period_kwh", "period_hours", "max_kw"],
    ]
    static let assetTypes = ["pv", "wind", "green_power", "battery", "thermal_storage", "heat_pump",
                             "waste_heat", "electric_boiler", "fuel_boiler", "chp", "flexible_load"]

    func readAssets(_ node: Node) -> [Asset] {
        guard let list = node.sequence else {
            log.key("assets", line: node.mark?.line, found: MappingReader.describe(node), expected: "a list of assets")
            return []
        }
        var assets: [Asset] = []
        var firstIndexOfName: [String: Int] = [:]
        var heatPumpSources: [(index: Int, line: Int?, source: String)] = []
        for (i, item) in list.enumerated() {
            let entry = readAssetEntry(item, index: i, names: &firstIndexOfName)
            if let source = entry.heatPumpSource { heatPumpSources.append((i, source.line, source.name)) }
            if let asset = entry.asset { assets.append(asset) }
        }
        let wasteHeatNames = Set(assets.compactMap { a -> String? in
            if case .wasteHeat(let w) = a { return w.name } else { return nil }
        })
        for hp in heatPumpSources where !wasteHeatNames.contains(hp.source) {
            log.key("assets[\(hp.index)].source", line: hp.line,
                    found: "\"\(hp.source)\", which names no waste_heat asset",
                    expected: "ambient, or one of the waste_heat assets: "
                        + (wasteHeatNames.isEmpty ? "(none)" : wasteHeatNames.sorted().joined(separator: ", ")))
        }
        return assets
    }

    /// One entry of `assets` (`assets[i]`): its name (checked against
    /// `firstIndexOfName`, which it extends), type, fields and unknown keys.
    /// Also returns a heat pump's waste-heat source, checked once all assets are read.
    func readAssetEntry(_ item: Node, index i: Int, names firstIndexOfName: inout [String: Int])
        -> (asset: Asset?, heatPumpSource: (line: Int?, name: String)?) {
        guard let r = MappingReader(item, path: "assets[\(i)]", log: log) else { return (nil, nil) }
        let name = r.string("name", required: true) ?? ""
        if r.has("name") {
            if !isValidName(name) {
                r.problem("name", found: "\"\(name)\"", expected: "letters, digits, '-' and '_' only")
            } else if reservedAssetNames.contains(name) {
                r.problem("name", found: "the reserved name \"\(name)\"",
                          expected: "a name other than \(reservedAssetNames.sorted().joined(separator: ", "))")
            } else if let first = firstIndexOfName[name], first != i {
                r.problem("name", found: "\"\(name)\", already the name of assets[\(first)]",
                          expected: "a unique asset name")
            } else {
                firstIndexOfName[name] = i
            }
        }
        guard let type = r.string("type", required: true) else { return (nil, nil) }
        guard let allowed = Self.assetKeys[type] else {
            r.problem("type", found: "\"\(type)\"", expected: "one of: \(Self.assetTypes.joined(separator: ", "))")
            return (nil, nil)
        }
        var asset = readAsset(type: type, name: name, r)
        if var a = asset {
            readInvest(type: type, into: &a, r)
            asset = a
        }
        var source: (line: Int?, name: String)?
        if case .heatPump(let hp)? = asset, case .wasteHeat(let s) = hp.source { source = (r.lineOf("source"), s) }
        r.rejectUnknownKeys(allowed: ["type", "name"] + allowed + ["invest"])
        return (asset, source)
    }

    func capacity(_ r: MappingReader, _ key: String) -> Double {
        r.number(key, required: true, expected: "a number of kW (or kWh) >= 0", valid: { $0 >= 0 }) ?? 0
    }

    private func efficiency(_ r: MappingReader, _ key: String, _ d: Double) -> Double {
        r.number(key, default: d, expected: "an efficiency in (0, 1]", valid: { $0 > 0 && $0 <= 1 }) ?? d
    }

    private func readAsset(type: String, name: String, _ r: MappingReader) -> Asset? {
        switch type {
        case "pv", "wind":
            let a = Renewable(name: name, capacityKW: capacity(r, "capacity_kw"),
                              profile: series(r, "profile", rule: .fraction),
                              omCostPerKWh: r.number("om_cost_per_kwh", default: 0, expected: "a number >= 0",
                                                     valid: { $0 >= 0 }) ?? 0)
            return type == "pv" ? .pv(a) : .wind(a)
        case "green_power":
            return .greenPower(GreenPower(name: name, availableKW: series(r, "available_kw", rule: .nonNegative),
                                          pricePerKWh: series(r, "price_per_kwh", default: 0),
                                          mustTake: r.bool("must_take", default: false)))
        case "battery", "thermal_storage":
            let s = readStorage(r, name: name, thermal: type == "thermal_storage")
            return type == "battery" ? .battery(s) : .thermalStorage(s)
        case "heat_pump":
            var source = HeatSource.ambient
            if let s = r.string("source"), s != "ambient" { source = .wasteHeat(s) }
            return .heatPump(HeatPump(name: name, heatCapacityKW: capacity(r, "heat_capacity_kw"),
                                      cop: readCOP(r), source: source))
        case "waste_heat":
            var exchanger: Double?
            if let v = r.optionalNumber("exchanger_capacity_kw", expected: "a number of kW >= 0",
                                        valid: { $0 >= 0 }) { exchanger = v }
            return .wasteHeat(WasteHeat(name: name, availableKW: series(r, "available_kw", rule: .nonNegative),
                                        directUse: r.bool("direct_use", default: true),
                                        exchangerCapacityKW: exchanger))
        case "electric_boiler":
            return .electricBoiler(ElectricBoiler(name: name, heatCapacityKW: capacity(r, "heat_capacity_kw"),
                                                  efficiency: efficiency(r, "efficiency", 0.99)))
        case "fuel_boiler":
            return .fuelBoiler(FuelBoiler(
                name: name, heatCapacityKW: capacity(r, "heat_capacity_kw"),
                efficiency: efficiency(r, "efficiency", 0.9),
                fuelPricePerKWh: series(r, "fuel_price_per_kwh"),
                fuelEmissionFactor: emissionFactor(r)))
        case "chp":
            return .chp(CHP(
                name: name, electricCapacityKW: capacity(r, "electric_capacity_kw"),
                electricEfficiency: efficiency(r, "electric_efficiency", 0.35),
                heatEfficiency: r.number("heat_efficiency", default: 0.45, expected: "an efficiency in [0, 1]",
                                         valid: { $0 >= 0 && $0 <= 1 }) ?? 0.45,
                fuelPricePerKWh: series(r, "fuel_price_per_kwh"),
                fuelEmissionFactor: emissionFactor(r)))
        case "flexible_load":
            return .flexibleLoad(readFlexibleLoad(r, name: name))
        default:
            return nil
        }
    }

    private func emissionFactor(_ r: MappingReader) -> Double {
        r.number("fuel_emission_factor", default: 0.202, expected: "kg CO2 per kWh of fuel >= 0",
                 valid: { $0 >= 0 }) ?? 0.202
    }

    /// Battery or thermal storage, with the fraction order and loss checks.
    private func readStorage(_ r: MappingReader, name: String, thermal: Bool) -> Storage {
        let eff = thermal ? 1.0 : 0.95
        let energy = capacity(r, "energy_kwh")
        let charge = capacity(r, "charge_kw")
        let discharge = r.has("discharge_kw") ? capacity(r, "discharge_kw") : charge
        let frac = "a fraction in 0..1"
        let inUnit: (Double) -> Bool = { $0 >= 0 && $0 <= 1 }
        let socMin = r.number("soc_min", default: 0, expected: frac, valid: inUnit) ?? 0
        let socMax = r.number("soc_max", default: 1, expected: frac, valid: inUnit) ?? 1
        let socInitial = r.number("soc_initial", default: 0.5, expected: frac, valid: inUnit) ?? 0.5
        if socMin > socMax {
            r.problem("soc_min", found: "soc_min \(socMin) above soc_max \(socMax)", expected: "soc_min <= soc_max")
        } else if socInitial < socMin || socInitial > socMax {
            r.problem("soc_initial", found: "\(socInitial) outside [soc_min, soc_max] = [\(socMin), \(socMax)]",
                      expected: "soc_min <= soc_initial <= soc_max")
        }
        let lossKey = thermal ? "loss_per_hour" : "self_discharge_per_hour"
        let loss = r.number(lossKey, default: 0, expected: "a fraction per hour >= 0", valid: { $0 >= 0 }) ?? 0
        if loss * stepHours >= 1 {
            r.problem(lossKey, found: "\(loss) per hour, \(loss * stepHours) per step of \(stepHours) h",
                      expected: "a loss rate times step_hours below 1")
        }
        var storage = Storage(name: name, energyKWh: energy, chargeKW: charge, dischargeKW: discharge,
                              chargeEfficiency: efficiency(r, "charge_efficiency", eff),
                              dischargeEfficiency: efficiency(r, "discharge_efficiency", eff),
                              socMin: socMin, socMax: socMax, socInitial: socInitial,
                              socFinal: readSocFinal(r, socMin: socMin, socMax: socMax), lossPerHour: loss)
        if !thermal {
            storage.cycleCostPerKWh = r.number("cycle_cost_per_kwh", default: 0, expected: "a number >= 0",
                                               valid: { $0 >= 0 }) ?? 0
        }
        return storage
    }

    private func readSocFinal(_ r: MappingReader, socMin: Double, socMax: Double) -> SocFinal {
        guard let node = r.node("soc_final") else { return .atLeastInitial }
        let expected = "at_least_initial, free, cyclic, or a fraction in [soc_min, soc_max]"
        guard let scalar = node.scalar else {
            r.problem("soc_final", found: MappingReader.describe(node), expected: expected)
            return .atLeastInitial
        }
        switch ScalarValue(scalar) {
        case .string("at_least_initial"): return .atLeastInitial
        case .string("free"): return .free
        case .string("cyclic"): return .cyclic
        case let v:
            if let f = v.asDouble, f.isFinite, f >= socMin, f <= socMax { return .atLeast(f) }
            r.problem("soc_final", found: v.shown, expected: expected)
            return .atLeastInitial
        }
    }
}
