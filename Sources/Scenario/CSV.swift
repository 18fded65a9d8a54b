// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import SwiftCSV

/// Why a CSV file could not be read, and where.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The file is missing, a directory, unreadable or not UTF-8.
        case unreadable
        /// The text is not CSV as ``CSVTable`` reads it.
        case malformed
    }
    public var kind: Kind
    public var file: String
    /// 1-based number of the record, the header being 1 (see ``CSVTable/line(ofRow:)``).
    public var line: Int?
    /// The header name of the cell's column.
    public var column: String?
    public var found: String
    public var expected: String

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += ", column \"\(column)\"" }
        return "\(place): found \(found); expected \(expected)"
    }
}

/// A CSV file as text cells: a header and the data records after it. The
/// one reader of CSV input (a scenario's time series, a study's cases, the
/// files a report reads), so that every file is read by the same rules:
///
/// - RFC 4180 quoting, parsed by SwiftCSV: a quoted cell may hold commas,
///   line breaks and quotes (doubled); a quote inside an unquoted cell must
///   be doubled too;
/// - records end at LF, CRLF or CR; a last record needs no line end;
/// - spaces and tabs at the start of an unquoted cell are dropped (the rest
///   of a cell is kept as written);
/// - a byte-order mark and spaces around the header's names are dropped;
/// - blank records at the end of the file are dropped; a blank line inside
///   is a record of one empty cell;
/// - a record may have fewer or more cells than the header
///   (``requireHeaderWidth()`` refuses that where it matters);
/// - a NUL byte anywhere, and a quoted cell never closed, are errors naming
///   the line (and the column).
///
/// Text made of ASCII bytes without quotes or carriage returns (the usual
/// export) is split on bytes instead, to the same cells, several times faster.
public struct CSVTable: Sendable {
    /// The file as errors name it.
    public let file: String
    public let header: [String]
    public let rows: [[String]]

    /// Reads the UTF-8 file at `path`; `file` names it in errors (default `path`).
    public init(path: String, file: String? = nil) throws(CSVError) {
        let name = file ?? path
        switch TextFile.read(path) {
        case .success(let text): try self.init(text: text, file: name)
        case .failure(let p):
            throw CSVError(kind: .unreadable, file: name, line: p.line, found: p.reason, expected: "a UTF-8 CSV file")
        }
    }

    public init(text: String, file: String) throws(CSVError) {
        self.file = file
        var records: [[String]]
        if let simple = Self.simpleRecords(text) {
            records = simple
        } else {
            records = try Self.swiftCSVRecords(text, file: file)
        }
        // Blank records at the end of the file are not rows.
        while let last = records.last, last.allSatisfy({ $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) {
            records.removeLast()
        }
        let header = (records.first ?? []).map {
            $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\u{FEFF}", with: "")
        }
        guard !header.isEmpty, !(header.count == 1 && header[0].isEmpty) else {
            throw CSVError(kind: .malformed, file: file, line: 1, found: "no header row",
                           expected: "a header row naming the columns")
        }
        self.header = header
        rows = Array(records.dropFirst())
        if Self.containsNUL(text) { try refuseNUL() }
    }

    /// Whether `text` holds a NUL byte, scanned over its UTF-8 buffer (the
    /// generic scan of `text.utf8` takes ~50 instructions a byte: ~7 ms on a
    /// year of hourly rows).
    static func containsNUL(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { $0.contains(0) } ?? text.utf8.contains(0)
    }

    /// The line of data row `row` (0-based), the header being line 1: its
    /// line in the file unless a quoted cell above it spans lines.
    public static func line(ofRow row: Int) -> Int { row + 2 }

    /// Index of the first column named `name`.
    public func column(_ name: String) -> Int? { header.firstIndex(of: name) }

    /// Refuses a data row whose number of cells differs from the header's.
    public func requireHeaderWidth() throws(CSVError) {
        for (r, row) in rows.enumerated() where row.count != header.count {
            throw CSVError(kind: .malformed, file: file, line: Self.line(ofRow: r), found: "\(row.count) cells",
                           expected: "\(header.count) cells, like the header")
        }
    }

    /// Names the first cell holding a NUL byte.
    private func refuseNUL() throws(CSVError) {
        for (r, row) in ([header] + rows).enumerated() {
            guard let c = row.firstIndex(where: { $0.utf8.contains(0) }) else { continue }
            let column = r == 0 ? nil : c < header.count ? header[c] : "column \(c + 1)"
            throw CSVError(kind: .malformed, file: file, line: r + 1, column: column, found: "a NUL byte",
                           expected: "text without NUL bytes")
        }
    }

    /// The records of any text, parsed by SwiftCSV (after checking that every
    /// quoted cell is closed, which SwiftCSV does not).
    static func swiftCSVRecords(_ text: String, file: String) throws(CSVError) -> [[String]] {
        if let line = unclosedQuoteLine(text) {
            throw CSVError(kind: .malformed, file: file, line: line, found: "a quoted cell that is never closed",
                           expected: "a closing quote (\") for every opening one")
        }
        // SwiftCSV drops the trailing empty cell of a last record without a line end.
        let lastEnded = text.isEmpty || ["\n", "\r\n", "\r"].contains(text.last)
        let ended = lastEnded ? text : text + "\n"
        do {
            // rowLimit 0: the records are read once, below, without padding short ones.
            let csv = try CSV<Enumerated>(string: ended, delimiter: .comma, loadColumns: false, rowLimit: 0)
            var records: [[String]] = []
            try csv.enumerateAsArray(startAt: 0, rowLimit: nil) { records.append($0) }
            return records
        } catch {
            throw CSVError(kind: .malformed, file: file, found: "unparseable CSV (\(error))",
                           expected: "comma-separated values with a header row")
        }
    }

    /// The records of ASCII text without quotes or carriage returns, split
    /// on bytes: what SwiftCSV gives for such text. nil for any other text.
    static func simpleRecords(_ text: String) -> [[String]]? {
        var text = text
        return text.withUTF8 { all -> [[String]]? in
            var count = all.count
            while count > 0, all[count - 1] == 10 { count -= 1 }
            let bytes = UnsafeBufferPointer(rebasing: all[0..<count])
            guard !bytes.contains(where: { $0 == 34 || $0 == 13 || $0 >= 128 }) else { return nil }
            guard !bytes.isEmpty else { return [] }
            var records: [[String]] = []
            var width = 16
            var start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 10 { end += 1 }
                // The line's cells, split at every comma (empty cells kept).
                var cells: [String] = []
                cells.reserveCapacity(width)
                var cellStart = start
                for i in start...end where i == end || bytes[i] == 44 {
                    // SwiftCSV drops whitespace (space, tab, VT, FF) that starts an unquoted cell.
                    var first = cellStart
                    while first < i, bytes[first] == 32 || (9...12).contains(bytes[first]) { first += 1 }
                    cells.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[first..<i]), as: UTF8.self))
                    cellStart = i + 1
                }
                width = cells.count
                records.append(cells)
                start = end + 1
            }
            return records
        }
    }

    /// The line of the quote that opens a cell never closed (an odd number
    /// of quotes: every cell SwiftCSV accepts holds an even number), or nil.
    static func unclosedQuoteLine(_ text: String) -> Int? {
        var inside = false
        var line = 1, opened = 1
        var previous: UInt8 = 0
        for b in text.utf8 {
            if b == 34 {
                inside.toggle()
                if inside { opened = line }
            } else if b == 13 || (b == 10 && previous != 13) {
                line += 1  // a line ends at CR, LF or CRLF (counted once)
            }
            previous = b
        }
        return inside ? opened : nil
    }
}

/// The one writer of CSV cells (schedule.csv, cases.csv, front.csv).
public enum CSVWriter {
    /// `text` as one RFC 4180 cell: as is, or in quotes (inner quotes
    /// doubled) when it holds a comma, a quote or a line break.
    public static func cell(_ text: String) -> String {
        text.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    /// One record: the cells encoded, joined by commas, ended by a line feed.
    public static func record(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: ",") + "\n"
    }
}
