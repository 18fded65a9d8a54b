// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Formulation
import MicrogridKit
import Scenario
import Testing

/// The least number of checks of each kind on the battery-plant year (8,760
/// steps): every kind its assets have, each on hundreds of steps.
let annualPriceChecks: [PriceCheckKind: Int] = [
    .gridImport: 500, .importAtPeak: 500, .gridExport: 100, .renewable: 200, .heatPump: 500, .electricBoiler: 100,
    .fuelBoiler: 500, .heatPriceSign: 8760,
]

/// Expects the written prices of `schedule` complementary at `tolerance` and at
/// least `minimum[kind]` checks of each kind named; returns the report.
@discardableResult
func expectComplementaryPrices(_ s: Scenario, _ schedule: Schedule, newCapacities: [String: NewCapacity] = [:],
                               tolerance: Double = 1e-9, minimum: [PriceCheckKind: Int] = [:], _ label: String = "",
                               sourceLocation: SourceLocation = #_sourceLocation) -> PriceCheckReport {
    let report = marginalPriceCheck(s, schedule, newCapacities: newCapacities, tolerance: tolerance)
    #expect(report.violations.isEmpty, "\(label): \(report.violations.count) violations: \(report.violations.prefix(5))",
            sourceLocation: sourceLocation)
    for (kind, least) in minimum {
        #expect(report.checked[kind, default: 0] >= least,
                "\(label): \(kind.rawValue) checked \(report.checked[kind, default: 0]) times, fewer than \(least)",
                sourceLocation: sourceLocation)
    }
    return report
}

/// `schedule` with column `name` replaced by `values`.
func replacing(_ name: String, in schedule: Schedule, with values: [Double]) -> Schedule {
    var out = Schedule(steps: schedule.steps, timestamps: schedule.timestamps)
    for column in schedule.columns { out.append(column.name == name ? ScheduleColumn(name, values) : column) }
    return out
}

@Suite("Marginal prices: complementary slackness from the written schedule")
struct MarginalPriceTests {
    @Test("one step, load 100, PV at om 0.8 and import at 0.5 under a renewable floor of 0.5: PV 50, import 50, price 0.65, floor dual 0.3 (0.8 - 0.5ρ = 0.5 + 0.5ρ)")
    func floorDualRecovered() throws {
        let s = try scenario("""
            name: floor
            horizon: {steps: 1}
            loads: {electricity: 100}
            grid: {import_price: 0.5}
            assets:
              - {type: pv, name: roof, capacity_kw: 200, profile: 1, om_cost_per_kwh: 0.8}
            constraints: {min_renewable_share_electricity: 0.5}
            """)
        let (_, _, sc) = try solveOptimal(s)
        #expect(abs(sc.values("roof.output_kw")[0] - 50) < 1e-9 && abs(sc.values("grid.import_kw")[0] - 50) < 1e-9)
        #expect(abs(sc.values("price.electricity_per_kwh")[0] - 0.65) < 1e-12)
        let report = expectComplementaryPrices(s, sc)
        #expect(abs((report.floorDual ?? -1) - 0.3) < 1e-12)
        // The dual comes from the import (the first of the equal coefficients 0.5), PV checks it.
        #expect(report.recoveredFrom[.gridImport] == 1 && report.checked[.renewable] == 1)
        // A price off by 1e-8 is found, at its step, by the one condition that did not give the dual.
        let wrong = marginalPriceCheck(s, replacing("price.electricity_per_kwh", in: sc, with: [0.65 + 1e-8]))
        #expect(wrong.violations.count == 1 && wrong.violations.first?.contains("at step 0") == true, "\(wrong.violations)")
    }

    @Test("one step, load 100, import 0.2 + carbon 100/t x 1 kg/kWh, green power at 0.6, cap 0.05 t: import 50, green 50, price 0.6, cap dual 0.3 per kg")
    func capDualRecovered() throws {
        let s = try scenario("""
            name: cap
            horizon: {steps: 1}
            loads: {electricity: 100}
            grid: {import_price: 0.2, carbon_intensity: 1}
            assets:
              - {type: green_power, name: ppa, available_kw: 200, price_per_kwh: 0.6}
            objective: {carbon_price_per_t: 100}
            constraints: {max_emissions_t: 0.05}
            """)
        let (_, _, sc) = try solveOptimal(s)
        #expect(abs(sc.values("grid.import_kw")[0] - 50) < 1e-9 && abs(sc.values("ppa.output_kw")[0] - 50) < 1e-9)
        #expect(abs(sc.values("price.electricity_per_kwh")[0] - 0.6) < 1e-12)
        let report = expectComplementaryPrices(s, sc)
        #expect(abs((report.capDual ?? -1) - 0.3) < 1e-12)
        #expect(report.recoveredFrom[.gridImport] == 1 && report.checked[.greenPower] == 1)
    }

    @Test("two steps, 100 kW of heat from a 60 kW heat pump (cop 3) and a gas boiler (0.35/0.9 + 65/t x 0.202/0.9), import 0.3: heat price at the boiler's cost; a 1e-9 error in the heat price is found")
    func heatSide() throws {
        let s = try scenario("""
            name: heat
            horizon: {steps: 2}
            loads: {electricity: 50, heat: 100}
            grid: {import_price: 0.3}
            assets:
              - {type: heat_pump, name: hp, heat_capacity_kw: 60, cop: 3}
              - {type: fuel_boiler, name: gas, heat_capacity_kw: 200, efficiency: 0.9, fuel_price_per_kwh: 0.35}
            objective: {carbon_price_per_t: 65}
            """)
        let (_, _, sc) = try solveOptimal(s)
        let boiler = (0.35 + 0.065 * 0.202) / 0.9
        #expect(sc.values("hp.heat_kw") == [60, 60])
        #expect(sc.values("price.heat_per_kwh").allSatisfy { abs($0 - boiler) < 1e-12 })
        let report = expectComplementaryPrices(s, sc)
        #expect(report.checked[.fuelBoiler] == 2 && report.checked[.gridImport] == 2 && report.checked[.heatPriceSign] == 2)
        let wrong = marginalPriceCheck(s, replacing("price.heat_per_kwh", in: sc, with: [boiler, boiler + 1e-8]))
        #expect(wrong.violations.count == 1 && wrong.violations.first?.contains("gas heat at step 1") == true, "\(wrong.violations)")
    }

    @Test("the battery-plant day (24 steps): complementary at 1e-9 on import, export or PV, and heat")
    func bundledDay() throws {
        let s = try ScenarioLoader.load(path: repositoryDirectory + "/Scenarios/studies/day.yaml")
        let run = try SolveRun(scenario: s)
        let schedule = try #require(run.schedule)
        let report = expectComplementaryPrices(s, schedule, minimum: [.heatPriceSign: 24], "day")
        #expect(report.totalChecked > 48, "\(report.checked)")
    }

    /// Solves `s` with the default method, writes it, and reads back
    /// schedule.csv and results.json's new capacities.
    func solvedPlan(_ s: Scenario) throws -> (Schedule, [String: NewCapacity]) {
        let run = try SolveRun(scenario: s)
        #expect(run.status == .optimal && run.solution.isVertex)
        let (schedule, _, capacities) = try PlanningRecomputeTests.writtenPlan(run, s)
        #expect(capacities.count == 5)
        return (schedule, capacities)
    }

    @Test("a planning month (720 steps of the planning year, floor 0.6 slack at a share of 0.6047): complementary at 1e-9 from schedule.csv and results.json's capacities (the simplex path)",
          .tags(.slow))
    func slowPlanningMonthPrices() throws {
        let s = try planningYearPrefix(steps: 720)
        let (schedule, capacities) = try solvedPlan(s)
        // The floor is slack on this month: its dual is 0 and every coupled check runs.
        let report = expectComplementaryPrices(s, schedule, newCapacities: capacities, tolerance: 1e-9, minimum: [
            .gridImport: 100, .importAtPeak: 100, .renewable: 10, .gridExport: 10, .heatPump: 100, .fuelBoiler: 20,
            .heatPriceSign: 720,
        ], "planning month")
        #expect(report.floorDual == 0 && report.skipped.isEmpty)
        // 14,191 columns: below the interior-point threshold, so plain simplex. At
        // GLPK's default tol_dj (1e-7) steps 554 and 556 tied at their block's
        // import peak with peak-row duals of +1.2e-7 and -1.2e-7 (0 exactly), and
        // the import price at 556 fell 1.2e-7 below its cost; the simplex now
        // runs at tol_dj = 1e-9 (GLPKProblem.dualTolerance).
    }

    @Test("the planning month with its floor raised to 0.65: the floor binds, its dual (~0.111) is recovered from one import and every other import, export and PV price agrees with it at 1e-9",
          .tags(.slow))
    func slowPlanningMonthFloorPrices() throws {
        var s = try planningYearPrefix(steps: 720)
        s.minRenewableShareElectricity = 0.65
        let (schedule, capacities) = try solvedPlan(s)
        let report = expectComplementaryPrices(s, schedule, newCapacities: capacities, minimum: [
            .gridImport: 100, .importAtPeak: 100, .renewable: 10, .gridExport: 10, .heatPump: 100, .fuelBoiler: 100,
            .heatPriceSign: 720,
        ], "planning month, floor 0.65")
        let rho = try #require(report.floorDual)
        #expect(rho > 0.1 && rho < 0.12, "the floor binds: its dual is \(rho)")
        #expect(report.recoveredFrom == [.gridImport: 1] && report.skipped.isEmpty)
    }
}
