// SPDX-License-Identifier: GPL-3.0-or-later
import Dispatch
import Formulation
import GLPK
import LP
import Scenario

/// How one window of a rolling or day-ahead solve ended.
enum WindowResult: Sendable {
    /// The first `commit` steps of the window's optimal schedule, the
    /// window LP's objective (lookahead included) and the state after the
    /// committed steps.
    case optimal(committed: Schedule, windowObjective: Double, next: CarriedState)
    case notOptimal(RunStatus)
}

/// One window of a rolling or day-ahead solve: the window's scenario and LP
/// built, the LP solved in a ``ProblemPool`` (so a window with the shape of
/// an earlier one warm-starts from its basis), the first steps committed.
struct WindowSolve {
    let result: WindowResult
    /// Seconds spent building the window's scenario and LP.
    let buildSeconds: Double
    /// Size of the window's LP.
    let columns: Int
    let rows: Int

    /// Optimises steps `range` of `full` starting from `state` and commits
    /// the first `commit` of them (see ``CarriedState/windowScenario(of:range:)``
    /// for the end conditions and the demand-charge base). With
    /// `pinCyclicEnd`, a `cyclic` storage must end the window exactly at the
    /// level the series started from (for the window that ends the horizon,
    /// so that the whole schedule meets the scenario's own cyclic condition).
    init(_ full: Scenario, range: Range<Int>, commit: Int, from state: CarriedState,
         pinCyclicEnd: Bool = false, pool: ProblemPool) throws {
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
        buildSeconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        columns = lp.columnCount
        rows = lp.rowCount
        let solution = try pool.solve(lp)
        switch solution.status {
        case .optimal:
            let schedule = model.schedule(from: solution)
            let n = min(max(commit, 0), schedule.steps)
            let committed = schedule.window(0..<n)
            let next = state.advanced(over: range.lowerBound..<(range.lowerBound + n), of: full, committed: committed)
            result = .optimal(committed: committed, windowObjective: solution.objective, next: next)
        case .infeasible:
            let families = model.diagnoseInfeasibility { lp in
                (try? GLPKSolver().solve(lp, options: SolveOptions(method: .simplex)).status) == .optimal
            }
            result = .notOptimal(.infeasible(families ?? []))
        case .unbounded:
            result = .notOptimal(.unbounded(SolveRun.unboundedCause(ws)))
        case .failed(let why):
            result = .notOptimal(.solverFailed(why))
        }
    }
}
