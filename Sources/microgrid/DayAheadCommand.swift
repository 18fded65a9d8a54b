// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import LP
import MicrogridKit
import Results
import Scenario

struct DayAhead: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dayahead",
        abstract: "Schedule one day (plus a lookahead) for a nightly job, carrying storage levels in a state file.",
        discussion: """
        Optimises DATE from 00:00 (wall clock, as the timestamp column writes it) for 24 h plus \
        --lookahead-hours, using the scenario's series as forecasts, and commits the day only: \
        writes OUT/DATE/schedule.csv and OUT/DATE/results.json, then the state file (storage \
        levels and month-to-date peak import at the end of the day). Every file is written to a \
        temporary name and renamed, the state last; a lock file beside the state (STATE.lock) \
        stops two runs on one state. \
        Re-running a date gives byte-identical outputs. One JSON log line per run on stderr.

        Exit codes: 0 optimal; 2 invalid scenario or state file; 3 infeasible; 4 unbounded; \
        5 solver failure; 6 outputs not written; 7 lock held by another run; 8 forecast rows \
        missing for the window; 1 internal error; 64 bad command line.
        """)

    @Argument(help: "The scenario YAML file (its time series holds the forecasts).")
    var scenario: String

    @Option(help: "The day to schedule, YYYY-MM-DD.")
    var date: String

    @Option(help: "The state file carried from night to night (created when missing).")
    var state: String

    @Option(help: "Output directory; the day's files go to OUT/DATE/.")
    var out: String

    @Option(name: .customLong("lookahead-hours"), help: "Hours optimised after the day but not committed.")
    var lookaheadHours: Double = 24

    @Flag(help: "Print nothing on stdout (the log line still goes to stderr).")
    var quiet = false

    func validate() throws {
        var problem: String?
        if CivilDate(date) == nil { problem = "--date \"\(date)\": expected a calendar date YYYY-MM-DD" }
        if !lookaheadHours.isFinite || lookaheadHours < 0 || lookaheadHours > 8784 {
            problem = "--lookahead-hours \(lookaheadHours): expected a number of hours from 0 to 8784"
        }
        if let problem {
            printError(DayAheadOutcome.logLine(date: date, status: .badCommandLine, objective: nil, seconds: 0))
            throw ValidationError(problem)
        }
    }

    func run() throws {
        let options = DayAheadOptions(scenarioPath: scenario, date: date, statePath: state, outDirectory: out,
                                      lookaheadHours: lookaheadHours)
        let outcome = DayAheadJob.run(options) { printError($0) }
        if outcome.status == .success, !quiet, let results = outcome.results {
            print(results.summary())
            print("  written          \(outcome.written.joined(separator: ", "))")
        }
        printError(outcome.logLine)
        if outcome.status != .success { throw ExitCode(outcome.status) }
    }
}

/// `microgrid solve --rolling WINDOW/COMMIT`: the horizon window by window.
func runRollingSolve(scenario path: String, out: String?, rolling: String, method: SolveMethod, quiet: Bool) throws {
    let plan: RollingPlan
    do { plan = try RollingPlan(rolling) } catch {
        printError(error.description)
        throw ExitCode(.badCommandLine)
    }
    guard method != .interior else {
        printError("--rolling solves every window with the simplex (warm-started from the previous window's basis);"
                   + " --method interior does not apply")
        throw ExitCode(.badCommandLine)
    }
    let loaded: Scenario
    do { loaded = try ScenarioLoader.load(path: path) } catch {
        printError(error.description)
        throw ExitCode(.invalidInput)
    }
    let dir = out ?? "out/\(loaded.name)"
    let run: RollingRun
    do {
        run = try RollingRun(scenario: loaded, plan: plan)
    } catch let error as RollingError {
        printError("\(path): \(error.description)")
        if case .badPlan = error { throw ExitCode(.badCommandLine) }
        throw ExitCode(.invalidInput)
    } catch {
        printError("solver error: \(error)")
        throw ExitCode(.solverFailed)
    }
    guard let results = run.results, let schedule = run.schedule, let json = run.json else {
        SolveRun.removeStaleResults(in: dir)
        printError("\(loaded.name): \(run.failureMessage ?? "not optimal"); no results written")
        throw ExitCode(run.exitStatus)
    }
    do {
        try AtomicFile.makeDirectory(dir)
        try AtomicFile.write(schedule.csv(), to: dir + "/schedule.csv")
        try AtomicFile.write(json.serialized() + "\n", to: dir + "/results.json")
    } catch {
        printError(error.description)
        throw ExitCode(.outputFailed)
    }
    if !quiet {
        print(results.summary())
        print("  rolling          \(run.windows) windows of \(RollingPlan.format(plan.windowHours)) h committing "
              + "\(RollingPlan.format(plan.commitHours)) h, \(run.warmStarts) warm-started; GLPK "
              + String(format: "%.3f s, build %.3f s, loop %.3f s", run.glpkSeconds, run.buildSeconds, run.seconds))
        print("  written          \(dir)/schedule.csv, \(dir)/results.json")
    }
}
