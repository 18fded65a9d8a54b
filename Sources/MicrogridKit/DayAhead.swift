// SPDX-License-Identifier: GPL-3.0-or-later
import Dispatch
import Formulation
import Foundation
import GLPK
import LP
import Results
import Scenario

/// The nightly day-ahead job (`microgrid dayahead`).
///
/// Optimises the date's 24 hours from 00:00 (wall clock, as the timestamp
/// column writes it) plus a lookahead, with the scenario's series as the
/// forecasts; commits the day only. Storage levels and the month-to-date
/// peak import come from the state file (or the scenario when there is
/// none); the end of the lookahead keeps the scenario's end conditions,
/// measured against the scenario's own levels. Writes
/// `OUT/<date>/schedule.csv`, `OUT/<date>/results.json` and, last, the
/// state, each through a temporary file and a rename, under a lock beside
/// the state file. A run that does not reach the writes changes nothing.
public enum DayAheadJob {
    /// Runs the job; `note` receives the lines meant for standard error
    /// (warnings and the reason of a failure), as they arise.
    public static func run(_ o: DayAheadOptions, note: (String) -> Void) -> DayAheadOutcome {
        let started = DispatchTime.now().uptimeNanoseconds
        var outcome = DayAheadOutcome(status: .internalError, date: o.date, objective: nil, seconds: 0)
        outcome.status = body(o, &outcome, note)
        outcome.seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return outcome
    }

    private static func body(_ o: DayAheadOptions, _ outcome: inout DayAheadOutcome,
                             _ note: (String) -> Void) -> ExitStatus {
        guard let date = CivilDate(o.date) else {
            note("--date \"\(o.date)\": expected a calendar date YYYY-MM-DD")
            return .badCommandLine
        }
        guard o.lookaheadHours.isFinite, o.lookaheadHours >= 0, o.lookaheadHours <= 8784 else {
            note("--lookahead-hours \(o.lookaheadHours): expected a number of hours from 0 to 8784")
            return .badCommandLine
        }

        // The lock first: nothing is read or written by two runs at once.
        let stateDir = JobFiles.directory(of: o.statePath)
        do { try JobFiles.makeDirectory(stateDir) } catch {
            note(error.description)
            return .outputFailed
        }
        let lock: JobLock
        do { lock = try JobLock(path: o.statePath + ".lock") } catch {
            note(error.description)
            if case .held = error { return .lockHeld }
            return .outputFailed
        }
        defer { lock.release() }
        if let taken = lock.takenOver { note(taken) }

        // The scenario and the window.
        let full: Scenario
        // Only the window is solved: DayWindow checks its rows run one step apart.
        do { full = try ScenarioLoader.load(path: o.scenarioPath, evenSteps: false) } catch {
            note(error.description)
            return .invalidInput
        }
        if let refusal = RollingError.refusal(for: full) {
            note("\(o.scenarioPath): \(refusal.description)")
            return .invalidInput
        }
        let window: DayWindow
        switch DayWindow.locate(date: date, lookaheadHours: o.lookaheadHours, in: full, path: o.scenarioPath) {
        case .success(let w): window = w
        case .failure(let problem):
            note(problem.message)
            return problem.status
        }

        // Where the day starts from.
        let start: CarriedState
        switch startingState(o, date: date, full: full, note: note) {
        case .success(let s): start = s
        case .failure(let problem):
            note(problem.message)
            return problem.status
        }

        // Solve the window, commit the day.
        let solved: WindowSolve
        let pool = ProblemPool(options: SolveOptions(method: .simplex), warm: false)
        do {
            solved = try WindowSolve(full, range: window.range, commit: window.daySteps, from: start, pool: pool)
        } catch {
            note("solver error: \(error)")
            return .solverFailed
        }
        let committed: Schedule, windowObjective: Double, end: CarriedState
        switch solved.result {
        case let .optimal(c, objective, next):
            committed = c; windowObjective = objective; end = next
        case .notOptimal(let why):
            note("\(full.name) \(date): \(runStatusMessage(why)); nothing written")
            return why.exitStatus
        }
        let dayRange = window.range.lowerBound..<(window.range.lowerBound + window.daySteps)
        let day = start.windowScenario(of: full, range: dayRange)
        let info = SolverInfo(name: "GLPK", version: glpkVersion, method: "simplex", iterations: pool.iterations,
                              buildSeconds: solved.buildSeconds, solveSeconds: pool.glpkSeconds,
                              variables: solved.columns, constraints: solved.rows)
        let results = DispatchResults(scenario: day, schedule: committed, solver: info, solverObjective: nil)
        outcome.results = results
        outcome.objective = results.objective
        let csv = committed.csv()
        let json = resultsJSON(results, date: date, lookaheadHours: o.lookaheadHours, window: window,
                               windowObjective: windowObjective, start: start, end: end, storages: full,
                               scheduleCSV: csv)
        let state = DayAheadState(scenario: full.name, date: date, start: start, end: end)

        // Write: the day's schedule, its results, then the state.
        let dayDir = o.outDirectory + "/" + date.description
        let stateName = PathText.lastComponent(o.statePath)
        do {
            try AtomicFile.makeSubdirectory(dayDir)
            JobFiles.removeStaleTemporaries(in: dayDir, for: ["schedule.csv", "results.json"])
            JobFiles.removeStaleTemporaries(in: stateDir, for: [stateName])
            try JobFiles.write(csv, to: dayDir + "/schedule.csv")
            outcome.written.append(dayDir + "/schedule.csv")
            try JobFiles.write(json.serialized() + "\n", to: dayDir + "/results.json")
            outcome.written.append(dayDir + "/results.json")
            try JobFiles.write(state.text, to: o.statePath)
            outcome.written.append(o.statePath)
        } catch {
            note(error.description + (outcome.written.isEmpty ? "" : " (written before the failure: \(outcome.written.joined(separator: ", ")); the state was not advanced)"))
            return .outputFailed
        }
        JobFiles.faultPoint()
        return .success
    }

    /// results.json of the committed day: the day's figures (demand charge:
    /// the increase of the month's peak over the month-to-date peak), no
    /// timing fields (a re-run gives the same bytes), and a `dayahead` object
    /// (with the FNV-1a hash of the schedule.csv written beside it, so that a
    /// reader can check that the two files come from the same run).
    static func resultsJSON(_ r: DispatchResults, date: CivilDate, lookaheadHours: Double, window: DayWindow,
                            windowObjective: Double, start: CarriedState, end: CarriedState,
                            storages full: Scenario, scheduleCSV: String) -> JSONValue {
        let names = full.assets.compactMap { $0.storage?.name }
        func levels(_ c: CarriedState) -> JSONValue {
            .object(names.map { ($0, .num(c.levelsKWh[$0])) })
        }
        let base = start.peakSoFar(in: full, atStep: window.range.lowerBound)
        return r.json
            .removing("build_seconds", in: "solver")
            .removing("solve_seconds", in: "solver")
            .appending("dayahead", .object([
                ("date", .string(date.description)),
                ("first_step", .string(window.firstLabel)), ("last_step", .string(window.lastDayLabel)),
                ("lookahead_hours", .num(lookaheadHours)),
                ("window_steps", .int(window.range.count)),
                ("window_objective", .num(windowObjective)),
                ("storage_start_kwh", levels(start)), ("storage_end_kwh", levels(end)),
                ("month", end.month.map { .string($0) } ?? .null),
                ("month_peak_import_before_kw", .num(base)),
                ("month_peak_import_after_kw", .num(end.monthPeakKW)),
                ("schedule_csv_fnv1a64", .string(FNV1a.hex(scheduleCSV))),
            ]))
    }
}
