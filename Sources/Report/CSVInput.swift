// SPDX-License-Identifier: GPL-3.0-or-later
import Scenario

/// The CSV files a report draws from (schedule.csv, cases.csv, front.csv),
/// read by ``CSVTable``.
extension CSVTable {
    /// Reads `path`, every row as wide as the header; any problem is a
    /// ``ReportError`` naming the file (and the line).
    static func reportInput(path: String) throws(ReportError) -> CSVTable {
        do {
            let csv = try CSVTable(path: path)
            try csv.requireHeaderWidth()
            return csv
        } catch {
            throw ReportError(.input, error.description)
        }
    }

    /// A column as numbers; an empty cell is nil, anything else that is not
    /// a finite number is an error naming its line and column.
    func numbers(_ index: Int, allowEmpty: Bool) throws(ReportError) -> [Double?] {
        var out: [Double?] = []
        out.reserveCapacity(rows.count)
        for (r, row) in rows.enumerated() {
            let cell = row[index]
            if cell.isEmpty, allowEmpty { out.append(nil); continue }
            guard let v = Double(cell), v.isFinite else {
                throw ReportError(.input, "\(file):\(Self.line(ofRow: r)), column \"\(header[index])\": found \"\(cell.prefix(40))\"; expected a finite number")
            }
            out.append(v)
        }
        return out
    }
}
