// SPDX-License-Identifier: GPL-3.0-or-later
import Dispatch
import Foundation
import GLPK
import LP
import MicrogridKit
import Results
import Scenario

/// How a sweep runs.
public struct SweepOptions: Sendable {
    /// Worker threads (default: every core).
    public var jobs = max(1, ProcessInfo.processInfo.activeProcessorCount)
    public var method: SolveMethod = .auto
    /// Re-solve from the previous case's basis when only data changed.
    public var warm = true
    /// Load the base once and re-read only what a case's numeric overrides
    /// change (false: load every case's scenario in full, as before).
    public var reuseBase = true
    /// Keep each case's schedule.csv.
    public var keepSchedules = false
    /// Run only the cases with `index % count == shard` (0-based shard).
    public var shard: Shard?
    /// Stop after this many new cases (an interruption, for tests).
    public var maxCases: Int?
    public init() {}
}

/// `--shard i/N`: the `i`-th (0-based) of `N` deterministic slices of a study.
public struct Shard: Sendable, Equatable {
    public let index: Int
    public let count: Int
    /// Parses `i/N` with `0 <= i < N`.
    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 0, i < n else { return nil }
        index = i; count = n
    }
    public func contains(_ c: StudyCase) -> Bool { c.index % count == index }
}

/// How one case of a study ended, as cases.csv and study.sqlite spell it.
public enum CaseStatus: String, Sendable, CaseIterable {
    case optimal, infeasible, unbounded
    /// An override made the scenario invalid.
    case invalid
    /// The solver stopped without a verdict, or raised an error.
    case failed
}

/// What one case gave.
public struct CaseOutcome: Sendable {
    public let studyCase: StudyCase
    public let status: CaseStatus
    public let scheduleCSV: String?
    /// The row study.sqlite records, encoded on the worker that solved the case.
    let stored: StoredCase
    public var succeeded: Bool { status == .optimal }
    public var message: String { stored.message }
    public var objective: Double? { stored.objective }
    public var resultsJSON: String? { stored.resultsJSON }
    public var seconds: Double { stored.seconds }
    /// results.json flattened to dotted keys (cost.total, kpis.renewable_fraction, ...).
    public var figures: [(key: String, value: Double?)] {
        StoredCase.decodePairs(stored.figures.stored).map { ($0.0, $0.1.isEmpty ? nil : Double($0.1)) }
    }

    /// An outcome and its stored row, whose cases.csv cells are made for `keyPaths`.
    init(_ c: StudyCase, status: CaseStatus, message: String, objective: Double?, figures: EncodedFigures,
         resultsJSON: String?, scheduleCSV: String?, seconds: Double, keyPaths: [String]) {
        studyCase = c
        self.status = status
        self.scheduleCSV = scheduleCSV
        var stored = StoredCase(c, status: status, message: message, objective: objective, figures: figures,
                                resultsJSON: resultsJSON, seconds: seconds)
        stored.csvHead = (keyPaths, stored.makeCSVHead(keyPaths: keyPaths, of: c))
        self.stored = stored
    }
}

/// A flag that Ctrl-C sets and the workers read.
public final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var set = false
    public init() {}
    public func stop() { lock.lock(); set = true; lock.unlock() }
    public var isStopped: Bool { lock.lock(); defer { lock.unlock() }; return set }
}

/// Cases handed to workers and outcomes handed back, under one condition variable.
///
/// Each worker takes runs of consecutive cases, so that the case it solves
/// next is mostly the study's next one: the closest to warm-start from (a
/// study varies its last key fastest). A worker with nothing left takes the
/// last case of the run with most left.
private final class WorkQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private let cases: [StudyCase]
    /// Start of the cases not yet in any run.
    private var next = 0
    /// The positions of the cases each worker still has to take from its run.
    private var runs: [Range<Int>]
    private var outbox: [CaseOutcome] = []
    private var running: Int
    private let limit: Int
    static let runLength = 8

    init(_ cases: [StudyCase], workers: Int, limit: Int?) {
        self.cases = cases
        running = workers
        runs = Array(repeating: 0..<0, count: workers)
        self.limit = min(cases.count, limit ?? cases.count)
    }

    /// The next case for worker `w` (0-based), or nil when none is left.
    func take(_ w: Int) -> StudyCase? {
        condition.lock(); defer { condition.unlock() }
        guard w < runs.count else { return nil }
        if runs[w].isEmpty, next < limit {
            runs[w] = next..<min(next + Self.runLength, limit)
            next = runs[w].upperBound
        }
        if let i = runs[w].first {
            runs[w] = (i + 1)..<runs[w].upperBound
            return cases[i]
        }
        guard let v = runs.indices.max(by: { runs[$0].count < runs[$1].count }), let i = runs[v].last else {
            return nil
        }
        runs[v] = runs[v].lowerBound..<i
        return cases[i]
    }

    /// Outcomes the writer takes at once (one SQLite transaction), unless
    /// the workers are done or a quarter second passed.
    static let batchSize = 64

    func deliver(_ o: CaseOutcome) {
        condition.lock()
        outbox.append(o)
        if outbox.count >= Self.batchSize { condition.signal() }
        condition.unlock()
    }

    func finished() {
        condition.lock(); running -= 1; condition.signal(); condition.unlock()
    }

    /// Waits for outcomes (or the end); returns them and whether all workers are done.
    func collect() -> ([CaseOutcome], Bool) {
        condition.lock(); defer { condition.unlock() }
        var deadline = Date(timeIntervalSinceNow: 0.25)
        while running > 0 && outbox.count < Self.batchSize {
            if !condition.wait(until: deadline) {
                if !outbox.isEmpty { break }
                deadline = Date(timeIntervalSinceNow: 0.25)
            }
        }
        let batch = outbox
        outbox.removeAll(keepingCapacity: true)
        return (batch, running == 0 && outbox.isEmpty)
    }
}

public enum SweepEngine {
    /// Runs `cases` on `options.jobs` threads, each a ``SweepWorker`` (which
    /// owns its GLPK problem for its whole life and warm-starts from the
    /// previous case it solved). `sink` receives the outcomes in batches on
    /// the calling thread, as they arrive.
    public static func run(_ study: Study, cases: [StudyCase], options: SweepOptions, stop: StopFlag,
                           sink: ([CaseOutcome]) throws -> Void) throws {
        try run(study, base: BaseReading(study.base, reuse: options.reuseBase), cases: cases, options: options,
                stop: stop) { batch, _ in try sink(batch) }
    }

    /// ``run(_:cases:options:stop:sink:)`` with the base being read by `base`
    /// (started by the caller, so that it overlaps the caller's own set-up);
    /// `sink` is also told which batch is the last.
    static func run(_ study: Study, base: BaseReading, cases: [StudyCase], options: SweepOptions, stop: StopFlag,
                    sink: (_ batch: [CaseOutcome], _ last: Bool) throws -> Void) throws {
        let jobs = max(1, min(options.jobs, cases.count))
        let queue = WorkQueue(cases, workers: jobs, limit: options.maxCases)
        let cache = base.cache
        for w in 0..<jobs {
            let thread = Thread {
                do {  // the worker and its GLPK problems end with this scope
                    let worker = SweepWorker(study: study, variants: base.variants, cache: cache, options: options)
                    while !stop.isStopped, let c = queue.take(w) {
                        queue.deliver(worker.evaluate(c))
                    }
                }
                GLPKThreadEnvironment.release()
                queue.finished()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        var sinkError: Error?
        while true {
            let (batch, done) = queue.collect()
            if !batch.isEmpty, sinkError == nil {
                do { try sink(batch, done) } catch { sinkError = error; stop.stop() }
            }
            if done { break }
        }
        if let sinkError { throw sinkError }
    }
}
