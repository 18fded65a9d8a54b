// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Formulation
import LP
import MicrogridKit
import Results
import Scenario
import Testing

let referenceCases: [String] = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: referenceDirectory)) ?? []
    return names.filter { FileManager.default.fileExists(atPath: "\(referenceDirectory)/\($0)/scenario.yaml") }.sorted()
}()

@Suite("Reference cases in Tests/Fixtures/reference")
struct ReferenceTests {
    @Test("battery-plant-year (8,760 steps): objective to 1e-6; feasible; prices complementary at 1e-9; results recompute", .tags(.slow))
    func slowReferenceYear() throws {
        try reference("battery-plant-year")
    }

    @Test("the reference cases are in the repository (12 of them)")
    func referencesPresent() {
        #expect(referenceCases.count >= 12, "found \(referenceCases) in \(referenceDirectory)")
    }

    @Test("objective matches the independent solver to 1e-6; schedule feasible; prices complementary at 1e-9; results recompute from schedule.csv",
          arguments: referenceCases.filter { !$0.hasSuffix("-year") })
    func reference(_ name: String) throws {
        let dir = "\(referenceDirectory)/\(name)"
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/expected-results.json")))
        let expectedObjective = try #require((expected as? [String: Any])?["objective"] as? Double)
        let s = try ScenarioLoader.load(path: dir + "/scenario.yaml")
        let run = try SolveRun(scenario: s)
        let results = try #require(run.results, "\(name): \(run.failureMessage ?? "")")
        #expect(relativeError(results.objective, expectedObjective) < 1e-6,
                "\(name): objective \(results.objective) vs reference \(expectedObjective)")
        #expect(relativeError(run.solution.objective, expectedObjective) < 1e-6)

        // Write the outputs, read schedule.csv back, recompute everything from it.
        let out = temporaryDirectory("ref")
        try run.writeOutputs(to: out)
        let csv = try String(contentsOfFile: out + "/schedule.csv", encoding: .utf8)
        let schedule = parseScheduleCSV(csv)
        #expect(schedule.steps == s.steps)
        let written = try String(contentsOfFile: out + "/results.json", encoding: .utf8)
        let recomputed = DispatchResults(scenario: s, schedule: schedule, solver: results.solver,
                                         solverObjective: results.solverObjective)
        #expect(recomputed.json.serialized() + "\n" == written, "\(name): results.json does not recompute from schedule.csv")

        // Every constraint of the formulation holds on the written schedule.
        let violations = constraintViolations(s, schedule)
        #expect(violations.isEmpty, "\(name): \(violations.prefix(5))")
        // Every written marginal price is complementary to it at 1e-9.
        expectComplementaryPrices(s, schedule, minimum: name.hasSuffix("-year") ? annualPriceChecks : [:], name)
        checkKPIsIndependently(s, schedule, results)
    }
}

/// A few figures recomputed with plain arithmetic from the schedule columns.
func checkKPIsIndependently(_ s: Scenario, _ sc: Schedule, _ r: DispatchResults) {
    let dt = s.stepHours
    let imp = sc.values("grid.import_kw"), exp = sc.values("grid.export_kw")
    let i = imp.reduce(0, +) * dt, x = exp.reduce(0, +) * dt
    var gre = 0.0, gchp = 0.0
    var electricLoad = s.electricLoadKW.reduce(0, +) * dt, heatLoad = s.heatLoadKW.reduce(0, +) * dt
    var fossilHeat = 0.0
    for a in s.assets {
        switch a {
        case .pv, .wind, .greenPower: gre += sc.values("\(a.name).output_kw").reduce(0, +) * dt
        case .chp:
            gchp += sc.values("\(a.name).electricity_kw").reduce(0, +) * dt
            fossilHeat += sc.values("\(a.name).heat_kw").reduce(0, +) * dt
        case .fuelBoiler: fossilHeat += sc.values("\(a.name).heat_kw").reduce(0, +) * dt
        case .flexibleLoad(let f) where f.carrier == .heat: heatLoad += sc.values("\(a.name).heat_kw").reduce(0, +) * dt
        case .flexibleLoad: electricLoad += sc.values("\(a.name).electricity_kw").reduce(0, +) * dt
        default: break
        }
    }
    // L_e and H include flexible energy (FORMULATION.md v2).
    #expect(relativeError(r.energyKWh.electricLoad, electricLoad) < 1e-9)
    #expect(relativeError(r.energyKWh.heatLoad, heatLoad) < 1e-9)
    let servedE = electricLoad - sc.values("unserved.electricity_kw").reduce(0, +) * dt
    let servedH = heatLoad - sc.values("unserved.heat_kw").reduce(0, +) * dt
    if servedE + servedH + x > 1e-9 {
        let fraction = 1 - (i + gchp + fossilHeat) / (servedE + servedH + x)
        #expect(abs((r.kpis.renewableFraction ?? -99) - fraction) < 1e-9)
    }
    let consumed = i + gre + gchp - x
    #expect(relativeError(r.energyKWh.consumed, consumed) < 1e-9)
    if consumed > 1e-9 {
        #expect(abs((r.kpis.renewableShareElectricity ?? -1) - max(0, gre - x) / consumed) < 1e-9)
        #expect(abs((r.kpis.selfSufficiency ?? -1) - (1 - i / consumed)) < 1e-9)
    }
    let emissionsFromColumn = sc.values("emissions.kg").reduce(0, +)
    #expect(relativeError(r.emissionsKg.optimised, emissionsFromColumn) < 1e-9)
    #expect(relativeError(r.objective, r.cost.total + r.carbonCost + r.unservedPenalty) < 1e-12)
    if let solverObjective = r.solverObjective {
        #expect(relativeError(r.objective, solverObjective) < 1e-7, "schedule-derived objective disagrees with the LP's")
    }
}
