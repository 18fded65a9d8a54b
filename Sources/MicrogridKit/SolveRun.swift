// SPDX-License-Identifier: GPL-3.0-or-later
import Dispatch
import Formulation
import GLPK
import LP
import Results
import Scenario

/// How a solve ended, for people and for exit codes.
public enum RunStatus: Sendable, Equatable {
    case optimal
    /// The families whose constraints cannot all be met (empty: unknown).
    case infeasible([ConstraintFamily])
    case unbounded(String)
    case solverFailed(String)
}

/// One scenario taken from data to results: build, solve, read back.
public struct SolveRun: Sendable {
    public let model: DispatchModel
    public let status: RunStatus
    public let solution: LPSolution
    public let buildSeconds: Double
    /// Present only when `status == .optimal`.
    public let schedule: Schedule?
    public let results: DispatchResults?

    /// Builds the LP of `scenario`, solves it with `solver`, and when optimal
    /// derives the schedule and the results from it. When infeasible, names
    /// the constraint family by re-solving with each family relaxed.
    public init(scenario: Scenario, options: SolveOptions = SolveOptions(),
                solver: any LPSolver = GLPKSolver()) throws {
        try self.init(scenario: scenario, diagnosisSolver: solver) { try solver.solve($0, options: options) }
    }

    /// Same, with the LP solved by `solve` (e.g. a ``ProblemPool`` that
    /// warm-starts from the previous case's basis); `diagnosisSolver` names
    /// the family of an infeasible model.
    public init(scenario: Scenario, diagnosisSolver: any LPSolver = GLPKSolver(),
                solve: (LinearProgram) throws -> LPSolution) throws {
        let solver = diagnosisSolver
        let started = DispatchTime.now().uptimeNanoseconds
        model = DispatchModel(scenario: scenario)
        buildSeconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        solution = try solve(model.lp)
        switch solution.status {
        case .optimal:
            status = .optimal
            let schedule = model.schedule(from: solution)
            self.schedule = schedule
            let info = SolverInfo(solution, buildSeconds: buildSeconds, lp: model.lp)
            var results = DispatchResults(scenario: scenario, schedule: schedule,
                                          newCapacities: model.newCapacities(from: solution), solver: info,
                                          solverObjective: solution.objective)
            if scenario.isPlanning {
                results.planning?.compare(with: Self.baseline(of: scenario, solver: solver),
                                          planOperatingCost: results.cost.operating)
            }
            self.results = results
            return
        case .infeasible:
            let m = model
            let families = m.diagnoseInfeasibility { lp in
                (try? solver.solve(lp, options: SolveOptions(method: .simplex)).status) == .optimal
            }
            status = .infeasible(families ?? [])
        case .unbounded:
            status = .unbounded(Self.unboundedCause(scenario))
        case .failed(let why):
            status = .solverFailed(why)
        }
        schedule = nil
        results = nil
    }

    /// Fallbacks of method the user must hear about (on stderr).
    public var notes: [String] { solution.notes }

    /// The likely reason a dispatch LP is unbounded.
    static func unboundedCause(_ s: Scenario) -> String {
        guard let g = s.grid else { return "no cost bounds the objective from below" }
        if g.exportLimitKW == nil && g.importLimitKW == nil {
            return "unlimited export with unlimited import: exporting where the export price exceeds the import price earns without limit (set grid.export_limit_kw or grid.import_limit_kw)"
        }
        if g.exportLimitKW == nil {
            return "unlimited export (grid.export_limit_kw: null) earns without limit at some step"
        }
        if g.importLimitKW == nil, g.importPricePerKWh.contains(where: { $0 < 0 }) {
            return "unlimited import at a negative import price pays without limit (set grid.import_limit_kw)"
        }
        return "some unlimited variable lowers the objective without limit"
    }
}

extension SolverInfo {
    /// What results.json says about a solve: method, timings of the
    /// interior point and crossover, whether the answer is a vertex, and
    /// any fallback.
    public init(_ solution: LPSolution, buildSeconds: Double, lp: LinearProgram) {
        self.init(name: solution.solverName, version: solution.solverVersion,
                  method: solution.method.rawValue, iterations: solution.iterations,
                  buildSeconds: buildSeconds, solveSeconds: solution.solveSeconds,
                  variables: lp.columnCount, constraints: lp.rowCount)
        vertex = solution.isVertex
        interiorSeconds = solution.interiorSeconds
        crossoverSeconds = solution.crossover?.seconds
        crossoverFailure = solution.crossover?.failure
        notes = solution.notes
    }
}

