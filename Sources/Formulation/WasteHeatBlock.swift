// SPDX-License-Identifier: GPL-3.0-or-later
import LP
import Scenario

/// Recoverable waste heat.
///
/// Variable `direct[t]` (kW, only with `direct_use`), `<= exchanger_capacity_kw`,
/// feeding the heat balance. One row per step limits what is drawn:
///
///     direct[t] + Σ_{heat pumps p on this source} heat_p[t] (1 - 1/cop_p[t]) <= available_kw[t]
///
/// (the heat pumps add their terms, see ``HeatPumpBlock``).
/// Schedule: `<name>.direct_kw` (zeros without `direct_use`), `<name>.available_kw`.
struct WasteHeatBlock: AssetBlock {
    let sources: [(WasteHeat, ColumnBlock?)]

    init(_ sources: [WasteHeat], _ b: inout ModelBuilder) {
        var out: [(WasteHeat, ColumnBlock?)] = []
        for w in sources {
            let rows = b.lp.addRows("\(w.name).available", count: b.steps)
            for t in 0..<b.steps {
                b.lp.setRowBounds(rows.row(t), lower: -.infinity, upper: w.availableKW[t])
            }
            b.wasteHeatRows[w.name] = rows
            var direct: ColumnBlock?
            if w.directUse {
                let limit = w.exchangerCapacityKW ?? .infinity
                let d = b.addSeries("\(w.name).direct", upper: { _ in limit })
                b.feed(.heat, d)
                b.addToRows(rows, d) { _ in 1 }
                direct = d
            }
            out.append((w, direct))
        }
        self.sources = out
    }

    func scheduleColumns(_ x: [Double]) -> [String: [ScheduleColumn]] {
        var cols: [String: [ScheduleColumn]] = [:]
        for (w, direct) in sources {
            let d = direct.map { values($0, x) } ?? [Double](repeating: 0, count: w.availableKW.count)
            cols[w.name] = [ScheduleColumn("\(w.name).direct_kw", d),
                            ScheduleColumn("\(w.name).available_kw", w.availableKW)]
        }
        return cols
    }
}
