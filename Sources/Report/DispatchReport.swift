// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Scenario

/// The report of one solve: KPI cards, then the electricity and heat
/// dispatch, storage levels, grid exchange against price and carbon
/// intensity, marginal prices, the cost breakdown and, for long horizons,
/// monthly energy. A horizon longer than a month is drawn by day, with one
/// week (the one around the peak grid import) step by step.
struct DispatchReport {
    let data: DispatchData
    let times: [WallClock]?
    /// The main view and, for long horizons, the detailed week.
    let views: [ChartView]
    /// Why the detailed week was chosen (long horizons only).
    let weekReason: String?

    static let longHorizonHours = 31.0 * 24

    init(data: DispatchData) {
        self.data = data
        let times = data.wallTimes
        self.times = times
        let hours = Double(data.steps) * data.stepHours
        guard hours > DispatchReport.longHorizonHours else {
            views = [.steps(0..<data.steps, stepHours: data.stepHours, times: times, idSuffix: "")]
            weekReason = nil
            return
        }
        let days = Grouping.days(steps: data.steps, stepHours: data.stepHours, times: times)
        let (week, reason) = DispatchReport.detailWeek(data, times: times)
        views = [.days(days, stepHours: data.stepHours),
                 .steps(week, stepHours: data.stepHours, times: times, idSuffix: "-week")]
        weekReason = reason
    }

    /// The calendar week (Monday to Sunday, by the timestamps; else seven
    /// days around it) of the peak grid import, else of the peak unserved
    /// load, else of the peak load.
    static func detailWeek(_ d: DispatchData, times: [WallClock]?) -> (Range<Int>, String) {
        let length = min(d.steps, max(1, Int((168 / d.stepHours).rounded())))
        var (series, what) = (d.values("grid.import_kw"), "peak grid import")
        if (series.max() ?? 0) <= 1e-9 { (series, what) = (d.values("unserved.electricity_kw"), "peak unserved electricity") }
        if (series.max() ?? 0) <= 1e-9 { (series, what) = (d.values("load.electricity_kw"), "peak electricity load") }
        let peak = series.indices.max { series[$0] < series[$1] } ?? 0
        var start = peak - length / 2
        if let times {
            let monday = times[peak].dayNumber - ((times[peak].dayNumber + 3) % 7 + 7) % 7
            start = peak
            while start > 0, times[start - 1].dayNumber >= monday { start -= 1 }
        }
        start = max(0, min(d.steps - length, start))
        let when = times.map { "\($0[peak].date) \($0[peak].clock)" } ?? "step \(peak)"
        return (start..<min(d.steps, start + length), "the week of the \(what) (\(fmt(series[peak], 0)) kW at \(when))")
    }

    func html() -> String {
        let plan = PlanningData(results: data.results, order: data.assets.map(\.name))
        var page = HTMLPage(title: "\(data.name): \(plan == nil ? "dispatch" : "planning") report", subtitle: subtitle())
        if let plan { page.section("plan", "What to build", planningSection(plan)) }
        page.section("kpis", "Key figures", cardsSection())
        page.section("electricity", "Electricity dispatch", electricity())
        if data.hasHeat { page.section("heat", "Heat dispatch", heat()) }
        if let shifting = loadShifting() { page.section("shifting", "Load shifting", shifting) }
        if !data.storages.isEmpty { page.section("storage", "Storage levels", storage()) }
        if data.hasGrid { page.section("grid", "Grid import, price and carbon intensity", grid()) }
        page.section("prices", "Marginal prices", prices())
        page.section("cost", "Cost breakdown", costSection())
        if let monthly = monthly() { page.section("monthly", "Monthly energy", monthly) }
        return page.render()
    }

    private func subtitle() -> String {
        var parts = ["\(fmt(Double(data.steps), 0)) steps of \(hours(data.stepHours))"]
        if let t = times, let first = t.first, let last = t.last {
            parts.append("\(first.date) \(first.clock) to \(last.date) \(last.clock) (local time of the input)")
        }
        if !data.currency.isEmpty { parts.append("money in \(data.currency)") }
        if let s = data.results.string("solver.name") {
            parts.append("solved with \(s) \(data.results.string("solver.version") ?? "") (\(data.results.string("solver.method") ?? ""))")
        }
        parts.append("asset types from \(data.typesSource)")
        return esc(parts.joined(separator: " · "))
    }

    /// What a view shows: every day (flows as energy per day, levels as the
    /// day's range and mean), the detailed week and why, or every step.
    func viewCaption(_ v: ChartView, levels: Bool = false) -> String {
        if v.isDaily {
            return levels ? "Every day of the horizon: the band spans the day's lowest to highest value, the line is the day's mean."
                : "Every day of the horizon, as energy per day."
        }
        if let reason = weekReason { return "Step by step: \(esc(reason))." }
        return levels ? "Step by step (\(hours(data.stepHours)) steps)." : "Step by step, average power over each \(hours(data.stepHours)) step."
    }

    private func electricity() -> String {
        dispatch(data.electricityFlows(), id: "chart-electricity", label: "Electricity dispatch",
                 loadName: "electricity load (line)", height: 300,
                 caption: " Above the axis where electricity came from, below where it went; the black line repeats the load above the axis, so what lies above it fed storage, heat or export.")
    }

    private func heat() -> String {
        dispatch(data.heatFlows(), id: "chart-heat", label: "Heat dispatch", loadName: "heat load (line)", height: 260,
                 caption: " Heat supplied above the axis, heat used below; heat beyond the load and the tank is rejected.")
    }

    /// A balance's flows stacked above and below the axis with its load as a line, in every view.
    private func dispatch(_ balance: (flows: [Flow], load: [Double]), id: String, label: String,
                          loadName: String, height: Double, caption: String) -> String {
        var html = ""
        for v in views {
            var chart = TimeChart(id: id + v.idSuffix, label: label, timeline: v.timeline, panels: [
                Panel(title: "supply (+) and use (−)", unit: v.flowUnit.unit, unitSuffix: v.flowUnit.suffix,
                      layers: v.stacks(balance.flows) + [.line(loadName, Palette.load, v.flow(balance.load))],
                      height: height),
            ])
            _ = chart.pruneEmpty()
            html += chart.html(caption: viewCaption(v) + caption)
        }
        return html
    }

    private func storage() -> String {
        var html = ""
        for v in views {
            // One panel per storage: their levels overlap badly in one.
            let panels = data.storages.map { a in
                let kind = a.role == .battery ? "battery" : "thermal storage"
                return Panel(title: "\(a.name) (\(kind)) energy stored", unit: "kWh",
                             layers: v.level("\(a.name) (\(kind))", Palette.color(a.role, instance: a.instance), data.values("\(a.name).soc_kwh")),
                             height: data.storages.count > 1 ? 150 : 200)
            }
            let chart = TimeChart(id: "chart-storage" + v.idSuffix, label: "Storage levels", timeline: v.timeline, panels: panels)
            let cycles = data.storages.compactMap { a in
                data.results.number("assets.\(a.name).equivalent_full_cycles").map { "\(a.name) \(fmt($0, 1))" }
            }
            let cycleText = cycles.isEmpty ? "" : " Equivalent full cycles over the horizon: \(cycles.joined(separator: ", "))."
            html += chart.html(caption: viewCaption(v, levels: true) + esc(" Energy stored at the end of each step." + cycleText))
        }
        return html
    }
}
