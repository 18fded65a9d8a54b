// SPDX-License-Identifier: GPL-3.0-or-later
import GRDB

/// A study.sqlite is input too: it may come from another version, a shard
/// copied by hand or an edit. Its values are read by type, never by GRDB's
/// trapping conversions, and a value of the wrong type is an error naming
/// the file, the case and the column.
public struct StoredValueError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var reason: String
    public var description: String {
        "\(file): \(reason); it was not written by this version of microgrid (or was edited)"
    }
}

extension Row {
    /// The raw stored value of `column` (null when the column is missing).
    private func stored(_ column: String) -> DatabaseValue {
        (self[column] as DatabaseValue?) ?? .null
    }

    fileprivate func mismatch(_ column: String, _ expected: String, _ file: String) -> StoredValueError {
        let caseName: String
        if case .string(let s) = stored("name").storage { caseName = " of case \"\(s)\"" } else { caseName = "" }
        return StoredValueError(
            file: file, reason: "column \(column)\(caseName) holds \(stored(column)), expected \(expected)")
    }

    /// A text column (null reads as empty text).
    func text(_ column: String, _ file: String) throws(StoredValueError) -> String {
        switch stored(column).storage {
        case .string(let s): return s
        case .null: return ""
        default: throw mismatch(column, "text", file)
        }
    }

    /// A whole-number column (null reads as nil); anything else is an error.
    func integer(_ column: String, _ file: String) throws(StoredValueError) -> Int? {
        switch stored(column).storage {
        case .int64(let v): return Int(v)
        case .double(let v) where v == v.rounded() && abs(v) < 9e15: return Int(v)
        case .null: return nil
        default: throw mismatch(column, "a whole number or null", file)
        }
    }

    /// A numeric column (null reads as nil); text, blobs and non-finite
    /// numbers are errors.
    func number(_ column: String, _ file: String) throws(StoredValueError) -> Double? {
        switch stored(column).storage {
        case .int64(let v): return Double(v)
        case .double(let v) where v.isFinite: return v
        case .null: return nil
        default: throw mismatch(column, "a finite number or null", file)
        }
    }
}

extension Row {
    /// The `status` column as a case status.
    func caseStatus(_ file: String) throws(StoredValueError) -> CaseStatus {
        let text = try self.text("status", file)
        guard let status = CaseStatus(rawValue: text) else {
            throw mismatch("status", CaseStatus.allCases.map(\.rawValue).joined(separator: ", "), file)
        }
        return status
    }
}

extension StudyStore {
    /// Checks every column of a `cases` row has the type this version writes.
    static func check(_ row: Row, file: String) throws(StoredValueError) {
        for column in ["case_key", "name", "overrides", "status", "message", "figures", "results_json"] {
            _ = try row.text(column, file)
        }
        _ = try row.integer("idx", file)
        for column in ["objective", "seconds"] { _ = try row.number(column, file) }
        _ = try row.caseStatus(file)
    }
}
