// SPDX-License-Identifier: GPL-3.0-or-later
import LP
import Scenario

/// Combined heat and power: `el[t] <= electric_capacity_kw` (with an
/// `invest` block the row `el[t] - new <= electric_capacity_kw`); fuel
/// `el/electric_efficiency`; heat `el * heat_efficiency/electric_efficiency`.
/// Electricity feeds the electricity balance and counts in `G_chp`; heat
/// feeds the heat balance; fuel costs and emits as for fuel boilers.
/// Schedule: `<name>.electricity_kw`, `.heat_kw`, `.fuel_kw`.
struct CHPBlock: AssetBlock {
    let units: [(CHP, ColumnBlock)]

    init(_ units: [CHP], _ b: inout ModelBuilder) {
        var out: [(CHP, ColumnBlock)] = []
        for c in units {
            let dt = b.dt
            let el = b.addSeries("\(c.name).el", upper: { _ in 0 },
                                 cost: { dt * c.fuelPricePerKWh[$0] / c.electricEfficiency })
            let cap = b.addCapacity(c.name, existing: c.electricCapacityKW, invest: c.invest)
            b.limit(el, by: cap, upper: { _ in 1 })
            b.feed(.electricity, el)
            b.feed(.heat, el) { _ in c.heatEfficiency / c.electricEfficiency }
            b.addTotal(\.emissionsKg, el) { _ in c.fuelEmissionFactor / c.electricEfficiency }
            b.addTotal(\.chpKWh, el)
            out.append((c, el))
        }
        self.units = out
    }

    func scheduleColumns(_ x: [Double]) -> [String: [ScheduleColumn]] {
        var cols: [String: [ScheduleColumn]] = [:]
        for (c, block) in units {
            let el = values(block, x)
            cols[c.name] = [ScheduleColumn("\(c.name).electricity_kw", el),
                            ScheduleColumn("\(c.name).heat_kw", el.map { $0 * c.heatEfficiency / c.electricEfficiency }),
                            ScheduleColumn("\(c.name).fuel_kw", el.map { $0 / c.electricEfficiency })]
        }
        return cols
    }

    func stepEmissionsKg(_ x: [Double], into e: inout [Double]) {
        for (c, block) in units {
            for t in e.indices { e[t] += c.fuelEmissionFactor * x[block.column(t)] / c.electricEfficiency }
        }
    }
}
