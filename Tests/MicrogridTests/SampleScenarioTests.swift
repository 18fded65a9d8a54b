// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import MicrogridKit
import Scenario
import Study
import Testing

/// Every sample site in Scenarios/ solves optimal, serves its load, and its
/// schedule meets every constraint; every sample study runs without failures.
let sampleScenarios: [String] = {
    let root = repositoryDirectory + "/Scenarios"
    // planning/ holds planning scenarios (annual solves with invest blocks,
    // PLANNING.md): the planning tests run them, not this dispatch check.
    let folders = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).filter { $0 != "studies" && $0 != "planning" }
    return folders.flatMap { folder -> [String] in
        let files = (try? FileManager.default.contentsOfDirectory(atPath: "\(root)/\(folder)")) ?? []
        // Scenario files only (not Kubernetes manifests or study files).
        return files.filter { name in
            name.hasSuffix(".yaml")
                && ((try? String(contentsOfFile: "\(root)/\(folder)/\(name)", encoding: .utf8))?.contains("\nloads:") ?? false)
        }.map { "\(folder)/\($0)" }
    }.sorted()
}()

@Suite("Sample sites and studies")
struct SampleScenarioTests {
    @Test("there are sample sites")
    func present() {
        #expect(sampleScenarios.count >= 10, "\(sampleScenarios)")
    }

    /// The one sample solved over a whole year.
    static let yearLong = "battery-plant/scenario.yaml"

    @Test("the battery plant's year (8,760 steps) solves optimal with every constraint met", .tags(.slow))
    func slowSampleYear() throws {
        try sample(Self.yearLong)
    }

    @Test("each sample site solves optimal with every constraint met",
          arguments: sampleScenarios.filter { $0 != SampleScenarioTests.yearLong })
    func sample(_ file: String) throws {
        let s = try ScenarioLoader.load(path: repositoryDirectory + "/Scenarios/" + file)
        let run = try SolveRun(scenario: s)
        let results = try #require(run.results, "\(file): \(run.failureMessage ?? "")")
        let schedule = try #require(run.schedule)
        #expect(results.energyKWh.unservedElectricity + results.energyKWh.unservedHeat < 1e-3, "\(file) sheds load")
        #expect(constraintViolations(s, schedule).isEmpty)
        checkKPIsIndependently(s, schedule, results)
    }

    @Test("the planning samples load: plan and decarbonise are annual planning scenarios; capex-sweep has 9 cases")
    func planningSamplesLoad() throws {
        let dir = repositoryDirectory + "/Scenarios/planning/"
        for file in ["plan.yaml", "decarbonise.yaml"] {
            let s = try ScenarioLoader.load(path: dir + file)
            #expect(s.isPlanning && s.steps == 8760, "\(file)")
        }
        let sweep = try Study.load(path: dir + "capex-sweep.yaml")
        #expect(sweep.cases.count == 9)
    }

    @Test("the planning sample plan.yaml (8,760 steps) solves optimal: builds something, reaches its 60 % share, serves all load",
          .tags(.slow))
    func slowPlanningSample() throws {
        let s = try ScenarioLoader.load(path: repositoryDirectory + "/Scenarios/planning/plan.yaml")
        let run = try SolveRun(scenario: s)
        let results = try #require(run.results, "\(run.failureMessage ?? "")")
        let plan = try #require(results.planning)
        #expect(plan.assets.contains { $0.newKW > 1 || $0.newKWh > 1 })
        #expect((results.kpis.renewableShareElectricity ?? 0) >= 0.6 - 1e-6)
        #expect(results.energyKWh.unservedElectricity + results.energyKWh.unservedHeat < 1e-3)
    }

    @Test("the auto-parts furnace shifted into the valley: 877,504 CNY against 926,751 fixed, a 49,247 CNY saving")
    func furnaceShifting() throws {
        let dir = repositoryDirectory + "/Scenarios/auto-parts-plant/"
        let flexible = try #require(try SolveRun(scenario: ScenarioLoader.load(path: dir + "flexible-furnace.yaml")).results)
        let fixed = try #require(try SolveRun(scenario: ScenarioLoader.load(path: dir + "fixed-furnace.yaml")).results)
        #expect(abs(flexible.objective - 877_504.03) < 0.01 && abs(fixed.objective - 926_751.37) < 0.01)
        #expect(abs(flexible.energyKWh.electricLoad - fixed.energyKWh.electricLoad) < 1e-6, "the same energy")
    }

    @Test("each sample study runs every case optimal", arguments: ["tariffs.yaml", "electrification.yaml", "flexibility.yaml"])
    func study(_ file: String) throws {
        let study = try Study.load(path: repositoryDirectory + "/Scenarios/studies/" + file)
        let summary = try study.sweep(into: temporaryDirectory("sample-study"), options: SweepOptions(), progress: false)
        #expect(summary.ran == study.cases.count && summary.failed == 0)
    }
}
