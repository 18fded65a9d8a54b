// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import LP
import MicrogridKit
import Scenario
import Study
import Testing

/// Studies over a planning day: sweeps that change investment data, and a
/// Pareto front whose cost includes the investment.
@Suite("Planning studies")
struct PlanningStudyTests {
    static func day(pvCapex: String = "3000", bessMax: String = "null", carbon: String = "65") -> String {
        StudyFixture.day
            .replacingOccurrences(of: "om_cost_per_kwh: 0.01}",
                                  with: "om_cost_per_kwh: 0.01, invest: {capex_per_kw: \(pvCapex), lifetime_years: 25, max_kw: 6000}}")
            .replacingOccurrences(of: "cycle_cost_per_kwh: 0.03}",
                                  with: "cycle_cost_per_kwh: 0.03, invest: {capex_per_kwh: 900, lifetime_years: 15, duration_hours: 2, max_kwh: \(bessMax)}}")
            .replacingOccurrences(of: "carbon_price_per_t: 65", with: "carbon_price_per_t: \(carbon)")
            + "\nplanning: {discount_rate: 0.06}\n"
    }

    static let vary = """
        vary:
          assets.roof-pv.invest.capex_per_kw: [3000, 300000]
          assets.bess.invest.max_kwh: [500, null]
          objective.carbon_price_per_t: [0, 400]
        """

    static func study() throws -> Study {
        let dir = temporaryDirectory("plan-study")
        try day().write(toFile: dir + "/day.yaml", atomically: true, encoding: .utf8)
        try ("base: day.yaml\n" + vary).write(toFile: dir + "/study.yaml", atomically: true, encoding: .utf8)
        return try Study.load(path: dir + "/study.yaml")
    }

    @Test("sweep rows over investment data equal individual solves, new capacities included")
    func rowsEqualSolves() throws {
        let study = try Self.study()
        #expect(study.cases.count == 8)
        let out = temporaryDirectory("plan-sweep")
        let summary = try study.sweep(into: out, options: StudyFixture.options(), progress: false)
        #expect(summary.ran == 8 && summary.failed == 0)
        let rows = try StudyStore(directory: out).outcomes()
        var builtPV = Set<Double>()
        for c in study.cases {
            var v: [String: String] = [:]
            for (path, value) in c.overrides { v[path] = value.text }
            let yaml = Self.day(pvCapex: v["assets.roof-pv.invest.capex_per_kw"] ?? "?",
                                bessMax: v["assets.bess.invest.max_kwh"] ?? "?",
                                carbon: v["objective.carbon_price_per_t"] ?? "?")
            let alone = try #require(try SolveRun(scenario: scenario(yaml)).results)
            let row = try #require(rows[c.name])
            let figures = try #require(row.figures)
            #expect(relativeError(row.objective ?? .nan, alone.objective) < 1e-6, "\(c.name)")
            let pv = try #require(figures["planning.assets.roof-pv.new_kw"])
            let alonePV = try #require(alone.planning?.assets.first?.newKW)
            #expect(abs(pv - alonePV) < 1e-4 * max(1, alonePV), "\(c.name): \(pv) vs \(alonePV)")
            #expect(figures["planning.assets.bess.new_kwh"] != nil && figures["cost.investment"] != nil)
            builtPV.insert((pv / 10).rounded())
        }
        #expect(builtPV.count > 1, "the capex changes what is built")
    }

    @Test("warm-started and cold sweeps agree when cases change investment costs and bounds")
    func warmEqualsCold() throws {
        let study = try Self.study()
        var tables: [[String: (String, Double?)]] = []
        for (jobs, warm) in [(1, true), (2, true), (1, false)] {
            let out = temporaryDirectory("plan-warm")
            _ = try study.sweep(into: out, options: StudyFixture.options(jobs: jobs, warm: warm), progress: false)
            tables.append(try StudyFixture.table(out))
        }
        #expect(tables[2].count == 8)
        for (name, (status, objective)) in tables[2] {
            #expect(status == "optimal")
            for t in tables.dropLast() {
                #expect(relativeError(t[name]?.1 ?? .nan, objective ?? .nan) < 1e-9, "\(name)")
            }
        }
    }

    @Test("a planning Pareto front includes investment: monotone, and the build grows as the cap tightens")
    func pareto() throws {
        let dir = temporaryDirectory("plan-pareto")
        try Self.day().write(toFile: dir + "/day.yaml", atomically: true, encoding: .utf8)
        let front = try ParetoFront.compute(scenarioPath: dir + "/day.yaml", points: 4, directory: dir + "/out",
                                            options: StudyFixture.options())
        #expect(front.points.count == 4)
        for k in front.points.indices.dropFirst() {
            #expect(front.points[k - 1].objective <= front.points[k].objective + 1e-6 * abs(front.points[k].objective))
        }
        let first = try #require(front.points.first), last = try #require(front.points.last)
        #expect((last.newCapacities["roof-pv.new_kw"] ?? 0) + (last.newCapacities["bess.new_kwh"] ?? 0)
                    >= (first.newCapacities["roof-pv.new_kw"] ?? 0) + (first.newCapacities["bess.new_kwh"] ?? 0))
        #expect(front.csv().split(separator: "\n").first?.hasSuffix(",roof-pv.new_kw,bess.new_kwh,bess.new_kw") == true,
                "\(front.csv().prefix(300))")
    }
}
