// SPDX-License-Identifier: GPL-3.0-or-later
import GLPK
import LP
import Testing

/// min −x − y with x + y ≤ 4 and x, y in [0, 3]: the optimal face is the
/// segment x + y = 4, x in [1, 3]; the interior point lands inside it with
/// the row tight (dual −1), so crossover holds the row, not the columns.
private func tiedLP() -> LinearProgram {
    var lp = LinearProgram()
    let x = lp.addColumns("x", count: 1, lower: 0, upper: 3, cost: -1)
    let y = lp.addColumns("y", count: 1, lower: 0, upper: 3, cost: -1)
    let r = lp.addRows("sum", count: 1, upper: 4)
    lp.add(row: r.start, column: x.start, 1)
    lp.add(row: r.start, column: y.start, 1)
    return lp
}

@Suite("Crossover holding tight rows")
struct CrossoverTests {
    @Test("min −x−y, x+y ≤ 4, x,y in [0,3]: crossover ends at the vertex (3,1) or (1,3), objective −4, row dual −1")
    func tightRowHeld() throws {
        let problem = GLPKProblem()
        try problem.load(tiedLP())
        let s = try problem.solve(method: .auto)
        #expect(s.status == .optimal && s.isVertex && s.crossover?.succeeded == true)
        #expect(abs(s.objective + 4) < 1e-9)
        let x = try #require(s.columnValues.first), y = try #require(s.columnValues.last)
        #expect((x == 3 && y == 1) || (x == 1 && y == 3), "x \(x), y \(y)")
        #expect(abs((s.rowDuals.first ?? 0) + 1) < 1e-9)
    }

    @Test("a crossover out of time restores the row it held: with costs then +1, the same problem's optimum is 0, not 4")
    func heldRowRestored() throws {
        let problem = GLPKProblem()
        try problem.load(tiedLP())
        let s = try problem.solve(method: .auto, crossoverTimeLimitSeconds: 1e-9)
        #expect(s.status == .optimal && !s.isVertex && s.crossover?.succeeded == false)
        try problem.setCosts([0, 1], [1, 1])
        let again = try problem.solve(method: .simplex)
        #expect(again.status == .optimal && abs(again.objective) < 1e-12)
    }
}
