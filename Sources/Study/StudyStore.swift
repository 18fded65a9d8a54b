// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Scenario
import GRDB
import Results

/// A study's results on disk: `study.sqlite` (GRDB) holds every case's row
/// and results JSON as soon as it completes, so an interrupted study loses
/// only the cases in flight and resumes where it stopped; `cases.csv` is
/// written from it (atomically) at the end.
public final class StudyStore {
    public let directory: String
    private let db: DatabaseQueue

    /// `DIRECTORY/study.sqlite`, as messages name it.
    public var databasePath: String { directory + "/study.sqlite" }

    public init(directory: String) throws {
        self.directory = directory
        try AtomicFile.makeDirectory(directory)
        // SQLite would follow a planted link and write into its target.
        for suffix in ["", "-wal", "-shm", "-journal"] {
            var info = stat()
            let path = directory + "/study.sqlite" + suffix
            if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
                throw StudyError("\(path) is a symbolic link; refusing to follow it (remove it)")
            }
        }
        var config = Configuration()
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL")
        }
        db = try DatabaseQueue(path: directory + "/study.sqlite", configuration: config)
        try db.write { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS cases (
                    case_key TEXT PRIMARY KEY, idx INTEGER NOT NULL, name TEXT NOT NULL,
                    overrides TEXT NOT NULL, status TEXT NOT NULL, message TEXT NOT NULL,
                    objective REAL, figures TEXT NOT NULL, results_json TEXT, seconds REAL NOT NULL);
                """)
        }
    }

    /// Binds the store to `study`; refuses a directory holding another study.
    public func bind(to study: Study) throws {
        try bind(identity: study.identity, keyPaths: study.keyPaths, source: study.path)
    }

    func bind(identity: String, keyPaths: [String], source: String) throws {
        try db.write { db in
            if let existing = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'identity'") {
                guard existing == identity else {
                    throw StudyError("\(directory) holds results of another study (\(existing), not \(identity)); use a new --out directory")
                }
            } else {
                let paths = String(decoding: try JSONSerialization.data(withJSONObject: keyPaths), as: UTF8.self)
                try db.execute(sql: "INSERT INTO meta VALUES ('identity', ?), ('key_paths', ?), ('study', ?)",
                               arguments: [identity, paths, source])
            }
        }
    }

    /// Keys of the cases already recorded (to skip on resume); every row is
    /// checked first, so a mistyped store is refused before any case runs.
    public func recordedKeys() throws -> Set<String> {
        let rows = try db.read { try Row.fetchAll($0, sql: "SELECT * FROM cases") }
        var keys = Set<String>()
        for row in rows {
            try Self.check(row, file: databasePath)
            keys.insert(try row.text("case_key", databasePath))
        }
        return keys
    }

    /// Records outcomes in one transaction.
    public func insert(_ outcomes: [CaseOutcome]) throws {
        try db.write { db in
            let statement = try db.cachedStatement(sql: "INSERT OR REPLACE INTO cases VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            for o in outcomes {
                let overrides = Self.encodePairs(o.studyCase.overrides.map { ($0.path, $0.value.text) })
                let figures = Self.encodeFigures(o.figures)
                try statement.execute(arguments: [
                    o.studyCase.key, o.studyCase.index, o.studyCase.name, overrides,
                    o.status.rawValue, o.message, o.objective, figures, o.resultsJSON, o.seconds,
                ])
            }
        }
    }

    /// Every recorded case by name: status, message, objective and figures.
    public func outcomes() throws
        -> [String: (status: CaseStatus, message: String, objective: Double?, figures: [String: Double]?)] {
        let rows = try db.read { try Row.fetchAll($0, sql: "SELECT name, status, message, objective, figures FROM cases") }
        let file = databasePath
        var out: [String: (status: CaseStatus, message: String, objective: Double?, figures: [String: Double]?)] = [:]
        for row in rows {
            var figures: [String: Double] = [:]
            for (k, v) in Self.decodeFigures(try row.text("figures", file)) { if let v { figures[k] = v } }
            out[try row.text("name", file)] = (try row.caseStatus(file), try row.text("message", file),
                                               try row.number("objective", file), figures.isEmpty ? nil : figures)
        }
        return out
    }

    /// Figures and overrides are stored as lines of `key<TAB>value` (an
    /// empty figure is null): fast to write, and to read back for cases.csv.
    static func encodeFigures(_ figures: [(key: String, value: Double?)]) -> String {
        encodePairs(figures.map { ($0.key, $0.value.map { "\($0)" } ?? "") })
    }

    static func decodeFigures(_ text: String) -> [(String, Double?)] {
        decodePairs(text).map { ($0.0, Double($0.1)) }
    }

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

    /// Counts of cases by status.
    public func statusCounts() throws -> [String: Int] {
        try db.read { db in
            var out: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM cases GROUP BY status") {
                out[try row.text("status", databasePath), default: 0] += try row.integer("n", databasePath) ?? 0
            }
            return out
        }
    }

    /// Writes `cases.csv`: id, name, every override key path, status,
    /// message, objective, every figure of results.json, seconds.
    public func exportCSV() throws {
        let (keyPaths, rows) = try db.read { db -> ([String], [Row]) in
            let text = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'key_paths'") ?? "[]"
            let paths = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String] ?? []
            return (paths, try Row.fetchAll(db, sql: """
                SELECT idx, name, overrides, status, message, objective, figures, seconds FROM cases ORDER BY idx
                """))
        }
        let file = databasePath
        let (figureKeys, figures) = Self.figureColumns(try rows.map { row throws(StoredValueError) in
            try row.text("figures", file)
        })
        var out = (["id", "name"] + keyPaths + ["status", "message", "objective"] + figureKeys + ["seconds"])
            .map(CSVWriter.cell).joined(separator: ",") + "\n"
        for (row, values) in zip(rows, figures) {
            let overrides = Dictionary(Self.decodePairs(try row.text("overrides", file)), uniquingKeysWith: { a, _ in a })
            var cells: [String] = [String(try row.integer("idx", file) ?? 0), try row.text("name", file)]
            cells += keyPaths.map { overrides[$0] ?? "" }
            cells += [try row.text("status", file), try row.text("message", file)]
            cells.append(try row.number("objective", file).map { "\($0)" } ?? "")
            for (k, cell) in cells.enumerated() {
                if k > 0 { out += "," }
                out += CSVWriter.cell(cell)
            }
            // Figures are copied as stored when they read as a finite number
            // (a Double's shortest text, never quoted); anything else is null.
            for v in values {
                out += ","
                if let d = Double(v), d.isFinite { out += v }
            }
            out += ","
            out += "\(try row.number("seconds", file) ?? 0)"
            out += "\n"
        }
        try AtomicFile.write(out, to: directory + "/cases.csv")
    }

    /// The figure columns of rows stored as `key<TAB>value` lines: every key
    /// in first-seen order, and each row's values in that order (empty where
    /// a row lacks the key). Rows usually list the same keys in the same
    /// order, which is matched by position before looking a key up.
    static func figureColumns(_ texts: [String]) -> (keys: [String], values: [[Substring]]) {
        var keys: [String] = []
        var index: [String: Int] = [:]
        var pairs: [[(Int, Substring)]] = []
        for text in texts {
            var row: [(Int, Substring)] = []
            for (p, line) in text.utf8.split(separator: 10).enumerated() {
                guard let tab = line.firstIndex(of: 9) else { continue }
                let key = Substring(line[..<tab]), value = Substring(line[line.index(after: tab)...])
                let k: Int
                if p < keys.count, keys[p] == key { k = p } else if let i = index[String(key)] { k = i } else {
                    k = keys.count
                    keys.append(String(key))
                    index[String(key)] = k
                }
                row.append((k, value))
            }
            pairs.append(row)
        }
        let values = pairs.map { row in
            var v = [Substring](repeating: "", count: keys.count)
            for (k, value) in row { v[k] = value }
            return v
        }
        return (keys, values)
    }

    /// Copies every case of the shard stores in `sources` into this store,
    /// refusing stores of different studies.
    public func merge(_ sources: [String]) throws {
        var identity: String?
        for dir in sources {
            let path = dir + "/study.sqlite"
            guard FileManager.default.fileExists(atPath: path) else { throw StudyError("\(dir): no study.sqlite") }
            let other = try DatabaseQueue(path: path)
            let (id, paths, study) = try other.read { db in
                (try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'identity'") ?? "",
                 try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'key_paths'") ?? "[]",
                 try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'study'") ?? "")
            }
            if let identity, identity != id {
                throw StudyError("\(dir) is a shard of another study (\(id), not \(identity)); refusing to merge")
            }
            identity = id
            let keyPaths = (try? JSONSerialization.jsonObject(with: Data(paths.utf8))) as? [String] ?? []
            try bind(identity: id, keyPaths: keyPaths, source: study)
            let rows = try other.read { try Row.fetchAll($0, sql: "SELECT * FROM cases") }
            for row in rows { try Self.check(row, file: path) }
            try db.write { db in
                for row in rows {
                    try db.execute(sql: "INSERT OR IGNORE INTO cases VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                   arguments: StatementArguments(Array(row.databaseValues)))
                }
            }
        }
    }
}
