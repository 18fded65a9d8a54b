// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Formulation
import GLPK
import LP
import MicrogridKit
import Scenario
import Study
import Testing

@Suite("The cleanest end of a Pareto front")
struct ParetoEndTests {
    @Test("week: the cleanest end serves the load (no shedding) at the least emissions, then least cost; MAC from abatement")
    func cleanestEndServesLoad() throws {
        let path = repositoryDirectory + "/Scenarios/battery-plant/week.yaml"
        let dir = temporaryDirectory("pareto-end")
        let front = try ParetoFront.compute(scenarioPath: path, points: 4, directory: dir, options: StudyFixture.options())
        let cheapest = try #require(front.points.first), cleanest = try #require(front.points.last)
        #expect(front.points.count == 4 && front.warnings.isEmpty, "\(front.warnings)")
        #expect(front.points.allSatisfy { !$0.shedsLoad })
        #expect(cleanest.unservedKWh <= cheapest.unservedKWh + 1e-6)

        // Independent minimum: least emissions serving at least the cheapest end's load.
        var free = try ScenarioLoader.load(path: path)
        free.carbonPricePerTonne = 0
        free.maxEmissionsTonnes = nil
        let model = DispatchModel(scenario: free)
        let least = try GLPKSolver().solve(model.minimumEmissionsProgram(maxUnservedKWh: cheapest.unservedKWh + 1e-6),
                                           options: SolveOptions(method: .simplex))
        #expect(relativeError(cleanest.emissionsTonnes * 1000, least.objective) < 1e-8)
        // At those emissions, nothing serving the same load is cheaper.
        let capped = model.limiting(model.lp, maxEmissionsKg: least.objective * (1 + 1e-9) + 1e-6,
                                    maxUnservedKWh: cheapest.unservedKWh + 1e-6)
        let cheapestAtLeast = try GLPKSolver().solve(capped, options: SolveOptions(method: .simplex))
        #expect(relativeError(cleanest.objective, cheapestAtLeast.objective) < 1e-7)
        let mac = try #require(cleanest.marginalAbatementCostPerTonne)
        #expect(mac > 0)

        // Its numbers are those of the solve written to cleanest/.
        let results = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: dir + "/cleanest/results.json"))) as? [String: Any])
        #expect(relativeError(results["objective"] as? Double ?? 0, cleanest.objective) < 1e-12)
    }
}
