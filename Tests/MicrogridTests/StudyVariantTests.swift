// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import MicrogridKit
import Results
import Scenario
import Study
import Testing
import Yams

/// Cases that re-read only their overridden sections of the base equal full loads.
@Suite("Study variants of a loaded base")
struct StudyVariantTests {
    /// Overrides of every kind the partial path takes, and some it hands to a full load.
    static let cases: [[(String, String)]] = [
        [("assets.roof-pv.capacity_kw", "6000"), ("assets.bess.energy_kwh", "8000")],
        [("assets.bess.soc_min", "0.2"), ("assets.bess.charge_kw", "1500"), ("assets.bess.discharge_kw", "700")],
        [("assets.bess.soc_final", "0.6"), ("assets.bess.cycle_cost_per_kwh", "0")],
        [("assets.gas-boiler.fuel_price_per_kwh", "0.2"), ("assets.air-hp.cop", "3")],
        [("grid.export_price", "0.1"), ("grid.demand_charge_per_kw", "0"), ("grid.import_limit_kw", "6000")],
        [("grid.demand_peak_so_far_kw", "5000"), ("objective.carbon_price_per_t", "300")],
        [("constraints.max_emissions_t", "30"), ("accounting.grid_emission_factor", "0.6")],
        [("constraints.min_renewable_share_electricity", "0.2"), ("unserved_penalty_per_kwh", "5")],
        [("assets.roof-pv.om_cost_per_kwh", "0.05"), ("objective.carbon_price_per_t", "0x20")],
        // Full loads: a column name, a shorter horizon, null.
        [("assets.roof-pv.profile", "wind_cf"), ("assets.roof-pv.capacity_kw", "2000")],
        [("horizon.steps", "12"), ("objective.carbon_price_per_t", "100")],
        [("grid.import_limit_kw", "null")],
    ]

    /// Overrides that set one key twice (the later wins), or two keys of one asset or section.
    static let repeatedKeys: [[(String, String)]] = [
        [("assets.bess.energy_kwh", "1000"), ("assets.bess.energy_kwh", "7000"), ("assets.bess.soc_min", "0.05")],
        [("grid.export_price", "0.2"), ("grid.export_price", "0.05"), ("constraints.max_emissions_t", "40"),
         ("constraints.min_renewable_share_electricity", "0.1"), ("unserved_penalty_per_kwh", "50")],
    ]

    static func fullLoad(_ base: ScenarioSource, _ overrides: [(String, String)]) throws -> Scenario {
        var source = base
        for (path, text) in overrides { try source.set(path, to: Node.plain(text)) }
        return try source.load()
    }

    static func nodes(_ overrides: [(String, String)]) -> [(path: String, value: Node)] {
        overrides.map { ($0.0, Node.plain($0.1)) }
    }

    /// results.json without its `solver` object (which holds timings).
    static func withoutTimings(_ json: JSONValue) -> String {
        guard case .object(let pairs) = json else { return json.serialized() }
        return JSONValue.object(pairs.filter { $0.0 != "solver" }).serialized()
    }

    @Test("fourteen variants, eleven re-read in part: results.json identical to a full load, objective to 1e-9")
    func variantsEqualFullLoads() throws {
        let base = try ScenarioSource(yaml: StudyFixture.day, fileName: "day.yaml", baseDirectory: ".")
        let variants = try ScenarioVariants(base)
        for overrides in Self.cases + Self.repeatedKeys {
            let full = try #require(SolveRun(scenario: try Self.fullLoad(base, overrides)).results)
            let partial = try #require(SolveRun(scenario: try variants.load(Self.nodes(overrides))).results)
            #expect(relativeError(partial.objective, full.objective) < 1e-9, "\(overrides)")
            #expect(Self.withoutTimings(partial.json) == Self.withoutTimings(full.json), "\(overrides)")
        }
    }

    @Test("a bad overridden value gives the same problems, word for word, as a full load")
    func sameErrors() throws {
        let base = try ScenarioSource(yaml: StudyFixture.day, fileName: "day.yaml", baseDirectory: ".")
        let variants = try ScenarioVariants(base)
        let bad: [[(String, String)]] = [
            [("assets.roof-pv.capacity_kw", "-5")],
            [("assets.bess.soc_min", "0.9"), ("assets.bess.soc_max", "0.5")],
            [("assets.bess.charge_efficiency", "1.5"), ("grid.export_limit_kw", "-1")],
            [("assets.bess.no_such_key", "3")],
            [("objective.carbon_price_per_t", "-1"), ("unserved_penalty_per_kwh", ".nan")],
            [("constraints.min_renewable_share_electricity", "2"), ("grid.demand_charge_per_kw", "-3")],
            [("assets.windmill.capacity_kw", "5")],
            [("assets.air-hp.source", "5")],
            // An empty segment, an unknown key in a section the base lacks, a key twice.
            [("grid.", "5")],
            [("assets.bess.", "3"), ("objective.carbon_price_per_t", "1")],
            [("accounting.no_such_key", "1")],
            [("objective.carbon_price_per_t", "-2"), ("objective.carbon_price_per_t", "-3")],
        ]
        for overrides in bad {
            var fullText = "", partialText = ""
            do { _ = try Self.fullLoad(base, overrides) } catch { fullText = "\(error)" }
            do { _ = try variants.load(Self.nodes(overrides)) } catch { partialText = "\(error)" }
            #expect(!fullText.isEmpty, "\(overrides)")
            #expect(partialText == fullText, "\(overrides)")
        }
    }

    @Test("a study of many override kinds gives the same rows re-reading in part as loading each case in full")
    func sweepRowsEqual() throws {
        let lines = Self.cases.enumerated().map { i, c in
            "  - {name: c\(i), " + c.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}"
        }
        let study = try Study.load(path: try StudyFixture.study("cases:\n" + lines.joined(separator: "\n") + "\n"))
        var tables: [[String: (status: CaseStatus, message: String, objective: Double?, figures: [String: Double]?)]] = []
        for reuse in [true, false] {
            var options = StudyFixture.options(jobs: 1, warm: false)
            options.reuseBase = reuse
            let out = temporaryDirectory("variants")
            _ = try study.sweep(into: out, options: options, progress: false)
            tables.append(try StudyStore(directory: out).outcomes())
        }
        #expect(tables[0].count == Self.cases.count)
        for (name, full) in tables[1] {
            let part = try #require(tables[0][name])
            #expect(part.status == full.status && part.message == full.message, "\(name)")
            #expect(relativeError(part.objective ?? .nan, full.objective ?? .nan) < 1e-9, "\(name)")
            #expect(part.figures == full.figures, "\(name)")
        }
    }

    @Test("the bundled year's CSV split on bytes gives the same day, and optimum, as the quoting-aware parser")
    func byteSplitCSVEqualsParser() throws {
        let text = try String(contentsOfFile: StudyFixture.csv, encoding: .utf8)
        // A quoted header cell sends the copy through the general CSV parser.
        let quoted = temporaryDirectory("quotedcsv") + "/year.csv"
        try text.replacingOccurrences(of: "load_kw", with: "\"load_kw\"").write(toFile: quoted, atomically: true, encoding: .utf8)
        let plain = try scenario(StudyFixture.day)
        let general = try scenario(StudyFixture.day.replacingOccurrences(of: StudyFixture.csv, with: quoted))
        #expect(plain.electricLoadKW == general.electricLoadKW && plain.heatLoadKW == general.heatLoadKW)
        #expect(plain.timestamps == general.timestamps && plain.monthOfStep == general.monthOfStep)
        #expect(plain.grid?.importPricePerKWh == general.grid?.importPricePerKWh)
        let a = try #require(SolveRun(scenario: plain).results?.objective)
        let b = try #require(SolveRun(scenario: general).results?.objective)
        #expect(a == b)
    }
}
