// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Formulation
import LP
import MicrogridKit
import Results
import Scenario
import Testing

/// A planning site with every investable type, read back from its outputs.
@Suite("Planning results recompute from schedule.csv and results.json")
struct PlanningRecomputeTests {
    /// 60 hourly steps (three capacity copies per quantity): sun by day,
    /// a night tariff, a heat load, existing and new capacity side by side.
    static let csv: String = {
        var rows = ["timestamp,sun,wind,price,heat,cop"]
        for t in 0..<60 {
            let h = t % 24
            let sun = max(0, sin(Double(h - 6) / 12 * Double.pi))
            let wind = 0.3 + 0.25 * cos(Double(t) / 7)
            let price = h < 8 ? 0.3 : (h >= 17 && h < 21 ? 1.2 : 0.7)
            let day = String(format: "%02d", 1 + t / 24), hour = String(format: "%02d", h)
            rows.append("2026-03-\(day)T\(hour):00,\(sun),\(wind),\(price),\(h >= 6 && h < 22 ? 300 : 150),\(3 + sun)")
        }
        return rows.joined(separator: "\n") + "\n"
    }()

    static let yaml = """
        name: plan-all
        timeseries: profiles.csv
        loads: {electricity: 400, heat: heat}
        grid: {import_price: price, export_price: 0.1, export_limit_kw: 200, carbon_intensity: 0.58, demand_charge_per_kw: 3}
        objective: {carbon_price_per_t: 80}
        constraints: {min_renewable_share_electricity: 0.35}
        planning: {discount_rate: 0.07}
        assets:
          - {type: pv, name: roof, capacity_kw: 100, profile: sun,
             invest: {capex_per_kw: 3000, lifetime_years: 25, fixed_om_per_kw_year: 40, max_kw: 900}}
          - {type: wind, name: turbine, capacity_kw: 0, profile: wind,
             invest: {capex_per_kw: 5000, lifetime_years: 20, max_kw: 300}}
          - {type: battery, name: bess, energy_kwh: 100, charge_kw: 50, soc_min: 0.1, soc_initial: 0.5,
             invest: {capex_per_kwh: 900, lifetime_years: 15, duration_hours: 2, capex_per_kw: 100}}
          - {type: thermal_storage, name: tank, energy_kwh: 0, charge_kw: 0, soc_final: cyclic, loss_per_hour: 0.01,
             invest: {capex_per_kwh: 30, lifetime_years: 30, capex_per_kw: 20, max_kw: 400}}
          - {type: heat_pump, name: hp, heat_capacity_kw: 50, cop: cop,
             invest: {capex_per_kw: 4000, lifetime_years: 20, min_kw: 20}}
          - {type: electric_boiler, name: eboiler, heat_capacity_kw: 0,
             invest: {capex_per_kw: 300, lifetime_years: 20}}
          - {type: fuel_boiler, name: gas, heat_capacity_kw: 400, fuel_price_per_kwh: 0.35}
          - {type: chp, name: engine, electric_capacity_kw: 0, fuel_price_per_kwh: 0.35,
             invest: {capex_per_kw: 6000, lifetime_years: 20, max_kw: 100}}
        """

    /// `planning.assets` of results.json as new capacities by asset name,
    /// each number parsed from its text (Foundation's JSON parser may round
    /// the last digit differently from `Double(String)`).
    static func newCapacities(_ text: String, names: [String]) -> [String: NewCapacity] {
        guard let planning = text.range(of: "\"planning\": {") else { return [:] }
        var out: [String: NewCapacity] = [:]
        for name in names {
            guard let start = text.range(of: "\"\(name)\": {", range: planning.upperBound..<text.endIndex),
                  let end = text.range(of: "}", range: start.upperBound..<text.endIndex) else { continue }
            let body = text[start.upperBound..<end.lowerBound]
            func value(_ key: String) -> Double {
                guard let k = body.range(of: "\"\(key)\": ") else { return 0 }
                let rest = body[k.upperBound...].prefix { $0 != "," && $0 != "\n" }
                return Double(rest) ?? .nan
            }
            out[name] = NewCapacity(kw: value("new_kw"), kwh: value("new_kwh"))
        }
        return out
    }

    /// Writes a planning run's outputs and reads back schedule.csv, results.json
    /// and the new capacities it reports.
    static func writtenPlan(_ run: SolveRun, _ s: Scenario) throws
        -> (schedule: Schedule, written: String, capacities: [String: NewCapacity]) {
        let out = temporaryDirectory("plan-written")
        try run.writeOutputs(to: out)
        let schedule = parseScheduleCSV(try String(contentsOfFile: out + "/schedule.csv", encoding: .utf8))
        let written = try String(contentsOfFile: out + "/results.json", encoding: .utf8)
        return (schedule, written, newCapacities(written, names: s.assets.filter(\.isInvestable).map(\.name)))
    }

    @Test("results.json recomputes byte for byte; the schedule meets every row on the capacities of results.json",
          arguments: [SolveMethod.simplex, .interior])
    func recompute(_ method: SolveMethod) throws {
        let s = try scenario(Self.yaml, csv: Self.csv)
        let (run, results, _) = try solveOptimal(s, method: method)
        let (schedule, written, capacities) = try Self.writtenPlan(run, s)
        #expect(capacities.count == 7)
        var recomputed = DispatchResults(scenario: s, schedule: schedule, newCapacities: capacities,
                                         solver: results.solver, solverObjective: results.solverObjective)
        recomputed.planning?.compare(with: results.planning?.baseline, planOperatingCost: recomputed.cost.operating)
        #expect(recomputed.json.serialized() + "\n" == written, "results.json does not recompute: \(debugDiff(recomputed.json.serialized(), written))")
        let violations = constraintViolations(s, schedule, newCapacities: capacities)
        #expect(violations.isEmpty, "\(violations.prefix(5))")
        #expect(relativeError(results.objective, run.solution.objective) < 1e-6)
        #expect(abs(results.objective - (results.cost.total + results.carbonCost + results.unservedPenalty)) < 1e-6)
    }

    @Test("the plan's objective is the built site's dispatch optimum plus the investment; new capacity is used")
    func builtSiteAgrees() throws {
        let s = try scenario(Self.yaml, csv: Self.csv)
        let (run, results, _) = try solveOptimal(s)
        let new = run.model.newCapacities(from: run.solution)
        let (_, dispatch, _) = try solveOptimal(s.built(new))
        #expect(relativeError(dispatch.objective + results.cost.investment, results.objective) < 1e-6,
                "\(dispatch.objective) + \(results.cost.investment) vs \(results.objective)")
        #expect((new["hp"]?.kw ?? 0) >= 20 - 1e-6, "min_kw holds")
        #expect(results.planning?.assets.map(\.name) == ["roof", "turbine", "bess", "tank", "hp", "eboiler", "engine"])
        let bess = try #require(results.planning?.assets.first { $0.name == "bess" })
        #expect(abs(bess.newKW - bess.newKWh / 2) < 1e-6)
    }
}
func debugDiff(_ a: String, _ b: String) -> String {
    let x = a.split(separator: "\n"), y = b.split(separator: "\n")
    return zip(x, y).filter { $0 != $1 }.prefix(8).map { "\($0) | \($1)" }.joined(separator: "\n")
}
