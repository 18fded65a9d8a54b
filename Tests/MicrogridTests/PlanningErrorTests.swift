// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Scenario
import Testing

/// One fixture per planning error of PLANNING.md, each rejected with its key
/// path, what was found and what was expected.
@Suite("Planning errors")
struct PlanningErrorTests {
    static let base = ScenarioErrorTests.base
    static let csv = ScenarioErrorTests.csv
    static func pv(_ invest: String) -> String {
        base + "assets: [{type: pv, name: a, capacity_kw: 0, profile: 1, invest: \(invest)}]\n"
    }
    static func bess(_ invest: String) -> String {
        base + "assets: [{type: battery, name: b, energy_kwh: 0, charge_kw: 0, invest: \(invest)}]\n"
    }
    static let ok = "{capex_per_kw: 100, lifetime_years: 20"

    typealias Case = ScenarioErrorTests.Case
    static let cases: [Case] = [
        Case(label: "invest on green_power",
             yaml: base + "assets: [{type: green_power, name: g, available_kw: 5, invest: {capex_per_kw: 1, lifetime_years: 1}}]\n",
             keyPath: "assets[0].invest", foundContains: "green_power"),
        Case(label: "invest on waste_heat",
             yaml: base + "assets: [{type: waste_heat, name: w, available_kw: 5, invest: {capex_per_kw: 1, lifetime_years: 1}}]\n",
             keyPath: "assets[0].invest", foundContains: "waste_heat"),
        Case(label: "invest not a mapping", yaml: pv("5"), keyPath: "assets[0].invest", foundContains: "5"),
        Case(label: "capex_per_kw missing", yaml: pv("{lifetime_years: 20}"),
             keyPath: "assets[0].invest.capex_per_kw", foundContains: "missing"),
        Case(label: "capex_per_kw negative", yaml: pv("{capex_per_kw: -5, lifetime_years: 20}"),
             keyPath: "assets[0].invest.capex_per_kw", foundContains: "-5"),
        Case(label: "capex_per_kw not finite", yaml: pv("{capex_per_kw: .inf, lifetime_years: 20}"),
             keyPath: "assets[0].invest.capex_per_kw", foundContains: "inf"),
        Case(label: "lifetime_years missing", yaml: pv("{capex_per_kw: 100}"),
             keyPath: "assets[0].invest.lifetime_years", foundContains: "missing"),
        Case(label: "lifetime_years zero", yaml: pv(ok.replacingOccurrences(of: "20", with: "0") + "}"),
             keyPath: "assets[0].invest.lifetime_years", foundContains: "0"),
        Case(label: "fixed O&M negative", yaml: pv(ok + ", fixed_om_per_kw_year: -1}"),
             keyPath: "assets[0].invest.fixed_om_per_kw_year", foundContains: "-1"),
        Case(label: "min_kw negative", yaml: pv(ok + ", min_kw: -1}"),
             keyPath: "assets[0].invest.min_kw", foundContains: "-1"),
        Case(label: "max_kw a word", yaml: pv(ok + ", max_kw: lots}"),
             keyPath: "assets[0].invest.max_kw", foundContains: "lots"),
        Case(label: "min_kw above max_kw", yaml: pv(ok + ", min_kw: 10, max_kw: 5}"),
             keyPath: "assets[0].invest.min_kw", foundContains: "above max_kw"),
        Case(label: "unknown invest key", yaml: pv(ok + ", colour: red}"),
             keyPath: "assets[0].invest.colour", foundContains: "unknown key"),
        Case(label: "a storage key on a pv", yaml: pv(ok + ", capex_per_kwh: 5}"),
             keyPath: "assets[0].invest.capex_per_kwh", foundContains: "unknown key"),
        Case(label: "capacity key still required under invest",
             yaml: base + "assets: [{type: pv, name: a, profile: 1, invest: {capex_per_kw: 1, lifetime_years: 1}}]\n",
             keyPath: "assets[0].capacity_kw", foundContains: "missing"),
        Case(label: "storage capex_per_kwh missing", yaml: bess("{lifetime_years: 10, duration_hours: 2}"),
             keyPath: "assets[0].invest.capex_per_kwh", foundContains: "missing"),
        Case(label: "storage power without duration_hours needs capex_per_kw",
             yaml: bess("{capex_per_kwh: 900, lifetime_years: 10}"),
             keyPath: "assets[0].invest.capex_per_kw", foundContains: "missing"),
        Case(label: "duration_hours zero", yaml: bess("{capex_per_kwh: 900, lifetime_years: 10, duration_hours: 0}"),
             keyPath: "assets[0].invest.duration_hours", foundContains: "0"),
        Case(label: "min_kw with duration_hours",
             yaml: bess("{capex_per_kwh: 900, lifetime_years: 10, duration_hours: 2, min_kw: 5}"),
             keyPath: "assets[0].invest.min_kw", foundContains: "duration_hours"),
        Case(label: "max_kw with duration_hours",
             yaml: bess("{capex_per_kwh: 900, lifetime_years: 10, duration_hours: 2, max_kw: 5}"),
             keyPath: "assets[0].invest.max_kw", foundContains: "duration_hours"),
        Case(label: "min_kwh above max_kwh",
             yaml: bess("{capex_per_kwh: 900, lifetime_years: 10, duration_hours: 2, min_kwh: 9, max_kwh: 1}"),
             keyPath: "assets[0].invest.min_kwh", foundContains: "above max_kwh"),
        Case(label: "min_kw above max_kw on independent storage power",
             yaml: bess("{capex_per_kwh: 900, lifetime_years: 10, capex_per_kw: 1, min_kw: 9, max_kw: 1}"),
             keyPath: "assets[0].invest.min_kw", foundContains: "above max_kw"),
        Case(label: "planning without any invest block", yaml: base + "planning: {discount_rate: 0.05}\n",
             keyPath: "planning", foundContains: "no asset with an invest block"),
        Case(label: "discount rate negative", yaml: pv(ok + "}") + "planning: {discount_rate: -0.1}\n",
             keyPath: "planning.discount_rate", foundContains: "-0.1"),
        Case(label: "baseline not a boolean", yaml: pv(ok + "}") + "planning: {baseline: maybe}\n",
             keyPath: "planning.baseline", foundContains: "maybe"),
        Case(label: "unknown planning key", yaml: pv(ok + "}") + "planning: {horizon_years: 20}\n",
             keyPath: "planning.horizon_years", foundContains: "unknown key"),
        Case(label: "planning not a mapping", yaml: pv(ok + "}") + "planning: yes\n",
             keyPath: "planning", foundContains: "yes"),
    ]

    @Test("each planning error names its key path, what was found and what was expected", arguments: cases)
    func errorClass(_ c: Case) {
        let found = problems(c.yaml, csv: c.csv)
        #expect(!found.isEmpty, "\(c.label): accepted")
        let match = found.first { p in (c.keyPath == nil || p.keyPath == c.keyPath) && p.found.contains(c.foundContains) }
        #expect(match != nil, "\(c.label): got \(found.map(\.description))")
        #expect(found.allSatisfy { !$0.expected.isEmpty && !$0.file.isEmpty })
    }

    @Test("every planning problem of a file is reported in one run")
    func allAtOnce() {
        let found = problems(Self.base + """
            planning: {discount_rate: -1}
            assets:
              - {type: pv, name: a, capacity_kw: 0, profile: 1, invest: {capex_per_kw: -1}}
              - {type: battery, name: b, energy_kwh: 0, charge_kw: 0, invest: {capex_per_kwh: 1, lifetime_years: 1, duration_hours: 1, min_kw: 1}}
              - {type: green_power, name: g, available_kw: 1, invest: {capex_per_kw: 1}}
            """, csv: Self.csv)
        let paths = Set(found.compactMap(\.keyPath))
        for p in ["planning.discount_rate", "assets[0].invest.capex_per_kw", "assets[0].invest.lifetime_years",
                  "assets[1].invest.min_kw", "assets[2].invest"] {
            #expect(paths.contains(p), "\(p) missing from \(found.map(\.description))")
        }
    }

    @Test("solve --rolling and dayahead refuse a planning scenario with exit 2, saying why")
    func refusals() throws {
        let dir = temporaryDirectory("plan-refuse")
        let yaml = PlanningTests.pvYAML().replacingOccurrences(of: "timeseries: profiles.csv", with: "timeseries: p.csv")
        try yaml.write(toFile: dir + "/s.yaml", atomically: true, encoding: .utf8)
        try "timestamp,sun,price\n2026-01-01T00:00,1,0.2\n2026-01-01T01:00,0.5,1\n"
            .write(toFile: dir + "/p.csv", atomically: true, encoding: .utf8)
        let (code, _, err) = try runCLI(["solve", dir + "/s.yaml", "--rolling", "2/1", "--out", dir + "/out"])
        #expect(code == 2 && err.contains("assets[0].invest") && err.contains("planning scenario"), "\(code): \(err)")
        let (dcode, _, derr) = try runCLI(["dayahead", dir + "/s.yaml", "--date", "2026-01-01",
                                           "--state", dir + "/state.json", "--out", dir + "/da"])
        #expect(dcode == 2 && derr.contains("planning scenario"), "\(dcode): \(derr)")
    }
}
