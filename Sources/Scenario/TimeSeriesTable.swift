// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// The scenario's CSV (read by ``CSVTable``), kept as text cells; columns
/// are parsed to numbers on first use, for the horizon's rows only.
final class TimeSeriesTable: @unchecked Sendable {  // immutable after init, but for its locked cache
    let file: String
    let header: [String]
    let rows: [[String]]
    private let columnIndex: [String: Int]
    /// Each row's `timestamp` read as a wall-clock time (nil: no such column,
    /// or a cell that does not parse), computed once.
    let wallClocks: [WallClock?]?

    /// Reads the CSV at `path` with ``CSVTable``; logs a problem and returns
    /// nil when it cannot.
    init?(path: String, displayName: String, log: ProblemLog, keyPath: String, line: Int?) {
        file = displayName
        let csv: CSVTable
        do {
            csv = try CSVTable(path: path, file: displayName)
        } catch where error.kind == .unreadable {
            log.key(keyPath, line: line, found: "\(path): \(error.found)",
                    expected: "a UTF-8 CSV file (path relative to the scenario)")
            return nil
        } catch {
            log.add(ScenarioProblem(file: error.file, line: error.line, column: error.column,
                                    found: error.found, expected: error.expected))
            return nil
        }
        header = csv.header
        rows = csv.rows
        var index: [String: Int] = [:]
        for (i, h) in header.enumerated() {
            if index[h] != nil {
                log.add(ScenarioProblem(file: displayName, line: 1, column: h,
                                        found: "the column name twice", expected: "unique column names"))
            } else {
                index[h] = i
            }
        }
        columnIndex = index
        if let c = index["timestamp"] {
            wallClocks = rows.map { c < $0.count ? WallClock($0[c]) : nil }
        } else {
            wallClocks = nil
        }
    }

    var dataColumns: [String] { header.filter { $0 != "timestamp" } }

    func index(of column: String) -> Int? { columnIndex[column] }

    /// The text of `column` in data rows `range` (0-based data rows).
    func cells(_ column: Int, _ range: Range<Int>) -> [String] {
        range.map { r in column < rows[r].count ? rows[r][column] : "" }
    }

    private let cacheLock = NSLock()
    private var parsed: [ParsedKey: [Double]] = [:]
    private struct ParsedKey: Hashable { let column: Int; let lower: Int; let upper: Int }

    /// Numbers of `column` over `range`; every bad cell is logged with its
    /// CSV line (header = line 1) and column. Parsed columns are cached, so
    /// the cases of a study parse each column once.
    func numbers(_ column: String, _ range: Range<Int>, log: ProblemLog) -> [Double]? {
        guard let c = columnIndex[column] else { return nil }
        let key = ParsedKey(column: c, lower: range.lowerBound, upper: range.upperBound)
        cacheLock.lock()
        let cached = parsed[key]
        cacheLock.unlock()
        if let cached { return cached }
        var out = [Double](repeating: 0, count: range.count)
        var ok = true
        for (k, r) in range.enumerated() {
            let raw = c < rows[r].count ? rows[r][c] : ""
            if let v = Self.number(raw) {
                out[k] = v
            } else {
                ok = false
                let cell = raw.trimmingCharacters(in: .whitespaces)
                log.add(ScenarioProblem(file: file, line: CSVTable.line(ofRow: r), column: column,
                                        found: cell.isEmpty ? "an empty cell" : "\"\(raw)\"",
                                        expected: "a finite number, at most \(saneMagnitude) in size"))
            }
        }
        guard ok else { return nil }
        cacheLock.lock()
        parsed[key] = out
        cacheLock.unlock()
        return out
    }

    private static let numberBytes = Set("0123456789+-.eE".utf8)

    /// A finite number from a cell, surrounding spaces allowed.
    static func number(_ raw: String) -> Double? {
        var text = Substring(raw)
        while let f = text.first, f == " " || f == "\t" { text = text.dropFirst() }
        while let l = text.last, l == " " || l == "\t" { text = text.dropLast() }
        // Double() stops at a NUL byte ("5\09" would read as 5): only the
        // characters of a decimal number pass.
        guard !text.isEmpty, text.utf8.allSatisfy({ Self.numberBytes.contains($0) }),
              let v = Double(text), v.isFinite, abs(v) <= saneMagnitude else { return nil }
        return v
    }
}
