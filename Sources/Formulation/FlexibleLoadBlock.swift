// SPDX-License-Identifier: GPL-3.0-or-later
import LP
import Scenario

/// Flexible loads: energy due in every period, drawn whenever it is cheapest.
///
/// Variable `flex[t]` (kW) with `0 <= flex[t] <= max_kw[t]`, drawn from the
/// balance of the load's carrier (electricity or heat). One row per period
/// `k` of steps `P_k` (family `flexible load`):
///
///     minKWh_k <= Σ_{t in P_k} Δ·flex[t] <= maxKWh_k
///
/// On a whole horizon both bounds are the period's need
/// (`energy_per_period_kwh`, times its share of a full period's steps for a
/// shorter last period): an equality. Periods tile the horizon from its
/// first step; a rolling window or day-ahead day inherits the periods of the
/// whole horizon (a period already begun needs only what it still lacks;
/// see ``FlexiblePeriod``). No cost of its own: the price of the energy it
/// draws is what moves it. Unserved energy never covers it.
/// Schedule: `<name>.electricity_kw` or `<name>.heat_kw`.
struct FlexibleLoadBlock: AssetBlock {
    let loads: [(FlexibleLoad, ColumnBlock)]

    init(_ loads: [FlexibleLoad], _ b: inout ModelBuilder) {
        var out: [(FlexibleLoad, ColumnBlock)] = []
        for l in loads {
            let flex = b.addSeries("\(l.name).flex", upper: { l.maxKW[$0] })
            b.draw(l.carrier, flex)
            let rows = b.lp.addRows("\(l.name).period", count: l.periods.count)
            b.lp.reserveEntries(b.steps)
            for (k, p) in l.periods.enumerated() {
                b.lp.setRowBounds(rows.row(k), lower: p.minKWh, upper: p.maxKWh)
                for t in p.steps where t >= 0 && t < b.steps { b.lp.add(row: rows.row(k), column: flex.column(t), b.dt) }
            }
            b.familyRows[.flexibleLoad, default: []].append(contentsOf: rows.range)
            out.append((l, flex))
        }
        self.loads = out
    }

    func scheduleColumns(_ x: [Double]) -> [String: [ScheduleColumn]] {
        var cols: [String: [ScheduleColumn]] = [:]
        for (l, flex) in loads {
            cols[l.name] = [ScheduleColumn("\(l.name).\(l.carrier.rawValue)_kw", values(flex, x))]
        }
        return cols
    }
}
