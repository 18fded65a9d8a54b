// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GRDB
import Results

/// A study's results on disk: `study.sqlite` (GRDB) holds every case's row
/// and results JSON as soon as it completes, so an interrupted study loses
/// only the cases in flight and resumes where it stopped; `cases.csv` is
/// written (atomically) at the end, from the same rows.
public final class StudyStore {
    public let directory: String
    private let db: DatabaseQueue
    /// The key paths of the study the store holds (its cases.csv columns),
    /// once ``bind(to:)`` has run.
    public private(set) var keyPaths: [String] = []

    /// `DIRECTORY/study.sqlite`, as messages name it.
    public var databasePath: String { directory + "/study.sqlite" }

    /// study.sqlite's name and those of the files SQLite keeps beside it.
    static let fileSuffixes = ["", "-wal", "-shm", "-journal"]

    /// Whether `directory` holds a store: study.sqlite or one of the files
    /// beside it, even as a link.
    static func exists(in directory: String) -> Bool {
        fileSuffixes.contains { suffix in
            var info = stat()
            return lstat(directory + "/study.sqlite" + suffix, &info) == 0 || errno != ENOENT
        }
    }

    public init(directory: String) throws {
        self.directory = directory
        try AtomicFile.makeDirectory(directory)
        // SQLite would follow a planted link and write into its target.
        for suffix in Self.fileSuffixes {
            var info = stat()
            let path = directory + "/study.sqlite" + suffix
            if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
                throw StudyError("\(path) is a symbolic link; refusing to follow it (remove it)")
            }
        }
        var config = Configuration()
        config.prepareDatabase { db in
            // The write-ahead log is flushed only when it is copied into
            // study.sqlite (a checkpoint, every 256 pages = 1 MB): a kill
            // loses nothing committed, a power cut at most the last commits,
            // and neither damages the file. Small checkpoints keep the last
            // one, which closing the store runs, short.
            try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 256")
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

    /// Binds the store to a study; ``keyPaths`` are then the store's own
    /// (those of the run that created it).
    func bind(identity: String, keyPaths: [String], source: String) throws {
        let stored = try db.write { db -> String in
            if let existing = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'identity'") {
                guard existing == identity else {
                    throw StudyError("\(directory) holds results of another study (\(existing), not \(identity)); use a new --out directory")
                }
                return try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'key_paths'") ?? "[]"
            }
            let paths = String(decoding: try JSONSerialization.data(withJSONObject: keyPaths), as: UTF8.self)
            try db.execute(sql: "INSERT INTO meta VALUES ('identity', ?), ('key_paths', ?), ('study', ?)",
                           arguments: [identity, paths, source])
            return paths
        }
        self.keyPaths = (try? JSONSerialization.jsonObject(with: Data(stored.utf8))) as? [String] ?? []
    }

    /// The cases already recorded (skipped on resume), without their results
    /// JSON; every row is checked first, so a mistyped store is refused
    /// before any case runs.
    func recordedCases() throws -> [StoredCase] {
        let rows = try db.read { try Row.fetchAll($0, sql: "SELECT * FROM cases") }
        let file = databasePath
        return try rows.map { row throws(StoredValueError) in
            try Self.check(row, file: file)
            return try StoredCase(row, file: file)
        }
    }

    /// Keys of the cases already recorded (to skip on resume), each row checked.
    public func recordedKeys() throws -> Set<String> {
        Set(try recordedCases().map(\.key))
    }

    /// Records outcomes in one transaction.
    public func insert(_ outcomes: [CaseOutcome]) throws {
        try insert(outcomes.map(\.stored))
    }

    /// Records rows in one transaction; without `checkpointing`, its commit
    /// does not copy the log into study.sqlite (for a store about to close,
    /// which does).
    func insert(_ cases: [StoredCase], checkpointing: Bool = true) throws {
        if !checkpointing { try db.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_autocheckpoint = 0") } }
        try db.write { db in
            let statement = try db.cachedStatement(sql: "INSERT OR REPLACE INTO cases VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            for c in cases { try statement.execute(arguments: c.arguments) }
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
            for (k, v) in StoredCase.decodePairs(try row.text("figures", file)) { if let d = Double(v) { figures[k] = d } }
            out[try row.text("name", file)] = (try row.caseStatus(file), try row.text("message", file),
                                               try row.number("objective", file), figures.isEmpty ? nil : figures)
        }
        return out
    }

    /// Closes the database (its last checkpoint copies the write-ahead log
    /// into study.sqlite) on another thread while `work` runs on this one;
    /// returns when both are done, throwing `work`'s error first.
    func close(during work: () throws -> Void) throws {
        let closed = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var closeError: Error?
        let db = self.db
        let thread = Thread {
            do { try db.close() } catch { closeError = error }
            closed.signal()
        }
        thread.start()
        let workError: Error?
        do { try work(); workError = nil } catch { workError = error }
        closed.wait()
        if let workError { throw workError }
        if let closeError { throw closeError }
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

    /// Writes `cases.csv` from the store: id, name, every override key
    /// path, status, message, objective, every figure of results.json, seconds.
    public func exportCSV() throws {
        var table = CasesTable(keyPaths: try db.read { db in
            let text = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'key_paths'") ?? "[]"
            return (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String] ?? []
        })
        let file = databasePath
        let rows = try db.read { db in
            try Row.fetchAll(db, sql: "SELECT case_key, idx, name, overrides, status, message, objective, figures, seconds FROM cases")
        }
        for row in rows { table.add(try StoredCase(row, file: file), replacing: false) }
        try AtomicFile.write(table.csv(), to: directory + "/cases.csv")
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
