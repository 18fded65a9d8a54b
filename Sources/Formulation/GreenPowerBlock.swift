// SPDX-License-Identifier: GPL-3.0-or-later
import LP
import Scenario

/// Contracted renewable supplies (direct green-power line, PPA).
///
/// Variable `gen[t]` (kW), `0 <= gen[t] <= available_kw[t]`, and
/// `gen[t] = available_kw[t]` when `must_take` (family `must_take`). Feeds
/// the electricity balance, costs `Δ * price_per_kwh[t]`, counts in `G_re`.
/// Schedule: `<name>.output_kw`.
struct GreenPowerBlock: AssetBlock {
    let supplies: [(GreenPower, ColumnBlock)]

    init(_ supplies: [GreenPower], _ b: inout ModelBuilder) {
        var out: [(GreenPower, ColumnBlock)] = []
        for s in supplies {
            let dt = b.dt
            let gen = b.addSeries("\(s.name).gen", upper: { s.availableKW[$0] }, cost: { dt * s.pricePerKWh[$0] })
            if s.mustTake {
                for t in 0..<b.steps {
                    b.lp.setColumnBounds(gen.column(t), lower: s.availableKW[t], upper: s.availableKW[t])
                }
                b.familyColumns[.mustTake, default: []].append(contentsOf: gen.range)
            }
            b.feed(.electricity, gen)
            b.addTotal(\.renewableKWh, gen)
            out.append((s, gen))
        }
        self.supplies = out
    }

    func scheduleColumns(_ x: [Double]) -> [String: [ScheduleColumn]] {
        var cols: [String: [ScheduleColumn]] = [:]
        for (s, gen) in supplies { cols[s.name] = [ScheduleColumn("\(s.name).output_kw", values(gen, x))] }
        return cols
    }
}
