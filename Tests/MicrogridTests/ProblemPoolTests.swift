// SPDX-License-Identifier: GPL-3.0-or-later
import Formulation
import GLPK
import LP
import MicrogridKit
import Scenario
import Testing

/// The one pool of GLPK problems that sweeps, rolling windows and the
/// day-ahead job re-solve in.
@Suite("Problem pool: warm starts when only data changes")
struct ProblemPoolTests {
    /// The sample day, its prices scaled by `priceFactor`, its electric load
    /// by `loadFactor`; without the wind turbine (a smaller LP) when `windless`.
    static func dayLP(priceFactor: Double = 1, loadFactor: Double = 1, windless: Bool = false) throws -> LinearProgram {
        var s = try ScenarioLoader.load(path: repositoryDirectory + "/Scenarios/studies/day.yaml")
        var grid = try #require(s.grid)
        grid.importPricePerKWh = grid.importPricePerKWh.map { $0 * priceFactor }
        s.grid = grid
        s.loadsKW[.electricity] = s.electricLoadKW.map { $0 * loadFactor }
        if windless { s.assets.removeAll { $0.name == "wind-turbine" } }
        return DispatchModel(scenario: s).lp
    }

    @Test("two data-only changes re-use the day's problem (2 warm starts, 1 load); dropping an asset loads a second; the first shape is still warm after it")
    func reuse() throws {
        let lps = [try Self.dayLP(), try Self.dayLP(priceFactor: 1.1), try Self.dayLP(priceFactor: 0.8, loadFactor: 1.05),
                   try Self.dayLP(windless: true), try Self.dayLP(priceFactor: 1.2)]
        #expect(lps[3].columnCount < lps[0].columnCount)
        let pool = ProblemPool()
        var counts: [(loads: Int, warm: Int)] = []
        var iterations = 0
        for (k, lp) in lps.enumerated() {
            let solution = try pool.solve(lp)
            let cold = try GLPKSolver().solve(lp, options: SolveOptions())
            #expect(solution.status == .optimal && cold.status == .optimal)
            #expect(relativeError(solution.objective, cold.objective) < 1e-9, "LP \(k): \(solution.objective) vs \(cold.objective)")
            if k == 0 { #expect(solution.iterations == cold.iterations && solution.objective == cold.objective) }
            iterations += solution.iterations
            counts.append((pool.loads, pool.warmStarts))
        }
        #expect(counts.map(\.loads) == [1, 1, 1, 2, 2])
        #expect(counts.map(\.warm) == [0, 1, 2, 2, 3])
        #expect(pool.solves == 5 && pool.iterations == iterations)
    }

    @Test("a pool of one problem rebuilds at every change of shape; warm: false rebuilds every time")
    func rebuild() throws {
        let lps = [try Self.dayLP(), try Self.dayLP(windless: true), try Self.dayLP(priceFactor: 1.1)]
        let single = ProblemPool(capacity: 1)
        let cold = ProblemPool(warm: false)
        for lp in lps {
            let a = try single.solve(lp), b = try cold.solve(lp)
            #expect(relativeError(a.objective, b.objective) < 1e-9)
        }
        #expect(single.loads == 3 && single.warmStarts == 0)
        #expect(cold.loads == 3 && cold.warmStarts == 0)
        _ = try single.solve(try Self.dayLP(priceFactor: 0.9))
        #expect(single.loads == 3 && single.warmStarts == 1)
    }
}
