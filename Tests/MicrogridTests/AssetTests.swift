// SPDX-License-Identifier: GPL-3.0-or-later
import Formulation
import LP
import MicrogridKit
import Results
import Scenario
import Testing

/// Small scenarios whose optimum is worked out by hand in each test's comment.
@Suite("Per-asset optima computed by hand")
struct AssetTests {
    func expectObjective(_ yaml: String, csv: String? = nil, _ expected: Double,
                         sourceLocation: SourceLocation = #_sourceLocation) throws -> (DispatchResults, Schedule) {
        let s = try scenario(yaml, csv: csv)
        let (_, r, sc) = try solveOptimal(s)
        #expect(abs(r.objective - expected) < 1e-6 * max(1, abs(expected)),
                "objective \(r.objective), expected \(expected)", sourceLocation: sourceLocation)
        #expect(constraintViolations(s, sc).isEmpty, sourceLocation: sourceLocation)
        return (r, sc)
    }

    @Test("grid only: 100 kW x 4 h at 0.5/kWh, 0.6 kg/kWh, carbon 100/t -> 200 + 24")
    func gridOnly() throws {
        let (r, _) = try expectObjective("""
            name: grid-only
            horizon: {steps: 4}
            loads: {electricity: 100}
            grid: {import_price: 0.5, carbon_intensity: 0.6}
            objective: {carbon_price_per_t: 100}
            """, 224)
        #expect(abs(r.cost.energyImport - 200) < 1e-9)
        #expect(abs(r.emissionsKg.scope2Location - 240) < 1e-9)
        #expect(abs(r.gridEmissionFactorUsed - 0.6) < 1e-12)
        #expect(r.kpis.renewableShareElectricity == 0)
        #expect(r.kpis.peakImportKW == 100)
    }

    @Test("pv: 150 kW at full sun over a 100 kW load, no export -> 50 kW curtailed, O&M 0.01 x 100 kWh x 2")
    func pvCurtailment() throws {
        let (r, sc) = try expectObjective("""
            name: pv
            horizon: {steps: 2}
            loads: {electricity: 100}
            grid: {import_price: 0.5}
            assets:
              - {type: pv, name: roof, capacity_kw: 150, profile: 1, om_cost_per_kwh: 0.01}
            """, 2)
        #expect(sc.values("roof.curtailed_kw") == [50, 50])
        #expect(r.energyKWh.curtailed == 100)
        #expect(r.kpis.renewableShareElectricity == 1)
        #expect(r.kpis.selfConsumption == 1)
    }

    @Test("battery arbitrage: charge 100 kW at 0.2, discharge 81 kW at 1.0 (0.9 x 0.9), end >= initial -> 59")
    func batteryArbitrage() throws {
        let (r, sc) = try expectObjective("""
            name: arbitrage
            timeseries: profiles.csv
            loads: {electricity: 100}
            grid: {import_price: price}
            assets:
              - {type: battery, name: bess, energy_kwh: 200, charge_kw: 100, charge_efficiency: 0.9,
                 discharge_efficiency: 0.9, soc_initial: 0.5}
            """, csv: "price\n0.2\n1.0\n", 59)
        #expect(abs(sc.values("bess.soc_kwh")[1] - 100) < 1e-6)
        #expect(abs((r.equivalentFullCycles.first?.cycles ?? 0) - 81.0 / 200) < 1e-9)
        // Marginal price at the expensive step is the import price.
        #expect(abs(sc.values("price.electricity_per_kwh")[1] - 1.0) < 1e-9)
    }

    @Test("cyclic storage picks its own start level and ends where it started")
    func cyclicBattery() throws {
        // Prices 1.0 then 0.2: discharge 100 kW at step 0 (soc0 = 100), recharge at step 1.
        // Cost = 0 at step 0 + (100 + 100) * 0.2 at step 1 = 40.
        let (_, sc) = try expectObjective("""
            name: cyclic
            timeseries: profiles.csv
            loads: {electricity: 100}
            grid: {import_price: price}
            assets:
              - {type: battery, name: bess, energy_kwh: 200, charge_kw: 100, charge_efficiency: 1,
                 discharge_efficiency: 1, soc_final: cyclic}
            """, csv: "price\n1.0\n0.2\n", 40)
        #expect(abs(sc.values("bess.soc_kwh")[1] - (sc.values("bess.soc_kwh")[0] + 100)) < 1e-6)
    }

    @Test("heat pump (cop 3 at 0.6/kWh = 0.2 per kWh heat) before gas (0.3/0.9) -> 60 + 40 per step")
    func heatPumpAndBoiler() throws {
        let (r, _) = try expectObjective("""
            name: heat
            horizon: {steps: 3}
            loads: {electricity: 0, heat: 100}
            grid: {import_price: 0.6}
            assets:
              - {type: heat_pump, name: hp, heat_capacity_kw: 60, cop: 3}
              - {type: fuel_boiler, name: gas, heat_capacity_kw: 100, efficiency: 0.9, fuel_price_per_kwh: 0.3}
            """, 3 * (12 + 40 * 0.3 / 0.9))
        #expect(abs(r.emissionsKg.scope1 - 3 * 40 / 0.9 * 0.202) < 1e-9)
        #expect(abs(r.energyKWh.fossilHeat - 120) < 1e-9)
    }

    @Test("waste heat: 10 kW direct (exchanger limit), heat pump lifts the other 20 kW to 26.7 kW")
    func wasteHeat() throws {
        // direct 10 (free); hp heat h with 0.75 h <= 20 -> 26.667, electricity h/4 at 0.6;
        // gas for the rest (63.333 at 0.3/0.9).
        let h = 20 / 0.75
        let perStep = h / 4 * 0.6 + (100 - 10 - h) * 0.3 / 0.9
        let (_, sc) = try expectObjective("""
            name: waste
            horizon: {steps: 2}
            loads: {electricity: 0, heat: 100}
            grid: {import_price: 0.6}
            assets:
              - {type: waste_heat, name: wh, available_kw: 30, exchanger_capacity_kw: 10}
              - {type: heat_pump, name: hp, heat_capacity_kw: 100, cop: 4, source: wh}
              - {type: fuel_boiler, name: gas, heat_capacity_kw: 100, efficiency: 0.9, fuel_price_per_kwh: 0.3}
            """, 2 * perStep)
        #expect(abs(sc.values("hp.source_heat_kw")[0] - 20) < 1e-6)
        #expect(abs(sc.values("wh.direct_kw")[0] - 10) < 1e-6)
    }

    @Test("chp at 0.1/0.4 = 0.25 per kWh beats grid at 0.6; its heat is rejected when not needed")
    func chp() throws {
        let (r, sc) = try expectObjective("""
            name: chp
            horizon: {steps: 2}
            loads: {electricity: 100}
            grid: {import_price: 0.6, carbon_intensity: 0.5}
            assets:
              - {type: chp, name: chp, electric_capacity_kw: 50, electric_efficiency: 0.4, heat_efficiency: 0.4,
                 fuel_price_per_kwh: 0.1}
            """, 2 * (50 * 0.25 + 50 * 0.6))
        #expect(sc.values("chp.fuel_kw") == [125, 125])
        #expect(abs(r.emissionsKg.scope1 - 2 * 125 * 0.202) < 1e-9)
        #expect(abs(r.energyKWh.chpElectricity - 100) < 1e-9)
    }

    @Test("electric boiler: 50 kW heat at efficiency 0.99 and 0.1/kWh")
    func electricBoiler() throws {
        _ = try expectObjective("""
            name: eboiler
            horizon: {steps: 1}
            loads: {electricity: 0, heat: 50}
            grid: {import_price: 0.1}
            assets: [{type: electric_boiler, name: eb, heat_capacity_kw: 100}]
            """, 50 / 0.99 * 0.1)
    }

    @Test("must-take PPA of 100 kW over a 10 kW load exports 90 kW at 0.3; price 0.2 paid on all 100")
    func mustTake() throws {
        _ = try expectObjective("""
            name: ppa
            horizon: {steps: 1}
            loads: {electricity: 10}
            grid: {import_price: 1, export_limit_kw: 200, export_price: 0.3}
            assets: [{type: green_power, name: ppa, available_kw: 100, price_per_kwh: 0.2, must_take: true}]
            """, 100 * 0.2 - 90 * 0.3)
    }

    @Test("demand charge per calendar month, the first above the peak so far")
    func demandCharge() throws {
        // Month Jan: imports 100, 300 -> peak 300 over base 250 = 50; Feb: 200 -> 200. Rate 10.
        let (r, _) = try expectObjective("""
            name: demand
            timeseries: profiles.csv
            loads: {electricity: load}
            grid: {import_price: 0.5, demand_charge_per_kw: 10, demand_peak_so_far_kw: 250}
            """, csv: """
            timestamp,load
            2026-01-31T22:00+08:00,100
            2026-01-31T23:00+08:00,300
            2026-02-01T00:00+08:00,200
            """, 0.5 * 600 + 10 * 250)
        #expect(r.cost.demandCharge == 2500)
    }

    @Test("islanded site with nothing to supply its load: all unserved at the penalty")
    func unserved() throws {
        let (r, _) = try expectObjective("""
            name: island
            horizon: {steps: 2, step_hours: 0.5}
            loads: {electricity: 10}
            unserved_penalty_per_kwh: 100
            """, 100 * 10)
        #expect(r.energyKWh.unservedElectricity == 10)
        #expect(r.kpis.renewableShareElectricity == nil)
        #expect(r.kpis.peakImportKW == 0)
    }

    @Test("renewable floor 0.5 with 30 kW of PV: imports capped at 30 kW, 40 kW unserved")
    func renewableFloor() throws {
        // G_re - X >= 0.5 (I + G_re) -> 30 >= 0.5 (I + 30) -> I <= 30.
        _ = try expectObjective("""
            name: floor
            horizon: {steps: 1}
            loads: {electricity: 100}
            grid: {import_price: 0.5}
            assets: [{type: pv, name: pv, capacity_kw: 100, profile: 0.3}]
            constraints: {min_renewable_share_electricity: 0.5}
            """, 30 * 0.5 + 40 * 1000)
    }

    @Test("emissions cap of 0.03 t at 0.5 kg/kWh: 60 kWh imported, the rest unserved")
    func emissionsCap() throws {
        _ = try expectObjective("""
            name: cap
            horizon: {steps: 1}
            loads: {electricity: 100}
            grid: {import_price: 0.5, carbon_intensity: 0.5}
            constraints: {max_emissions_t: 0.03}
            """, 60 * 0.5 + 40 * 1000)
    }
}
