// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import SwiftCSV

/// The scenario's CSV, kept as text cells; columns are parsed to numbers on
/// first use, for the horizon's rows only.
final class TimeSeriesTable: @unchecked Sendable {  // immutable after init, but for its locked cache
    let file: String
    let header: [String]
    let rows: [[String]]
    private let columnIndex: [String: Int]
    /// Each row's `timestamp` read as a wall-clock time (nil: no such column,
    /// or a cell that does not parse), computed once.
    let wallClocks: [WallClock?]?

    /// Reads and parses the CSV at `path`; logs a problem and returns nil
    /// when it cannot.
    init?(path: String, displayName: String, log: ProblemLog, keyPath: String, line: Int?) {
        file = displayName
        let text: String
        switch TextFile.read(path) {
        case .success(let t): text = t
        case .failure(let p):
            log.key(keyPath, line: line, found: "\(path): \(p.reason)",
                    expected: "a UTF-8 CSV file (path relative to the scenario)")
            return nil
        }
        do {
            let csv = try Self.simpleRows(text) ?? {
                let e = try EnumeratedCSV(string: text, delimiter: .comma, loadColumns: false)
                return (e.header, e.rows)
            }()
            header = csv.header.map {
                $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\u{FEFF}", with: "")
            }
            // Blank lines at the end of the file are not rows.
            var all = csv.rows
            while let last = all.last, last.allSatisfy({ $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) {
                all.removeLast()
            }
            rows = all
        } catch {
            log.add(ScenarioProblem(file: displayName, found: "unparseable CSV (\(error))",
                                    expected: "comma-separated values with a header row"))
            return nil
        }
        guard !header.isEmpty, !(header.count == 1 && header[0].isEmpty) else {
            log.add(ScenarioProblem(file: displayName, line: 1, found: "no header row",
                                    expected: "a header row naming the columns"))
            return nil
        }
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

    /// Header and rows of a CSV without quotes, carriage returns or blank
    /// lines inside (the usual export), split on bytes: what the general
    /// parser gives for such text, several times faster. nil for any other text.
    static func simpleRows(_ text: String) -> (header: [String], rows: [[String]])? {
        var text = text
        return text.withUTF8 { all -> (header: [String], rows: [[String]])? in
            var count = all.count
            while count > 0, all[count - 1] == 10 { count -= 1 }
            let bytes = UnsafeBufferPointer(rebasing: all[0..<count])
            guard !bytes.isEmpty, !bytes.contains(where: { $0 == 34 || $0 == 13 }) else { return nil }
            var header: [String]?
            var rows: [[String]] = []
            var start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 10 { end += 1 }
                guard end > start else { return nil }  // a blank line inside
                // The line's cells, split at every comma (empty cells kept).
                var cells: [String] = []
                cells.reserveCapacity(header?.count ?? 16)
                var cellStart = start
                for i in start...end where i == end || bytes[i] == 44 {
                    cells.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[cellStart..<i]), as: UTF8.self))
                    cellStart = i + 1
                }
                if header == nil { header = cells } else { rows.append(cells) }
                start = end + 1
            }
            return (header ?? [], rows)
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
                log.add(ScenarioProblem(file: file, line: r + 2, column: column,
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
