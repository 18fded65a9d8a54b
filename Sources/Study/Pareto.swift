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

/// The cost–carbon trade-off of a scenario: the minimum-cost end (carbon
/// price 0), the minimum-emissions end (least emissions while serving at
/// least the load the min-cost end serves), and caps evenly between them,
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
            throw StudyError("the minimum-cost end is not optimal: \(cheapest.failureMessage ?? "")")
        }
        let unservedAtHi = hi.energyKWh.unservedElectricity + hi.energyKWh.unservedHeat
        let cleanest = try GLPKSolver().solve(
            cheapest.model.minimumEmissionsProgram(maxUnservedKWh: unservedAtHi + 1e-6 * max(1, unservedAtHi)),
            options: SolveOptions())
        guard cleanest.status == .optimal else { throw StudyError("the minimum-emissions end is not optimal (\(cleanest.status))") }
        let eLo = max(0, cleanest.objective), eHi = hi.emissionsKg.optimised
        // Caps from the cleanest to the cheapest end; the first nudged up so
        // that solver tolerances cannot make it infeasible.
        let caps = (0..<n).map { k -> Double in
            let e = eLo + (eHi - eLo) * Double(k) / Double(n - 1)
            return k == 0 ? e * (1 + 1e-7) + 1e-3 : e
        }
        let cases = caps.enumerated().map { k, capKg in
            (name: String(format: "point-%03d", k + 1),
             overrides: [("objective.carbon_price_per_t", OverrideValue("0")),
                         ("constraints.max_emissions_t", OverrideValue("\(capKg / 1000)"))])
        }
        let study = Study(base: base, path: scenarioPath, named: cases)
        let summary = try study.sweep(into: directory, options: options, stop: stop, progress: false)
        if summary.interrupted { throw StudyError("interrupted") }
        var front = ParetoFront(points: [], warnings: [], capacityKeys: Self.capacityKeys(free))
        let outcomes = try StudyStore(directory: directory).outcomes()
        for (k, capKg) in caps.enumerated() {
            guard let o = outcomes[cases[k].name], o.status == "optimal", let f = o.figures else {
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

    /// front.csv, from the cheapest point to the cleanest.
    public func csv() -> String {
        func n(_ v: Double?) -> String { v.map { "\($0)" } ?? "" }
        var out = "point,max_emissions_t,emissions_t,cost,objective,renewable_share_electricity,renewable_fraction,unserved_kwh,marginal_abatement_cost_per_t,sheds_load"
            + capacityKeys.map { "," + $0 }.joined() + "\n"
        for (k, p) in points.enumerated() {
            out += [String(k + 1), n(p.capTonnes), n(p.emissionsTonnes), n(p.cost), n(p.objective),
                    n(p.renewableShareElectricity), n(p.renewableFraction), n(p.unservedKWh),
                    n(p.marginalAbatementCostPerTonne), p.shedsLoad ? "true" : "false"].joined(separator: ",")
                + capacityKeys.map { "," + n(p.newCapacities[$0]) }.joined() + "\n"
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

extension Study {
    /// A study built in code from named override sets.
    init(base: ScenarioSource, path: String, named: [(name: String, overrides: [(String, OverrideValue)])]) {
        let baseKey = fnv1a(text: path + String(fnv1a(bytes: FileManager.default.contents(atPath: path) ?? Data())))
        var cases: [StudyCase] = []
        var keyPaths: [String] = []
        for (i, c) in named.enumerated() {
            for (p, _) in c.overrides where !keyPaths.contains(p) { keyPaths.append(p) }
            let canonical = c.overrides.map { "\($0.0)=\($0.1.text)" }.joined(separator: "\n")
            cases.append(StudyCase(index: i, name: c.name, overrides: c.overrides, key: fnv1a(text: baseKey + "\n" + canonical)))
        }
        self.init(path: path, base: base, keyPaths: keyPaths, cases: cases,
                  identity: fnv1a(text: ([baseKey] + cases.map(\.key)).joined(separator: ",")))
    }
}
