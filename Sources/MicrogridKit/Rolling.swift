// SPDX-License-Identifier: GPL-3.0-or-later
import Dispatch
import Foundation
import Formulation
import GLPK
import LP
import Results
import Scenario

/// How one window of a rolling or day-ahead solve ended.
public enum WindowResult: Sendable {
    /// The first `commit` steps of the window's optimal schedule, the
    /// window LP's objective (lookahead included) and the state after the
    /// committed steps.
    case optimal(committed: Schedule, windowObjective: Double, next: CarriedState, iterations: Int)
    case notOptimal(RunStatus)
}

/// Solves windows of one scenario one after another, reusing GLPK problems:
/// a window with the shape of an earlier one (same numbers of rows and
/// columns: only data changed) is loaded into that window's problem in place
/// and the dual simplex restarts from its optimal basis. The first window of
/// a shape is loaded and solved from scratch (primal simplex, presolve). A
/// rolling year has two shapes: the ordinary window, and a window spanning a
/// month boundary (one more month-peak column); keeping one problem per
/// shape lets the window after a boundary warm-start too.
///
/// Not `Sendable`: the GLPK problem belongs to the thread that created this
/// solver. Create it, use it and drop it in one synchronous stretch of code.
public final class WindowSolver {
    /// One GLPK problem per window shape (rows, columns): usually two, the
    /// ordinary window and the one spanning a month boundary, so that the
    /// window after a boundary still warm-starts from its predecessor's basis.
    private var problems: [Shape: GLPKProblem] = [:]
    private var cumulativeIterations: [Shape: Int] = [:]
    private struct Shape: Hashable { var rows: Int, columns: Int }
    /// false: every window is loaded and solved from scratch.
    public let warmStart: Bool
    public private(set) var windows = 0
    public private(set) var warmStarts = 0
    public private(set) var iterations = 0
    /// GLPK time and model-building time summed over the windows.
    public private(set) var glpkSeconds = 0.0
    public private(set) var buildSeconds = 0.0
    /// Size of the last window's LP.
    public private(set) var columns = 0
    public private(set) var rows = 0

    public init(warmStart: Bool = true) {
        self.warmStart = warmStart
    }

    /// Optimises steps `range` of `full` starting from `state` and commits
    /// the first `commit` of them (see ``CarriedState/windowScenario(of:range:)``
    /// for the end conditions and the demand-charge base). With
    /// `pinCyclicEnd`, a `cyclic` storage must end the window exactly at the
    /// level the series started from (for the window that ends the horizon,
    /// so that the whole schedule meets the scenario's own cyclic condition).
    public func solve(_ full: Scenario, range: Range<Int>, commit: Int, from state: CarriedState,
                      pinCyclicEnd: Bool = false) throws -> WindowResult {
        let started = DispatchTime.now().uptimeNanoseconds
        let ws = state.windowScenario(of: full, range: range)
        let model = DispatchModel(scenario: ws)
        var lp = model.lp
        if pinCyclicEnd {
            for a in full.assets {
                guard let s = a.storage, s.socFinal == .cyclic, s.energyKWh > 0,
                      let end = lp.rowBlock(named: "\(s.name).end") else { continue }
                let level = lp.rowLower[end.start]
                lp.setRowBounds(end.start, lower: level, upper: level)
            }
        }
        buildSeconds += Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        let shape = Shape(rows: lp.rowCount, columns: lp.columnCount)
        if problems[shape] == nil, problems.count >= 4 { problems.removeAll() }
        let problem = problems[shape] ?? GLPKProblem()
        problems[shape] = problem
        let updated: Bool
        if warmStart {
            updated = try problem.loadOrUpdate(lp)
        } else {
            try problem.load(lp)
            updated = false
        }
        let warm = updated && problem.hasOptimalBasis
        let solution = try problem.solve(method: .simplex, warmStart: warm)
        // GLPK counts iterations cumulatively until the problem is reloaded.
        let previous = updated ? cumulativeIterations[shape] ?? 0 : 0
        let windowIterations = max(0, solution.iterations - previous)
        cumulativeIterations[shape] = solution.iterations
        windows += 1
        if warm { warmStarts += 1 }
        glpkSeconds += solution.solveSeconds
        iterations += windowIterations
        columns = lp.columnCount
        rows = lp.rowCount
        switch solution.status {
        case .optimal:
            let schedule = model.schedule(from: solution)
            let n = min(max(commit, 0), schedule.steps)
            let committed = schedule.window(0..<n)
            let next = state.advanced(over: range.lowerBound..<(range.lowerBound + n), of: full, committed: committed)
            return .optimal(committed: committed, windowObjective: solution.objective, next: next,
                            iterations: windowIterations)
        case .infeasible:
            let families = model.diagnoseInfeasibility { lp in
                (try? GLPKSolver().solve(lp, options: SolveOptions(method: .simplex)).status) == .optimal
            }
            return .notOptimal(.infeasible(families ?? []))
        case .unbounded:
            return .notOptimal(.unbounded(SolveRun.unboundedCause(ws)))
        case .failed(let why):
            return .notOptimal(.solverFailed(why))
        }
    }
}

/// `WINDOW/COMMIT` in hours, e.g. `48/24`: optimise 48 hours, keep the first 24.
public struct RollingPlan: Sendable, Equatable, CustomStringConvertible {
    public var windowHours: Double
    public var commitHours: Double

    public init(windowHours: Double, commitHours: Double) throws(RollingError) {
        guard windowHours.isFinite, commitHours.isFinite, commitHours > 0, windowHours >= commitHours,
              windowHours <= 876_600 else {
            throw .badPlan("window \(windowHours) h and commit \(commitHours) h: expected 0 < COMMIT <= WINDOW (hours)")
        }
        self.windowHours = windowHours
        self.commitHours = commitHours
    }

    /// Parses `WINDOW/COMMIT`, e.g. `48/24`.
    public init(_ text: String) throws(RollingError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let w = Double(parts[0].trimmingCharacters(in: .whitespaces)),
              let c = Double(parts[1].trimmingCharacters(in: .whitespaces)) else {
            throw .badPlan("\"\(text)\": expected WINDOW/COMMIT in hours, e.g. 48/24")
        }
        try self.init(windowHours: w, commitHours: c)
    }

    /// Window and commit lengths in steps of `stepHours`.
    public func steps(stepHours: Double) throws(RollingError) -> (window: Int, commit: Int) {
        func count(_ hours: Double, _ what: String) throws(RollingError) -> Int {
            let n = hours / stepHours
            guard n.isFinite, n >= 1, abs(n - n.rounded()) < 1e-9 * max(1, n) else {
                throw .badPlan("\(what) of \(Self.format(hours)) h is not a whole number of \(Self.format(stepHours))-hour steps")
            }
            return Int(n.rounded())
        }
        return (try count(windowHours, "a window"), try count(commitHours, "a commit"))
    }

    public var description: String { "\(Self.format(windowHours))/\(Self.format(commitHours))" }

    /// Hours as written: `48`, `0.5`.
    public static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }
}

/// Why a rolling or day-ahead run cannot start.
public enum RollingError: Error, CustomStringConvertible, Equatable {
    /// A malformed `WINDOW/COMMIT` or lookahead (a command-line error).
    case badPlan(String)
    /// The scenario has whole-horizon constraints, which windows cannot honour.
    case wholeHorizonConstraints([String])
    /// A planning scenario (the key paths of its invest blocks).
    case planning([String])

    public var description: String {
        switch self {
        case .badPlan(let s): return "--rolling \(s)"
        case .wholeHorizonConstraints(let keys):
            return "\(keys.joined(separator: " and ")) \(keys.count > 1 ? "are whole-horizon constraints" : "is a whole-horizon constraint"):"
                + " a window cannot know how much of it the rest of the horizon will use, so rolling and day-ahead"
                + " runs refuse it. Remove it, or solve the whole horizon at once (microgrid solve without --rolling)"
        case .planning(let keys):
            return "\(keys.joined(separator: ", ")): a planning scenario sizes its capacities for the whole horizon at once;"
                + " a window cannot decide what to build, so rolling and day-ahead runs refuse it. Solve it whole"
                + " (microgrid solve without --rolling), then dispatch the built site (capacities from results.json)"
        }
    }

    /// The whole-horizon constraints a scenario has (empty: none).
    public static func wholeHorizonKeys(_ s: Scenario) -> [String] {
        var keys: [String] = []
        if s.maxEmissionsTonnes != nil { keys.append("constraints.max_emissions_t") }
        if s.minRenewableShareElectricity != nil { keys.append("constraints.min_renewable_share_electricity") }
        return keys
    }
}

/// A whole horizon solved window by window (`microgrid solve --rolling`):
/// windows of `plan.window` steps start every `plan.commit` steps; each
/// commits its first `commit` steps (the window that reaches the horizon's
/// end commits all of it), carrying storage levels and the month's peak
/// import to the next. The committed steps make one schedule of the whole
/// horizon, and the results are computed from it against the whole
/// scenario (demand charges from the true monthly peaks).
public struct RollingRun: Sendable {
    public let plan: RollingPlan
    public let status: RunStatus
    /// The whole-horizon schedule and its results; nil unless optimal.
    public let schedule: Schedule?
    public let results: DispatchResults?
    /// The window that was not optimal, e.g. "window 17 (steps 384..<432, from 2026-01-17T00:00:00+08:00)".
    public let failedWindow: String?
    public let windows: Int
    public let warmStarts: Int
    public let iterations: Int
    public let glpkSeconds: Double
    public let buildSeconds: Double
    /// Wall time of the window loop and the results.
    public let seconds: Double
    /// The committed windows' LP objectives summed (lookahead included); for information.
    public let windowObjectiveSum: Double

    /// - Throws: ``RollingError`` when the plan does not fit the step length
    ///   or the scenario has whole-horizon constraints; GLPK errors.
    public init(scenario s: Scenario, plan: RollingPlan, warmStart: Bool = true) throws {
        let started = DispatchTime.now().uptimeNanoseconds
        if let refusal = RollingError.refusal(for: s) { throw refusal }
        let (windowSteps, commitSteps) = try plan.steps(stepHours: s.stepHours)
        self.plan = plan
        let solver = WindowSolver(warmStart: warmStart)
        var state = CarriedState(initialOf: s)
        var parts: [Schedule] = []
        var t0 = 0
        var failure: (String, RunStatus)?
        var objectiveSum = 0.0
        while t0 < s.steps {
            let end = min(t0 + windowSteps, s.steps)
            let commit = end == s.steps ? end - t0 : commitSteps
            let result = try solver.solve(s, range: t0..<end, commit: commit, from: state, pinCyclicEnd: end == s.steps)
            switch result {
            case let .optimal(committed, objective, next, _):
                guard committed.steps > 0 else {   // cannot happen (commit >= 1); never loop forever
                    failure = ("window \(solver.windows) (steps \(t0)..<\(end))", .solverFailed("the window committed no step"))
                    break
                }
                parts.append(committed)
                state = next
                objectiveSum += objective
                t0 += committed.steps
            case .notOptimal(let why):
                let from = s.timestamps.flatMap { t0 < $0.count ? ", from \($0[t0])" : nil } ?? ""
                failure = ("window \(solver.windows) (steps \(t0)..<\(end)\(from))", why)
            }
            if failure != nil { break }
        }
        windows = solver.windows
        warmStarts = solver.warmStarts
        iterations = solver.iterations
        glpkSeconds = solver.glpkSeconds
        buildSeconds = solver.buildSeconds
        windowObjectiveSum = objectiveSum
        if let failure {
            status = failure.1
            failedWindow = failure.0
            schedule = nil
            results = nil
        } else {
            let whole = Schedule.concatenating(parts)
            status = .optimal
            failedWindow = nil
            schedule = whole
            let info = SolverInfo(name: "GLPK", version: glpkVersion, method: "simplex", iterations: solver.iterations,
                                  buildSeconds: solver.buildSeconds, solveSeconds: solver.glpkSeconds,
                                  variables: solver.columns, constraints: solver.rows)
            results = DispatchResults(scenario: s, schedule: whole, solver: info, solverObjective: nil)
        }
        seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    }

    /// results.json: the whole horizon's results plus a `rolling` object.
    public var json: JSONValue? {
        guard let results else { return nil }
        return results.json.appending("rolling", .object([
            ("window_hours", .num(plan.windowHours)), ("commit_hours", .num(plan.commitHours)),
            ("windows", .int(windows)), ("warm_starts", .int(warmStarts)),
            ("glpk_seconds", .num(glpkSeconds)), ("build_seconds", .num(buildSeconds)),
        ]))
    }

    public var exitStatus: ExitStatus { status.exitStatus }

    /// Why the run is not optimal, naming the window.
    public var failureMessage: String? {
        guard status != .optimal else { return nil }
        return "\(failedWindow ?? "a window"): \(runStatusMessage(status))"
    }
}

/// One paragraph saying why a run is not optimal (as `solve` words it).
func runStatusMessage(_ status: RunStatus) -> String {
    status.failureMessage(of: "window") ?? "optimal"
}

extension Schedule {
    /// Steps `r` of this schedule (clamped to its steps).
    public func window(_ r: Range<Int>) -> Schedule {
        let r = r.clamped(to: 0..<steps)
        var out = Schedule(steps: r.count, timestamps: timestamps.map { Scenario.slice($0, r) })
        for c in columns { out.append(ScheduleColumn(c.name, Scenario.slice(c.values, r))) }
        return out
    }

    /// The schedules one after another, with the columns of the first (a
    /// column missing from a later part is filled with zeros there).
    /// Timestamps are kept when every part has them.
    public static func concatenating(_ parts: [Schedule]) -> Schedule {
        let total = parts.reduce(0) { $0 + $1.steps }
        let labels: [String]? = parts.allSatisfy({ $0.timestamps != nil })
            ? parts.flatMap { Scenario.slice($0.timestamps ?? [], 0..<$0.steps) } : nil
        var out = Schedule(steps: total, timestamps: labels)
        guard let first = parts.first else { return out }
        for c in first.columns {
            var values: [Double] = []
            values.reserveCapacity(total)
            for p in parts { values.append(contentsOf: Scenario.slice(p.values(c.name), 0..<p.steps)) }
            out.append(ScheduleColumn(c.name, values))
        }
        return out
    }
}

extension JSONValue {
    /// This object with `(key, value)` appended (unchanged if not an object).
    public func appending(_ key: String, _ value: JSONValue) -> JSONValue {
        guard case .object(var pairs) = self else { return self }
        pairs.append((key, value))
        return .object(pairs)
    }

    /// This object without `key` inside the object at `parent` (or at the top
    /// level when `parent` is nil).
    public func removing(_ key: String, in parent: String? = nil) -> JSONValue {
        guard case .object(let pairs) = self else { return self }
        if let parent {
            return .object(pairs.map { $0.0 == parent ? ($0.0, $0.1.removing(key)) : $0 })
        }
        return .object(pairs.filter { $0.0 != key })
    }
}
