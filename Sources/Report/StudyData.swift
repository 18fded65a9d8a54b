// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Scenario

/// One row of a sweep's cases.csv.
struct CaseRow {
    var id: Int
    var name: String
    /// The value of each varied key path ("" where the case keeps the base's).
    var overrides: [String]
    var status: String
    var message: String
    var objective: Double?
    var figures: [String: Double]

    var ok: Bool { status == "optimal" }
    var cost: Double? { figures["cost.total"] }
    var emissionsTonnes: Double? { figures["emissions_kg.optimised"].map { $0 / 1000 } }
    var renewablePercent: Double? { figures["kpis.renewable_share_electricity"].map { $0 * 100 } }
}

/// A sweep's cases.csv: id, name, every varied key path, status, message,
/// objective, the figures of results.json, seconds.
struct StudyCases {
    var keyPaths: [String]
    var figureKeys: [String]
    var rows: [CaseRow]

    init(path: String) throws(ReportError) {
        let csv = try CSVTable.reportInput(path: path)
        guard csv.header.count >= 5, csv.header[0] == "id", csv.header[1] == "name",
              let status = csv.column("status"), let objective = csv.column("objective"),
              status >= 2, objective > status else {
            throw ReportError(.input, "\(path): header \(csv.header.prefix(4).joined(separator: ","))…; expected id, name, the key paths, status, message, objective, figures (as microgrid sweep writes it)")
        }
        let message = csv.column("message") ?? status
        let end = csv.header.last == "seconds" ? csv.header.count - 1 : csv.header.count
        keyPaths = Array(csv.header[2..<status])
        figureKeys = Array(csv.header[(objective + 1)..<end])
        var numeric: [Int: [Double?]] = [:]
        for i in objective..<end { numeric[i] = try csv.numbers(i, allowEmpty: true) }
        rows = []
        for (r, cells) in csv.rows.enumerated() {
            guard let id = Int(cells[0]) else {
                throw ReportError(.input, "\(path):\(r + 2), column \"id\": found \"\(cells[0])\"; expected a whole number")
            }
            var figures: [String: Double] = [:]
            for i in (objective + 1)..<end { if let v = numeric[i]?[r] ?? nil { figures[csv.header[i]] = v } }
            rows.append(CaseRow(id: id, name: cells[1], overrides: Array(cells[2..<status]), status: cells[status],
                                message: cells[message], objective: numeric[objective]?[r] ?? nil, figures: figures))
        }
    }

    var optimal: [CaseRow] { rows.filter(\.ok) }

    /// True when every optimal case sets every key path (a `vary:` grid):
    /// then each key path's effect can be averaged over the others.
    var isGrid: Bool {
        !keyPaths.isEmpty && optimal.allSatisfy { $0.overrides.allSatisfy { !$0.isEmpty } }
    }

    /// The distinct values of key path `k` in first-seen order, and
    /// whether they are all numbers.
    func values(of k: Int) -> (values: [String], numeric: Bool) {
        var seen = Set<String>(), out: [String] = []
        for r in optimal where seen.insert(r.overrides[k]).inserted { out.append(r.overrides[k]) }
        let numeric = out.allSatisfy { Double($0) != nil }
        return (numeric ? out.sorted { (Double($0) ?? 0) < (Double($1) ?? 0) } : out, numeric)
    }
}

/// The currency of a study's cases. cases.csv does not carry it; each
/// case's results.json in study.sqlite does, stored as plain text, so the
/// first `"currency": "XYZ"` in the file's first megabytes names it.
func studyCurrency(directory: String) -> String? {
    guard let handle = FileHandle(forReadingAtPath: directory + "/study.sqlite") else { return nil }
    defer { try? handle.close() }
    guard let data = try? handle.read(upToCount: 8 << 20) else { return nil }
    let needle = Array("\"currency\": \"".utf8)
    let bytes = [UInt8](data)
    guard bytes.count > needle.count else { return nil }
    var i = 0
    while i + needle.count < bytes.count {
        if bytes[i] == needle[0], Array(bytes[i..<(i + needle.count)]) == needle {
            var j = i + needle.count
            var code: [UInt8] = []
            while j < bytes.count, bytes[j] != UInt8(ascii: "\""), code.count <= 8 { code.append(bytes[j]); j += 1 }
            let text = String(decoding: code, as: UTF8.self)
            if (1...8).contains(text.count), text.allSatisfy({ $0.isLetter && $0.isASCII }) { return text }
        }
        i += 1
    }
    return nil
}
