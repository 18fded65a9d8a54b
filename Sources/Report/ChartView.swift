// SPDX-License-Identifier: GPL-3.0-or-later
import Scenario

/// What a time chart shows of the horizon: a run of steps (powers in kW,
/// as solved) or every day (energy per day; levels as daily min–max
/// bands around the daily mean). A year gets both: its days, and a week.
struct ChartView {
    enum Kind {
        case steps(Range<Int>)
        case days(Grouping)
    }
    var kind: Kind
    /// Appended to chart ids: "" for the main view, "-week" for the detail.
    var idSuffix: String
    var timeline: Timeline
    var stepHours: Double

    static func steps(_ r: Range<Int>, stepHours: Double, times: [WallClock]?, idSuffix: String) -> ChartView {
        ChartView(kind: .steps(r), idSuffix: idSuffix,
                  timeline: Timeline(count: r.count, hoursPerPoint: stepHours, starts: times.map { Array($0[r]) },
                                     offsetHours: Double(r.lowerBound) * stepHours),
                  stepHours: stepHours)
    }

    static func days(_ g: Grouping, stepHours: Double) -> ChartView {
        ChartView(kind: .days(g), idSuffix: "",
                  timeline: Timeline(count: g.ranges.count, hoursPerPoint: 24, starts: g.starts),
                  stepHours: stepHours)
    }

    var isDaily: Bool { if case .days = kind { return true } else { return false } }

    /// A flow in kW per step, or in kWh per day.
    func flow(_ v: [Double]) -> [Double] {
        switch kind {
        case .steps(let r): return Array(v[r])
        case .days(let g): return g.sums(v, stepHours: stepHours)
        }
    }

    /// The unit of `flow` values: ("kW", "") or ("kWh", "/day").
    var flowUnit: (unit: String, suffix: String) { isDaily ? ("kWh", "/day") : ("kW", "") }

    /// A level (state of charge, a price): a step line, or a daily band
    /// from minimum to maximum with the daily mean as its line.
    func level(_ name: String, _ color: String, _ v: [Double], dashed: Bool = false) -> [Layer] {
        switch kind {
        case .steps(let r):
            return [.line(name, color, Array(v[r]), dashed: dashed)]
        case .days(let g):
            let s = g.stats(v)
            var band = Layer.band("\(name), daily range", color, lower: s.min, upper: s.max)
            band.inLegend = true
            return [band, .line("\(name), daily mean", color, s.mean, dashed: dashed)]
        }
    }

    /// Stacked layers of signed flows.
    func stacks(_ flows: [Flow]) -> [Layer] {
        flows.map { .stack($0.name, $0.color, flow($0.values)) }
    }
}
