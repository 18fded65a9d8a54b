// SPDX-License-Identifier: GPL-3.0-or-later
import Results
import Scenario

/// The rows of cases.csv, kept in memory: a sweep adds the rows its store
/// already held and each case as it is recorded, and writes cases.csv at the
/// end without reading the store back; `merge` fills it from the store. A
/// later row of a case (same key) replaces the earlier one, as the store's
/// `INSERT OR REPLACE` does.
struct CasesTable {
    /// The overridden key paths, in the order of their columns.
    let keyPaths: [String]
    private var rows: [StoredCase] = []
    /// Case key -> position in `rows`.
    private var position: [String: Int] = [:]
    private var lastKeys: [String] = []

    init(keyPaths: [String]) { self.keyPaths = keyPaths }

    /// Whether a row of the case with `key` is held.
    func contains(_ key: String) -> Bool { position[key] != nil }

    /// Adds a case's row, or with `replacing` replaces the row of the same
    /// key; its results JSON is not kept.
    mutating func add(_ stored: StoredCase, replacing: Bool = true) {
        var row = stored
        row.resultsJSON = nil
        row.figures.stored = ""
        // Cases mostly share their figure keys: one array for all of them.
        if row.figures.keys == lastKeys { row.figures.keys = lastKeys } else { lastKeys = row.figures.keys }
        if !replacing {
            rows.append(row)
        } else if let p = position[row.key] {
            rows[p] = row
        } else {
            position[row.key] = rows.count
            rows.append(row)
        }
    }

    /// Counts of cases by status.
    var statusCounts: [String: Int] {
        var out: [String: Int] = [:]
        for r in rows { out[r.status, default: 0] += 1 }
        return out
    }

    /// cases.csv: id, name, every override key path, status, message,
    /// objective, every figure key (in the order first met going through the
    /// cases by id), seconds; one line per case, by id.
    func csv() -> String {
        // Stable: cases with one id (only in an edited store) keep their order.
        let ordered = rows.enumerated().sorted { ($0.element.index, $0.offset) < ($1.element.index, $1.offset) }
            .map(\.element)
        let (keys, column) = Self.figureColumns(ordered)
        var out: [UInt8] = []
        out.reserveCapacity(ordered.count * ((ordered.first?.figures.cells.utf8.count ?? 0) + 200))
        out.append(text: (["id", "name"] + keyPaths + ["status", "message", "objective"] + keys + ["seconds"])
            .map(CSVWriter.cell).joined(separator: ","))
        out.append(10)
        for row in ordered {
            out.append(text: row.makeCSVHead(keyPaths: keyPaths))
            if row.figures.keys == keys {
                out.append(text: row.figures.cells)
            } else {
                // Another set or order of figures: each value under its key's column.
                var values = [Substring](repeating: "", count: keys.count)
                let cells = row.figures.cells.split(separator: ",", omittingEmptySubsequences: false).dropFirst()
                for (key, value) in zip(row.figures.keys, cells) {
                    if let k = column[key] { values[k] = value }
                }
                for v in values {
                    out.append(UInt8(ascii: ","))
                    out.append(text: String(v))
                }
            }
            out.append(UInt8(ascii: ","))
            out.append(text: row.seconds.description)
            out.append(10)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Every figure key in first-met order, and each key's column.
    private static func figureColumns(_ rows: [StoredCase]) -> ([String], [String: Int]) {
        var keys: [String] = []
        var column: [String: Int] = [:]
        var previous: [String] = []
        for row in rows where row.figures.keys != previous {
            previous = row.figures.keys
            for key in previous where column[key] == nil {
                column[key] = keys.count
                keys.append(key)
            }
        }
        return (keys, column)
    }
}
