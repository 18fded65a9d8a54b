// SPDX-License-Identifier: GPL-3.0-or-later
import Dispatch
import Formulation
import GLPK
import LP
import Results
import Scenario

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
        let pool = ProblemPool(options: SolveOptions(method: .simplex), warm: warmStart)
        var state = CarriedState(initialOf: s)
        var parts: [Schedule] = []
        var t0 = 0
        var failure: (String, RunStatus)?
        var objectiveSum = 0.0
        var build = 0.0
        var size = (columns: 0, rows: 0)
        while t0 < s.steps {
            let end = min(t0 + windowSteps, s.steps)
            let commit = end == s.steps ? end - t0 : commitSteps
            let window = try WindowSolve(s, range: t0..<end, commit: commit, from: state,
                                         pinCyclicEnd: end == s.steps, pool: pool)
            build += window.buildSeconds
            size = (window.columns, window.rows)
            switch window.result {
            case let .optimal(committed, objective, next):
                guard committed.steps > 0 else {   // cannot happen (commit >= 1); never loop forever
                    failure = ("window \(pool.solves) (steps \(t0)..<\(end))", .solverFailed("the window committed no step"))
                    break
                }
                parts.append(committed)
                state = next
                objectiveSum += objective
                t0 += committed.steps
            case .notOptimal(let why):
                let from = s.timestamps.flatMap { t0 < $0.count ? ", from \($0[t0])" : nil } ?? ""
                failure = ("window \(pool.solves) (steps \(t0)..<\(end)\(from))", why)
            }
            if failure != nil { break }
        }
        windows = pool.solves
        warmStarts = pool.warmStarts
        iterations = pool.iterations
        glpkSeconds = pool.glpkSeconds
        buildSeconds = build
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
            let info = SolverInfo(name: "GLPK", version: glpkVersion, method: "simplex", iterations: pool.iterations,
                                  buildSeconds: build, solveSeconds: pool.glpkSeconds,
                                  variables: size.columns, constraints: size.rows)
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
