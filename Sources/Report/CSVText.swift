// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// A CSV file read as text cells: a header and rows (RFC 4180 quoting).
struct CSVText {
    var file: String
    var header: [String]
    var rows: [[String]]

    /// Reads `path`; a missing, unreadable or empty file is a `ReportError`.
    init(path: String) throws(ReportError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReportError(.input, "\(path): no readable file")
        }
        try self.init(bytes: [UInt8](data), file: path)
    }

    init(bytes: [UInt8], file: String) throws(ReportError) {
        self.file = file
        var all = CSVText.split(bytes)
        guard !all.isEmpty, let first = all.first, !(first.count == 1 && first[0].isEmpty) else {
            throw ReportError(.input, "\(file): empty; expected a header row and one row per line")
        }
        header = first.map { $0.trimmingCharacters(in: .whitespaces) }
        all.removeFirst()
        rows = all
        for (i, row) in rows.enumerated() where row.count != header.count {
            throw ReportError(.input, "\(file):\(i + 2): \(row.count) cells; expected \(header.count) like the header")
        }
    }

    /// Index of a header column.
    func column(_ name: String) -> Int? { header.firstIndex(of: name) }

    /// A column as numbers; an empty cell is nil, anything else that is not
    /// a finite number is an error naming its line and column.
    func numbers(_ index: Int, allowEmpty: Bool) throws(ReportError) -> [Double?] {
        var out: [Double?] = []
        out.reserveCapacity(rows.count)
        for (r, row) in rows.enumerated() {
            let cell = row[index]
            if cell.isEmpty, allowEmpty { out.append(nil); continue }
            guard let v = Double(cell), v.isFinite else {
                throw ReportError(.input, "\(file):\(r + 2), column \"\(header[index])\": found \"\(cell.prefix(40))\"; expected a finite number")
            }
            out.append(v)
        }
        return out
    }

    /// Splits bytes into rows of cells, honouring quotes; skips blank lines.
    private static func split(_ bytes: [UInt8]) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var cell: [UInt8] = []
        var inQuotes = false
        var i = 0
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        func endCell() { row.append(String(decoding: cell, as: UTF8.self)); cell.removeAll(keepingCapacity: true) }
        while i < bytes.count {
            let b = bytes[i]
            if inQuotes {
                if b == quote {
                    if i + 1 < bytes.count, bytes[i + 1] == quote { cell.append(quote); i += 1 } else { inQuotes = false }
                } else {
                    cell.append(b)
                }
            } else if b == quote {
                inQuotes = true
            } else if b == comma {
                endCell()
            } else if b == lf {
                endCell()
                if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
                row = []
            } else if b != cr {
                cell.append(b)
            }
            i += 1
        }
        if !cell.isEmpty || !row.isEmpty {
            endCell()
            rows.append(row)
        }
        return rows
    }
}
