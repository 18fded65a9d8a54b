// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import LP
import MicrogridKit
import Scenario
import Study
import Testing

/// A 24-step day of the bundled plant, and studies over it.
enum StudyFixture {
    static let csv = repositoryDirectory + "/Scenarios/battery-plant/factory_year.csv"
    static let day = """
        name: day
        timeseries: \(csv)
        horizon: {start: 2026-07-06T00:00, steps: 24}
        loads: {electricity: load_kw, heat: heat_kw}
        grid: {import_limit_kw: 8000, export_limit_kw: 1000, import_price: grid_price, export_price: 0.39,
               carbon_intensity: grid_ci, demand_charge_per_kw: 40, demand_peak_so_far_kw: 4200}
        assets:
          - {type: pv, name: roof-pv, capacity_kw: 4000, profile: pv_cf, om_cost_per_kwh: 0.01}
          - {type: battery, name: bess, energy_kwh: 4000, charge_kw: 1000, soc_min: 0.1, cycle_cost_per_kwh: 0.03}
          - {type: heat_pump, name: air-hp, heat_capacity_kw: 1500, cop: hp_cop}
          - {type: fuel_boiler, name: gas-boiler, heat_capacity_kw: 3000, efficiency: 0.92, fuel_price_per_kwh: 0.35}
        objective: {carbon_price_per_t: 65}
        """

    /// Writes the day and a study over it; returns the study path.
    static func study(_ body: String) throws -> String {
        let dir = temporaryDirectory("study")
        try day.write(toFile: dir + "/day.yaml", atomically: true, encoding: .utf8)
        try ("base: day.yaml\n" + body).write(toFile: dir + "/study.yaml", atomically: true, encoding: .utf8)
        return dir + "/study.yaml"
    }

    static let grid = """
        vary:
          assets.roof-pv.capacity_kw: [0, 2000, 4000]
          assets.bess.energy_kwh: [0, 4000]
          objective.carbon_price_per_t: [0, 200]
        """

    static func options(jobs: Int = 2, warm: Bool = true) -> SweepOptions {
        var o = SweepOptions()
        o.jobs = jobs
        o.warm = warm
        return o
    }

    /// name -> (status, objective) of a study directory.
    static func table(_ dir: String) throws -> [String: (String, Double?)] {
        try StudyStore(directory: dir).outcomes().mapValues { ($0.status.rawValue, $0.objective) }
    }
}

@Suite("Batch studies")
struct StudyTests {
    @Test("a sweep's rows equal individual solves of the same cases")
    func rowsEqualSolves() throws {
        let path = try StudyFixture.study(StudyFixture.grid)
        let study = try Study.load(path: path)
        #expect(study.cases.count == 12)
        let out = temporaryDirectory("sweep")
        let summary = try study.sweep(into: out, options: StudyFixture.options(), progress: false)
        #expect(summary.ran == 12 && summary.failed == 0)
        let rows = try StudyFixture.table(out)
        // Independently: change the loaded scenario's fields, solve alone.
        let base = try scenario(StudyFixture.day)
        for c in study.cases {
            var s = base
            for (path, value) in c.overrides {
                let v = Double(value.text) ?? .nan
                switch path {
                case "assets.roof-pv.capacity_kw":
                    if case .pv(var a) = s.assets[0] { a.capacityKW = v; s.assets[0] = .pv(a) }
                case "assets.bess.energy_kwh":
                    if case .battery(var b) = s.assets[1] { b.energyKWh = v; s.assets[1] = .battery(b) }
                case "objective.carbon_price_per_t": s.carbonPricePerTonne = v
                default: Issue.record("unexpected key \(path)")
                }
            }
            let alone = try #require(SolveRun(scenario: s).results?.objective)
            let row = try #require(rows[c.name]?.1)
            #expect(relativeError(row, alone) < 1e-6, "\(c.name): sweep \(row) vs solve \(alone)")
        }
        let csv = try String(contentsOfFile: out + "/cases.csv", encoding: .utf8)
        #expect(csv.hasPrefix("id,name,assets.roof-pv.capacity_kw,assets.bess.energy_kwh,objective.carbon_price_per_t,status,message,objective,cost.total"))
        #expect(csv.split(separator: "\n").count == 13)
    }

    @Test("warm-started and cold solves agree, on 1 and 2 threads")
    func warmEqualsCold() throws {
        let study = try Study.load(path: try StudyFixture.study(StudyFixture.grid))
        var tables: [[String: (String, Double?)]] = []
        for (jobs, warm) in [(1, true), (2, true), (1, false)] {
            let out = temporaryDirectory("warm")
            _ = try study.sweep(into: out, options: StudyFixture.options(jobs: jobs, warm: warm), progress: false)
            tables.append(try StudyFixture.table(out))
        }
        // 3 x 2 x 2 cases, all optimal, in every sweep: nothing to compare would prove nothing.
        #expect(tables.allSatisfy { $0.count == 12 && $0.values.allSatisfy { $0.0 == "optimal" } })
        for (name, (_, objective)) in tables[2] {
            for t in tables.dropLast() {
                #expect(relativeError(t[name]?.1 ?? .nan, objective ?? .nan) < 1e-9, "\(name)")
            }
        }
    }

    @Test("an interrupted study resumes and ends with the same table")
    func resume() throws {
        let study = try Study.load(path: try StudyFixture.study(StudyFixture.grid))
        let out = temporaryDirectory("resume")
        var first = StudyFixture.options()
        first.maxCases = 5
        let partial = try study.sweep(into: out, options: first, progress: false)
        #expect(partial.interrupted && partial.ran == 5)
        let second = try study.sweep(into: out, options: StudyFixture.options(), progress: false)
        #expect(second.skipped == 5 && second.ran == 7 && !second.interrupted)
        let fresh = temporaryDirectory("fresh")
        _ = try study.sweep(into: fresh, options: StudyFixture.options(), progress: false)
        let a = try StudyFixture.table(out), b = try StudyFixture.table(fresh)
        #expect(a.count == 12 && b.count == 12)
        for (name, row) in b { #expect(relativeError(a[name]?.1 ?? .nan, row.1 ?? .nan) < 1e-9) }
    }

    @Test("shards merged equal the unsharded study; shards of another study are refused")
    func shardsMerge() throws {
        let study = try Study.load(path: try StudyFixture.study(StudyFixture.grid))
        var dirs: [String] = []
        for i in 0..<3 {
            var o = StudyFixture.options(jobs: 1)
            o.shard = Shard("\(i)/3")
            let dir = temporaryDirectory("shard")
            let s = try study.sweep(into: dir, options: o, progress: false)
            #expect(s.total == 4)
            dirs.append(dir)
        }
        let merged = temporaryDirectory("merged")
        let store = try StudyStore(directory: merged)
        try store.merge(dirs)
        try store.exportCSV()
        let whole = temporaryDirectory("whole")
        _ = try study.sweep(into: whole, options: StudyFixture.options(), progress: false)
        let a = try StudyFixture.table(merged), b = try StudyFixture.table(whole)
        #expect(a.count == 12)
        for (name, row) in b { #expect(relativeError(a[name]?.1 ?? .nan, row.1 ?? .nan) < 1e-12) }
        // Same rows, same overrides and statuses. (Figures other than the objective may differ where
        // the optimum is not unique: shards warm-start from other cases than the whole study.)
        func leadingColumns(_ dir: String) throws -> [String] {
            try String(contentsOfFile: dir + "/cases.csv", encoding: .utf8).split(separator: "\n")
                .map { $0.split(separator: ",", omittingEmptySubsequences: false).prefix(7).joined(separator: ",") }
        }
        #expect(try leadingColumns(merged) == leadingColumns(whole))
        // Another study's shard.
        let other = try Study.load(path: try StudyFixture.study("vary: {objective.carbon_price_per_t: [1, 2]}\n"))
        let otherDir = temporaryDirectory("other")
        _ = try other.sweep(into: otherDir, options: StudyFixture.options(), progress: false)
        #expect(throws: StudyError.self) { try StudyStore(directory: temporaryDirectory("bad")).merge([dirs[0], otherDir]) }
        #expect(Shard("3/3") == nil && Shard("a/2") == nil && Shard("1/2") != nil)
    }

    @Test("a study with failing cases still delivers every other row, each failure with its reason")
    func failingCases() throws {
        let path = try StudyFixture.study("""
            cases:
              - {name: ok, objective.carbon_price_per_t: 10}
              - {name: negative-pv, assets.roof-pv.capacity_kw: -5}
              - {name: no-such-asset, assets.windmill.capacity_kw: 5}
              - {name: impossible-cap, constraints.max_emissions_t: -1}
              - {name: also-ok, assets.bess.energy_kwh: 100}
            """)
        let out = temporaryDirectory("failing")
        let summary = try Study.load(path: path).sweep(into: out, options: StudyFixture.options(), progress: false)
        #expect(summary.ran == 5 && summary.failed == 3)
        let rows = try StudyStore(directory: out).outcomes()
        #expect(rows["ok"]?.status == .optimal && rows["also-ok"]?.status == .optimal)
        #expect(rows["negative-pv"]?.status == .invalid)
        #expect(rows["negative-pv"]?.message.contains("negative-pv") == true)
        #expect(rows["negative-pv"]?.message.contains("capacity_kw") == true)
        #expect(rows["no-such-asset"]?.message.contains("assets.windmill.capacity_kw") == true)
        #expect(rows["impossible-cap"]?.status == .infeasible)
        #expect(rows["impossible-cap"]?.message.contains("emissions cap") == true)
    }

    @Test("cases_csv studies, and study-file errors name what is wrong")
    func casesCSVAndErrors() throws {
        let path = try StudyFixture.study("cases_csv: cases.csv\n")
        let dir = (path as NSString).deletingLastPathComponent
        try "name,assets.roof-pv.capacity_kw,grid.import_price\nsmall,1000,\nflat,4000,0.8\n"
            .write(toFile: dir + "/cases.csv", atomically: true, encoding: .utf8)
        let study = try Study.load(path: path)
        #expect(study.cases.map(\.name) == ["small", "flat"])
        #expect(study.cases[0].overrides.count == 1)
        let out = temporaryDirectory("csvstudy")
        #expect(try study.sweep(into: out, options: StudyFixture.options(), progress: false).failed == 0)
        #expect(throws: StudyError.self) { try Study.load(path: try StudyFixture.study("vary: {a: [1]}\ncases: []\n")) }
        #expect(throws: StudyError.self) { try Study.load(path: try StudyFixture.study("")) }
    }

    @Test("the Pareto front is monotone: cost never rises as the cap loosens")
    func pareto() throws {
        let dir = temporaryDirectory("pareto")
        try StudyFixture.day.write(toFile: dir + "/day.yaml", atomically: true, encoding: .utf8)
        let front = try ParetoFront.compute(scenarioPath: dir + "/day.yaml", points: 6, directory: dir + "/out",
                                            options: StudyFixture.options())
        #expect(front.points.count == 6)
        for k in front.points.indices.dropFirst() {
            let looser = front.points[k - 1], tighter = front.points[k]
            #expect(looser.emissionsTonnes >= tighter.emissionsTonnes - 1e-9)
            #expect(looser.objective <= tighter.objective + 1e-6 * abs(tighter.objective))
            #expect((tighter.marginalAbatementCostPerTonne ?? 0) >= -1e-6)
        }
        #expect(front.csv().hasPrefix("point,max_emissions_t,emissions_t,cost,objective,"))
    }
}
