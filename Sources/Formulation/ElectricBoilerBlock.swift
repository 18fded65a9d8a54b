// SPDX-License-Identifier: GPL-3.0-or-later
import LP
import Scenario

/// Electric boilers: `heat[t] <= heat_capacity_kw` (with an `invest` block the
/// row `heat[t] - new <= heat_capacity_kw`), electricity `heat/efficiency`.
/// Schedule: `<name>.heat_kw`, `<name>.electricity_kw`.
struct ElectricBoilerBlock: AssetBlock {
    let boilers: [(ElectricBoiler, ColumnBlock)]

    init(_ boilers: [ElectricBoiler], _ b: inout ModelBuilder) {
        var out: [(ElectricBoiler, ColumnBlock)] = []
        for e in boilers {
            let heat = b.addSeries("\(e.name).heat", upper: { _ in 0 })
            let cap = b.addCapacity(e.name, existing: e.heatCapacityKW, invest: e.invest)
            b.limit(heat, by: cap, upper: { _ in 1 })
            b.feed(.heat, heat)
            b.draw(.electricity, heat) { _ in 1 / e.efficiency }
            out.append((e, heat))
        }
        self.boilers = out
    }

    func scheduleColumns(_ x: [Double]) -> [String: [ScheduleColumn]] {
        var cols: [String: [ScheduleColumn]] = [:]
        for (e, block) in boilers {
            let heat = values(block, x)
            cols[e.name] = [ScheduleColumn("\(e.name).heat_kw", heat),
                            ScheduleColumn("\(e.name).electricity_kw", heat.map { $0 / e.efficiency })]
        }
        return cols
    }
}
