// SPDX-License-Identifier: GPL-3.0-or-later
import GLPK
import LP
import Testing

/// A four-step planning LP in the shape the formulation builds: demand
/// `d[t]` met by grid import (price `p[t]`) and PV `pv[t] <= f[t]·(1 + K)`,
/// the new PV `K` in [0, 10] at 1.2 per kW, held as two leaf copies (steps
/// 0–1 and 2–3) tied to the root `K`. Adding a kW saves `Σ f[t]·p[t]` over
/// the steps still short of demand: 6.1, then 3.1 from K = 4 (step 1
/// served), 2.6 from K = 5 (step 0), 0.2 from K = 6.5 (step 3), so
/// K* = 6.5, strictly inside its bounds (crossover pins it).
private func treePlanLP() -> (lp: LinearProgram, leaves: ColumnBlock, root: Int, ties: RowBlock) {
    let d = [3.0, 5, 2, 6], p = [1.0, 3, 1, 3], f = [0.5, 1, 0.2, 0.8]
    var lp = LinearProgram()
    let pv = lp.addColumns("pv", count: 4, lower: 0, upper: .infinity)
    let grid = lp.addColumns("grid", count: 4, lower: 0, upper: .infinity)
    for t in 0..<4 { lp.cost[grid.column(t)] = p[t] }
    let nodes = lp.addColumns("pv.new_kw", count: 3, lower: -1e4, upper: .infinity)
    let root = nodes.column(2)
    lp.setColumnBounds(root, lower: 0, upper: 10)
    lp.cost[root] = 1.2
    lp.linkingBlocks.append(nodes)
    let ties = lp.addRows("pv.new_kw.copies_equal", count: 2, lower: 0, upper: 0)
    for k in 0..<2 {
        lp.add(row: ties.row(k), column: nodes.column(k), 1)
        lp.add(row: ties.row(k), column: root, -1)
    }
    let balance = lp.addRows("balance", count: 4)
    let capacity = lp.addRows("pv.within_capacity", count: 4)
    for t in 0..<4 {
        lp.setRowBounds(balance.row(t), lower: d[t], upper: d[t])
        lp.add(row: balance.row(t), column: pv.column(t), 1)
        lp.add(row: balance.row(t), column: grid.column(t), 1)
        lp.setRowBounds(capacity.row(t), lower: -.infinity, upper: f[t])
        lp.add(row: capacity.row(t), column: pv.column(t), 1)
        lp.add(row: capacity.row(t), column: nodes.column(t / 2), -f[t])
    }
    return (lp, ColumnBlock(start: nodes.start, count: 2), root, ties)
}

@Suite("Crossover on the LP without its linking copies")
struct LinkingCrossoverTests {
    @Test("collapsing the copies empties exactly the tie rows and moves each copy's coefficient onto K")
    func collapseShape() throws {
        let (lp, leaves, root, ties) = treePlanLP()
        let matrix = try lp.validatedMatrix()
        let c = try #require(matrix.collapsingLinking(lp.linkingBlocks, rowCount: lp.rowCount, columnCount: lp.columnCount))
        #expect(c.emptiedRows == Array(ties.range))
        #expect(c.copies == Array(leaves.range))
        #expect(!c.matrix.columns.contains { leaves.range.contains(Int($0)) })
        #expect(c.matrix.count == matrix.count - 4)  // the ties' four entries cancel
        let onRoot = c.matrix.values.indices.filter { Int(c.matrix.columns[$0]) == root }.map { c.matrix.values[$0] }
        #expect(onRoot == [-0.5, -1, -0.2, -0.8])
    }

    @Test("no collapse for overlapping blocks, rows out of order, or a block of one column")
    func collapseRefused() throws {
        let (lp, _, _, _) = treePlanLP()
        let matrix = try lp.validatedMatrix()
        let block = try #require(lp.linkingBlocks.first)
        #expect(matrix.collapsingLinking([block, block], rowCount: lp.rowCount, columnCount: lp.columnCount) == nil)
        // A block whose decision is a copy in another (the copies would map onto a copy).
        let overlapping = ColumnBlock(start: block.start - 1, count: 2)
        #expect(matrix.collapsingLinking([block, overlapping], rowCount: lp.rowCount,
                                         columnCount: lp.columnCount) == nil)
        #expect(matrix.collapsingLinking([overlapping, block], rowCount: lp.rowCount,
                                         columnCount: lp.columnCount) == nil)
        #expect(matrix.collapsingLinking([ColumnBlock(start: 0, count: 1)], rowCount: lp.rowCount,
                                         columnCount: lp.columnCount) == nil)
        var shuffled = matrix
        shuffled.rows.reverse()
        #expect(shuffled.collapsingLinking([block], rowCount: lp.rowCount, columnCount: lp.columnCount) == nil)
        #expect(matrix.collapsingLinking([ColumnBlock(start: lp.columnCount - 1, count: 3)], rowCount: lp.rowCount,
                                         columnCount: lp.columnCount) == nil)
    }

    @Test("interior point + crossover on the tree: the simplex's objective, K = 6.5 with both copies equal to it, a vertex whose duals price the copies at zero, and a warm re-solve from its basis agrees with a cold one")
    func vertexCarriedBack() throws {
        let (lp, leaves, root, _) = treePlanLP()
        let exact = try GLPKSolver().solve(lp, options: SolveOptions(method: .simplex))
        let problem = GLPKProblem()
        try problem.load(lp)
        let s = try problem.solve(method: .auto)
        #expect(s.status == .optimal && s.isVertex && s.crossover?.succeeded == true, "\(s.notes)")
        #expect(abs(s.objective - exact.objective) <= 1e-9 * abs(exact.objective))
        #expect(abs(s.columnValues[root] - 6.5) < 1e-9)
        for j in leaves.range { #expect(s.columnValues[j] == s.columnValues[root]) }
        // Reduced cost of each copy, c_j - Σ_i a_ij y_i, from the rows' duals: zero.
        let matrix = try lp.validatedMatrix()
        for j in leaves.range {
            let d = matrix.values.indices.filter { Int(matrix.columns[$0]) == j }
                .reduce(0.0) { $0 - matrix.values[$1] * s.rowDuals[Int(matrix.rows[$1])] }
            #expect(abs(d) < 1e-9, "copy \(j): reduced cost \(d)")
        }
        // The basis left behind is one of the LP as built: warm and cold agree after a price change.
        try problem.setCosts([root], [2.0])
        let warm = try problem.solve(method: .simplex, warmStart: true)
        var changed = lp
        changed.cost[root] = 2.0
        let cold = try GLPKSolver().solve(changed, options: SolveOptions(method: .simplex))
        #expect(warm.status == .optimal && abs(warm.objective - cold.objective) <= 1e-9 * abs(cold.objective))
    }
}
