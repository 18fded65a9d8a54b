// SPDX-License-Identifier: GPL-3.0-or-later
import Dispatch
import Formulation
import Foundation
import GLPK
import LP
import Results
import Scenario

/// What a `microgrid dayahead` run is asked to do.
public struct DayAheadOptions: Sendable {
    public var scenarioPath: String
    /// `YYYY-MM-DD`: the day to schedule, from 00:00 wall-clock time.
    public var date: String
    public var statePath: String
    public var outDirectory: String
    /// Hours optimised after the day but not committed.
    public var lookaheadHours: Double

    public init(scenarioPath: String, date: String, statePath: String, outDirectory: String,
                lookaheadHours: Double = 24) {
        self.scenarioPath = scenarioPath; self.date = date; self.statePath = statePath
        self.outDirectory = outDirectory; self.lookaheadHours = lookaheadHours
    }
}

/// The outcome of one day-ahead run.
public struct DayAheadOutcome: Sendable {
    public var status: ExitStatus
    public var date: String
    /// The committed day's objective (results.json `objective`); nil unless optimal.
    public var objective: Double?
    public var seconds: Double
    public var results: DispatchResults?
    /// Files written, in order (schedule.csv, results.json, the state).
    public var written: [String] = []

    public var exitCode: Int32 { status.rawValue }

    /// The run's one-line JSON log record: date, status, objective, seconds
    /// (and the exit code).
    public var logLine: String {
        Self.logLine(date: date, status: status, objective: objective, seconds: seconds)
    }

    public static func logLine(date: String, status: ExitStatus, objective: Double?, seconds: Double) -> String {
        let obj = objective.flatMap { $0.isFinite ? "\($0)" : nil } ?? "null"
        let secs = seconds.isFinite ? "\((seconds * 1000).rounded() / 1000)" : "null"
        return "{\"date\":\(jsonString(date)),\"status\":\"\(status.logWord)\",\"objective\":\(obj),"
            + "\"seconds\":\(secs),\"exit_code\":\(status.rawValue)}"
    }

    static func jsonString(_ s: String) -> String { JSONValue.string(s).serialized() }
}

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
        let result: WindowResult
        let solver = WindowSolver(warmStart: false)
        do {
            result = try solver.solve(full, range: window.range, commit: window.daySteps, from: start)
        } catch {
            note("solver error: \(error)")
            return .solverFailed
        }
        let committed: Schedule, windowObjective: Double, end: CarriedState
        switch result {
        case let .optimal(c, objective, next, _):
            committed = c; windowObjective = objective; end = next
        case .notOptimal(let why):
            note("\(full.name) \(date): \(runStatusMessage(why)); nothing written")
            return why.exitStatus
        }
        let dayRange = window.range.lowerBound..<(window.range.lowerBound + window.daySteps)
        let day = start.windowScenario(of: full, range: dayRange)
        let info = SolverInfo(name: "GLPK", version: glpkVersion, method: "simplex", iterations: solver.iterations,
                              buildSeconds: solver.buildSeconds, solveSeconds: solver.glpkSeconds,
                              variables: solver.columns, constraints: solver.rows)
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

    /// A reason to stop before solving, with its status.
    struct Problem: Error {
        var status: ExitStatus
        var message: String
    }

    /// The carried state the date starts from: the state file's `end` (the
    /// previous day's), its `start` when re-running the date it last
    /// committed, or the scenario's own levels when there is no state file.
    static func startingState(_ o: DayAheadOptions, date: CivilDate, full: Scenario,
                              note: (String) -> Void) -> Result<CarriedState, Problem> {
        let initial = CarriedState(initialOf: full)
        let storages = full.assets.compactMap(\.storage)
        guard FileManager.default.fileExists(atPath: o.statePath) else {
            let levels = storages.map { "\($0.name) \(format(initial.levelsKWh[$0.name] ?? 0)) kWh" }
            note("no state file at \(o.statePath): starting from the scenario's levels"
                 + (levels.isEmpty ? "" : " (\(levels.joined(separator: ", ")))")
                 + " and its demand_peak_so_far_kw; the state file will be created")
            return .success(initial)
        }
        let state: DayAheadState
        do { state = try DayAheadState(path: o.statePath) } catch {
            return .failure(Problem(status: .invalidInput, message: error.description))
        }
        guard state.scenario == full.name else {
            return .failure(Problem(status: .invalidInput, message:
                "state file \(o.statePath) belongs to scenario \"\(state.scenario)\", not \"\(full.name)\": use another --state"))
        }
        guard let last = CivilDate(state.date) else {
            return .failure(Problem(status: .invalidInput, message: "state file \(o.statePath): unreadable date"))
        }
        var carried: CarriedState
        let gap = date.dayNumber - last.dayNumber
        if gap == 0 {
            note("re-running \(date): starting from the state that \(date) started from (\(o.statePath) start)")
            carried = state.carried(state.start)
        } else if gap == 1 {
            carried = state.carried(state.end)
        } else if gap > 1 {
            note("warning: \(o.statePath) ends on \(state.date), \(gap - 1) day\(gap == 2 ? "" : "s") before \(date):"
                 + " carrying its storage levels across the gap (not flexible loads' progress: the gap's draw is unknown)")
            carried = state.carried(state.end)
            carried.flexible = [:]
        } else {
            return .failure(Problem(status: .invalidInput, message:
                "state file \(o.statePath) has already committed \(state.date), after \(date): running an earlier"
                + " date would move the state backwards; use another --state (or remove it to start afresh)"))
        }
        for s in storages where carried.levelsKWh[s.name] == nil {
            note("warning: \(o.statePath) has no level for storage \(s.name): starting it from the scenario's soc_initial")
            carried.levelsKWh[s.name] = initial.levelsKWh[s.name]
        }
        for s in storages where carried.seriesStartKWh[s.name] == nil {
            carried.seriesStartKWh[s.name] = initial.seriesStartKWh[s.name]
        }
        let known = Set(storages.map(\.name))
        let extra = carried.levelsKWh.keys.filter { !known.contains($0) }.sorted()
        if !extra.isEmpty {
            note("warning: \(o.statePath) has levels for \(extra.joined(separator: ", ")), not storages of \(full.name): ignored")
            for name in extra { carried.levelsKWh[name] = nil; carried.seriesStartKWh[name] = nil }
        }
        for name in Array(carried.seriesStartKWh.keys) where !known.contains(name) { carried.seriesStartKWh[name] = nil }
        return carried.checkedLevels(of: storages, statePath: o.statePath, note: note)
            .mapError { Problem(status: .invalidInput, message: $0.description) }
    }

    static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(format: "%.1f", v)
    }
}

/// The rows of a scenario that a day-ahead run optimises.
struct DayWindow {
    /// Steps of the scenario: the day, then the lookahead.
    var range: Range<Int>
    var daySteps: Int
    var firstLabel: String
    var lastDayLabel: String

    /// Finds the day's first row (the date at 00:00) and checks that the
    /// day and the lookahead are all there, one step apart each.
    static func locate(date: CivilDate, lookaheadHours: Double, in s: Scenario,
                       path: String) -> Result<DayWindow, DayAheadJob.Problem> {
        func fail(_ status: ExitStatus, _ text: String) -> Result<DayWindow, DayAheadJob.Problem> {
            .failure(DayAheadJob.Problem(status: status, message: text))
        }
        guard let ts = s.timestamps, !ts.isEmpty else {
            return fail(.invalidInput, "\(path): dayahead needs a time series with a timestamp column to find dates in")
        }
        let perDay = 24 / s.stepHours
        guard perDay >= 1, abs(perDay - perDay.rounded()) < 1e-9 else {
            return fail(.invalidInput, "\(path): horizon.step_hours \(s.stepHours) does not divide a day of 24 hours")
        }
        let daySteps = Int(perDay.rounded())
        let look = lookaheadHours / s.stepHours
        guard abs(look - look.rounded()) < 1e-9 else {
            return fail(.badCommandLine, "--lookahead-hours \(lookaheadHours) is not a whole number of \(s.stepHours)-hour steps")
        }
        let windowSteps = daySteps + Int(look.rounded())
        guard let first = ts.firstIndex(where: { CivilDate(dateOf: $0) == date }) else {
            let span = "\(ts.first ?? "?") to \(ts.last ?? "?")"
            return fail(.forecastMissing, "\(path): no row of the time series falls on \(date) (its rows run from \(span))")
        }
        let midnight = Double(date.dayNumber) * 1440
        guard let m0 = wallClockMinutes(ts[first]) else {
            return fail(.invalidInput, "\(path): timestamp \"\(ts[first])\" is not an ISO 8601 date-time")
        }
        guard abs(m0 - midnight) < 1e-6 else {
            return fail(.forecastMissing, "\(path): the first row of \(date) is \(ts[first]); the rows from \(date)T00:00 are missing")
        }
        let available = ts.count - first
        guard available >= windowSteps else {
            return fail(.forecastMissing, "\(path): the window of \(date) needs \(windowSteps) rows from \(ts[first])"
                        + " (24 h + \(DayAheadJob.format(lookaheadHours)) h of lookahead); the scenario's horizon has \(available)"
                        + " from there, through \(ts.last ?? "?") (add the forecasts to the time series, drop or extend"
                        + " horizon.steps, or lower --lookahead-hours)")
        }
        let stepMinutes = s.stepHours * 60
        var previous = m0
        for k in (first + 1)..<(first + windowSteps) {
            guard let m = wallClockMinutes(ts[k]) else {
                return fail(.invalidInput, "\(path): timestamp \"\(ts[k])\" is not an ISO 8601 date-time")
            }
            guard abs(m - previous - stepMinutes) < 1e-6 else {
                return fail(.forecastMissing, "\(path): rows missing in the window of \(date): \(ts[k - 1]) is followed by"
                            + " \(ts[k]), expected steps of \(DayAheadJob.format(stepMinutes)) minutes")
            }
            previous = m
        }
        return .success(DayWindow(range: first..<(first + windowSteps), daySteps: daySteps,
                                  firstLabel: ts[first], lastDayLabel: ts[first + daySteps - 1]))
    }
}
