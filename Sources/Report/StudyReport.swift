// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Scenario

/// The report of a sweep: headline cases, the cost–emissions cloud, each
/// varied key path's effect on cost, emissions and renewable share, and the
/// cases table in static sorted views.
struct StudyReport {
    let directory: String
    let cases: StudyCases
    let currency: String

    /// Rows shown per table view (the rest are in cases.csv).
    static let tableLimit = 300

    /// The scenario's assets, when at hand: they colour new capacities by type.
    var assets: [AssetInfo] = []

    init(directory: String, currency: String?, assets: [AssetInfo] = []) throws(ReportError) {
        self.directory = directory
        self.assets = assets
        cases = try StudyCases(path: directory + "/cases.csv")
        self.currency = currency ?? studyCurrency(directory: directory) ?? ""
    }

    /// The three figures every study chart shows.
    struct Metric {
        var key: String, title: String, unit: String, color: String
        var value: (CaseRow) -> Double?
        /// Higher is better (renewable share); else lower is.
        var higherIsBetter: Bool
    }

    var metrics: [Metric] {
        [Metric(key: "cost", title: "cost total", unit: currency.isEmpty ? "money" : currency, color: Palette.priceElectricity,
                value: { $0.cost }, higherIsBetter: false),
         Metric(key: "emissions", title: "emissions", unit: "t", color: Palette.carbon, value: { $0.emissionsTonnes }, higherIsBetter: false),
         Metric(key: "renewable", title: "renewable share of electricity", unit: "%", color: Palette.greenPower,
                value: { $0.renewablePercent }, higherIsBetter: true)]
    }

    func html() -> String {
        let name = PathText.lastComponent(directory)
        let failed = cases.rows.count - cases.optimal.count
        let sub = "\(cases.rows.count) cases · \(cases.optimal.count) optimal · \(failed) not · varied: \(cases.keyPaths.isEmpty ? "nothing" : cases.keyPaths.joined(separator: ", "))\(currency.isEmpty ? "" : " · money in \(currency)")"
        var page = HTMLPage(title: "\(name): study report", subtitle: esc(sub))
        page.section("headline", "Headline cases", headline())
        if cases.optimal.count >= 2 { page.section("tradeoff", "Cost against emissions", tradeoff()) }
        if !buildKeys.isEmpty && !cases.optimal.isEmpty { page.section("build", "What each case builds", buildSection()) }
        if cases.isGrid {
            page.section("effects", "Effect of each varied parameter", effects())
        } else if !cases.optimal.isEmpty {
            page.section("comparison", "Cases compared", comparison())
        }
        page.section("cases", "Cases", tables())
        if failed > 0 { page.section("failed", "Cases that did not solve", failures()) }
        return page.render()
    }

    private func headline() -> String {
        let ok = cases.optimal
        var html = "<div class=\"cards\">"
        html += card("Cases", fmt(Double(cases.rows.count), 0), detail: "\(ok.count) optimal", cls: ok.count == cases.rows.count ? "co" : "alert")
        for m in metrics {
            let ranked = ok.compactMap { r in m.value(r).map { (r, $0) } }
            guard let best = m.higherIsBetter ? ranked.max(by: { $0.1 < $1.1 }) : ranked.min(by: { $0.1 < $1.1 }) else { continue }
            let value = m.unit == "%" ? fmt(best.1, 1) : m.unit == "t" ? fmt(best.1, 1) : fmt(best.1, 0)
            html += card("\(m.higherIsBetter ? "Highest" : "Lowest") \(m.title)", value, unit: m.unit, detail: caseLabel(best.0),
                         cls: m.key == "cost" ? "co" : m.key == "emissions" ? "em" : "re")
        }
        return html + "</div>"
    }

    /// A key path by its last two parts ("roof-pv.capacity_kw"), or three
    /// under an `invest` block ("roof-pv.invest.capex_per_kw").
    static func shortPath(_ path: String) -> String {
        let parts = path.split(separator: ".")
        let keep = parts.count >= 3 && parts[parts.count - 2] == "invest" ? 3 : 2
        return parts.suffix(keep).joined(separator: ".")
    }

    /// "case-0001: pv = 4000, bess = 0".
    func caseLabel(_ r: CaseRow) -> String {
        let set = zip(cases.keyPaths, r.overrides).filter { !$0.1.isEmpty }
            .map { "\(StudyReport.shortPath($0.0)) = \($0.1)" }
        return set.isEmpty ? r.name : "\(r.name): \(set.joined(separator: ", "))"
    }

    private func tradeoff() -> String {
        let points = cases.optimal.compactMap { r -> XYPoint? in
            guard let e = r.emissionsTonnes, let c = r.cost else { return nil }
            // Named cases are few: write their names beside their dots.
            return XYPoint(x: e, y: c, label: cases.isGrid || cases.optimal.count > 40 ? nil : r.name,
                           title: "\(caseLabel(r)) — \(fmt(e, 1)) t, \(fmt(c, 0)) \(currency)")
        }
        let chart = XYChart(id: "chart-study-tradeoff", label: "Cost against emissions, every case", xTitle: "emissions", xUnit: "t",
                            yTitle: "cost total", yUnit: currency.isEmpty ? "money" : currency,
                            series: [XYSeries(name: "one case", color: Palette.priceElectricity, points: points, line: false,
                                              markerRadius: points.count > 200 ? 2.6 : 4)],
                            height: 380)
        return "<figure>\(chart.svg())\(legendHTML(chart.legend))<figcaption>Each dot is one optimal case (cost total excludes the carbon cost). The lower-left edge of the cloud is the best trade-off the study found.</figcaption></figure>"
    }

    /// Per key path, the mean and the best of each metric over the other parameters.
    private func effects() -> String {
        var html = "<p class=\"note-box\">For each varied parameter (one row each), cost, emissions and renewable share against its values: the solid line is the mean over all combinations of the other parameters, the dashed line the best of them.</p>"
        for (k, path) in cases.keyPaths.enumerated() {
            let (values, numeric) = cases.values(of: k)
            guard values.count >= 2 else { continue }
            html += "<h3>\(esc(path))</h3><div class=\"grid3\">"
            for m in metrics {
                var mean: [XYPoint] = [], best: [XYPoint] = []
                for (i, v) in values.enumerated() {
                    let ys = cases.optimal.filter { $0.overrides[k] == v }.compactMap(m.value)
                    guard !ys.isEmpty else { continue }
                    let x = numeric ? (Double(v) ?? 0) : Double(i)
                    let avg = ys.reduce(0, +) / Double(ys.count)
                    let top = m.higherIsBetter ? (ys.max() ?? 0) : (ys.min() ?? 0)
                    mean.append(XYPoint(x: x, y: avg, title: "\(path) = \(v): mean \(fmtSig(avg)) \(m.unit) over \(ys.count) cases"))
                    best.append(XYPoint(x: x, y: top, title: "\(path) = \(v): best \(fmtSig(top)) \(m.unit)"))
                }
                let chart = XYChart(id: "chart-effect-\(slug(path))-\(m.key)", label: "\(m.title) against \(path)",
                                    xTitle: path, xUnit: "", yTitle: m.title, yUnit: m.unit,
                                    series: [XYSeries(name: "mean", color: m.color, points: mean, markerRadius: 3.5),
                                             XYSeries(name: m.higherIsBetter ? "best (max)" : "best (min)", color: m.color, points: best,
                                                      dashed: true, markerRadius: 2.5)],
                                    categories: numeric ? nil : values, width: 360, height: 250)
                html += "<figure>\(chart.svg())\(legendHTML(chart.legend))</figure>"
            }
            html += "</div>"
        }
        return html
    }

    /// Named cases side by side (a `cases:` study), one bar chart per figure.
    private func comparison() -> String {
        let ok = cases.optimal
        let labelWidth = min(150, Double(ok.map(\.name.count).max() ?? 8) * 6.8 + 14)
        var html = "<div class=\"grid3\">"
        for m in metrics {
            let rows = ok.map { BarRow(label: $0.name, value: m.value($0) ?? 0, color: m.color) }
            let chart = HBarChart(id: "chart-cases-\(m.key)", label: "\(m.title) by case", unit: m.unit, rows: rows,
                                  width: 380, labelWidth: labelWidth, unitInValues: false)
            let title = m.title.prefix(1).uppercased() + m.title.dropFirst()
            html += "<figure>\(chart.svg())\(legendHTML([LegendKey(name: "\(title) (\(m.unit))", color: m.color, mark: .area)]))</figure>"
        }
        return html + "</div>"
    }
}
