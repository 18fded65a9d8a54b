// SPDX-License-Identifier: GPL-3.0-or-later
import LP
import Results
import Scenario

extension SolveRun {
    /// The baseline of a planning scenario (PLANNING.md): the site as it
    /// exists, every new capacity 0, solved on its own. Nil when
    /// `planning.baseline` is false; a non-optimal baseline is reported by
    /// its status with no figures.
    static func baseline(of s: Scenario, solver: any LPSolver) -> PlanningResults.Baseline? {
        guard s.planning.baseline else { return nil }
        guard let run = try? SolveRun(scenario: s.withoutInvestment(), solver: solver) else {
            return PlanningResults.Baseline(status: "solver_failed")
        }
        switch run.status {
        case .optimal:
            guard let r = run.results else { return PlanningResults.Baseline(status: "solver_failed") }
            return PlanningResults.Baseline(status: "optimal", objective: r.objective, costTotal: r.cost.total,
                                            emissionsTonnes: r.emissionsKg.optimised / 1000,
                                            renewableShareElectricity: r.kpis.renewableShareElectricity)
        case .infeasible: return PlanningResults.Baseline(status: "infeasible")
        case .unbounded: return PlanningResults.Baseline(status: "unbounded")
        case .solverFailed: return PlanningResults.Baseline(status: "solver_failed")
        }
    }
}

extension RollingError {
    /// Why a rolling or day-ahead run refuses `s`, if it does: a planning
    /// scenario, or whole-horizon constraints.
    public static func refusal(for s: Scenario) -> RollingError? {
        let invest = s.assets.enumerated().filter { $0.element.isInvestable }.map { "assets[\($0.offset)].invest" }
        if !invest.isEmpty { return .planning(invest) }
        let keys = wholeHorizonKeys(s)
        return keys.isEmpty ? nil : .wholeHorizonConstraints(keys)
    }
}
