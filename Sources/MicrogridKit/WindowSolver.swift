// SPDX-License-Identifier: GPL-3.0-or-later
import Dispatch
import Formulation
import GLPK
import LP
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
