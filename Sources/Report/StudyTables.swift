// SPDX-License-Identifier: GPL-3.0-or-later

/// The cases table, in static sorted views (no script needed to sort).
extension StudyReport {
    func tables() -> String {
        let ok = cases.optimal
        let views: [(String, String, [CaseRow])] = [
            ("table-by-objective", "sorted by objective (cheapest first)", ok.sorted { ($0.objective ?? .infinity) < ($1.objective ?? .infinity) }),
            ("table-by-emissions", "sorted by emissions (lowest first)", ok.sorted { ($0.emissionsTonnes ?? .infinity) < ($1.emissionsTonnes ?? .infinity) }),
            ("table-by-renewable", "sorted by renewable share (highest first)", ok.sorted { ($0.renewablePercent ?? -1) > ($1.renewablePercent ?? -1) }),
            ("table-by-id", "in study order", cases.rows),
        ]
        var html = cases.isGrid ? "" : "<p class=\"note-box\">A dash: the case keeps the base scenario's value.</p>"
        for (k, (id, title, rows)) in views.enumerated() {
            let shown = Array(rows.prefix(StudyReport.tableLimit))
            let more = rows.count > shown.count ? " — the first \(shown.count) of \(rows.count); all are in cases.csv" : ""
            let body = caseTable(shown, id: id)
            if k == 0 {
                html += "<h3>Cases \(esc(title))\(esc(more))</h3>" + body
            } else {
                html += "<details><summary>Cases \(esc(title))\(esc(more))</summary>\(body)</details>"
            }
        }
        return html
    }

    /// One table of cases; the status column only when some did not solve.
    private func caseTable(_ rows: [CaseRow], id: String) -> String {
        let money = currency.isEmpty ? "" : " (\(currency))"
        let withStatus = rows.contains { !$0.ok }
        // Key paths by their last two parts (the full path on hover).
        let short = cases.keyPaths.map(StudyReport.shortPath)
        let header = ["#", "case"] + short + (withStatus ? ["status"] : []) + [
            "objective\(money)", "cost total\(money)", "emissions (t)", "renewable share (%)",
            "certificates needed (MWh)", "offsets needed (t)"]
        let first = 2 + cases.keyPaths.count
        let numeric = Set([0] + Array(2..<first) + Array((first + (withStatus ? 1 : 0))..<header.count))
        var titles: [Int: String] = [:]
        for (k, path) in cases.keyPaths.enumerated() { titles[2 + k] = path }
        var bad = Set<Int>()
        let body = rows.enumerated().map { i, r -> [String] in
            if !r.ok { bad.insert(i) }
            func n(_ v: Double?, _ d: Int) -> String { v.map { fmt($0, d) } ?? "" }
            return [String(r.id + 1), r.name] + r.overrides.map { $0.isEmpty ? "–" : $0 } + (withStatus ? [r.status] : []) + [
                n(r.objective, 0), n(r.cost, 0), n(r.emissionsTonnes, 2), n(r.renewablePercent, 1),
                n(r.figures["zero_carbon.certificates_needed_mwh"], 1),
                n(r.figures["zero_carbon.offsets_needed_t"], 2),
            ]
        }
        return table(header, body, numeric: numeric, bad: bad, id: id, titles: titles)
    }

    func failures() -> String {
        let rows = cases.rows.filter { !$0.ok }.map { [String($0.id + 1), $0.name, $0.status, $0.message] }
        return table(["#", "case", "status", "why"], rows, numeric: [0], bad: Set(rows.indices), id: "table-failed")
    }
}
