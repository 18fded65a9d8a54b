// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Formulation
import LP
import MicrogridKit
import Results
import Scenario
import Testing

/// Sizing optima worked out by hand. Two hourly steps make `y = 2/8760`, so
/// a capex of `c` per kW with CRF `k` costs `c·k·2/8760` in the objective.
@Suite("Planning: capacities as decisions")
struct PlanningTests {
    /// One PV asset over a 100 kW load at 1.0/kWh; sun 1 then 0.5. With
    /// discount 0 and a 4-year life, capex 14016 costs 14016/4·2/8760 = 0.8
    /// per kW: the first 100 kW save 1.5 each, more would save only 0.5.
    static func pvYAML(existing: Double = 0, invest: String = "{capex_per_kw: 14016, lifetime_years: 4}",
                       extra: String = "") -> String {
        """
        name: pv-plan
        timeseries: profiles.csv
        loads: {electricity: 100}
        grid: {import_price: 1.0}
        planning: {discount_rate: 0}
        assets:
          - {type: pv, name: roof, capacity_kw: \(existing), profile: sun, invest: \(invest)}
        \(extra)
        """
    }
    static let pvCSV = "sun,price\n1,0.2\n0.5,1.0\n"

    func solved(_ yaml: String, csv: String = PlanningTests.pvCSV) throws -> (Scenario, DispatchResults, Schedule) {
        let s = try scenario(yaml, csv: csv)
        let (run, r, sc) = try solveOptimal(s)
        #expect(constraintViolations(s, sc, newCapacities: run.model.newCapacities(from: run.solution)).isEmpty)
        return (s, r, sc)
    }

    func plan(_ r: DispatchResults, _ name: String) throws -> PlanningResults.AssetPlan {
        try #require(r.planning?.assets.first { $0.name == name })
    }

    @Test("pv sized by capex·CRF against the import it avoids: 100 kW new, objective 100·0.8 + 50 = 130")
    func pvSizing() throws {
        let (_, r, sc) = try solved(Self.pvYAML())
        #expect(abs(r.objective - 130) < 1e-6)
        #expect(abs(try plan(r, "roof").newKW - 100) < 1e-6)
        #expect(abs(r.cost.investment - 80) < 1e-6)
        #expect(sc.values("roof.curtailed_kw").allSatisfy { abs($0) < 1e-6 })
    }

    @Test("a bound hit by max_kw: 60 kW new, objective 60·0.8 + 40 + 70 = 158")
    func maxBound() throws {
        let (_, r, _) = try solved(Self.pvYAML(invest: "{capex_per_kw: 14016, lifetime_years: 4, max_kw: 60}"))
        #expect(abs(r.objective - 158) < 1e-6)
        #expect(abs(try plan(r, "roof").newKW - 60) < 1e-6)
    }

    @Test("min_kw forces a build: 150 kW (50 curtailed at noon), objective 150·0.8 + 25 = 145")
    func minBound() throws {
        let (_, r, sc) = try solved(Self.pvYAML(invest: "{capex_per_kw: 14016, lifetime_years: 4, min_kw: 150}"))
        #expect(abs(r.objective - 145) < 1e-6)
        #expect(abs(sc.values("roof.curtailed_kw")[0] - 50) < 1e-6)
    }

    @Test("existing plus new: 40 kW existing, 60 kW new, total 100; objective 60·0.8 + 50 = 98")
    func existingPlusNew() throws {
        let (_, r, _) = try solved(Self.pvYAML(existing: 40))
        let p = try plan(r, "roof")
        #expect(abs(p.newKW - 60) < 1e-6 && p.existingKW == 40 && abs(p.totalKW - 100) < 1e-6)
        #expect(abs(r.objective - 98) < 1e-6)
    }

    @Test("baseline 200, plan operating cost 50: savings 150/y = 657,000 a year, payback 1,401,600/657,000 years")
    func baselineAndPayback() throws {
        let (_, r, _) = try solved(Self.pvYAML())
        let p = try #require(r.planning)
        #expect(p.baseline?.status == "optimal" && p.baseline?.costTotal == 200)
        #expect(p.baseline?.renewableShareElectricity == 0)
        #expect(abs(p.capex - 1_401_600) < 1e-3 && abs(p.annualisedInvestment - 350_400) < 1e-3)
        #expect(abs((p.annualOperatingSavings ?? 0) - 657_000) < 1e-3)
        #expect(abs((p.simplePaybackYears ?? 0) - 1_401_600.0 / 657_000) < 1e-9)
        #expect(abs(p.yearShare - 2.0 / 8760) < 1e-15)
    }

    @Test("fixed O&M 219/kW-year: payback = capex / (savings - 21,900); none when O&M eats the savings")
    func paybackWithFixedOM() throws {
        let (_, r, _) = try solved(Self.pvYAML(invest: "{capex_per_kw: 13140, lifetime_years: 4, fixed_om_per_kw_year: 219}"))
        let p = try #require(r.planning)
        // 13140/4 + 219 = 3504 per kW-year, 0.8 per kW over the horizon: still 100 kW.
        #expect(abs(try plan(r, "roof").newKW - 100) < 1e-6)
        #expect(abs((p.simplePaybackYears ?? 0) - 1_314_000.0 / (657_000 - 21_900)) < 1e-9)
        var q = p
        q.compare(with: p.baseline, planOperatingCost: 200 - 21_900 * p.yearShare)
        #expect(q.simplePaybackYears == nil, "savings equal to fixed O&M: no payback")
    }

    @Test("an infeasible baseline (150 kW must-take over a 100 kW load, no export) is reported, payback null, plan solved")
    func infeasibleBaseline() throws {
        let yaml = Self.batteryYAML(duration: 1) + "\n  - {type: green_power, name: ppa, available_kw: gp, must_take: true}\n"
        let (_, r, sc) = try solved(yaml, csv: "sun,price,gp\n1,0.2,150\n0.5,1.0,0\n")
        let p = try #require(r.planning)
        #expect(p.baseline?.status == "infeasible" && p.baseline?.costTotal == nil)
        #expect(p.simplePaybackYears == nil && p.annualOperatingSavings == nil)
        #expect(sc.values("bess.charge_kw")[0] >= 50 - 1e-6)
        let json = r.json.serialized()
        #expect(json.contains("\"status\": \"infeasible\",\n      \"objective\": null"))
    }

    @Test("baseline: false gives a null baseline")
    func noBaseline() throws {
        let yaml = Self.pvYAML().replacingOccurrences(of: "{discount_rate: 0}", with: "{discount_rate: 0, baseline: false}")
        let (_, r, _) = try solved(yaml)
        #expect(r.planning?.baseline == nil)
        #expect(r.json.serialized().contains("\"baseline\": null"))
    }

    @Test("CRF: 1/n at r = 0; r(1+r)^n/((1+r)^n - 1) = 0.0782267 at 6 % over 25 years")
    func crf() {
        #expect(Investment(capexPerUnit: 1, lifetimeYears: 4).capitalRecoveryFactor(discountRate: 0) == 0.25)
        let k = Investment(capexPerUnit: 1, lifetimeYears: 25).capitalRecoveryFactor(discountRate: 0.06)
        #expect(abs(k - 0.07822671821227395) < 1e-14)
    }

    static func batteryYAML(duration: Double) -> String {
        """
        name: bess-plan
        timeseries: profiles.csv
        loads: {electricity: 100}
        grid: {import_price: price}
        planning: {discount_rate: 0.05}
        assets:
          - type: battery
            name: bess
            energy_kwh: 0
            charge_kw: 0
            charge_efficiency: 1
            discharge_efficiency: 1
            soc_initial: 0
            invest: {capex_per_kwh: 1000, lifetime_years: 10, duration_hours: \(duration)}
        """
    }

    @Test("battery sized by the 0.2 -> 1.0 spread: 100 kWh, objective 40 + 100·(2/8760)·1000·CRF(5 %, 10 y) = 42.9567")
    func batterySpread() throws {
        let (_, r, sc) = try solved(Self.batteryYAML(duration: 1))
        let p = try plan(r, "bess")
        #expect(abs(p.newKWh - 100) < 1e-6 && abs(p.newKW - 100) < 1e-6)
        #expect(abs(r.objective - 42.95672545583234) < 1e-6)
        #expect(abs(sc.values("bess.discharge_kw")[1] - 100) < 1e-6)
    }

    @Test("duration_hours 2 ties power to energy / 2: 200 kWh and 100 kW, objective 40 + 200·0.0295673 = 45.9135")
    func durationHours() throws {
        let (_, r, _) = try solved(Self.batteryYAML(duration: 2))
        let p = try plan(r, "bess")
        #expect(abs(p.newKWh - 200) < 1e-6 && abs(p.newKW - 100) < 1e-6)
        #expect(abs(r.objective - 45.91345091166468) < 1e-6)
        #expect(r.equivalentFullCycles.first?.cycles.map { abs($0 - 0.5) < 1e-9 } == true, "100 kWh out of 200 total")
    }

    @Test("invest: null is no invest block; planning: {} takes the defaults")
    func nullAndDefaults() throws {
        let none = try scenario(Self.pvYAML(invest: "null").replacingOccurrences(of: "planning: {discount_rate: 0}\n", with: ""),
                                csv: Self.pvCSV)
        #expect(!none.isPlanning)
        let defaults = try scenario(Self.pvYAML().replacingOccurrences(of: "{discount_rate: 0}", with: "{}"), csv: Self.pvCSV)
        #expect(defaults.isPlanning && defaults.planning == PlanningSettings(discountRate: 0.06, baseline: true))
    }
}
