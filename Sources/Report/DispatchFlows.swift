// SPDX-License-Identifier: GPL-3.0-or-later
import Scenario

/// A signed flow per step (kW): supplies positive, consumptions negative.
struct Flow {
    var name: String
    var color: String
    var values: [Double]
}

/// The balances as the charts stack them: supplies above the axis in a
/// fixed order (renewables at the bottom, grid and unserved on top),
/// consumptions below (the load next to the axis).
extension DispatchData {
    func negated(_ v: [Double]) -> [Double] { v.map { -$0 } }

    /// The electricity balance's terms and the load.
    func electricityFlows() -> (flows: [Flow], load: [Double]) {
        var up: [Flow] = [], down: [Flow] = []
        for a in assets(.pv, .wind, .greenPower) {
            let kind = [AssetRole.pv: "PV", .wind: "wind", .greenPower: "green power"][a.role] ?? "renewable"
            up.append(Flow(name: "\(a.name) (\(kind))", color: Palette.color(a.role, instance: a.instance), values: values("\(a.name).output_kw")))
        }
        for a in assets(.chp) {
            up.append(Flow(name: "\(a.name) (CHP)", color: Palette.color(.chp, instance: a.instance), values: values("\(a.name).electricity_kw")))
        }
        for a in assets(.battery) {
            up.append(Flow(name: "\(a.name) discharge", color: Palette.color(.battery, instance: a.instance), values: values("\(a.name).discharge_kw")))
            down.append(Flow(name: "\(a.name) charge", color: Palette.chargeColor(.battery, instance: a.instance), values: negated(values("\(a.name).charge_kw"))))
        }
        up.append(Flow(name: "grid import", color: Palette.gridImport, values: values("grid.import_kw")))
        up.append(Flow(name: "unserved electricity", color: Palette.unserved, values: values("unserved.electricity_kw")))
        let load = values("load.electricity_kw")
        down.insert(Flow(name: "electricity load", color: Palette.loadArea, values: negated(load)), at: 0)
        for a in assets(.heatPump) {
            down.append(Flow(name: "\(a.name) (heat pump)", color: Palette.color(.heatPump, instance: a.instance), values: negated(values("\(a.name).electricity_kw"))))
        }
        for a in assets(.electricBoiler) {
            down.append(Flow(name: "\(a.name) (electric boiler)", color: Palette.color(.electricBoiler, instance: a.instance), values: negated(values("\(a.name).electricity_kw"))))
        }
        down.append(contentsOf: flexibleFlows(carrier: "electricity"))
        down.append(Flow(name: "grid export", color: Palette.gridExport, values: negated(values("grid.export_kw"))))
        return (up + down, load)
    }

    /// The heat balance's terms (with the surplus rejected) and the heat load.
    func heatFlows() -> (flows: [Flow], load: [Double]) {
        var up: [Flow] = [], down: [Flow] = []
        for a in assets(.heatPump) {
            up.append(Flow(name: "\(a.name) (heat pump)", color: Palette.color(.heatPump, instance: a.instance), values: values("\(a.name).heat_kw")))
        }
        for a in assets(.wasteHeat) {
            up.append(Flow(name: "\(a.name) (waste heat, direct)", color: Palette.color(.wasteHeat, instance: a.instance), values: values("\(a.name).direct_kw")))
        }
        for a in assets(.electricBoiler) {
            up.append(Flow(name: "\(a.name) (electric boiler)", color: Palette.color(.electricBoiler, instance: a.instance), values: values("\(a.name).heat_kw")))
        }
        for a in assets(.chp) {
            up.append(Flow(name: "\(a.name) (CHP heat)", color: Palette.color(.chp, instance: a.instance), values: values("\(a.name).heat_kw")))
        }
        for a in assets(.fuelBoiler) {
            up.append(Flow(name: "\(a.name) (fuel boiler)", color: Palette.color(.fuelBoiler, instance: a.instance), values: values("\(a.name).heat_kw")))
        }
        for a in assets(.thermalStorage) {
            up.append(Flow(name: "\(a.name) discharge", color: Palette.color(.thermalStorage, instance: a.instance), values: values("\(a.name).discharge_kw")))
            down.append(Flow(name: "\(a.name) charge", color: Palette.chargeColor(.thermalStorage, instance: a.instance), values: negated(values("\(a.name).charge_kw"))))
        }
        up.append(Flow(name: "unserved heat", color: Palette.unserved, values: values("unserved.heat_kw")))
        let load = values("load.heat_kw")
        down.insert(Flow(name: "heat load", color: Palette.loadArea, values: negated(load)), at: 0)
        down.append(contentsOf: flexibleFlows(carrier: "heat"))
        // The heat balance is "at least the load": what is left is rejected.
        var rejected = [Double](repeating: 0, count: steps)
        for t in 0..<steps {
            let net = up.reduce(0) { $0 + $1.values[t] } + down.reduce(0) { $0 + $1.values[t] }
            rejected[t] = net > 1e-6 ? -net : 0
        }
        down.append(Flow(name: "surplus heat rejected", color: Palette.rejected, values: rejected))
        return (up + down, load)
    }

    /// Flexible loads drawing from `carrier`, below the axis in their own colour.
    func flexibleFlows(carrier: String) -> [Flow] {
        assets(.flexibleLoad).filter { $0.carrier == carrier }.map { a in
            Flow(name: "\(a.name) (flexible load)", color: Palette.color(.flexibleLoad, instance: a.instance),
                 values: negated(values("\(a.name).\(carrier)_kw")))
        }
    }

    var hasHeat: Bool {
        (columns["load.heat_kw"]?.contains { $0 > 1e-9 } ?? false)
            || !assets(.heatPump, .electricBoiler, .fuelBoiler, .chp, .thermalStorage).isEmpty
            || assets(.flexibleLoad).contains { $0.carrier == "heat" }
    }

    var storages: [AssetInfo] { assets(.battery, .thermalStorage) }

    var hasGrid: Bool {
        importPrice != nil || values("grid.import_kw").contains { $0 > 1e-9 } || values("grid.export_kw").contains { $0 > 1e-9 }
    }

    /// Wall-clock starts of the steps, when every timestamp parses.
    var wallTimes: [WallClock]? {
        guard let timestamps else { return nil }
        var out: [WallClock] = []
        out.reserveCapacity(timestamps.count)
        for s in timestamps {
            guard let w = WallClock(s) else { return nil }
            out.append(w)
        }
        return out
    }
}
