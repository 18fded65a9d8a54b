// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Formulation
import GLPK
import LP
import MicrogridKit
import Results
import Scenario
import Testing

let annualScenarios = [
    repositoryDirectory + "/Scenarios/battery-plant/scenario.yaml",
    referenceDirectory + "/battery-plant-year/scenario.yaml",
]

@Suite("Vertex answers: crossover after the interior point, no solver noise")
struct VertexTests {
    @Test("a year: vertex objective = interior objective to 1e-7; no value within (1e-9, 1e-5) of a bound; prices complementary at 1e-9 from schedule.csv; unserved exactly 0",
          .tags(.slow), arguments: annualScenarios)
    func slowAnnualVertex(_ path: String) throws {
        let s = try ScenarioLoader.load(path: path)
        let vertex = try SolveRun(scenario: s)
        let raw = try SolveRun(scenario: s, options: SolveOptions(method: .interior))
        let results = try #require(vertex.results)
        #expect(vertex.solution.isVertex && vertex.solution.crossover?.succeeded == true, "\(vertex.notes)")
        #expect(!raw.solution.isVertex && raw.solution.crossover == nil)
        #expect(relativeError(vertex.solution.objective, raw.solution.objective) < 1e-7)
        let lp = vertex.model.lp
        let noise = nearBoundNoise(x: vertex.solution.columnValues, lower: lp.columnLower, upper: lp.columnUpper)
        #expect(noise.isEmpty, "\(noise.prefix(5).map { lp.describeColumn($0) })")

        let out = temporaryDirectory("vertex")
        try vertex.writeOutputs(to: out)
        let schedule = parseScheduleCSV(try String(contentsOfFile: out + "/schedule.csv", encoding: .utf8))
        expectComplementaryPrices(s, schedule, minimum: annualPriceChecks, path)
        #expect(constraintViolations(s, schedule).isEmpty)
        // This year's optimum serves all load: not a trace of unserved energy or penalty.
        #expect(schedule.values("unserved.electricity_kw").allSatisfy { $0 == 0 })
        #expect(schedule.values("unserved.heat_kw").allSatisfy { $0 == 0 })
        #expect(results.unservedPenalty == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/results.json"))) as? [String: Any])
        let solver = try #require(json["solver"] as? [String: Any])
        #expect(solver["vertex"] as? Bool == true)
        #expect((solver["crossover_seconds"] as? Double ?? -1) >= 0)
        #expect((solver["interior_seconds"] as? Double ?? -1) > 0)
        #expect(solver["notes"] == nil)
    }

    @Test("an annual case in a sweep (one reused GLPK problem) gives the cold solve's vertex and objective", .tags(.slow))
    func slowAnnualReuse() throws {
        let s = try ScenarioLoader.load(path: annualScenarios[0])
        let lp = DispatchModel(scenario: s).lp
        let cold = try GLPKSolver().solve(lp, options: SolveOptions())
        let reused = ProblemPool()
        _ = try reused.solve(lp)
        let again = try reused.solve(lp)
        #expect(cold.isVertex && again.isVertex)
        #expect(relativeError(again.objective, cold.objective) < 1e-9)
    }

    @Test("crossover on a one-day model (forced by threshold 0) gives the simplex's objective and a vertex")
    func oneDayCrossover() throws {
        let s = try ScenarioLoader.load(path: repositoryDirectory + "/Scenarios/studies/day.yaml")
        let lp = DispatchModel(scenario: s).lp
        let simplex = try GLPKSolver().solve(lp, options: SolveOptions(method: .simplex))
        let crossed = try GLPKSolver().solve(lp, options: SolveOptions(interiorPointColumnThreshold: 0))
        #expect(crossed.crossover?.succeeded == true && crossed.isVertex)
        #expect(relativeError(crossed.objective, simplex.objective) < 1e-9)
        #expect(nearBoundNoise(x: crossed.columnValues, lower: lp.columnLower, upper: lp.columnUpper).isEmpty)
    }

    @Test("a crossover past its limit keeps the interior point and says so: not a vertex, failure and note in results.json")
    func crossoverFallback() throws {
        let s = try ScenarioLoader.load(path: repositoryDirectory + "/Scenarios/studies/day.yaml")
        let options = SolveOptions(interiorPointColumnThreshold: 0, crossoverTimeLimitSeconds: 1e-9)
        let run = try SolveRun(scenario: s, options: options)
        #expect(run.solution.status == .optimal && !run.solution.isVertex)
        #expect(run.notes.count == 1 && run.notes[0].contains("crossover to a vertex failed"))
        let solver = try #require(run.results?.json.serialized())
        #expect(solver.contains("\"vertex\": false") || solver.contains("\"vertex\":false"))
        #expect(solver.contains("crossover_failure") && solver.contains("\"notes\""))
    }

    @Test("values within 1e-5 of a bound snap onto it; beyond a bound they are clipped; -1.05e-6 becomes 0")
    func snapping() {
        var s = LPSolution(status: .optimal, objective: 0, columnValues: [-1.05e-6, 3e-6, 0.5, 1 - 2e-6, 1.2],
                           method: .simplex, solverName: "t", solverVersion: "0")
        var raw = s
        let lower = [Double](repeating: 0, count: 5), upper = [Double](repeating: 1, count: 5)
        s.snapToBounds(lower: lower, upper: upper, tolerance: LPSolution.boundSnapTolerance)
        #expect(s.columnValues == [0, 0, 0.5, 1, 1])
        raw.snapToBounds(lower: lower, upper: upper, tolerance: 0)
        #expect(raw.columnValues == [0, 3e-6, 0.5, 1 - 2e-6, 1])
    }
}
