// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import MicrogridKit
import Results

/// What a sweep did.
public struct SweepSummary: Sendable {
    public var total: Int
    public var skipped: Int
    public var ran: Int
    public var failed: Int
    public var interrupted: Bool
    public var seconds: Double
}

extension Study {
    /// Runs the study (or its shard) into `directory`: skips cases already
    /// recorded there, records each outcome as it arrives, writes cases.csv
    /// at the end (also after an interruption) and, with `keepSchedules`,
    /// `schedules/<case>.csv`.
    public func sweep(into directory: String, options: SweepOptions, stop: StopFlag = StopFlag(),
                      progress: Bool = true) throws -> SweepSummary {
        // Read on a thread of its own while the lock is taken and the store set up.
        let baseReading = BaseReading(base, reuse: options.reuseBase)
        // One sweep per folder: a second one is told so before it touches the store.
        try AtomicFile.makeDirectory(directory)
        let lock = try JobLock(path: directory + "/study.sqlite.lock")
        defer { lock.release() }
        // A folder without a store has nothing to resume: its cases start at
        // once, and the store is made while they run, before recording any.
        var store = StudyStore.exists(in: directory) ? try openStore(directory) : nil
        let started = Date()
        // cases.csv's rows: those recorded before, then each new one as it is recorded.
        var table = CasesTable(keyPaths: store?.keyPaths ?? keyPaths)
        for c in try store?.recordedCases() ?? [] { table.add(c) }
        let mine = cases.filter { options.shard?.contains($0) ?? true }
        let todo = mine.filter { !table.contains($0.key) }
        if options.keepSchedules { try AtomicFile.makeSubdirectory(directory + "/schedules") }
        let reporter = progress ? ProgressReporter(total: todo.count) : nil
        var summary = SweepSummary(total: mine.count, skipped: mine.count - todo.count, ran: 0, failed: 0,
                                   interrupted: false, seconds: 0)
        try SweepEngine.run(self, base: baseReading, cases: todo, options: options, stop: stop) { batch, last in
            let rows = batch.map(\.stored)
            let recorder = try store ?? openStore(directory)
            store = recorder
            // The last batch leaves the log to the checkpoint that closing the store runs.
            try recorder.insert(rows, checkpointing: !last)
            // Tests kill the sweep here (MICROGRID_FAULT_AFTER_WRITES), with cases recorded and more in flight.
            AtomicFile.faultPoint()
            for row in rows { table.add(row) }
            for o in batch {
                if let csv = o.scheduleCSV { try AtomicFile.write(csv, to: directory + "/schedules/\(o.studyCase.fileName).csv") }
            }
            let failures = batch.filter { !$0.succeeded }.count
            summary.ran += batch.count
            summary.failed += failures
            reporter?.advance(done: batch.count, failed: failures)
        }
        reporter?.finish()
        summary.interrupted = stop.isStopped || summary.ran < todo.count
        // The store's last checkpoint runs while cases.csv is written.
        try (store ?? openStore(directory)).close { try AtomicFile.write(table.csv(), to: directory + "/cases.csv") }
        summary.failed = table.statusCounts.filter { $0.key != CaseStatus.optimal.rawValue }.reduce(0) { $0 + $1.value }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// The store in `directory`, bound to this study.
    private func openStore(_ directory: String) throws -> StudyStore {
        let store = try StudyStore(directory: directory)
        try store.bind(to: self)
        return store
    }
}
