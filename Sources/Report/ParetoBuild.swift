// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Scenario

/// The new capacities along a planning front: for each investable asset's
/// sized quantity, its new capacity at every point of front.csv.
///
/// They come from front.csv's own `planning.assets.<name>.new_kw` /
/// `new_kwh` columns when it has them, else from the Pareto run's
/// cases.csv (the same flattened keys), each front row matched to its case
/// by the emissions cap it was solved under, or else by its emissions.
struct FrontBuild {
    struct Quantity {
        /// "roof-pv" and "kW", or "bess" and "kWh".
        var asset: String
        var unit: String
        /// One per point of the front; nil where the figure is missing.
        var values: [Double?]
    }

    var quantities: [Quantity]
    /// `planning.capex` per point, when the rows carry it.
    var capex: [Double?]?

    static let prefix = "planning.assets."

    /// The quantity named by a flattened key, e.g. ("bess", "kWh").
    static func quantity(of key: String) -> (String, String)? {
        guard key.hasPrefix(prefix) else { return nil }
        let rest = key.dropFirst(prefix.count)
        for (suffix, unit) in [(".new_kwh", "kWh"), (".new_kw", "kW")] where rest.hasSuffix(suffix) && rest.count > suffix.count {
            return (String(rest.dropLast(suffix.count)), unit)
        }
        return nil
    }

    /// Nil when neither front.csv nor cases.csv carries new capacities
    /// (the front of a dispatch scenario), or they cannot be matched.
    init?(front: CSVTable, points: [FrontPoint], directory: String) {
        var rows: [[String: Double]] = []
        if front.header.contains(where: { FrontBuild.quantity(of: $0) != nil }) {
            rows = front.rows.map { cells in
                var out: [String: Double] = [:]
                for (i, key) in front.header.enumerated() { if let v = Double(cells[i]), v.isFinite { out[key] = v } }
                return out
            }
        } else if let cases = try? StudyCases(path: directory + "/cases.csv"),
                  cases.figureKeys.contains(where: { FrontBuild.quantity(of: $0) != nil }) {
            rows = FrontBuild.match(front: front, points: points, cases: cases)
        }
        let keys = Set(rows.flatMap(\.keys)).compactMap { k in FrontBuild.quantity(of: k).map { (k, $0) } }
        guard !keys.isEmpty else { return nil }
        // Power before energy, then by asset name; every point's value.
        quantities = keys.sorted { ($0.1.1, $0.1.0) < ($1.1.1, $1.1.0) }.map { key, q in
            Quantity(asset: q.0, unit: q.1, values: rows.map { $0[key] })
        }
        capex = rows.contains { $0["planning.capex"] != nil } ? rows.map { $0["planning.capex"] } : nil
    }

    /// Each front row's case figures: the case whose
    /// `constraints.max_emissions_t` is the row's cap, else the optimal
    /// case with the row's emissions (1e-6 relative); empty when none.
    static func match(front: CSVTable, points: [FrontPoint], cases: StudyCases) -> [[String: Double]] {
        let capKey = cases.keyPaths.firstIndex(of: "constraints.max_emissions_t")
        let capColumn = front.column("max_emissions_t")
        return points.indices.map { r -> [String: Double] in
            if let k = capKey, let c = capColumn, r < front.rows.count {
                let cell = front.rows[r][c]
                if let hit = cases.optimal.first(where: { $0.overrides[k] == cell || sameNumber($0.overrides[k], cell) }) {
                    return hit.figures
                }
            }
            let e = points[r].emissionsTonnes
            let hit = cases.optimal.first { c in
                guard let ce = c.emissionsTonnes else { return false }
                return abs(ce - e) <= 1e-6 * max(1, abs(e))
            }
            return hit?.figures ?? [:]
        }
    }

    private static func sameNumber(_ a: String, _ b: String) -> Bool {
        guard let x = Double(a), let y = Double(b) else { return false }
        return abs(x - y) <= 1e-9 * max(1, abs(x))
    }
}

/// The section of a Pareto report that shows how the build grows as the
/// emissions cap tightens.
extension ParetoReport {
    /// Distinct colours for the assets' lines when the scenario is not at
    /// hand to tell their types: a neutral set, so that no line passes for
    /// a type it is not (yellow would read as PV).
    static let buildColors = ["#3b6fb6", "#e07b39", "#4f9d69", "#b5446e", "#7b61b3", "#8c6d4f", "#2a9fa8", "#6b7280"]

    /// An asset's colour: its type's when the scenario tells it, else the
    /// `k`-th of `buildColors` for the `k`-th of `names` (sorted).
    static func buildColor(_ asset: String, names: [String], assets: [AssetInfo]) -> String {
        if let info = assets.first(where: { $0.name == asset }) { return Palette.color(info.role, instance: info.instance) }
        let k = names.firstIndex(of: asset) ?? 0
        return Palette.shade(buildColors[k % buildColors.count], k / buildColors.count)
    }

    func buildSection(_ build: FrontBuild) -> String {
        var html = ""
        let names = Array(Set(build.quantities.map(\.asset))).sorted()
        func color(_ asset: String) -> String { ParetoReport.buildColor(asset, names: names, assets: assets) }
        for (unit, what) in [("kW", "power"), ("kWh", "storage energy")] {
            let qs = build.quantities.filter { $0.unit == unit }
            guard !qs.isEmpty else { continue }
            let series = qs.map { q in
                XYSeries(name: "\(q.asset) new \(unit)", color: color(q.asset), points: zip(points, q.values).compactMap { p, v in
                    v.map { XYPoint(x: p.emissionsTonnes, y: $0, title: "point \(p.number): \(q.asset) +\(fmt($0, 0)) \(unit) at \(fmt(p.emissionsTonnes, 1)) t") }
                }, markerRadius: 3.5)
            }
            let chart = XYChart(id: "chart-pareto-build-\(slug(unit))", label: "New \(what) capacity along the front",
                                xTitle: "emissions", xUnit: "t", yTitle: "new \(what) capacity", yUnit: unit, series: series,
                                height: 340, yIncludeZero: true)
            html += "<figure>\(chart.svg())\(legendHTML(chart.legend))<figcaption>New \(what) capacity each point builds (existing capacity not included). From right to left the emissions cap tightens: what the plan adds to reach each cap.</figcaption></figure>"
        }
        let header = ["point", "emissions (t)"] + build.quantities.map { "\($0.asset) new (\($0.unit))" }
            + (build.capex == nil ? [] : ["capex\(currency.isEmpty ? "" : " (\(currency))")"])
        let rows = points.indices.map { r -> [String] in
            let p = points[r]
            let caps = build.quantities.map { q in (r < q.values.count ? q.values[r] : nil).map { fmt($0, 0) } ?? "–" }
            let capex = build.capex.map { c in [(r < c.count ? c[r] : nil).map { fmt($0, 0) } ?? "–"] } ?? []
            return [String(p.number), fmt(p.emissionsTonnes, 1)] + caps + capex
        }
        return html + table(header, rows, numeric: Set(0..<header.count), id: "table-front-build")
    }
}
