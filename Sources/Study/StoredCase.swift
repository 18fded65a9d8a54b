// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GRDB
import Results
import Scenario

/// One case as a row of study.sqlite's `cases` table, each column as reading
/// it back gives it: GRDB binds and reads text as C strings (a text ends at
/// its first NUL), SQLite stores a NaN as null and a REAL zero as the integer
/// 0 (so -0 reads back as 0). cases.csv is written from these values, the
/// same whether they come from an outcome or from the store.
struct StoredCase: Sendable {
    /// `case_key`: what a resumed study matches cases on.
    let key: String
    /// `idx`: the case's position in the study.
    let index: Int
    let name: String
    /// The case's overrides as `key path<TAB>value` lines.
    let overrides: String
    /// A ``CaseStatus`` spelled out.
    let status: String
    let message: String
    let objective: Double?
    var figures: EncodedFigures
    var resultsJSON: String?
    let seconds: Double
    /// The row's first cells of cases.csv, made (by the worker) for these key paths.
    var csvHead: (keyPaths: [String], text: String)?

    /// The row a case's outcome is recorded as.
    init(_ c: StudyCase, status: CaseStatus, message: String, objective: Double?, figures: EncodedFigures,
         resultsJSON: String?, seconds: Double) {
        key = c.key
        index = c.index
        name = Self.cString(c.name)
        overrides = Self.cString(Self.encodePairs(c.overrides.map { ($0.path, $0.value.text) }))
        self.status = status.rawValue
        self.message = Self.cString(message)
        // An infinite objective (which no solver reports as optimal) is written as null.
        self.objective = objective.flatMap { $0.isFinite ? ($0 == 0 ? 0 : $0) : nil }
        self.figures = figures
        self.resultsJSON = resultsJSON.map(Self.cString)
        self.seconds = seconds
    }

    /// A row read from `file` (a column of another type is an error naming it).
    init(_ row: Row, file: String) throws(StoredValueError) {
        key = try row.text("case_key", file)
        index = try row.integer("idx", file) ?? 0
        name = try row.text("name", file)
        overrides = try row.text("overrides", file)
        status = try row.text("status", file)
        message = try row.text("message", file)
        objective = try row.number("objective", file)
        figures = EncodedFigures(stored: try row.text("figures", file))
        resultsJSON = nil
        seconds = try row.number("seconds", file) ?? 0
    }

    /// `id,name,<key path values>,status,message,objective` of cases.csv,
    /// quoted where needed.
    func makeCSVHead(keyPaths: [String], of studyCase: StudyCase? = nil) -> String {
        if let csvHead, csvHead.keyPaths == keyPaths { return csvHead.text }
        var cells: [String] = [String(index), name]
        cells += overrideCells(keyPaths, studyCase)
        cells += [status, message, objective?.description ?? ""]
        var out = ""
        for (k, cell) in cells.enumerated() {
            if k > 0 { out += "," }
            out += CSVWriter.cell(cell)
        }
        return out
    }

    /// Each key path's value (its first) as the stored overrides read back
    /// give it; from `studyCase`'s own overrides when they are stored as
    /// they are (no tab, line break or NUL in them).
    private func overrideCells(_ keyPaths: [String], _ studyCase: StudyCase?) -> [String] {
        func plain(_ s: String) -> Bool { !s.utf8.contains { $0 == 9 || $0 == 10 || $0 == 13 || $0 == 0 } }
        if let pairs = studyCase?.overrides, pairs.allSatisfy({ plain($0.path) && plain($0.value.text) }) {
            return keyPaths.map { key in pairs.first { $0.path == key }?.value.text ?? "" }
        }
        let overrides = Dictionary(Self.decodePairs(self.overrides), uniquingKeysWith: { a, _ in a })
        return keyPaths.map { overrides[$0] ?? "" }
    }

    /// The column values, in the order of the `cases` table.
    var arguments: StatementArguments {
        [key, index, name, overrides, status, message, objective, figures.stored, resultsJSON, seconds]
    }

    /// The text up to its first NUL, as SQLite keeps it.
    static func cString(_ s: String) -> String {
        var s = s
        let length = s.withUTF8 { bytes -> Int? in
            guard let base = bytes.baseAddress, let nul = memchr(base, 0, bytes.count) else { return nil }
            return base.distance(to: nul.assumingMemoryBound(to: UInt8.self))
        }
        guard let length else { return s }
        return String(Substring(s.utf8.prefix(length)))
    }

    /// Overrides are stored as lines of `key<TAB>value`, tabs and line
    /// breaks in values turned into spaces.
    static func encodePairs(_ pairs: [(String, String)]) -> String {
        var out = ""
        for (k, v) in pairs {
            out += k
            out += "\t"
            if v.utf8.contains(where: { $0 == 9 || $0 == 10 }) {
                out += v.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(of: "\n", with: " ")
            } else {
                out += v
            }
            out += "\n"
        }
        return out
    }

    static func decodePairs(_ text: String) -> [(String, String)] {
        var out: [(String, String)] = []
        for line in text.utf8.split(separator: 10) {
            guard let tab = line.firstIndex(of: 9) else { continue }
            out.append((String(Substring(line[..<tab])), String(Substring(line[line.index(after: tab)...]))))
        }
        return out
    }
}
