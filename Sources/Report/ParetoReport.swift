// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Scenario

/// One row of front.csv.
struct FrontPoint {
    var number: Int
    var capTonnes: Double?
    var emissionsTonnes: Double
    var cost: Double
    var objective: Double
    var renewableShare: Double?
    var renewableFraction: Double?
    var unservedKWh: Double
    var mac: Double?
    var shedsLoad: Bool
}

/// The report of a Pareto run: the cost–emissions front and the marginal
/// abatement cost from each point to the next.
struct ParetoReport {
    let directory: String
    let points: [FrontPoint]
    let currency: String
    /// New capacities per point, for the front of a planning scenario.
    let build: FrontBuild?
    /// The scenario's assets, when at hand: they colour the build by type.
    let assets: [AssetInfo]

    init(directory: String, currency: String?, assets: [AssetInfo] = []) throws(ReportError) {
        self.assets = assets
        self.directory = directory
        let path = directory + "/front.csv"
        let csv = try CSVTable.reportInput(path: path)
        let needed = ["emissions_t", "cost", "objective", "marginal_abatement_cost_per_t"]
        let missing = needed.filter { csv.column($0) == nil }
        guard missing.isEmpty else {
            throw ReportError(.input, "\(path): no column \(missing.joined(separator: ", ")); expected front.csv as microgrid pareto writes it")
        }
        func col(_ name: String) throws(ReportError) -> [Double?] {
            guard let i = csv.column(name) else { return [Double?](repeating: nil, count: csv.rows.count) }
            return try csv.numbers(i, allowEmpty: true)
        }
        let e = try col("emissions_t"), cost = try col("cost"), obj = try col("objective"), mac = try col("marginal_abatement_cost_per_t")
        let cap = try col("max_emissions_t"), re = try col("renewable_share_electricity"), rf = try col("renewable_fraction")
        let unserved = try col("unserved_kwh")
        let sheds = csv.column("sheds_load")
        var out: [FrontPoint] = []
        for r in csv.rows.indices {
            guard let er = e[r], let cr = cost[r] else {
                throw ReportError(.input, "\(path):\(r + 2): emissions_t and cost must be numbers")
            }
            out.append(FrontPoint(number: r + 1, capTonnes: cap[r], emissionsTonnes: er, cost: cr, objective: obj[r] ?? cr,
                                  renewableShare: re[r], renewableFraction: rf[r], unservedKWh: unserved[r] ?? 0, mac: mac[r],
                                  shedsLoad: sheds.map { csv.rows[r][$0] == "true" } ?? false))
        }
        points = out
        build = FrontBuild(front: csv, points: out, directory: directory)
        self.currency = currency ?? studyCurrency(directory: directory) ?? ""
    }

    var money: String { currency.isEmpty ? "money" : currency }

    func html() -> String {
        let name = PathText.lastComponent(directory)
        var page = HTMLPage(title: "\(name): cost–carbon Pareto front",
                            subtitle: esc("\(points.count) points from the minimum-cost end (carbon price 0) to the minimum-emissions end\(currency.isEmpty ? "" : " · money in \(currency)")"))
        page.section("headline", "The trade-off", headline())
        page.section("front", "Front", front())
        if let build { page.section("build", "What to build along the front", buildSection(build)) }
        page.section("mac", "Marginal abatement cost", macChart())
        page.section("points", "Points", pointTable())
        return page.render()
    }

    /// The trade-off in four numbers, over the points that serve the load
    /// (a point that sheds load "abates" at the value of lost load).
    private func headline() -> String {
        let serving = points.filter { !$0.shedsLoad }
        guard let hi = serving.first ?? points.first, let lo = serving.last ?? points.last else {
            return "<p>front.csv has no points.</p>"
        }
        let avoided = hi.emissionsTonnes - lo.emissionsTonnes
        var html = "<div class=\"cards\">"
        html += card("Emissions, minimum-cost end", fmt(hi.emissionsTonnes, 1), unit: "t", detail: "point \(hi.number): cost \(fmt(hi.cost, 0)) \(currency)", cls: "em")
        html += card("Emissions, cleanest point serving the load", fmt(lo.emissionsTonnes, 1), unit: "t",
                     detail: "point \(lo.number): −\(fmt(avoided, 1)) t (−\(pct(hi.emissionsTonnes > 0 ? avoided / hi.emissionsTonnes : nil)))", cls: "em")
        html += card("Extra cost there", fmt(lo.objective - hi.objective, 0), unit: currency,
                     detail: "+" + pct(hi.objective != 0 ? (lo.objective - hi.objective) / abs(hi.objective) : nil, 2) + " over the cheapest", cls: "co")
        if avoided > 1e-9 {
            html += card("Average abatement cost", fmt((lo.objective - hi.objective) / avoided, 1), unit: "\(currency)/t",
                         detail: "points \(hi.number) to \(lo.number)", cls: "zc")
        }
        let shedding = points.filter(\.shedsLoad)
        if !shedding.isEmpty {
            html += card("Points shedding load", String(shedding.count),
                         detail: "point\(shedding.count > 1 ? "s" : "") \(shedding.map { String($0.number) }.joined(separator: ", ")): cap met by leaving load unserved, not by abating",
                         cls: "alert")
        }
        return html + "</div>"
    }

    private func front() -> String {
        let pts = points.map { p in
            XYPoint(x: p.emissionsTonnes, y: p.objective, label: points.count <= 30 ? String(p.number) : nil,
                    title: "point \(p.number): \(fmt(p.emissionsTonnes, 2)) t, \(fmt(p.objective, 0)) \(currency)\(p.shedsLoad ? " (sheds load)" : "")",
                    highlight: p.shedsLoad)
        }
        let chart = XYChart(id: "chart-pareto-front", label: "Cost against emissions along the Pareto front", xTitle: "emissions", xUnit: "t",
                            yTitle: "cost + value of lost load", yUnit: money,
                            series: [XYSeries(name: "Pareto front (numbered points)", color: Palette.wind, points: pts)], height: 400,
                            yClipTop: outlierTop())
        var keys = chart.legend
        if points.contains(where: \.shedsLoad) { keys.append(LegendKey(name: "sheds load instead of abating", color: Palette.unserved, mark: .dot)) }
        let clipped = outlierTop().map { top in " Points marked ↑ (\(points.filter { $0.objective > top }.map { "point \($0.number): \(fmt($0.objective, 0))" }.joined(separator: ", ")) \(esc(money))) lie above the axis and are drawn at its top edge." } ?? ""
        return "<figure>\(chart.svg())\(legendHTML(keys))<figcaption>Each point is the cheapest dispatch under an emissions cap; moving left, each tonne avoided costs more. The y axis is the objective at carbon price 0: cost plus the value of lost load, so a point that sheds load shows its penalty.\(clipped)</figcaption></figure>"
    }

    /// When points that shed load cost far more than the rest (the value of
    /// lost load), a top for the cost axis that keeps the front readable.
    private func outlierTop() -> Double? {
        let serving = points.filter { !$0.shedsLoad }.map(\.objective)
        guard let lo = serving.min(), let hi = serving.max(), let top = points.map(\.objective).max() else { return nil }
        let span = max(hi - lo, 1e-6 * abs(hi))
        return top > hi + 2 * span ? hi + 0.25 * span : nil
    }

    private func macChart() -> String {
        let withMAC = points.filter { $0.mac != nil }
        guard !withMAC.isEmpty else { return "<p>Fewer than two points: no abatement cost to show.</p>" }
        let magnitudes = withMAC.compactMap { $0.mac.map(abs) }.sorted()
        let median = magnitudes[magnitudes.count / 2]
        let clip = (magnitudes.last ?? 0) > 5 * max(median, 1e-9) ? 3 * max(median, 1e-9) : nil
        let rows = withMAC.map { p in
            BarRow(label: "point \(p.number) · \(fmt(p.emissionsTonnes, 1)) t", value: p.mac ?? 0,
                   color: p.shedsLoad ? Palette.unserved : Palette.wind, note: p.shedsLoad ? "(sheds load)" : "")
        }
        let chart = HBarChart(id: "chart-pareto-mac", label: "Marginal abatement cost per point", unit: "\(money)/t", rows: rows, clipAt: clip)
        var keys = [LegendKey(name: "marginal abatement cost", color: Palette.wind, mark: .area)]
        if points.contains(where: \.shedsLoad) { keys.append(LegendKey(name: "point sheds load", color: Palette.unserved, mark: .area)) }
        var caption = "The cost of each further tonne avoided, from the previous (higher-emission) point: Δ objective ÷ Δ emissions, in \(esc(money)) per t CO2."
        if clip != nil { caption += " Bars that run past the axis are cut (white break); their values are written beside them." }
        return "<figure>\(chart.svg())\(legendHTML(keys))<figcaption>\(caption)</figcaption></figure>"
    }

    private func pointTable() -> String {
        let m = currency.isEmpty ? "" : " (\(currency))"
        let header = ["point", "cap (t)", "emissions (t)", "cost\(m)", "objective\(m)", "renewable share (%)",
                      "renewable fraction (%)", "unserved (kWh)", "MAC\(currency.isEmpty ? "" : " (\(currency)/t)")", "sheds load"]
        var bad = Set<Int>()
        let rows = points.enumerated().map { i, p -> [String] in
            if p.shedsLoad { bad.insert(i) }
            return [String(p.number), p.capTonnes.map { fmt($0, 2) } ?? "", fmt(p.emissionsTonnes, 2), fmt(p.cost, 0), fmt(p.objective, 0),
                    p.renewableShare.map { fmt($0 * 100, 1) } ?? "", p.renewableFraction.map { fmt($0 * 100, 1) } ?? "",
                    fmt(p.unservedKWh, 1), p.mac.map { fmt($0, 1) } ?? "–", p.shedsLoad ? "yes" : "no"]
        }
        return table(header, rows, numeric: Set(0..<9), bad: bad, id: "table-front")
    }
}
