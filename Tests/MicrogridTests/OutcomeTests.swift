// SPDX-License-Identifier: GPL-3.0-or-later
import Formulation
import LP
import MicrogridKit
import Scenario
import Testing

@Suite("Infeasible and unbounded scenarios are outcomes that name their cause")
struct OutcomeTests {
    func status(_ yaml: String) throws -> RunStatus {
        try SolveRun(scenario: try scenario(yaml)).status
    }

    @Test("must-take supply nothing can absorb")
    func mustTake() throws {
        #expect(try status("""
            name: x
            horizon: {steps: 2}
            loads: {electricity: 10}
            assets: [{type: green_power, name: ppa, available_kw: 100, must_take: true}]
            """) == .infeasible([.mustTake]))
    }

    @Test("negative emissions cap")
    func cap() throws {
        #expect(try status("""
            name: x
            horizon: {steps: 2}
            loads: {electricity: 10}
            grid: {import_price: 1}
            constraints: {max_emissions_t: -1}
            """) == .infeasible([.emissionsCap]))
    }

    @Test("storage that cannot recover its losses by the end")
    func endCondition() throws {
        #expect(try status("""
            name: x
            horizon: {steps: 3}
            loads: {electricity: 0}
            assets: [{type: battery, name: b, energy_kwh: 100, charge_kw: 10, self_discharge_per_hour: 0.1}]
            """) == .infeasible([.storageEndCondition]))
    }

    @Test("storage whose losses push it below soc_min")
    func bounds() throws {
        #expect(try status("""
            name: x
            horizon: {steps: 3}
            loads: {electricity: 0}
            assets: [{type: thermal_storage, name: t, energy_kwh: 100, charge_kw: 10, soc_min: 0.5,
                      soc_initial: 0.5, soc_final: free, loss_per_hour: 0.1}]
            """) == .infeasible([.storageBounds]))
    }

    @Test("unlimited export priced above unlimited import is unbounded")
    func unbounded() throws {
        let s = try status("""
            name: x
            horizon: {steps: 1}
            loads: {electricity: 10}
            grid: {import_price: 0.5, export_price: 1, export_limit_kw: null}
            """)
        guard case .unbounded(let why) = s else { Issue.record("got \(s)"); return }
        #expect(why.contains("export"))
    }

    /// GLPK's interior point says "no feasible solution" for an unbounded
    /// LP too; the solver layer must still report it as unbounded. A
    /// planning case (crosscheck seed 40): import pays 1 per kWh, and an
    /// electric boiler may be built without limit at no cost.
    @Test("an unbounded or infeasible LP keeps its verdict under every method", arguments: SolveMethod.allCases)
    func verdictByMethod(_ method: SolveMethod) throws {
        let unbounded = try SolveRun(scenario: try scenario("""
            name: x
            horizon: {steps: 1}
            loads: {electricity: 0}
            grid: {import_price: -1}
            assets:
              - {type: electric_boiler, name: eb, heat_capacity_kw: 0, invest: {capex_per_kw: 0, lifetime_years: 5}}
            """), options: SolveOptions(method: method)).status
        guard case .unbounded(let why) = unbounded else { Issue.record("got \(unbounded)"); return }
        #expect(why.contains("negative import price"))
        let infeasible = try SolveRun(scenario: try scenario("""
            name: x
            horizon: {steps: 2}
            loads: {electricity: 10}
            grid: {import_price: 1}
            constraints: {max_emissions_t: -1}
            """), options: SolveOptions(method: method)).status
        #expect(infeasible == .infeasible([.emissionsCap]))
    }
}

@Suite("Resolution invariance")
struct ResolutionTests {
    /// The same day at 60-, 30- and 15-minute steps, every hourly value
    /// repeated within its hour: the LP optimum is the same (no storage
    /// losses, whose discretisation depends on Δ).
    @Test("60, 30 and 15 minute steps give the same objective")
    func sameDay() throws {
        let price = (0..<24).map { h in h < 8 ? 0.3 : (h < 18 ? 1.1 : 0.7) }
        let sun = (0..<24).map { h in max(0, 1 - abs(Double(h) - 12.5) / 6) }
        let load = (0..<24).map { h in 500 + (h >= 8 && h < 20 ? 400.0 : 0) }
        var objectives: [Double] = []
        for perHour in [1, 2, 4] {
            var csv = "price,sun,load\n"
            for h in 0..<24 { for _ in 0..<perHour { csv += "\(price[h]),\(sun[h]),\(load[h])\n" } }
            let s = try scenario("""
                name: day
                timeseries: profiles.csv
                horizon: {step_hours: \(1.0 / Double(perHour))}
                loads: {electricity: load, heat: 200}
                grid: {import_price: price, carbon_intensity: 0.55, export_limit_kw: 100, export_price: 0.3,
                       demand_charge_per_kw: 30}
                objective: {carbon_price_per_t: 80}
                assets:
                  - {type: pv, name: pv, capacity_kw: 800, profile: sun}
                  - {type: battery, name: bess, energy_kwh: 1000, charge_kw: 300, soc_initial: 0.3}
                  - {type: heat_pump, name: hp, heat_capacity_kw: 150, cop: 3.2}
                  - {type: thermal_storage, name: tank, energy_kwh: 600, charge_kw: 200}
                  - {type: fuel_boiler, name: gas, heat_capacity_kw: 300, fuel_price_per_kwh: 0.35}
                """, csv: csv)
            #expect(s.steps == 24 * perHour)
            let (_, r, sc) = try solveOptimal(s)
            #expect(constraintViolations(s, sc).isEmpty)
            objectives.append(r.objective)
        }
        #expect(relativeError(objectives[1], objectives[0]) < 1e-9, "\(objectives)")
        #expect(relativeError(objectives[2], objectives[0]) < 1e-9, "\(objectives)")
    }
}
