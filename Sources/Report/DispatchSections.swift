// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Scenario

/// Grid exchange, marginal prices, costs and monthly energy.
extension DispatchReport {
    func grid() -> String {
        let cur = data.currency.isEmpty ? "" : data.currency
        let imp = data.values("grid.import_kw"), exp = data.negated(data.values("grid.export_kw"))
        let marginal = data.values("price.electricity_per_kwh")
        var html = ""
        for v in views {
            var panels = [Panel(title: "grid import (+) and export (−)", unit: v.flowUnit.unit, unitSuffix: v.flowUnit.suffix,
                                layers: [.stack("grid import", Palette.gridImport, v.flow(imp)),
                                         .stack("grid export", Palette.gridExport, v.flow(exp))], height: 170)]
            if let price = data.importPrice {
                panels.append(Panel(title: "import price", unit: "\(cur)/kWh", layers: v.level("import price", Palette.priceElectricity, price), height: 110))
            } else {
                panels.append(Panel(title: "marginal electricity price", unit: "\(cur)/kWh",
                                    layers: v.level("marginal electricity price", Palette.priceElectricity, marginal),
                                    height: 110, clipAbove: DispatchReport.robustTop([marginal])))
            }
            if let ci = data.carbonIntensity {
                panels.append(Panel(title: "grid carbon intensity", unit: "kg CO2/kWh", layers: v.level("grid carbon intensity", Palette.carbon, ci),
                                    height: 110, includeZero: false))
            } else {
                let perHour = data.values("emissions.kg").map { $0 / data.stepHours }
                panels.append(Panel(title: "site emissions", unit: "kg CO2/h", layers: v.level("site emissions", Palette.carbon, perHour), height: 110))
            }
            var chart = TimeChart(id: "chart-grid" + v.idSuffix, label: "Grid import against price and carbon intensity",
                                  timeline: v.timeline, panels: panels)
            _ = chart.pruneEmpty()
            let source = data.importPrice != nil
                ? "The import price and the grid carbon intensity are the scenario's series\(data.scenarioPath.map { " (\(esc(PathText.lastComponent($0))))" } ?? "")."
                : "The scenario was not at hand (run <code>microgrid report DIR --scenario FILE</code> to add it), so the middle panel shows the marginal electricity price from schedule.csv — equal to the import price plus the carbon price's share whenever the grid sets the price — and the bottom panel the site's emissions per hour (fuel included) instead of the grid's carbon intensity."
            html += chart.html(caption: viewCaption(v) + (v.isDaily ? " Prices and intensities: the day's range (band) and mean (line)." : "") + " " + source)
        }
        return html
    }

    func prices() -> String {
        let cur = data.currency
        let el = data.values("price.electricity_per_kwh"), heat = data.values("price.heat_per_kwh")
        let showHeat = data.hasHeat
        let top = DispatchReport.robustTop(showHeat ? [el, heat] : [el])
        var html = ""
        for v in views {
            var layers = v.level("electricity", Palette.priceElectricity, el)
            if showHeat { layers += v.level("heat", Palette.priceHeat, heat) }
            let chart = TimeChart(id: "chart-prices" + v.idSuffix, label: "Marginal prices", timeline: v.timeline,
                                  panels: [Panel(title: "marginal price", unit: "\(cur)/kWh", layers: layers, height: 200, clipAbove: top)])
            var caption = viewCaption(v, levels: true) + " The duals of the balances: what one more kWh of electricity\(showHeat ? " or heat" : "") would have cost the optimum at that step (carbon price and demand charge included)."
            if top != nil {
                let peak = (el + (showHeat ? heat : [])).max() ?? 0
                caption += " A few spikes (up to \(fmtSig(peak)) \(esc(cur))/kWh, where the value of lost load or a binding limit sets the price) run off the top of the axis and are drawn at its edge."
            }
            html += chart.html(caption: caption)
        }
        return html
    }

    /// A top for price axes when a few spikes would flatten the rest: 1.2 ×
    /// the 99th percentile when the maximum exceeds it threefold; else nil.
    static func robustTop(_ series: [[Double]]) -> Double? {
        let all = series.flatMap { $0 }.sorted()
        guard let maxV = all.last, all.count >= 20 else { return nil }
        let p99 = all[Int(Double(all.count - 1) * 0.99)]
        guard p99 > 1e-9, maxV > 3 * p99 else { return nil }
        return p99 * 1.2
    }

    func costSection() -> String {
        let r = data.results
        func n(_ p: String) -> Double { r.number(p) ?? 0 }
        var rows: [BarRow] = []
        let items: [(String, String, String)] = [
            ("grid energy", "cost.energy_import", Palette.gridImport), ("demand charge", "cost.demand_charge", "#486581"),
            ("fuel", "cost.fuel", Palette.fuelBoiler), ("green power", "cost.green_power", Palette.greenPower),
            ("O&M (per kWh generated)", "cost.om", "#9fb3c8"), ("battery cycling", "cost.battery_cycling", Palette.battery),
            ("investment (this horizon's share)", "cost.investment", DispatchReport.planColor),
        ]
        // Solver noise (interior point) leaves items of a few hundredths: not worth a bar.
        let negligible = max(0.5, 1e-7 * abs(n("objective")))
        for (label, path, color) in items where abs(n(path)) > negligible { rows.append(BarRow(label: label, value: n(path), color: color)) }
        if n("cost.export_revenue") > negligible { rows.append(BarRow(label: "export revenue", value: -n("cost.export_revenue"), color: Palette.gridExport)) }
        rows.append(BarRow(label: "cost total", value: n("cost.total"), color: "#243b53", emphasis: true))
        if abs(n("carbon_cost")) > negligible { rows.append(BarRow(label: "carbon cost (internal price)", value: n("carbon_cost"), color: Palette.carbon)) }
        if n("unserved_penalty") > negligible { rows.append(BarRow(label: "unserved-energy penalty", value: n("unserved_penalty"), color: Palette.unserved)) }
        rows.append(BarRow(label: "objective", value: n("objective"), color: "#102a43", emphasis: true))
        let chart = HBarChart(id: "chart-cost", label: "Cost breakdown", unit: data.currency.isEmpty ? "money" : data.currency, rows: rows)
        let keys = rows.map { LegendKey(name: $0.label, color: $0.color, mark: .area) }
        return "<figure>\(chart.svg())\(legendHTML(keys))<figcaption>Over the whole horizon, in \(esc(data.currency)). Cost total = the items above it; objective = cost total + carbon cost + unserved-energy penalty. Items that are zero are left out.</figcaption></figure>"
    }

    /// Monthly energy bars, for horizons longer than a month.
    func monthly() -> String? {
        guard views.count > 1 else { return nil }
        let g = Grouping.months(steps: data.steps, stepHours: data.stepHours, times: times)
        guard g.ranges.count >= 2 else { return nil }
        let oneYear = Set(g.starts?.map(\.year) ?? []).count <= 1
        let labels = g.starts.map { s in s.map { oneYear ? $0.monthName : "\($0.monthName) \($0.year % 100)" } } ?? g.labels
        func chart(_ id: String, _ what: String, _ flows: (flows: [Flow], load: [Double])) -> String {
            let all = flows.flows.map { Layer.stack($0.name, $0.color, g.sums($0.values, stepHours: data.stepHours)) }
            let scale = all.map(\.peak).max() ?? 0
            let stacks = all.filter { $0.peak > 1e-6 * scale }  // not solver noise
            let c = ColumnChart(id: id, label: "Monthly \(what)", title: "\(what) supply (+) and use (−)", categories: labels, unit: "kWh", stacks: stacks,
                                markers: [.line("\(what) load", Palette.load, g.sums(flows.load, stepHours: data.stepHours))])
            return c.html(caption: "\(what.capitalized) per month: supplies above the axis, uses below; the black tick marks the month's \(what) load.\(g.starts == nil ? " Without timestamps a month is 730 h." : "")")
        }
        var html = chart("chart-monthly-electricity", "electricity", data.electricityFlows())
        if data.hasHeat { html += chart("chart-monthly-heat", "heat", data.heatFlows()) }
        return html
    }
}
