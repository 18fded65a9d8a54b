// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Dispatch
import Foundation
import LP
import MicrogridKit
import Results
import Scenario
import Study

/// Sets `stop` on Ctrl-C (SIGINT) or SIGTERM so running studies end cleanly.
func installStopHandler(_ stop: StopFlag) -> [DispatchSourceSignal] {
    [SIGINT, SIGTERM].map { sig in
        signal(sig, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
        source.setEventHandler {
            stop.stop()
            FileHandle.standardError.write(Data("\nstopping: finishing the cases in flight…\n".utf8))
        }
        source.resume()
        return source
    }
}

struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run every case of a study file on all cores; write cases.csv and study.sqlite.",
        discussion: "Re-running into the same --out resumes: cases already recorded are skipped. Exit 9 when some cases failed, 130 when interrupted.")

    @Argument(help: "The study YAML file (base: + vary: | cases: | cases_csv:).")
    var study: String

    @Option(help: "Output directory.")
    var out: String

    @Option(help: "Worker threads (default: all cores).")
    var jobs: Int?

    @Option(help: "Run the i-th of N slices of the study (0 <= i < N), e.g. 3/8.")
    var shard: String?

    @Flag(help: "Keep each case's schedule.csv under OUT/schedules/.")
    var schedules = false

    @Option(help: "LP method: auto, simplex or interior.")
    var method: SolveMethod = .auto

    @Flag(help: "Solve every case from scratch (no warm start).")
    var cold = false

    func run() throws {
        let loaded: Study
        do { loaded = try Study.load(path: study) } catch {
            printError(error.description)
            throw ExitCode(.invalidInput)
        }
        var options = SweepOptions()
        if let jobs { options.jobs = max(1, jobs) }
        options.method = method
        options.warm = !cold
        options.keepSchedules = schedules
        if let shard { options.shard = Shard(shard) }
        let stop = StopFlag()
        let handlers = installStopHandler(stop)
        defer { handlers.forEach { $0.cancel() } }
        let summary: SweepSummary
        do { summary = try loaded.sweep(into: out, options: options, stop: stop) } catch {
            let failure = studyFailure(error, directory: out)
            printError(failure.message)
            throw ExitCode(failure.status)
        }
        print(String(format: "%d cases (%d already done, %d run) in %.2f s; %d failed; %@/cases.csv, %@/study.sqlite",
                     summary.total, summary.skipped, summary.ran, summary.seconds, summary.failed, out, out))
        if summary.interrupted { throw ExitCode(.interrupted) }
        if summary.failed > 0 { throw ExitCode(.someCasesFailed) }
    }

    func validate() throws {
        if let shard, Shard(shard) == nil { throw ValidationError("--shard \(shard): expected i/N with 0 <= i < N") }
    }
}

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Combine the outputs of shards of one study into one cases.csv and study.sqlite.")

    @Option(help: "Output directory for the merged study.")
    var out: String

    @Argument(help: "Shard output directories.")
    var shards: [String]

    func run() throws {
        do {
            let store = try StudyStore(directory: out)
            try store.merge(shards)
            try store.exportCSV()
            let counts = try store.statusCounts()
            print("merged \(shards.count) shards: \(counts.values.reduce(0, +)) cases into \(out)/cases.csv, \(out)/study.sqlite")
        } catch {
            let failure = studyFailure(error, directory: out)
            printError(failure.message)
            throw ExitCode(failure.status)
        }
    }
}

struct Pareto: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Trace the cost-carbon Pareto front of a scenario; write front.csv (and the points' study).")

    @Argument(help: "The scenario YAML file.")
    var scenario: String

    @Option(help: "Number of points, both ends included.")
    var points: Int = 10

    @Option(help: "Output directory.")
    var out: String

    @Option(help: "Worker threads (default: all cores).")
    var jobs: Int?

    func run() throws {
        var options = SweepOptions()
        if let jobs { options.jobs = max(1, jobs) }
        let stop = StopFlag()
        let handlers = installStopHandler(stop)
        defer { handlers.forEach { $0.cancel() } }
        let front: ParetoFront
        do {
            front = try ParetoFront.compute(scenarioPath: scenario, points: points, directory: out, options: options, stop: stop)
            try AtomicFile.write(front.csv(), to: out + "/front.csv")
        } catch let e as ParetoEndFailed {
            printError(e.description)
            throw ExitCode(.solverFailed)
        } catch {
            if stop.isStopped { throw ExitCode(.interrupted) }
            let failure = studyFailure(error, directory: out)
            printError(failure.message)
            throw ExitCode(failure.status)
        }
        for w in front.warnings { printError("warning: \(w)") }
        print("emissions_t      cost          MAC (per t)   renewable share")
        for p in front.points {
            print(String(format: "%12.3f  %14.2f  %12@  %@", p.emissionsTonnes, p.objective,
                         p.marginalAbatementCostPerTonne.map { String(format: "%.1f", $0) } ?? "-",
                         p.renewableShareElectricity.map { String(format: "%.1f %%", $0 * 100) } ?? "n/a"))
        }
        print("written \(out)/front.csv")
    }

    func validate() throws {
        if points < 2 { throw ValidationError("--points \(points): a front needs at least 2 points (its two ends)") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs \(jobs): expected at least 1") }
    }
}
