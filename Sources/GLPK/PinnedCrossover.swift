// SPDX-License-Identifier: GPL-3.0-or-later
import CGLPKGuard
import Dispatch
import LP

/// Linking columns (a planning model's new capacities, see
/// ``LinearProgram/linkingBlocks``) pinned near the interior point's values
/// while crossover finds a vertex of the rest of the LP.
///
/// With the capacities free, crossover's reduced LP has to settle the
/// capacities and the dispatch of every step at once; on the planning year
/// its simplex ran past the time limit. Pinned in a band of ±``GLPKProblem/pinBand``
/// (relative) it needs about a thousand iterations. A band, not a fixed
/// value: the interior point is only accurate to its tolerance, and rows
/// crossover holds tight would turn a capacity fixed at it into a slightly
/// infeasible dispatch (seen on a 2,000-step plan: a heat pump at
/// -0.0008 kW). The vertex found is a feasible basis of the whole LP, and
/// ``GLPKProblem/free(_:_:timeLimitSeconds:)`` lets the primal simplex move
/// the capacities to their optimum.
struct PinnedColumns {
    var columns: [Int] = []
    /// The interior point's value of each pinned column.
    var values: [Double] = []
    /// The column's own bounds, restored when it is freed.
    var lower: [Double] = []
    var upper: [Double] = []

    /// Restores the own bounds of every pinned column (basis statuses left
    /// to GLPK, which keeps a basic column basic).
    func unpin(_ problem: GLPKProblem) throws(GLPKError) {
        guard !columns.isEmpty else { return }
        try problem.setColumnBounds(columns, lower: lower, upper: upper)
    }
}

extension GLPKProblem {
    /// Pins each linking decision (the last column of its block) that lies
    /// strictly inside its bounds at `x` to `x ± pinBand·max(1, |x|)`,
    /// within its own bounds. Decisions at a bound are left to crossover.
    func pinLinkingColumns(at x: [Double]) throws(GLPKError) -> PinnedColumns {
        var pins = PinnedColumns()
        for block in linkingBlocks {
            let j = block.start + block.count - 1
            guard j < x.count else { continue }
            let lo = columnLower[j], up = columnUpper[j]
            guard x[j] > lo, x[j] < up else { continue }
            pins.columns.append(j)
            pins.values.append(x[j])
            pins.lower.append(lo)
            pins.upper.append(up)
        }
        let band = pins.values.indices.map { Self.pinBand * max(1, abs(pins.values[$0])) }
        try setColumnBounds(pins.columns, lower: pins.values.indices.map { max(pins.lower[$0], pins.values[$0] - band[$0]) },
                            upper: pins.values.indices.map { min(pins.upper[$0], pins.values[$0] + band[$0]) })
        return pins
    }

    /// Frees pinned columns from the optimal basis of the pinned LP by the
    /// primal simplex (bound shifting). A nonbasic pinned column whose
    /// reduced cost `d` asks to move is given one side of its own range
    /// with the pin as the bound it sits on: `[lower, pin]` at its upper
    /// bound when `d > 0`, `[pin, upper]` at its lower bound when `d < 0`,
    /// so the basis stays primal feasible and the simplex moves it. A
    /// column the simplex makes basic, or leaves on one of its own bounds,
    /// gets its own bounds back; one stopped at the pin with `d` asking to
    /// cross it is turned round. A column with `|d|` within tolerance is
    /// optimal where it is (the optimal face is flat in its direction) and
    /// keeps its value.
    ///
    /// - Returns: the optimal solution of the whole LP, or nil when the
    ///   simplex fails or the time runs out (the pins are then undone).
    func free(_ pins: PinnedColumns, _ start: LPSolution, timeLimitSeconds: Double) throws(GLPKError) -> LPSolution? {
        let started = DispatchTime.now().uptimeNanoseconds
        let tolerance = 1e-9 * max(1, costScale)
        var solution = start
        var open = Array(pins.columns.indices)  // pins still on artificial bounds
        var reducedCost = [Double](repeating: 0, count: columns)
        for _ in 0..<Self.freeingRounds where !open.isEmpty {
            try guardCode("glp_get_col_dual", mg_read_col_duals(rawPointer, &reducedCost))
            var stillOpen: [Int] = [], moved = false
            for k in open {
                let j = pins.columns[k], value = solution.columnValues[j]
                let basic = glp_get_col_stat(rawPointer, Int32(j + 1)) == GLP_BS
                let onOwnBound = value <= pins.lower[k] || value >= pins.upper[k]
                if basic || onOwnBound {
                    try setColumnBounds([j], lower: [pins.lower[k]], upper: [pins.upper[k]])
                    if !basic { try setNonbasic([j], atUpper: [value >= pins.upper[k]]) }
                    continue
                }
                let d = reducedCost[j]
                if d > tolerance {
                    try setColumnBounds([j], lower: [pins.lower[k]], upper: [value])
                    try setNonbasic([j], atUpper: [true])
                    moved = true
                } else if d < -tolerance {
                    try setColumnBounds([j], lower: [value], upper: [pins.upper[k]])
                    try setNonbasic([j], atUpper: [false])
                    moved = true
                }
                stillOpen.append(k)
            }
            open = stillOpen
            guard moved else { break }
            let remaining = timeLimitSeconds - Self.seconds(since: started)
            guard remaining > 0 else { try pins.unpin(self); return nil }
            solution = try simplex(warmStart: true, timeLimitSeconds: remaining, primalFromBasis: true)
            guard solution.status == .optimal else { try pins.unpin(self); return nil }
        }
        // Pins left open have |d| within tolerance: optimal at their value.
        let flat = open.map { pins.columns[$0] }
        try setColumnBounds(flat, lower: open.map { pins.lower[$0] }, upper: open.map { pins.upper[$0] })
        if !flat.isEmpty {
            solution.notes.append("\(flat.count) linking column(s) optimal strictly inside their bounds without being basic (a flat optimal face)")
        }
        return solution
    }

    /// Half-width of the band a pinned column may move in, relative to its
    /// value: room for the interior point's own inaccuracy.
    static let pinBand = 1e-6

    /// Bound-shifting rounds before freeing gives up on turning pins round.
    static let freeingRounds = 8
}
