// SPDX-License-Identifier: GPL-3.0-or-later
import LP
import Scenario

/// PV and wind plants.
///
/// Variable `gen[t]` (kW), `0 <= gen[t] <= capacity_kw * profile[t]`; the
/// rest is curtailed. Feeds the electricity balance (+1), costs
/// `Δ * om_cost_per_kwh` per kW, and counts in `G_re`.
/// Schedule: `<name>.output_kw`, `<name>.curtailed_kw`.
struct RenewableBlock: AssetBlock {
    let plants: [(Renewable, ColumnBlock)]

    init(_ plants: [Renewable], _ b: inout ModelBuilder) {
        var out: [(Renewable, ColumnBlock)] = []
        for p in plants {
            let dt = b.dt
            let gen = b.addSeries("\(p.name).gen", upper: { p.capacityKW * p.profile[$0] },
                                  cost: { _ in dt * p.omCostPerKWh })
            b.feed(.electricity, gen)
            b.addTotal(\.renewableKWh, gen)
            out.append((p, gen))
        }
        self.plants = out
    }

    func scheduleColumns(_ x: [Double]) -> [String: [ScheduleColumn]] {
        var cols: [String: [ScheduleColumn]] = [:]
        for (p, gen) in plants {
            let output = values(gen, x)
            let curtailed = output.indices.map { max(0, p.capacityKW * p.profile[$0] - output[$0]) }
            cols[p.name] = [ScheduleColumn("\(p.name).output_kw", output),
                            ScheduleColumn("\(p.name).curtailed_kw", curtailed)]
        }
        return cols
    }
}
