// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import LP
import MicrogridKit
import Report
import Scenario
import Testing

/// A solved day of the battery plant whose results.json is given a
/// `planning` object (PLANNING.md, Outputs) written by hand.
private enum PlanFixture {
    /// roof-pv: 4,000 kW existing + 2,500 new at 3,000/kW = 7,500,000;
    /// bess: 4,000 kWh + 6,000 new at 900/kWh and 1,000 kW + 3,000 new at
    /// 300/kW = 6,300,000; air-hp: nothing new. Capex 13,800,000.
    /// Payback 13,800,000 / (2,100,000 savings − 60,000 fixed O&M) = 6.76 years.
    /// The baseline's objective exceeds its cost by 10,000: 7,800 of carbon
    /// cost (65 CNY/t × 120 t) and a 2,200 penalty for load it leaves unserved.
    static let planning = """
        {"discount_rate": 0.06, "year_share": 0.0027397260273972603, "capex": 13800000.0,
         "annualised_investment": 1524000.0,
         "assets": {
           "air-hp": {"type": "heat_pump", "existing_kw": 1500, "new_kw": 0.0, "total_kw": 1500.0, "capex": 0.0, "annualised": 0.0},
           "roof-pv": {"type": "pv", "existing_kw": 4000, "new_kw": 2500.0, "total_kw": 6500.0, "capex": 7500000.0, "annualised": 654000.0},
           "bess": {"type": "battery", "existing_kwh": 4000, "new_kwh": 6000.0, "total_kwh": 10000.0,
                    "existing_kw": 1000, "new_kw": 3000.0, "total_kw": 4000.0, "capex": 6300000.0, "annualised": 870000.0}},
         "baseline": {"status": "optimal", "objective": 190000.0, "cost_total": 180000.0, "emissions_t": 120.0,
                      "renewable_share_electricity": 0.25},
         "annual_operating_savings": 2100000.0,
         "simple_payback_years": 6.764705882352941}
        """

    /// The solved day's output directory with `planning` (edited by
    /// `edit` first) and `cost.investment` 4,175.34 added to results.json.
    static func directory(_ edit: (inout [String: Any]) -> Void = { _ in }) throws -> String {
        let s = try scenario(StudyFixture.day)
        let run = try SolveRun(scenario: s, options: SolveOptions(method: .simplex))
        let dir = temporaryDirectory("plan-report")
        try run.writeOutputs(to: dir)
        let path = dir + "/results.json"
        var root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        var plan = try #require(try JSONSerialization.jsonObject(with: Data(planning.utf8)) as? [String: Any])
        edit(&plan)
        root["planning"] = plan
        var cost = (root["cost"] as? [String: Any]) ?? [:]
        cost["investment"] = 4175.34
        root["cost"] = cost
        try JSONSerialization.data(withJSONObject: root).write(to: URL(fileURLWithPath: path))
        return dir
    }

    static let charts = ["chart-plan-power", "chart-plan-energy", "chart-plan-cost", "chart-plan-emissions", "chart-plan-renewable"]
}

@Suite("Planning report")
struct PlanningReportTests {
    @Test("a planning result opens with What to build: capex 13,800,000, payback 6.8 years, PV 4,000 + 2,500 = 6,500 kW")
    func section() throws {
        let dir = try PlanFixture.directory()
        let (html, _) = try ReportCheck.check(dir, scenario: try scenario(StudyFixture.day),
                                              expecting: PlanFixture.charts + ReportTests.dispatchCharts)
        #expect(html.contains("day: planning report"))
        let plan = try #require(html.range(of: "<section id=\"plan\">"))
        let kpis = try #require(html.range(of: "<section id=\"kpis\">"))
        #expect(plan.lowerBound < kpis.lowerBound, "What to build comes first")
        for text in ["13,800,000", "1,524,000", "2,100,000", ">6.8<", "6.0 %",
                     "4,000 + 2,500 = 6,500 kW", "4,000 + 6,000 = 10,000 kWh", "1,000 + 3,000 = 4,000 kW", "1,500 + 0 = 1,500 kW",
                     "fixed O&amp;M of the new capacity 60,000", "id=\"table-plan-capacities\"", "id=\"table-plan-baseline\"",
                     "180,000", "190,000", "120.0", "25.0", "7,800", "2,200", "leaves load unserved</strong> (penalty 2,200 CNY)", ">sheds load<", "investment (this horizon&#39;s share)", "4,175"] {
            #expect(html.contains(text), "missing \(text)")
        }
        // The capacity table lists the assets in the scenario's order, storage energy before its power.
        let pv = try #require(html.range(of: "<td>roof-pv</td>")), bess = try #require(html.range(of: "<td>bess</td>"))
        let hp = try #require(html.range(of: "<td>air-hp</td>"))
        #expect(pv.lowerBound < bess.lowerBound && bess.lowerBound < hp.lowerBound)
        #expect(!html.contains("No simple payback"))
    }

    @Test("a dispatch result's report has no What to build section")
    func absent() throws {
        let s = try scenario(StudyFixture.day)
        let run = try SolveRun(scenario: s, options: SolveOptions(method: .simplex))
        let dir = temporaryDirectory("dispatch-report")
        try run.writeOutputs(to: dir)
        let (html, ids) = try ReportCheck.check(dir, expecting: ReportTests.dispatchCharts)
        #expect(!html.contains("<section id=\"plan\">") && !html.contains("What to build") && html.contains("day: dispatch report"))
        #expect(ids.isDisjoint(with: PlanFixture.charts))
        #expect(!html.contains("investment"))
    }

    @Test("a null baseline and a null payback are said in words, not drawn as zeros")
    func nullBaseline() throws {
        let dir = try PlanFixture.directory {
            $0["baseline"] = NSNull()
            $0["annual_operating_savings"] = NSNull()
            $0["simple_payback_years"] = NSNull()
        }
        let (html, ids) = try ReportCheck.check(dir, expecting: ["chart-plan-power", "chart-plan-energy"])
        #expect(!ids.contains("chart-plan-cost") && !ids.contains("chart-plan-emissions"))
        #expect(html.contains("No simple payback") && html.contains("planning.baseline is false"))
        #expect(html.contains(">not solved</td>"))
        #expect(!html.contains("<td>180,000</td>"))
    }

    @Test("an infeasible baseline is reported as infeasible, with dashes for its figures and no payback")
    func infeasibleBaseline() throws {
        let dir = try PlanFixture.directory {
            $0["baseline"] = ["status": "infeasible", "objective": NSNull(), "cost_total": NSNull(), "emissions_t": NSNull(),
                              "renewable_share_electricity": NSNull()] as [String: Any]
            $0["annual_operating_savings"] = NSNull()
            $0["simple_payback_years"] = NSNull()
        }
        let (html, ids) = try ReportCheck.check(dir, expecting: ["chart-plan-power"])
        #expect(!ids.contains("chart-plan-cost"))
        #expect(html.contains("<strong>infeasible</strong>") && html.contains("needed to comply"))
        #expect(html.contains("<tr><td>status</td><td class=\"n\">infeasible</td><td class=\"n\">optimal</td>"))
        #expect(html.contains("<td>cost total (CNY)</td><td class=\"n\">–</td>"))
    }

    @Test("negative operating savings: no payback, and the extra running cost is named (50,000 CNY a year)")
    func negativeSavings() throws {
        let dir = try PlanFixture.directory {
            $0["annual_operating_savings"] = -50000.0
            $0["simple_payback_years"] = NSNull()
            // 180,000 + 65 CNY/t × 120 t: the baseline serves all its load.
            $0["baseline"] = ["status": "optimal", "objective": 187800.0, "cost_total": 180000.0, "emissions_t": 120.0,
                              "renewable_share_electricity": 0.25] as [String: Any]
        }
        let (html, _) = try ReportCheck.check(dir, expecting: PlanFixture.charts)
        #expect(html.contains("the plan costs 50,000 CNY more a year to run than the site as it stands: it is driven by a target"))
        #expect(!html.contains("leaves load unserved") && !html.contains(">sheds load<"))
        #expect(html.contains("−50,000"))
    }

    @Test("a planning object with mistyped fields still gives a report, with dashes")
    func mistyped() throws {
        let dir = try PlanFixture.directory {
            $0["capex"] = "a lot"
            $0["discount_rate"] = [0.06]
            $0["baseline"] = 5
            $0["assets"] = ["roof-pv": ["type": 3, "existing_kw": "4000", "new_kw": 2500.0], "bess": "big"] as [String: Any]
        }
        let (html, _) = try ReportCheck.check(dir, expecting: ["chart-plan-power"])
        #expect(html.contains("What to build") && html.contains("discount rate not given"))
        #expect(html.contains("– + 2,500 = 2,500 kW"))
        let broken = try PlanFixture.directory { $0 = [:] }
        _ = try ReportCheck.check(broken, expecting: [])
        // `planning` that is not an object: no section at all.
        let path = broken + "/results.json"
        var root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        root["planning"] = [1, 2]
        try JSONSerialization.data(withJSONObject: root).write(to: URL(fileURLWithPath: path))
        let (plain, _) = try ReportCheck.check(broken, expecting: ReportTests.dispatchCharts)
        #expect(!plain.contains("What to build"))
    }

    /// A three-point front.csv (100, 80, 60 t), the first point's cap
    /// `firstCap`, with `extra` columns and their cells per point.
    static func front(firstCap: String, extra: String = "", cells: [String] = ["", "", ""]) -> String {
        let base = ["1,\(firstCap),100.0,1000000,1000000,0.3,0.3,0,,false", "2,80.0,80.0,1050000,1050000,0.45,0.45,0,2500,false",
                    "3,60.0,60.0,1150000,1150000,0.6,0.6,0,5000,false"]
        return "point,max_emissions_t,emissions_t,cost,objective,renewable_share_electricity,renewable_fraction,unserved_kwh,marginal_abatement_cost_per_t,sheds_load"
            + extra + "\n" + zip(base, cells).map { $0 + $1 + "\n" }.joined()
    }

    @Test("a planning front's report draws the build along the front from front.csv's columns: PV 0 → 3,000 → 7,000 kW")
    func paretoColumns() throws {
        let dir = temporaryDirectory("plan-pareto")
        let csv = PlanningReportTests.front(firstCap: "100.0", extra: ",planning.assets.roof-pv.new_kw,planning.assets.bess.new_kwh,planning.assets.bess.new_kw,planning.capex",
                                            cells: [",0,0,0,0", ",3000,0,0,9000000", ",7000,8000,2000,30000000"])
        try csv.write(toFile: dir + "/front.csv", atomically: true, encoding: .utf8)
        let (html, _) = try ReportCheck.check(dir, expecting: ["chart-pareto-front", "chart-pareto-mac", "chart-pareto-build-kw", "chart-pareto-build-kwh"])
        #expect(html.contains("What to build along the front") && html.contains("roof-pv new kW") && html.contains("bess new kWh"))
        #expect(html.contains("<tr><td class=\"n\">3</td><td class=\"n\">60.0</td><td class=\"n\">2,000</td><td class=\"n\">7,000</td><td class=\"n\">8,000</td><td class=\"n\">30,000,000</td></tr>"))
    }

    @Test("without capacity columns in front.csv, each point's build comes from its case in cases.csv (by cap, else by emissions)")
    func paretoCases() throws {
        let dir = temporaryDirectory("plan-pareto-cases")
        let front = PlanningReportTests.front(firstCap: "")
        try front.write(toFile: dir + "/front.csv", atomically: true, encoding: .utf8)
        let plain = try ReportCheck.check(dir, expecting: ["chart-pareto-front"])
        #expect(!plain.1.contains("chart-pareto-build-kw"), "a front without capacities has no build section")
        let cases = "id,name,objective.carbon_price_per_t,constraints.max_emissions_t,status,message,objective,cost.total,emissions_kg.optimised,planning.assets.roof-pv.new_kw,seconds\n"
            + "0,point-001,0,60.0,optimal,,1150000,1150000,60000,7000,0.1\n"
            + "1,point-002,0,80.0,optimal,,1050000,1050000,80000,3000,0.1\n"
            + "2,point-003,0,100.001,optimal,,1000000,1000000,100000,0,0.1\n"
        try cases.write(toFile: dir + "/cases.csv", atomically: true, encoding: .utf8)
        let (html, _) = try ReportCheck.check(dir, expecting: ["chart-pareto-build-kw"])
        for (point, e, pv) in [("1", "100.0", "0"), ("2", "80.0", "3,000"), ("3", "60.0", "7,000")] {
            #expect(html.contains("<tr><td class=\"n\">\(point)</td><td class=\"n\">\(e)</td><td class=\"n\">\(pv)</td></tr>"), "point \(point)")
        }
    }

    @Test("a sweep over a planning scenario shows what each case builds: battery 20,000 → 6,000 kWh as its capex rises")
    func studyBuild() throws {
        let dir = temporaryDirectory("plan-study")
        var csv = "id,name,assets.roof-pv.invest.capex_per_kw,assets.bess.invest.capex_per_kwh,status,message,objective,cost.total,"
            + "emissions_kg.optimised,kpis.renewable_share_electricity,planning.capex,planning.assets.roof-pv.new_kw,planning.assets.bess.new_kwh,seconds\n"
        for (i, (pv, bess, kwh)) in [(2200, 500, 20000), (2200, 1000, 6000), (3400, 500, 20000), (3400, 1000, 6000)].enumerated() {
            csv += "\(i),case-\(i + 1),\(pv),\(bess),optimal,,1.4e7,1.3e7,7.2e6,0.6,\(pv * 4000 + bess * kwh),4000,\(kwh),10\n"
        }
        try csv.write(toFile: dir + "/cases.csv", atomically: true, encoding: .utf8)
        let (html, _) = try ReportCheck.check(dir, expecting: ["chart-build-assets-roof-pv-invest-capex-per-kw-kw",
                                                               "chart-build-assets-bess-invest-capex-per-kwh-kwh"])
        #expect(html.contains("What each case builds") && html.contains("id=\"table-build\""))
        #expect(html.contains("case-2: roof-pv.invest.capex_per_kw = 2200, bess.invest.capex_per_kwh = 1000</td><td class=\"n\">4,000</td><td class=\"n\">6,000</td><td class=\"n\">14,800,000</td>"))
        #expect(html.contains("bess +13,000 kWh (mean of 2)"), "the mean over the other parameter")
    }
}
