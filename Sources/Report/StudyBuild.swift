// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// What each case of a sweep over a planning scenario builds: the new
/// capacities its rows carry (`planning.assets.<name>.new_kw` / `new_kwh`),
/// against each varied parameter and case by case.
extension StudyReport {
    /// The figure keys of new capacities, power before energy, by asset.
    var buildKeys: [(key: String, asset: String, unit: String)] {
        cases.figureKeys.compactMap { k in FrontBuild.quantity(of: k).map { (k, $0.0, $0.1) } }
            .sorted { ($0.unit, $0.asset) < ($1.unit, $1.asset) }
    }

    func buildSection() -> String {
        let keys = buildKeys
        let names = Array(Set(keys.map(\.asset))).sorted()
        let ok = cases.optimal
        var html = ""
        if cases.isGrid {
            html += "<p class=\"note-box\">New capacity against each varied parameter: the mean over all combinations of the other parameters, one line per asset.</p>"
            for (k, path) in cases.keyPaths.enumerated() {
                let (values, numeric) = cases.values(of: k)
                guard values.count >= 2 else { continue }
                html += "<h3>\(esc(path))</h3><div class=\"grid3\">"
                for unit in ["kW", "kWh"] {
                    let series = keys.filter { $0.unit == unit }.map { q in
                        XYSeries(name: "\(q.asset) new \(unit)", color: ParetoReport.buildColor(q.asset, names: names, assets: assets),
                                 points: values.enumerated().compactMap { j, v -> XYPoint? in
                                     let ys = ok.filter { $0.overrides[k] == v }.compactMap { $0.figures[q.key] }
                                     guard !ys.isEmpty else { return nil }
                                     let mean = ys.reduce(0, +) / Double(ys.count)
                                     return XYPoint(x: numeric ? (Double(v) ?? 0) : Double(j), y: mean,
                                                    title: "\(path) = \(v): \(q.asset) +\(fmt(mean, 0)) \(unit) (mean of \(ys.count))")
                                 }, markerRadius: 3.5)
                    }
                    guard !series.isEmpty else { continue }
                    let chart = XYChart(id: "chart-build-\(slug(path))-\(slug(unit))", label: "New capacity (\(unit)) against \(path)",
                                        xTitle: path, xUnit: "", yTitle: "new capacity", yUnit: unit, series: series,
                                        categories: numeric ? nil : values, width: 480, height: 260, yIncludeZero: true)
                    html += "<figure>\(chart.svg())\(legendHTML(chart.legend))</figure>"
                }
                html += "</div>"
            }
        }
        let shown = Array(ok.prefix(StudyReport.tableLimit))
        let money = currency.isEmpty ? "" : " (\(currency))"
        let hasCapex = ok.contains { $0.figures["planning.capex"] != nil }
        let header = ["#", "case"] + keys.map { "\($0.asset) new (\($0.unit))" } + (hasCapex ? ["capex\(money)"] : [])
        let rows = shown.map { r -> [String] in
            [String(r.id + 1), caseLabel(r)] + keys.map { q in r.figures[q.key].map { fmt($0, 0) } ?? "–" }
                + (hasCapex ? [r.figures["planning.capex"].map { fmt($0, 0) } ?? "–"] : [])
        }
        let more = ok.count > shown.count ? "<p>The first \(shown.count) of \(ok.count) optimal cases; all are in cases.csv.</p>" : ""
        return html + "<h3>New capacity, case by case</h3>" + more
            + table(header, rows, numeric: Set([0] + Array(2..<header.count)), id: "table-build")
    }
}
