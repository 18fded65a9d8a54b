// SPDX-License-Identifier: GPL-3.0-or-later
import CGLPKGuard
import Formulation
@testable import GLPK
import LP
import Scenario
import Testing
import Yams

/// `GLPKProblem.loadOrUpdate` sets only the bounds and costs that changed,
/// and skips compacting a matrix whose triplets are the loaded ones: what
/// GLPK then holds must be what a full load of the same LP holds.
@Suite("In-place updates: only what changed, the same model as a load")
struct UpdateInPlaceTests {
    /// The study day with a PV size, a battery size and a carbon price (the sweep's overrides).
    static func dayLP(pv: Double, battery: Double, carbon: Double) throws -> LinearProgram {
        var source = try ScenarioSource(path: repositoryDirectory + "/Scenarios/studies/day.yaml")
        try source.set("assets.roof-pv.capacity_kw", to: Node.plain(String(pv)))
        try source.set("assets.bess.energy_kwh", to: Node.plain(String(battery)))
        try source.set("objective.carbon_price_per_t", to: Node.plain(String(carbon)))
        return DispatchModel(scenario: try source.load()).lp
    }

    /// Every bound (type and values) and cost GLPK holds, as bit patterns.
    static func held(_ p: GLPKProblem) -> [UInt64] {
        let raw = p.rawPointer
        var out: [UInt64] = []
        for i in 1...glp_get_num_rows(raw) {
            out += [UInt64(glp_get_row_type(raw, i)), glp_get_row_lb(raw, i).bitPattern, glp_get_row_ub(raw, i).bitPattern]
        }
        for j in 0...glp_get_num_cols(raw) {
            out.append(glp_get_obj_coef(raw, j).bitPattern)
            if j > 0 {
                out += [UInt64(glp_get_col_type(raw, j)), glp_get_col_lb(raw, j).bitPattern, glp_get_col_ub(raw, j).bitPattern]
            }
        }
        return out
    }

    @Test("after each update of a sweep's run of cases, GLPK holds what a fresh load holds, and solves to the cold objective")
    func sameAsLoad() throws {
        let cases: [(Double, Double, Double)] = [(4000, 4000, 65), (4000, 4000, 100), (0, 4000, 100), (0, 0, 0),
                                                 (9000, 0, 500), (9000, 9000, 25), (4000, 4000, 65)]
        let problem = GLPKProblem()
        for (k, c) in cases.enumerated() {
            let lp = try Self.dayLP(pv: c.0, battery: c.1, carbon: c.2)
            #expect(try problem.loadOrUpdate(lp) == (k > 0))
            let fresh = GLPKProblem()
            try fresh.load(lp)
            #expect(Self.held(problem) == Self.held(fresh), "case \(k)")
            let warm = try problem.solve(method: .simplex, warmStart: true)
            let cold = try GLPKSolver().solve(lp, options: SolveOptions(method: .simplex))
            #expect(warm.status == .optimal)
            #expect(abs(warm.objective - cold.objective) <= 1e-9 * max(1, abs(cold.objective)), "case \(k)")
        }
    }

    @Test("an LP with the loaded triplets is still checked: a NaN cost or crossed bounds is refused before GLPK")
    func sameTripletsStillValidated() throws {
        let problem = GLPKProblem()
        let lp = try Self.dayLP(pv: 4000, battery: 4000, carbon: 65)
        try problem.load(lp)
        var nanCost = lp
        nanCost.cost[3] = .nan
        #expect(throws: GLPKError.self) { try problem.loadOrUpdate(nanCost) }
        var crossed = lp
        crossed.setColumnBounds(2, lower: 5, upper: 1)
        #expect(throws: GLPKError.self) { try problem.loadOrUpdate(crossed) }
        // Neither reached GLPK: the problem still holds the loaded LP and updates from it.
        let fresh = GLPKProblem()
        try fresh.load(lp)
        #expect(Self.held(problem) == Self.held(fresh))
        #expect(try problem.loadOrUpdate(lp) == true)
    }

    @Test("a changed coefficient (same triplet count) reloads the matrix: the update solves as a cold load")
    func changedMatrix() throws {
        var lp = LinearProgram()
        let x = lp.addColumns("x", count: 2, lower: 0, upper: 10, cost: 1)
        let r = lp.addRows("r", count: 1, lower: 4)
        lp.add(row: r.start, column: x.start, 1)
        lp.add(row: r.start, column: x.start + 1, 2)
        let problem = GLPKProblem()
        try problem.load(lp)
        #expect(abs(try problem.solve(method: .simplex).objective - 2) < 1e-12)    // x1 = 2
        var other = LinearProgram()
        let y = other.addColumns("x", count: 2, lower: 0, upper: 10, cost: 1)
        let s = other.addRows("r", count: 1, lower: 4)
        other.add(row: s.start, column: y.start, 1)
        other.add(row: s.start, column: y.start + 1, 0.5)
        #expect(!other.hasTriplets(rows: lp.tripletRows, columns: lp.tripletColumns, values: lp.tripletValues))
        #expect(try problem.loadOrUpdate(other) == true)
        #expect(abs(try problem.solve(method: .simplex, warmStart: true).objective - 4) < 1e-12)   // x0 = 4
        var negativeZero = lp
        negativeZero.add(row: r.start, column: x.start, -0.0)
        var plusZero = lp
        plusZero.add(row: r.start, column: x.start, 0.0)
        #expect(!negativeZero.hasTriplets(rows: plusZero.tripletRows, columns: plusZero.tripletColumns,
                                          values: plusZero.tripletValues))
    }
}
