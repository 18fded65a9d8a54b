// SPDX-License-Identifier: GPL-3.0-or-later
import LP
import Scenario

/// Heat pumps on ambient air or on a waste-heat source.
///
/// Variable `heat[t] <= heat_capacity_kw` (kW of heat delivered; with an
/// `invest` block the row `heat[t] - new <= heat_capacity_kw`). Its
/// electricity `heat[t]/cop[t]` is drawn from the electricity balance; the
/// heat it lifts from its source is `heat[t] (1 - 1/cop[t])`, which counts
/// against the waste-heat row of its source (ambient is unlimited).
/// Schedule: `<name>.heat_kw`, `.electricity_kw`, `.source_heat_kw`.
struct HeatPumpBlock: AssetBlock {
    let pumps: [(HeatPump, ColumnBlock)]

    init(_ pumps: [HeatPump], _ b: inout ModelBuilder) {
        var out: [(HeatPump, ColumnBlock)] = []
        for p in pumps {
            let heat = b.addSeries("\(p.name).heat", upper: { _ in 0 })
            let cap = b.addCapacity(p.name, existing: p.heatCapacityKW, invest: p.invest)
            b.limit(heat, by: cap, upper: { _ in 1 })
            b.feed(.heat, heat)
            b.draw(.electricity, heat) { 1 / p.cop[$0] }
            if case .wasteHeat(let source) = p.source, let rows = b.wasteHeatRows[source] {
                b.addToRows(rows, heat) { 1 - 1 / p.cop[$0] }
            }
            out.append((p, heat))
        }
        self.pumps = out
    }

    func scheduleColumns(_ x: [Double]) -> [String: [ScheduleColumn]] {
        var cols: [String: [ScheduleColumn]] = [:]
        for (p, block) in pumps {
            let heat = values(block, x)
            let el = heat.indices.map { heat[$0] / p.cop[$0] }
            cols[p.name] = [ScheduleColumn("\(p.name).heat_kw", heat),
                            ScheduleColumn("\(p.name).electricity_kw", el),
                            ScheduleColumn("\(p.name).source_heat_kw", heat.indices.map { heat[$0] - el[$0] })]
        }
        return cols
    }
}
