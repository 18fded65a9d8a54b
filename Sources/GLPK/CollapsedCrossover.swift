// SPDX-License-Identifier: GPL-3.0-or-later
import CGLPKGuard
import Dispatch
import LP

extension GLPKProblem {
    /// Turns an optimal interior point into a vertex: ``crossoverToVertex(from:timeLimitSeconds:)``,
    /// run on the LP without its linking copies when it has any.
    ///
    /// A planning model's new capacities are trees of copies
    /// (``LinearProgram/linkingBlocks``) that keep the interior point's
    /// normal equations sparse. The simplex gains nothing from them: on the
    /// planning year its reduced LP kept 104,000 rows after presolve and
    /// took about 12 ms an iteration. So for crossover the matrix is swapped
    /// for the one with every copy replaced by its decision
    /// (``CompactMatrix/collapsingLinking(_:rowCount:columnCount:)``, the
    /// same LP: 81,000 rows after presolve, about 4 ms an iteration), and
    /// the vertex found is carried back: the original matrix is reloaded,
    /// each copy made basic in place of its emptied tie row (a valid basis,
    /// triangular in the copies), and the primal simplex, which finds it
    /// optimal at once, recomputes every value and dual of the LP as built.
    ///
    /// A crossover that falls back to the interior point leaves it as it
    /// is; one whose carrying back fails falls back too, and says so.
    func crossover(from point: LPSolution, timeLimitSeconds: Double) throws(GLPKError) -> LPSolution {
        guard let original = loadedMatrix, let collapsed = collapsibleLinking(original) else {
            return try crossoverToVertex(from: point, timeLimitSeconds: timeLimitSeconds)
        }
        let started = DispatchTime.now().uptimeNanoseconds
        try loadMatrixOnly(collapsed.matrix)
        let vertex: LPSolution
        do {
            vertex = try crossoverToVertex(from: point, timeLimitSeconds: timeLimitSeconds, pinnedFromBasis: false)
        } catch {
            try? loadMatrixOnly(original)
            throw error
        }
        try loadMatrixOnly(original)
        guard var report = vertex.crossover, report.succeeded else { return vertex }
        func fallback(_ why: String) -> LPSolution {
            var kept = point
            report.succeeded = false
            report.failure = why
            report.seconds = Self.seconds(since: started)
            kept.crossover = report
            kept.notes.append("crossover to a vertex failed (\(why)); the interior-point solution is reported")
            return kept
        }
        let remaining = timeLimitSeconds - Self.seconds(since: started)
        guard remaining > 0 else { return fallback("time limit of \(timeLimitSeconds) s reached") }
        let iterationsBefore = Int(glp_get_it_cnt(rawPointer))
        try swapBasis(makeBasic: collapsed.copies, makeNonbasic: collapsed.emptiedRows)
        var expanded = try simplex(warmStart: true, timeLimitSeconds: remaining, primalFromBasis: true)
        guard expanded.status == .optimal else {
            return fallback("restoring the capacity copies: \(Self.describe(expanded.status))")
        }
        report.iterations += Int(glp_get_it_cnt(rawPointer)) - iterationsBefore
        report.seconds = Self.seconds(since: started)
        expanded.method = .interior
        expanded.interiorSeconds = point.interiorSeconds
        expanded.notes = vertex.notes
        expanded.crossover = report
        return expanded
    }

    /// The loaded matrix with its linking copies collapsed, when that gives
    /// the same LP: every copy costs nothing, its bounds contain its
    /// decision's, and every emptied row admits `0`.
    private func collapsibleLinking(_ matrix: CompactMatrix) -> CollapsedLinking? {
        guard !linkingBlocks.isEmpty,
              let collapsed = matrix.collapsingLinking(linkingBlocks, rowCount: rows, columnCount: columns)
        else { return nil }
        for block in linkingBlocks where block.count > 1 {
            let root = block.start + block.count - 1
            for j in block.start..<root {
                guard j < cost.count, cost[j] == 0,
                      columnLower[j] <= columnLower[root], columnUpper[j] >= columnUpper[root] else { return nil }
            }
        }
        for i in collapsed.emptiedRows where !(rowLower[i] <= 0 && rowUpper[i] >= 0) { return nil }
        return collapsed
    }

    /// Replaces the constraint matrix, keeping bounds, costs and basis
    /// statuses (``loadedMatrix`` still names the LP as built).
    private func loadMatrixOnly(_ matrix: CompactMatrix) throws(GLPKError) {
        guard matrix.rows.count == matrix.count, matrix.columns.count == matrix.count, matrix.count < Int(Int32.max),
              matrix.rows.allSatisfy({ $0 >= 0 && Int($0) < rows }),
              matrix.columns.allSatisfy({ $0 >= 0 && Int($0) < columns })
        else { throw .invalidModel(.tooLarge("a matrix of \(matrix.count) entries outside the \(rows) x \(columns) model")) }
        let code = matrix.rows.withUnsafeBufferPointer { ia in
            matrix.columns.withUnsafeBufferPointer { ja in
                mg_load_matrix(rawPointer, Int32(matrix.count), ia.baseAddress, ja.baseAddress, matrix.values)
            }
        }
        try guardCode("glp_load_matrix", code)
    }

    /// Makes the listed columns basic and the listed rows nonbasic, as many
    /// of each (the basis keeps one basic variable per row).
    private func swapBasis(makeBasic columnIndices: [Int], makeNonbasic rowIndices: [Int]) throws(GLPKError) {
        guard columnIndices.count == rowIndices.count,
              columnIndices.allSatisfy({ $0 >= 0 && $0 < columns }), rowIndices.allSatisfy({ $0 >= 0 && $0 < rows })
        else { throw .invalidModel(.tooLarge("a basis swap of \(columnIndices.count) columns for \(rowIndices.count) rows")) }
        let cols = columnIndices.map { Int32($0) }, rws = rowIndices.map { Int32($0) }
        try guardCode("glp_set_col_stat", mg_swap_basis(rawPointer, Int32(cols.count), cols, Int32(rws.count), rws))
    }
}
