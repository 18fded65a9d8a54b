// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// Asset roles read from schedule.csv alone, when the scenario is not at
/// hand. The column suffixes of OUTPUTS.md tell most types apart; three
/// pairs share their suffixes and are settled otherwise:
///
/// - battery or thermal storage: by which balance closes — the electricity
///   balance is an equality, so the storages whose net discharge belongs in
///   it are the subset that makes it hold; storages idle all horizon fall
///   back to their names ("tank", "thermal", "heat", "hot", "water");
/// - PV or wind: a source that never produces (nor curtails) between 22:00
///   and 04:00 by the timestamps is PV; else the name ("pv", "solar",
///   "wind"); else a generic renewable;
/// - electric boiler or heat pump: a heat pump has `source_heat_kw`.
extension DispatchData {
    static let siteColumns: Set<String> = [
        "grid.import_kw", "grid.export_kw", "load.electricity_kw", "load.heat_kw",
        "unserved.electricity_kw", "unserved.heat_kw", "price.electricity_per_kwh",
        "price.heat_per_kwh", "emissions.kg",
    ]

    /// Asset names in column order with the quantities each has.
    func assetQuantities() -> [(name: String, quantities: Set<String>)] {
        var order: [String] = []
        var quantities: [String: Set<String>] = [:]
        for column in columnOrder where !DispatchData.siteColumns.contains(column) {
            guard let dot = column.lastIndex(of: ".") else { continue }
            let name = String(column[..<dot]), quantity = String(column[column.index(after: dot)...])
            if quantities[name] == nil { order.append(name) }
            quantities[name, default: []].insert(quantity)
        }
        return order.map { ($0, quantities[$0] ?? []) }
    }

    func inferRoles() -> [AssetInfo] {
        var roles: [(String, AssetRole?)] = assetQuantities().map { name, q in
            if q.contains("soc_kwh") { return (name, nil) }  // settled below
            if q.contains("source_heat_kw") { return (name, .heatPump) }
            if q.contains("available_kw") || q.contains("direct_kw") { return (name, .wasteHeat) }
            if q.contains("fuel_kw") { return (name, q.contains("electricity_kw") ? .chp : .fuelBoiler) }
            if q.contains("electricity_kw") { return (name, .electricBoiler) }
            if q.contains("curtailed_kw") { return (name, renewableKind(name)) }
            if q.contains("output_kw") { return (name, .greenPower) }
            return (name, nil)
        }
        let storages = roles.filter { $0.1 == nil }.map(\.0)
            .filter { columns["\($0).soc_kwh"] != nil }
        let electric = electricStorages(storages, known: roles.compactMap { n, r in r.map { (n, $0) } })
        roles = roles.map { name, role in
            (name, role ?? (electric.contains(name) ? .battery : .thermalStorage))
        }
        var counts: [AssetRole: Int] = [:]
        return roles.compactMap { name, role in
            guard let role else { return nil }
            defer { counts[role, default: 0] += 1 }
            return AssetInfo(name: name, role: role, instance: counts[role, default: 0])
        }
    }

    /// PV when it is dark whenever the timestamps say night, else by name.
    private func renewableKind(_ name: String) -> AssetRole {
        let lower = name.lowercased()
        if lower.contains("wind") { return .wind }
        if lower.contains("pv") || lower.contains("solar") || lower.contains("photo") { return .pv }
        guard let stamps = timestamps else { return .renewable }
        let out = values("\(name).output_kw"), cut = values("\(name).curtailed_kw")
        var night = 0, nightEnergy = 0.0, total = 0.0
        for t in 0..<steps {
            let v = out[t] + cut[t]
            total += v
            guard let w = WallTime(stamps[t]) else { return .renewable }
            if w.hour >= 22 || w.hour < 4 { night += 1; nightEnergy += v }
        }
        if night > 0, total > 1e-6, nightEnergy <= 1e-6 * total { return .pv }
        return total > 1e-6 && night > 0 ? .wind : .renewable
    }

    /// The storages whose net discharge closes the electricity balance.
    private func electricStorages(_ storages: [String], known: [(String, AssetRole)]) -> Set<String> {
        guard !storages.isEmpty else { return [] }
        var residual = values("grid.import_kw")
        func add(_ column: String, _ sign: Double) {
            let v = values(column)
            for t in 0..<steps { residual[t] += sign * v[t] }
        }
        add("unserved.electricity_kw", 1); add("load.electricity_kw", -1); add("grid.export_kw", -1)
        for (name, role) in known {
            switch role {
            case .pv, .wind, .renewable, .greenPower: add("\(name).output_kw", 1)
            case .chp: add("\(name).electricity_kw", 1)
            case .heatPump, .electricBoiler: add("\(name).electricity_kw", -1)
            default: break
            }
        }
        let nets = storages.map { s -> [Double] in
            let d = values("\(s).discharge_kw"), ch = values("\(s).charge_kw")
            return (0..<steps).map { d[$0] - ch[$0] }
        }
        let scale = max(1, residual.map(abs).max() ?? 1, values("load.electricity_kw").max() ?? 1)
        var best: (error: Double, mask: Int) = (.infinity, 0)
        if storages.count <= 10 {
            for mask in 0..<(1 << storages.count) {
                var worst = 0.0
                for t in 0..<steps {
                    var r = residual[t]
                    for (k, net) in nets.enumerated() where mask & (1 << k) != 0 { r += net[t] }
                    worst = max(worst, abs(r))
                }
                if worst < best.error - 1e-9 * scale { best = (worst, mask) }
            }
        }
        var out = Set<String>()
        for (k, s) in storages.enumerated() {
            let idle = (nets[k].map(abs).max() ?? 0) <= 1e-6 * scale
            let byBalance = best.error <= 1e-4 * scale && !idle
            let thermalName = ["tank", "thermal", "heat", "hot", "water", "steam"].contains { s.lowercased().contains($0) }
            if byBalance ? best.mask & (1 << k) != 0 : !thermalName { out.insert(s) }
        }
        return out
    }
}
