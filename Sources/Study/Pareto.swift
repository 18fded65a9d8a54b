// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Formulation
import GLPK
import LP
import MicrogridKit
import Results
import Scenario

/// One point of a cost–carbon Pareto front.
public struct ParetoPoint: Sendable {
    public var capTonnes: Double?
    public var emissionsTonnes: Double
    public var cost: Double
    /// Cost plus the value of lost load (what the sweep minimises, carbon price 0).
    public var objective: Double
    public var renewableShareElectricity: Double?
    public var renewableFraction: Double?
    public var unservedKWh: Double
    /// Currency per tonne avoided from the previous (higher-emission) point.
    public var marginalAbatementCostPerTonne: Double?
    /// Meets its cap partly by leaving more load unserved than the min-cost end.
    public var shedsLoad: Bool
    /// A planning front: each new capacity at this point, by
    /// `<asset>.new_kw` / `<asset>.new_kwh` (see ``ParetoFront/capacityKeys``).
    public var newCapacities: [String: Double] = [:]
}

/// One end of a Pareto front could not be solved to optimality.
public struct ParetoEndFailed: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// The cost–carbon trade-off of a scenario: the minimum-cost end (carbon
/// price 0), the minimum-emissions end (least emissions while serving at
/// least the load the min-cost end serves, then least cost at those
/// emissions; written to `cleanest/`), and caps evenly between them,
/// solved in parallel as a study.
public struct ParetoFront: Sendable {
    public var points: [ParetoPoint]
    public var warnings: [String]
    /// The new-capacity columns of a planning front, in scenario order
    /// (empty for a dispatch scenario).
    public var capacityKeys: [String] = []

    public static func compute(scenarioPath: String, points n: Int, directory: String,
                               options: SweepOptions, stop: StopFlag = StopFlag()) throws -> ParetoFront {
        guard n >= 2 else { throw StudyError("--points must be at least 2") }
        let base = try ScenarioSource(path: scenarioPath)
        var free = try base.load()
        free.carbonPricePerTonne = 0
        free.maxEmissionsTonnes = nil
        let cheapest = try SolveRun(scenario: free)
        guard let hi = cheapest.results else {
            throw ParetoEndFailed(message: "the minimum-cost end is not optimal: \(cheapest.failureMessage ?? "")")
        }
        let unservedAtHi = hi.energyKWh.unservedElectricity + hi.energyKWh.unservedHeat
        let served = unservedAtHi + 1e-6 * max(1, unservedAtHi)
        let (clean, eLo) = try cleanestEnd(free, cheapest.model, maxUnservedKWh: served)
        try clean.writeOutputs(to: directory + "/cleanest")
        let eHi = hi.emissionsKg.optimised
        // Caps strictly between the cleanest end (solved above) and the cheapest.
        let caps = (1..<n).map { k in eLo + (eHi - eLo) * Double(k) / Double(n - 1) }
        let cases = caps.enumerated().map { k, capKg in
            (name: String(format: "point-%03d", k + 2),
             overrides: [("objective.carbon_price_per_t", OverrideValue("0")),
                         ("constraints.max_emissions_t", OverrideValue("\(capKg / 1000)"))])
        }
        let study = Study(base: base, path: scenarioPath, named: cases)
        let summary = try study.sweep(into: directory, options: options, stop: stop, progress: false)
        if summary.interrupted { throw StudyError("interrupted") }
        var front = ParetoFront(points: [Self.point(clean, capKg: eLo)], warnings: [], capacityKeys: Self.capacityKeys(free))
        let outcomes = try StudyStore(directory: directory).outcomes()
        for (k, capKg) in caps.enumerated() {
            guard let o = outcomes[cases[k].name], o.status == .optimal, let f = o.figures else {
                front.warnings.append("\(cases[k].name) (cap \(capKg / 1000) t): \(outcomes[cases[k].name]?.message ?? "no result")")
                continue
            }
            let unserved = (f["energy_kwh.unserved_electricity"] ?? 0) + (f["energy_kwh.unserved_heat"] ?? 0)
            let sheds = unserved > unservedAtHi + 1e-3 * max(1, unservedAtHi)
            let cost = f["cost.total"] ?? 0
            front.points.append(ParetoPoint(
                capTonnes: capKg / 1000, emissionsTonnes: (f["emissions_kg.optimised"] ?? 0) / 1000, cost: cost,
                objective: o.objective ?? cost, renewableShareElectricity: f["kpis.renewable_share_electricity"],
                renewableFraction: f["kpis.renewable_fraction"], unservedKWh: unserved,
                marginalAbatementCostPerTonne: nil, shedsLoad: sheds,
                newCapacities: Dictionary(uniqueKeysWithValues: front.capacityKeys.map { ($0, f["planning.assets.\($0)"] ?? 0) })))
            if sheds {
                front.warnings.append("\(cases[k].name) (cap \(String(format: "%.3f", capKg / 1000)) t) leaves \(String(format: "%.1f", unserved - unservedAtHi)) kWh more load unserved than the min-cost end: it sheds load instead of abating")
            }
        }
        front.points.sort { $0.emissionsTonnes > $1.emissionsTonnes }
        for k in front.points.indices.dropFirst() {
            let avoided = front.points[k - 1].emissionsTonnes - front.points[k].emissionsTonnes
            if avoided > 1e-9 {
                front.points[k].marginalAbatementCostPerTonne = (front.points[k].objective - front.points[k - 1].objective) / avoided
            }
        }
        return front
    }

    /// The cleanest end, lexicographically: the least emissions serving at
    /// least what the cheapest dispatch serves, then the least cost at those
    /// emissions under the same condition (so its abatement cost is not
    /// bought with shed load). Its outputs are those of a solve.
    static func cleanestEnd(_ free: Scenario, _ model: DispatchModel,
                            maxUnservedKWh: Double) throws -> (run: SolveRun, emissionsKg: Double) {
        let least = try GLPKSolver().solve(model.minimumEmissionsProgram(maxUnservedKWh: maxUnservedKWh),
                                           options: SolveOptions())
        guard least.status == .optimal else { throw ParetoEndFailed(message: "the minimum-emissions end is not optimal (\(least.status))") }
        let eLo = max(0, least.objective)
        let run = try SolveRun(scenario: free) { lp in
            let staged = model.limiting(lp, maxEmissionsKg: eLo * (1 + 1e-9) + 1e-6, maxUnservedKWh: maxUnservedKWh)
            var solution = try GLPKSolver().solve(staged, options: SolveOptions())
            solution.rowDuals = Array(solution.rowDuals.prefix(lp.rowCount))
            return solution
        }
        guard run.results != nil else {
            throw ParetoEndFailed(message: "the minimum-emissions end at least cost is not optimal: \(run.failureMessage ?? "")")
        }
        return (run, eLo)
    }

    static func point(_ run: SolveRun, capKg: Double) -> ParetoPoint {
        let r = run.results
        return ParetoPoint(capTonnes: capKg / 1000, emissionsTonnes: (r?.emissionsKg.optimised ?? 0) / 1000,
                           cost: r?.cost.total ?? 0, objective: r?.objective ?? 0,
                           renewableShareElectricity: r?.kpis.renewableShareElectricity,
                           renewableFraction: r?.kpis.renewableFraction,
                           unservedKWh: (r?.energyKWh.unservedElectricity ?? 0) + (r?.energyKWh.unservedHeat ?? 0),
                           marginalAbatementCostPerTonne: nil, shedsLoad: false,
                           newCapacities: Self.newCapacities(r?.planning))
    }

    /// `<asset>.new_kw` / `<asset>.new_kwh` of a planning result (empty for dispatch).
    static func newCapacities(_ p: PlanningResults?) -> [String: Double] {
        var out: [String: Double] = [:]
        for a in p?.assets ?? [] {
            out["\(a.name).new_kw"] = a.newKW
            if a.isStorage { out["\(a.name).new_kwh"] = a.newKWh }
        }
        return out
    }

    /// front.csv, from the cheapest point to the cleanest.
    public func csv() -> String {
        func n(_ v: Double?) -> String { v.map { "\($0)" } ?? "" }
        var out = CSVWriter.record(["point", "max_emissions_t", "emissions_t", "cost", "objective",
                                    "renewable_share_electricity", "renewable_fraction", "unserved_kwh",
                                    "marginal_abatement_cost_per_t", "sheds_load"] + capacityKeys)
        for (k, p) in points.enumerated() {
            out += CSVWriter.record([String(k + 1), n(p.capTonnes), n(p.emissionsTonnes), n(p.cost), n(p.objective),
                                     n(p.renewableShareElectricity), n(p.renewableFraction), n(p.unservedKWh),
                                     n(p.marginalAbatementCostPerTonne), p.shedsLoad ? "true" : "false"]
                                    + capacityKeys.map { n(p.newCapacities[$0]) })
        }
        return out
    }
}

extension ParetoFront {
    /// `<asset>.new_kwh` and `<asset>.new_kw` of each investable asset.
    static func capacityKeys(_ s: Scenario) -> [String] {
        s.assets.flatMap { a -> [String] in
            if a.storageInvestment != nil { return ["\(a.name).new_kwh", "\(a.name).new_kw"] }
            return a.investment != nil ? ["\(a.name).new_kw"] : []
        }
    }
}
