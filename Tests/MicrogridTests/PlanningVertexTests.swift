// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Formulation
import GLPK
import LP
import MicrogridKit
import Scenario
import Testing

/// The benchmark's planning year cut to its first `steps` hours, baseline off,
/// written next to a temporary copy so its CSV path resolves.
func planningYearPrefix(steps: Int) throws -> Scenario {
    let source = repositoryDirectory + "/Benchmarks/Scenarios/battery-plant-plan-year.yaml"
    var text = try String(contentsOfFile: source, encoding: .utf8)
    text = text.replacingOccurrences(of: "timeseries: ../../Scenarios/battery-plant/factory_year.csv",
                                     with: "timeseries: \(repositoryDirectory)/Scenarios/battery-plant/factory_year.csv")
    text = text.replacingOccurrences(of: "baseline: true", with: "baseline: false")
    text += "horizon:\n  steps: \(steps)\n"
    let path = temporaryDirectory("planvertex") + "/plan.yaml"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return try ScenarioLoader.load(path: path)
}

@Suite("Planning at scale: crossover ends at a certified vertex")
struct PlanningVertexTests {
    @Test("planning month (720 steps, invest on PV, wind, battery, tank, heat pump, renewable floor 0.6): vertex objective = interior objective to 1e-7, no value within (1e-9, 1e-5) of a bound, prices complementary at 1e-9",
          .tags(.slow))
    func slowPlanningMonthVertex() throws {
        let s = try planningYearPrefix(steps: 720)
        #expect(s.steps == 720)
        let forced = SolveOptions(interiorPointColumnThreshold: 0)
        let vertex = try SolveRun(scenario: s, options: forced)
        var rawOptions = forced
        rawOptions.method = .interior
        let raw = try SolveRun(scenario: s, options: rawOptions)
        #expect(vertex.status == .optimal && raw.status == .optimal)
        #expect(vertex.solution.isVertex && vertex.solution.crossover?.succeeded == true, "\(vertex.notes)")
        #expect(!raw.solution.isVertex)
        #expect(relativeError(vertex.solution.objective, raw.solution.objective) < 1e-7)
        let lp = vertex.model.lp
        let noise = nearBoundNoise(x: vertex.solution.columnValues, lower: lp.columnLower, upper: lp.columnUpper)
        #expect(noise.isEmpty, "\(noise.prefix(5).map { lp.describeColumn($0) })")
        // Something is built: the month is a planning answer, not a dispatch.
        let built = vertex.model.newCapacityColumns.values.map { $0.values(vertex.solution.columnValues) }
        #expect(built.contains { $0.kw > 1 || $0.kwh > 1 })
        // The vertex's prices are complementary at 1e-9 (the floor is slack on this month).
        let schedule = try #require(vertex.schedule)
        let prices = expectComplementaryPrices(s, schedule, newCapacities: vertex.model.newCapacities(from: vertex.solution),
                                               minimum: [.gridImport: 100, .heatPump: 100, .heatPriceSign: 720], "planning month vertex")
        #expect(prices.floorDual == 0)
    }

    @Test("the planning year (8,760 steps, baseline off): crossover pins the capacities, then frees them, and ends at a vertex; objective = the raw interior point's to 1e-7; no value within (1e-9, 1e-5) of a bound; every price complementary at 1e-9 and every row met, from schedule.csv and results.json's capacities",
          .tags(.slow))
    func slowPlanningYearVertex() throws {
        let s = try planningYearPrefix(steps: 8760)
        let vertex = try SolveRun(scenario: s)
        var rawOptions = SolveOptions()
        rawOptions.method = .interior
        let raw = try SolveRun(scenario: s, options: rawOptions)
        #expect(vertex.status == .optimal && raw.status == .optimal)
        #expect(vertex.solution.isVertex && vertex.solution.crossover?.succeeded == true, "\(vertex.notes)")
        #expect(relativeError(vertex.solution.objective, raw.solution.objective) < 1e-7)
        let lp = vertex.model.lp
        let noise = nearBoundNoise(x: vertex.solution.columnValues, lower: lp.columnLower, upper: lp.columnUpper)
        #expect(noise.isEmpty, "\(noise.prefix(5).map { lp.describeColumn($0) })")
        let (schedule, _, capacities) = try PlanningRecomputeTests.writtenPlan(vertex, s)
        #expect(capacities.count == 5)
        expectComplementaryPrices(s, schedule, newCapacities: capacities, minimum: [
            .gridImport: 500, .heatPump: 500, .fuelBoiler: 100, .heatPriceSign: 8760,
        ], "planning year")
        #expect(constraintViolations(s, schedule, newCapacities: capacities).isEmpty)
    }

    @Test("the renewable floor of 720 steps is one row over 4 × 30 daily partial sums (PV, wind, import, export), not over 2,880 step columns; each partial sum bounded on one side")
    func floorThroughPartialSums() throws {
        let s = try planningYearPrefix(steps: 720)
        let lp = DispatchModel(scenario: s).lp
        let floor = try #require(lp.rowBlockNames.first { $0.name == "renewable_floor" }?.block.start)
        let parts = try #require(lp.columnBlockNames.first { $0.name == "renewable_floor.partial_sum" }?.block)
        let inFloor = lp.tripletRows.indices.filter { Int(lp.tripletRows[$0]) == floor }.map { Int(lp.tripletColumns[$0]) }
        #expect(parts.count == 120)
        #expect(inFloor.sorted() == Array(parts.range))
        for j in parts.range {
            #expect(lp.columnLower[j].isFinite != lp.columnUpper[j].isFinite)
        }
    }
}
