// SPDX-License-Identifier: GPL-3.0-or-later
import Formulation
import LP
import MicrogridKit
import Results
import Scenario
import Testing

/// Flexible loads (SCENARIO.md v2): optima worked out by hand in each test's name.
@Suite("Flexible loads")
struct FlexibleLoadTests {
    func solve(_ yaml: String, csv: String? = nil, _ expected: Double,
               sourceLocation: SourceLocation = #_sourceLocation) throws -> (Scenario, DispatchResults, Schedule) {
        let s = try scenario(yaml, csv: csv)
        let (_, r, sc) = try solveOptimal(s)
        #expect(abs(r.objective - expected) < 1e-6 * max(1, abs(expected)),
                "objective \(r.objective), expected \(expected)", sourceLocation: sourceLocation)
        #expect(constraintViolations(s, sc).isEmpty, sourceLocation: sourceLocation)
        checkKPIsIndependently(s, sc, r)
        return (s, r, sc)
    }

    @Test("100 kWh in a 4 h period moves into the 0.2 hour: 10 kW fixed x (1+0.2+1+1) + 100 x 0.2 = 52")
    func movesIntoCheapHour() throws {
        let (_, r, sc) = try solve("""
            name: shift
            timeseries: profiles.csv
            loads: {electricity: 10}
            grid: {import_price: price}
            assets:
              - {type: flexible_load, name: furnace, energy_per_period_kwh: 100, period_hours: 4, max_kw: 150}
            """, csv: "price\n1\n0.2\n1\n1\n", 52)
        #expect(sc.values("furnace.electricity_kw") == [0, 100, 0, 0])
        #expect(sc.values("load.electricity_kw") == [10, 10, 10, 10], "load.* stays the fixed load")
        #expect(abs(r.energyKWh.electricLoad - 140) < 1e-9 && abs(r.energyKWh.electricLoadServed - 140) < 1e-9)
        // One more kWh of fixed load at the cheap hour costs its price.
        #expect(abs(sc.values("price.electricity_per_kwh")[1] - 0.2) < 1e-9)
    }

    @Test("max_kw 60 caps the cheap hour: 60 x 0.2 + 40 x 0.5 + 10 x 2.7 = 59")
    func limitedByMaxKW() throws {
        let (_, _, sc) = try solve("""
            name: capped
            timeseries: profiles.csv
            loads: {electricity: 10}
            grid: {import_price: price}
            assets:
              - {type: flexible_load, name: press, energy_per_period_kwh: 100, period_hours: 4, max_kw: cap}
            """, csv: "price,cap\n1,60\n0.2,60\n0.5,60\n1,60\n", 59)
        #expect(sc.values("press.electricity_kw").map { ($0 * 1e6).rounded() / 1e6 } == [0, 60, 40, 0])
    }

    @Test("periods of 2 h over 5 steps, the last one half a period: 20 x 0.5 + 20 x 0.3 + 10 x 0.4 = 20")
    func partialLastPeriod() throws {
        let (s, r, sc) = try solve("""
            name: partial
            timeseries: profiles.csv
            loads: {electricity: 0}
            grid: {import_price: price}
            assets:
              - {type: flexible_load, name: pumps, energy_per_period_kwh: 20, period_hours: 2, max_kw: 100}
            """, csv: "price\n1\n0.5\n0.3\n0.9\n0.4\n", 20)
        guard case .flexibleLoad(let f) = s.assets[0] else { Issue.record("type"); return }
        #expect(f.periods.map(\.steps) == [0..<2, 2..<4, 4..<5] && f.periods.map(\.minKWh) == [20, 20, 10])
        #expect(sc.values("pumps.electricity_kw") == [0, 20, 20, 0, 10])
        #expect(abs(r.energyKWh.electricLoad - 50) < 1e-9)
    }

    @Test("heat carrier: 30 kWh of heat in 3 h from a 0.5-efficient boiler at the 0.1 hour = 60 x 0.1 = 6")
    func heatCarrier() throws {
        let (_, r, sc) = try solve("""
            name: heat-flex
            timeseries: profiles.csv
            loads: {electricity: 0}
            grid: {import_price: price}
            assets:
              - {type: electric_boiler, name: eb, heat_capacity_kw: 100, efficiency: 0.5}
              - {type: flexible_load, name: dryer, carrier: heat, energy_per_period_kwh: 30, period_hours: 3, max_kw: 50}
            """, csv: "price\n0.3\n0.1\n0.2\n", 6)
        #expect(sc.values("dryer.heat_kw") == [0, 30, 0])
        #expect(sc["dryer.electricity_kw"] == nil)
        #expect(abs(r.energyKWh.heatLoad - 30) < 1e-9 && abs(r.energyKWh.heatLoadServed - 30) < 1e-9)
        #expect(abs(sc.values("price.heat_per_kwh")[1] - 0.2) < 1e-9, "heat at the 0.1 hour: 0.1 / 0.5")
    }

    @Test("15-minute steps: period_hours 1 is 4 steps; 8 kWh at max 20 kW (5 kWh a quarter): 5 x 0.2 + 3 x 0.3 = 1.9")
    func quarterHours() throws {
        let (_, _, sc) = try solve("""
            name: quarter
            timeseries: profiles.csv
            horizon: {step_hours: 0.25}
            loads: {electricity: 0}
            grid: {import_price: price}
            assets:
              - {type: flexible_load, name: fleet, energy_per_period_kwh: 8, period_hours: 1, max_kw: 20}
            """, csv: "price\n0.4\n0.3\n0.2\n0.5\n", 1.9)
        #expect(sc.values("fleet.electricity_kw").map { ($0 * 1e6).rounded() / 1e6 } == [0, 12, 20, 0])
    }

    @Test("an islanded site that cannot serve its flexible load is infeasible and names `flexible load`")
    func infeasibleNamesFamily() throws {
        let s = try scenario("""
            name: island
            horizon: {steps: 2}
            loads: {electricity: 5}
            assets:
              - {type: pv, name: pv, capacity_kw: 10, profile: 1}
              - {type: flexible_load, name: kiln, energy_per_period_kwh: 30, period_hours: 2, max_kw: 20}
            """)
        let run = try SolveRun(scenario: s, options: SolveOptions(method: .simplex))
        #expect(run.results == nil)
        #expect(run.failureMessage?.contains("flexible load") == true, "\(run.failureMessage ?? "")")
    }
}

/// The heat-pump COP mapping of SCENARIO.md v2, at and around its clamps.
@Suite("Heat-pump COP from temperatures")
struct CarnotCOPTests {
    @Test("0.45 x (70 + 273.15) / (70 - 10) = 2.573625; at and around max and the floor of 1", arguments: [
        (0.45, 70.0, 10.0, 10.0, 2.573625),
        (0.45, 70.0, 60.0, 10.0, 10.0),            // 15.44 clamped to max
        (0.45, 70.0, 70.0, 10.0, 10.0),            // no lift: max
        (0.45, 70.0, 80.0, 10.0, 10.0),            // negative lift: max
        (0.45, 70.0, 60.0, 20.0, 15.441750000000001),  // just under a higher max
        (0.1, 90.0, -20.0, 10.0, 1.0),             // 0.33 raised to 1
        (0.3, 70.0, -33.0, 10.0, 1.0),             // 0.3 x 343.15 / 103 = 0.9995: raised to 1
        (1.0, 35.0, 35.0, 1.0, 1.0),               // max 1
    ])
    func formula(_ f: Double, _ sink: Double, _ source: Double, _ maxCOP: Double, _ expected: Double) {
        let cop = CarnotCOP.cop(carnotFraction: f, sinkC: sink, sourceC: source, maxCOP: maxCOP)
        #expect(abs(cop - expected) < 1e-12, "\(cop)")
    }

    @Test("the loader turns the mapping into one COP per step; a waste-heat pump takes its stream's temperature")
    func loaded() throws {
        let s = try scenario("""
            name: cop
            timeseries: profiles.csv
            loads: {electricity: 0, heat: 100}
            grid: {import_price: 0.5}
            assets:
              - {type: heat_pump, name: air, heat_capacity_kw: 100, cop: {carnot_fraction: 0.45, sink_c: 70, source_c: ambient_c}}
              - {type: waste_heat, name: servers, available_kw: 500, direct_use: false}
              - {type: heat_pump, name: lift, heat_capacity_kw: 100, source: servers,
                 cop: {carnot_fraction: 0.5, sink_c: supply_c, source_c: 28, max: 6}}
            """, csv: "ambient_c,supply_c\n10,70\n80,30\n-40,75\n")
        guard case .heatPump(let air) = s.assets[0], case .heatPump(let lift) = s.assets[2] else {
            Issue.record("types"); return
        }
        #expect(air.cop.count == 3 && abs(air.cop[0] - 2.573625) < 1e-12 && air.cop[1] == 10)
        #expect(abs(air.cop[2] - 0.45 * 343.15 / 110) < 1e-12)
        #expect(abs(lift.cop[0] - 0.5 * 343.15 / 42) < 1e-12, "4.085, under max 6")
        #expect(lift.cop[1] == 6, "0.5 x 303.15 / 2 = 75.8, clamped to max 6")
        #expect(abs(lift.cop[2] - 0.5 * 348.15 / 47) < 1e-12)
        // Solved: the cheaper (higher-COP) pump serves the load.
        let (_, r, sc) = try solveOptimal(s)
        #expect(constraintViolations(s, sc).isEmpty)
        #expect(abs(sc.values("lift.heat_kw")[2] - 100) < 1e-6)
        #expect(abs(r.cost.energyImport - 0.5 * (100 / (0.5 * 343.15 / 42) + 100 / 10 + 100 / (0.5 * 348.15 / 47))) < 1e-6)
    }
}

/// Periods in rolling windows and day-ahead days keep their places on the whole horizon.
@Suite("Flexible loads across windows")
struct FlexibleWindowTests {
    /// The synthetic plant of RollingTests with a furnace batch (36 h periods,
    /// crossing day boundaries) and a heat dryer (12 h periods).
    static func plantWithFlexibleLoads() -> String {
        syntheticYAML().replacingOccurrences(of: "objective:", with: """
              - {type: flexible_load, name: furnace, energy_per_period_kwh: 6000, period_hours: 36, max_kw: 600}
              - {type: flexible_load, name: dryer, carrier: heat, energy_per_period_kwh: 900, period_hours: 12, max_kw: 150}
            objective:
            """)
    }

    @Test("rolling 3/2 over 6 steps, periods of 4: the window inside a period needs only what is left; 22 as monolithic")
    func carryAcrossBoundary() throws {
        // Monolithic: period [0,4) 20 kWh at 0.1 + 20 at 0.9 = 20; period [4,6) (half) 20 at 0.1 = 2. Total 22 + fixed 0.
        // Rolling: window [0,3) must leave no more than step 3 can deliver (20): 20 at t0; window [2,5)
        // needs exactly the 20 still lacking in steps 2..3; window [4,6) puts the half period's 20 at t5.
        let s = try scenario("""
            name: carry
            timeseries: profiles.csv
            loads: {electricity: 0}
            grid: {import_price: price}
            assets:
              - {type: flexible_load, name: oven, energy_per_period_kwh: 40, period_hours: 4, max_kw: 20}
            """, csv: "price\n0.1\n0.95\n0.9\n0.95\n0.9\n0.1\n")
        let (_, mono, monoSchedule) = try solveOptimal(s)
        #expect(abs(mono.objective - 22) < 1e-9)
        #expect(monoSchedule.values("oven.electricity_kw") == [20, 0, 20, 0, 0, 20])
        let run = try RollingRun(scenario: s, plan: RollingPlan("3/2"))
        let schedule = try #require(run.schedule), results = try #require(run.results)
        #expect(schedule.values("oven.electricity_kw") == [20, 0, 20, 0, 0, 20])
        #expect(abs(results.objective - 22) < 1e-9 && constraintViolations(s, schedule).isEmpty)
        // The carried state after steps 0..<2: 20 kWh delivered in the period starting at step 0.
        let state = CarriedState(initialOf: s).advanced(over: 0..<2, of: s, committed: schedule.window(0..<2))
        #expect(state.flexible["oven"] == FlexibleProgress(periodStartStep: 0, deliveredKWh: 20))
        let window = state.windowScenario(of: s, range: 2..<5)
        guard case .flexibleLoad(let f) = window.assets[0] else { Issue.record("type"); return }
        #expect(f.periods == [FlexiblePeriod(steps: 0..<2, minKWh: 20, maxKWh: 20),
                              FlexiblePeriod(steps: 2..<3, minKWh: 0, maxKWh: 20)])
    }

    @Test("with flexible loads on both carriers: rolling 48/24 is feasible on the whole horizon; warm equals cold")
    func rollingWarmEqualsCold() throws {
        let s = try scenario(Self.plantWithFlexibleLoads(),
                             csv: syntheticCSV(start: CivilDate(year: 2026, month: 5, day: 1)!, days: 5))
        let warm = try RollingRun(scenario: s, plan: RollingPlan("48/24"))
        let cold = try RollingRun(scenario: s, plan: RollingPlan("48/24"), warmStart: false)
        let a = try #require(warm.schedule), b = try #require(cold.schedule)
        let violations = constraintViolations(s, a)
        #expect(violations.isEmpty, "\(violations.prefix(5))")
        // The lossless tank may charge and discharge at once (a tie): compare its net flow.
        func net(_ sc: Schedule) -> [Double] { zip(sc.values("tank.discharge_kw"), sc.values("tank.charge_kw")).map(-) }
        let compared = a.columns.filter { !$0.name.hasPrefix("price.") && !$0.name.hasPrefix("tank.") }
            .map { ($0.name, $0.values, b.values($0.name)) } + [("tank net", net(a), net(b))]
        for (name, x, y) in compared {
            let worst = zip(x, y).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
            #expect(worst <= 1e-6, "\(name) differs by \(worst)")
        }
        let r = try #require(warm.results)
        #expect(relativeError(r.objective, cold.results?.objective ?? 0) < 1e-9)
        checkKPIsIndependently(s, a, r)
        let (_, mono, _) = try solveOptimal(s)
        #expect(r.objective >= mono.objective - 1e-6 * abs(mono.objective))
    }
}
