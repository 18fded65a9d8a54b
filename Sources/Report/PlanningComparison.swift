// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// The site as it stands (the baseline solve, every new capacity at 0)
/// beside the plan: cost split, emissions by scope, renewable share.
extension DispatchReport {
    /// One line of the comparison: the same figure for both, in one unit.
    private struct Line {
        var label: String
        var baseline: Double?
        var plan: Double?
        var decimals: Int
    }

    func siteComparison(_ p: PlanningData) -> String {
        let lines = comparisonLines(p)
        let b = p.baseline
        var html = ""
        if b?.isOptimal == true { html += comparisonCharts(lines) }
        let status = b?.status ?? "not solved"
        var rows = [["status", status, data.results.string("status") ?? "optimal", ""]]
        for l in lines {
            let diff = l.plan.flatMap { pv in l.baseline.map { pv - $0 } }
            rows.append([l.label, l.baseline.map { fmt($0, l.decimals) } ?? "–", l.plan.map { fmt($0, l.decimals) } ?? "–",
                         diff.map { ($0 > 0 ? "+" : "") + fmt($0, l.decimals) } ?? "–"])
        }
        html += table(["", "site as it stands", "plan", "plan − as it stands"], rows, numeric: [1, 2, 3],
                      id: "table-plan-baseline")
        html += "<p class=\"note-box\">" + comparisonNote(p) + "</p>"
        return html
    }

    private func comparisonLines(_ p: PlanningData) -> [Line] {
        let r = data.results
        let cur = data.currency.isEmpty ? "" : " (\(data.currency))"
        let b = p.baseline.flatMap { $0.isOptimal ? $0 : nil }
        let investment = r.number("cost.investment") ?? 0
        let planCost = r.number("cost.total")
        func tonnes(_ v: Double?) -> Double? { v.map { $0 / 1000 } }
        func baseScope(_ key: String) -> Double? { tonnes(b?.figures.number("emissions_kg." + key)) }
        func percent(_ v: Double?) -> Double? { v.map { $0 * 100 } }
        return [
            Line(label: "operating cost\(cur)", baseline: b?.costTotal, plan: planCost.map { $0 - investment }, decimals: 0),
            Line(label: "investment, this horizon's share\(cur)", baseline: b == nil ? nil : 0, plan: investment, decimals: 0),
            Line(label: "cost total\(cur)", baseline: b?.costTotal, plan: planCost, decimals: 0),
            Line(label: "carbon cost\(cur)", baseline: p.baselineCarbonCost, plan: r.number("carbon_cost"), decimals: 0),
            Line(label: "unserved-energy penalty\(cur)", baseline: p.baselinePenalty, plan: r.number("unserved_penalty"), decimals: 0),
            Line(label: "objective\(cur)", baseline: b?.objective, plan: r.number("objective"), decimals: 0),
            Line(label: "emissions, scope 1 + scope 2 location-based (t)", baseline: b?.emissionsTonnes,
                 plan: tonnes(r.number("emissions_kg.optimised")), decimals: 1),
            Line(label: "scope 1, fuel (t)", baseline: baseScope("scope1"), plan: tonnes(r.number("emissions_kg.scope1")), decimals: 1),
            Line(label: "scope 2, location-based (t)", baseline: baseScope("scope2_location"),
                 plan: tonnes(r.number("emissions_kg.scope2_location")), decimals: 1),
            Line(label: "scope 2, official factor (t)", baseline: baseScope("scope2_official"),
                 plan: tonnes(r.number("emissions_kg.scope2_official")), decimals: 1),
            Line(label: "renewable share of electricity (%)", baseline: percent(b?.renewableShare),
                 plan: percent(r.number("kpis.renewable_share_electricity")), decimals: 1),
        ]
    }

    /// Cost total (operating and investment), emissions and renewable
    /// share as three small charts. Carbon cost and penalty stay in the
    /// table: they are not money spent, and a penalty would dwarf the rest.
    private func comparisonCharts(_ lines: [Line]) -> String {
        guard lines.count >= 11 else { return "" }
        let money = data.currency.isEmpty ? "money" : data.currency
        let operating = lines[0], investment = lines[1]
        let cost = ColumnChart(id: "chart-plan-cost", label: "Cost total: the site as it stands against the plan", title: "cost total",
                               categories: ["as it stands", "plan"], unit: money, stacks: [
                                   .stack("operating cost", DispatchReport.baselineColor, [operating.baseline ?? 0, operating.plan ?? 0]),
                                   .stack("investment", DispatchReport.planColor, [investment.baseline ?? 0, investment.plan ?? 0]),
                               ], height: 260, width: 360)
        var html = "<div class=\"grid3\"><figure><h3>Cost total over this horizon</h3>\(cost.svg())\(legendHTML(cost.legend))</figure>"
        for (line, key, unit) in [(lines[6], "emissions", "t"), (lines[10], "renewable", "%")] {
            let rows = [BarRow(label: "as it stands", value: line.baseline ?? 0, color: DispatchReport.baselineColor),
                        BarRow(label: "plan", value: line.plan ?? 0, color: DispatchReport.planColor)]
            let chart = HBarChart(id: "chart-plan-\(key)", label: line.label, unit: unit, rows: rows, width: 380, labelWidth: 96)
            let title = key == "emissions" ? "Emissions, scope 1 + 2 location-based, t" : "Renewable share of electricity, %"
            let keys = [LegendKey(name: "site as it stands", color: DispatchReport.baselineColor, mark: .area),
                        LegendKey(name: "plan", color: DispatchReport.planColor, mark: .area)]
            html += "<figure><h3>\(title)</h3>\(chart.svg())\(legendHTML(keys))</figure>"
        }
        return html + "</div>"
    }

    private func comparisonNote(_ p: PlanningData) -> String {
        var text = "Both columns are this horizon's figures. The site as it stands is the same scenario solved with every new capacity fixed at 0."
        guard let b = p.baseline else {
            return "The site as it stands was not solved (<code>planning.baseline: false</code>), so there is nothing to compare the plan with."
        }
        if !b.isOptimal {
            text += " It is <strong>\(esc(b.status))</strong>: \(esc(b.failure)), so it has no figures to compare\(b.status == "infeasible" ? "; the plan is what compliance costs" : "")."
        } else {
            text += " Its results.json entry carries cost total, objective, total emissions and renewable share; its carbon cost is its emissions at the plan's carbon price (carbon cost ÷ emissions), its penalty the rest of its objective. A dash marks a figure it does not carry."
            if p.baselineShedsLoad {
                text += " <strong>The site as it stands leaves load unserved</strong> (penalty \(fmt(p.baselinePenalty ?? 0, 0)) \(esc(data.currency))): it meets the constraints by not serving part of the load, so its operating cost is lower than running the plant as it stands would really cost."
            }
        }
        return text
    }
}
