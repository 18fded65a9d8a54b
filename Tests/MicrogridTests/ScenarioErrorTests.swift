// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Scenario
import Testing

/// One fixture per error class of SCENARIO.md: each must be rejected with a
/// problem that names the place (key path or CSV line and column), what was
/// found and what was expected.
@Suite("Scenario errors")
struct ScenarioErrorTests {
    static let base = """
        name: site
        timeseries: profiles.csv
        loads: {electricity: load_kw}
        grid: {import_price: price}

        """
    static let csv = "timestamp,load_kw,price,cop\n2026-01-01T00:00,100,0.5,3\n2026-01-01T01:00,120,0.6,3\n"

    static let flex = "assets: [{type: flexible_load, name: f, "
    static let hp = "assets: [{type: heat_pump, name: h, heat_capacity_kw: 1, cop: {"

    struct Case: CustomStringConvertible, Sendable {
        let label: String
        let yaml: String
        var csv: String? = ScenarioErrorTests.csv
        let keyPath: String?
        let foundContains: String
        var description: String { label }
    }

    static let cases: [Case] = [
        Case(label: "unknown top-level key", yaml: base + "colour: red\n", keyPath: "colour", foundContains: "unknown key"),
        Case(label: "unknown asset key", yaml: base + "assets: [{type: pv, name: a, capacity_kw: 1, profile: 1, tilt: 30}]\n",
             keyPath: "assets[0].tilt", foundContains: "unknown key"),
        Case(label: "unknown asset type", yaml: base + "assets: [{type: nuclear, name: a}]\n",
             keyPath: "assets[0].type", foundContains: "nuclear"),
        Case(label: "duplicate name", yaml: base + """
            assets:
              - {type: electric_boiler, name: a, heat_capacity_kw: 1}
              - {type: electric_boiler, name: a, heat_capacity_kw: 2}
            """, keyPath: "assets[1].name", foundContains: "already the name of assets[0]"),
        Case(label: "reserved name", yaml: base + "assets: [{type: electric_boiler, name: grid, heat_capacity_kw: 1}]\n",
             keyPath: "assets[0].name", foundContains: "reserved"),
        Case(label: "invalid name", yaml: base + "assets: [{type: electric_boiler, name: 'my boiler', heat_capacity_kw: 1}]\n",
             keyPath: "assets[0].name", foundContains: "my boiler"),
        Case(label: "missing column (lists the columns)", yaml: base + "assets: [{type: pv, name: a, capacity_kw: 1, profile: sun}]\n",
             keyPath: "assets[0].profile", foundContains: "does not have"),
        Case(label: "cell that is not a number",
             yaml: base, csv: "timestamp,load_kw,price\n2026-01-01T00:00,100,0.5\n2026-01-01T01:00,abc,0.6\n",
             keyPath: nil, foundContains: "abc"),
        Case(label: "cell that is not finite",
             yaml: base, csv: "timestamp,load_kw,price\n2026-01-01T00:00,100,0.5\n2026-01-01T01:00,120,nan\n",
             keyPath: nil, foundContains: "nan"),
        Case(label: "fewer rows than the horizon", yaml: base + "horizon: {steps: 5}\n",
             keyPath: "horizon.steps", foundContains: "2 rows"),
        Case(label: "negative capacity", yaml: base + "assets: [{type: pv, name: a, capacity_kw: -5, profile: 1}]\n",
             keyPath: "assets[0].capacity_kw", foundContains: "-5"),
        Case(label: "efficiency outside (0, 1]", yaml: base + "assets: [{type: electric_boiler, name: a, heat_capacity_kw: 1, efficiency: 1.2}]\n",
             keyPath: "assets[0].efficiency", foundContains: "1.2"),
        Case(label: "cop below 1", yaml: base + "assets: [{type: heat_pump, name: a, heat_capacity_kw: 1, cop: 0.8}]\n",
             keyPath: "assets[0].cop", foundContains: "0.8"),
        Case(label: "storage fractions out of order",
             yaml: base + "assets: [{type: battery, name: b, energy_kwh: 10, charge_kw: 5, soc_min: 0.6, soc_initial: 0.5}]\n",
             keyPath: "assets[0].soc_initial", foundContains: "outside"),
        Case(label: "heat pump source naming no waste heat",
             yaml: base + "assets: [{type: heat_pump, name: a, heat_capacity_kw: 1, cop: 3, source: chiller}]\n",
             keyPath: "assets[0].source", foundContains: "chiller"),
        Case(label: "non-finite number (.inf)", yaml: base + "unserved_penalty_per_kwh: .inf\n",
             keyPath: "unserved_penalty_per_kwh", foundContains: "inf"),
        Case(label: "quoted column name that reads as a number",
             yaml: base + "assets: [{type: pv, name: a, capacity_kw: 1, profile: '0.5'}]\n",
             keyPath: "assets[0].profile", foundContains: "reads as a number"),
        Case(label: "missing required key", yaml: "name: x\nhorizon: {steps: 1}\n", csv: nil,
             keyPath: "loads", foundContains: "missing"),
        Case(label: "horizon start that matches no row", yaml: base + "horizon: {start: 2027-01-01T00:00}\n",
             keyPath: "horizon.start", foundContains: "matches no row"),
        Case(label: "loss rate times step too large",
             yaml: base + "assets: [{type: thermal_storage, name: t, energy_kwh: 10, charge_kw: 5, loss_per_hour: 1.5}]\n",
             keyPath: "assets[0].loss_per_hour", foundContains: "1.5"),
        Case(label: "bad soc_final", yaml: base + "assets: [{type: battery, name: b, energy_kwh: 10, charge_kw: 5, soc_final: full}]\n",
             keyPath: "assets[0].soc_final", foundContains: "full"),
        Case(label: "a load on a carrier that does not exist", yaml: "name: x\nhorizon: {steps: 1}\nloads: {electricity: 1, steam: 2}\n",
             csv: nil, keyPath: "loads.steam", foundContains: "unknown key"),
        Case(label: "flexible_load: carrier not electricity or heat",
             yaml: base + flex + "carrier: steam, energy_per_period_kwh: 1, max_kw: 10}]\n",
             keyPath: "assets[0].carrier", foundContains: "steam"),
        Case(label: "flexible_load: energy_per_period_kwh not > 0",
             yaml: base + flex + "energy_per_period_kwh: 0, max_kw: 10}]\n",
             keyPath: "assets[0].energy_per_period_kwh", foundContains: "0"),
        Case(label: "flexible_load: energy_per_period_kwh missing", yaml: base + flex + "max_kw: 10}]\n",
             keyPath: "assets[0].energy_per_period_kwh", foundContains: "missing"),
        Case(label: "flexible_load: period_hours not a whole number of steps",
             yaml: base + flex + "energy_per_period_kwh: 1, period_hours: 1.5, max_kw: 10}]\n",
             keyPath: "assets[0].period_hours", foundContains: "1.5"),
        Case(label: "flexible_load: period_hours not positive",
             yaml: base + flex + "energy_per_period_kwh: 1, period_hours: -24, max_kw: 10}]\n",
             keyPath: "assets[0].period_hours", foundContains: "-24"),
        Case(label: "flexible_load: max_kw negative", yaml: base + flex + "energy_per_period_kwh: 1, max_kw: -1}]\n",
             keyPath: "assets[0].max_kw", foundContains: "-1"),
        Case(label: "flexible_load: max_kw missing", yaml: base + flex + "energy_per_period_kwh: 1}]\n",
             keyPath: "assets[0].max_kw", foundContains: "missing"),
        Case(label: "flexible_load: a period max_kw cannot fill (a number)",
             yaml: base + flex + "energy_per_period_kwh: 50, period_hours: 2, max_kw: 10}]\n",
             keyPath: "assets[0].max_kw", foundContains: "at most 20.0 kWh"),
        Case(label: "flexible_load: a period max_kw cannot fill (a column)",
             yaml: base + flex + "energy_per_period_kwh: 500, period_hours: 2, max_kw: load_kw}]\n",
             keyPath: "assets[0].max_kw", foundContains: "at most 220.0 kWh"),
        Case(label: "flexible_load: invest is not allowed",
             yaml: base + flex + "energy_per_period_kwh: 1, max_kw: 10, invest: {capex_per_kw: 1}}]\n",
             keyPath: "assets[0].invest", foundContains: "an invest block"),
        Case(label: "cop mapping: carnot_fraction 0", yaml: base + hp + "carnot_fraction: 0, sink_c: 70, source_c: 10}}]\n",
             keyPath: "assets[0].cop.carnot_fraction", foundContains: "0"),
        Case(label: "cop mapping: carnot_fraction above 1", yaml: base + hp + "carnot_fraction: 1.5, sink_c: 70, source_c: 10}}]\n",
             keyPath: "assets[0].cop.carnot_fraction", foundContains: "1.5"),
        Case(label: "cop mapping: carnot_fraction missing", yaml: base + hp + "sink_c: 70, source_c: 10}}]\n",
             keyPath: "assets[0].cop.carnot_fraction", foundContains: "missing"),
        Case(label: "cop mapping: sink_c missing", yaml: base + hp + "carnot_fraction: 0.4, source_c: 10}}]\n",
             keyPath: "assets[0].cop.sink_c", foundContains: "missing"),
        Case(label: "cop mapping: source_c names no column", yaml: base + hp + "carnot_fraction: 0.4, sink_c: 70, source_c: outdoor}}]\n",
             keyPath: "assets[0].cop.source_c", foundContains: "does not have"),
        Case(label: "cop mapping: temperature below absolute zero", yaml: base + hp + "carnot_fraction: 0.4, sink_c: -300, source_c: 10}}]\n",
             keyPath: "assets[0].cop.sink_c", foundContains: "-300"),
        Case(label: "cop mapping: max below 1", yaml: base + hp + "carnot_fraction: 0.4, sink_c: 70, source_c: 10, max: 0.5}}]\n",
             keyPath: "assets[0].cop.max", foundContains: "0.5"),
        Case(label: "cop mapping: unknown key", yaml: base + hp + "carnot_fraction: 0.4, sink_c: 70, source_c: 10, lift: 3}}]\n",
             keyPath: "assets[0].cop.lift", foundContains: "unknown key"),
        Case(label: "cop mapping: not a mapping or series", yaml: base + "assets: [{type: heat_pump, name: h, heat_capacity_kw: 1, cop: [3]}]\n",
             keyPath: "assets[0].cop", foundContains: "a list"),
        Case(label: "invalid YAML", yaml: "name: [unclosed\n", csv: nil, keyPath: nil, foundContains: "invalid YAML"),
        Case(label: "missing CSV file", yaml: "name: x\ntimeseries: nowhere.csv\nloads: {electricity: 1}\n", csv: nil,
             keyPath: "timeseries", foundContains: "no such file"),
    ]

    @Test("each error class is reported with its place, what was found and what was expected", arguments: cases)
    func errorClass(_ c: Case) {
        let found = problems(c.yaml, csv: c.csv)
        #expect(!found.isEmpty, "\(c.label): accepted")
        let match = found.first { p in
            (c.keyPath == nil || p.keyPath == c.keyPath) && p.found.contains(c.foundContains)
        }
        #expect(match != nil, "\(c.label): got \(found.map(\.description))")
        #expect(found.allSatisfy { !$0.expected.isEmpty && !$0.file.isEmpty })
    }

    @Test("a bad CSV cell names its line and column")
    func cellPlace() {
        let found = problems(Self.base, csv: "timestamp,load_kw,price\n2026-01-01T00:00,100,0.5\n2026-01-01T01:00,abc,0.6\n")
        let p = found.first { $0.column == "load_kw" }
        #expect(p?.line == 3)
        #expect(p?.file.hasSuffix("profiles.csv") == true)
    }

    @Test("a period max_kw cannot fill is named by its first CSV row and column; a shorter last period by its share")
    func unfillablePeriodRow() {
        let csv = "timestamp,load_kw,price,cap\n2026-01-01T00:00,1,1,50\n2026-01-01T01:00,1,1,50\n2026-01-01T02:00,1,1,5\n"
        let found = problems(Self.base + Self.flex + "energy_per_period_kwh: 40, period_hours: 2, max_kw: cap}]\n", csv: csv)
        // Period 0 (rows 2-3) delivers 100 >= 40; the last period (row 4) needs 20 but gets 5.
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.line == 4 && found.first?.column == "cap" && found.first?.file.hasSuffix("profiles.csv") == true)
        #expect(found.first?.expected.contains("shorter last period") == true)
        // Within 1e-9 relative is accepted.
        let edge = "timestamp,load_kw,price,cap\n2026-01-01T00:00,1,1,20.00000000001\n2026-01-01T01:00,1,1,20\n"
        #expect(problems(Self.base + Self.flex + "energy_per_period_kwh: 40.0000000002, period_hours: 2, max_kw: cap}]\n",
                         csv: edge).isEmpty)
        // 15-minute steps: 0.75 h is 3 steps; 1e-10 off is still whole; 0.3 h is not.
        let q = "horizon: {step_hours: 0.25}\n"
        let quarter = "timestamp,load_kw,price\n2026-01-01T00:00,100,0.5\n2026-01-01T00:15,120,0.6\n"
        #expect(problems(Self.base + q + Self.flex + "energy_per_period_kwh: 1, period_hours: 0.7500000000001, max_kw: 10}]\n", csv: quarter).isEmpty)
        #expect(problems(Self.base + q + Self.flex + "energy_per_period_kwh: 1, period_hours: 0.3, max_kw: 10}]\n", csv: quarter)
            .contains { $0.keyPath == "assets[0].period_hours" })
    }

    @Test("a missing column lists the columns that exist")
    func listsColumns() {
        let found = problems(Self.base + "assets: [{type: pv, name: a, capacity_kw: 1, profile: sun}]\n", csv: Self.csv)
        #expect(found.first?.expected.contains("load_kw, price, cop") == true, "\(found)")
    }

    @Test("every problem of a file is reported in one run")
    func allAtOnce() {
        let found = problems(Self.base + """
            assets:
              - {type: pv, name: a, capacity_kw: -1, profile: sun}
              - {type: heat_pump, name: a, heat_capacity_kw: 1, cop: 0.5, colour: red}
              - {type: battery, name: grid, energy_kwh: 1, charge_kw: 1, charge_efficiency: 0}
            """, csv: Self.csv)
        #expect(found.count >= 6, "\(found.map(\.description))")
    }

    @Test("a missing scenario file is a clear error")
    func missingFile() {
        #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: "/nonexistent/scenario.yaml") }
    }

    @Test("defaults of SCENARIO.md are applied")
    func defaults() throws {
        let s = try scenario(Self.base + """
            assets:
              - {type: battery, name: b, energy_kwh: 10, charge_kw: 5}
              - {type: thermal_storage, name: t, energy_kwh: 10, charge_kw: 5}
              - {type: chp, name: c, electric_capacity_kw: 1, fuel_price_per_kwh: 0.2}
            """, csv: Self.csv)
        #expect(s.steps == 2 && s.stepHours == 1 && s.currency == "CNY" && s.unservedPenaltyPerKWh == 1000)
        #expect(s.grid?.exportLimitKW == 0 && s.grid?.importLimitKW == nil)
        guard case .battery(let b) = s.assets[0], case .thermalStorage(let t) = s.assets[1],
              case .chp(let c) = s.assets[2] else { Issue.record("types"); return }
        #expect(b.chargeEfficiency == 0.95 && b.dischargeKW == 5 && b.socInitial == 0.5 && b.socFinal == .atLeastInitial)
        #expect(t.chargeEfficiency == 1 && t.dischargeEfficiency == 1)
        #expect(c.electricEfficiency == 0.35 && c.heatEfficiency == 0.45 && c.fuelEmissionFactor == 0.202)
        #expect(s.timestamps == ["2026-01-01T00:00", "2026-01-01T01:00"])
    }

    @Test("a scenario written as JSON loads like its YAML twin")
    func json() throws {
        let s = try scenario("""
            {"name": "j", "horizon": {"steps": 2}, "loads": {"electricity": 5},
             "grid": {"import_price": 0.5}, "assets": [{"type": "electric_boiler", "name": "eb", "heat_capacity_kw": 3}]}
            """)
        #expect(s.steps == 2 && s.electricLoadKW == [5, 5] && s.assets.count == 1)
    }

    @Test("a CSV with a byte-order mark, CRLF line ends, quoted cells and trailing blank lines loads")
    func csvDialects() throws {
        let csv = "\u{FEFF}timestamp,load_kw,price\r\n2026-01-01T00:00,10,0.5\r\n2026-01-01T01:00,\"12\",0.5\r\n\r\n\n"
        let s = try scenario(Self.base, csv: csv)
        #expect(s.electricLoadKW == [10, 12])
        #expect(s.timestamps?.count == 2)
    }

    @Test("horizon.start as a timestamp ignores the offset and optional seconds; as a row index")
    func horizonStart() throws {
        let csv = "timestamp,load_kw,price\n2026-01-01T00:00:00+08:00,1,1\n2026-01-01T01:00:00+08:00,2,1\n2026-01-01T02:00:00+08:00,3,1\n"
        let a = try scenario(Self.base + "horizon: {start: 2026-01-01T01:00}\n", csv: csv)
        #expect(a.electricLoadKW == [2, 3])
        let b = try scenario(Self.base + "horizon: {start: 2, steps: 1}\n", csv: csv)
        #expect(b.electricLoadKW == [3])
    }
}
