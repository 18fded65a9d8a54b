// SPDX-License-Identifier: GPL-3.0-or-later
import CGLPKGuard
import Dispatch
import LP

/// Which columns an interior point places at a bound: crossover holds them
/// there while the simplex solves the rest of the LP. The same rule picks
/// the inequality rows it holds at a bound, with row activities for `x`
/// and row duals for `reducedCost` (GLPK's signs agree for both).
///
/// A column is held at its lower bound when its reduced cost `d` is
/// positive and at least `ratio` times its distance to that bound (the
/// dual slack outweighs the primal slack, the usual indicator of an active
/// bound near the end of an interior-point run); at its upper bound in the
/// mirror case. Fixed columns are left alone.
struct CrossoverPlan: Equatable {
    var columns: [Int] = []
    /// The bound each listed column is held at.
    var values: [Double] = []
    /// True where that bound is the upper one.
    var atUpper: [Bool] = []

    /// The ratios tried in turn: holding more columns (0.001) makes the
    /// reduced LP smaller (planning year: crossover 7.0–8.0 s against
    /// 9.6–10.7 s; the dispatch year unchanged), but held that tight a
    /// column may be a hair off its bound and the reduced LP infeasible
    /// (seen at 0.0001 on the bundled year), so 0.01 follows if it is.
    static let ratios = [0.001, 0.01]
    /// Reduced costs above this multiple of the largest |cost| are not
    /// trusted: they come from dual values that grow without bound when the
    /// dual optimal face is unbounded, and often change sign at a vertex.
    static let reliableDual = 10.0

    init(x: [Double], reducedCost d: [Double], lower: [Double], upper: [Double], costScale: Double,
         ratio: Double = CrossoverPlan.ratios[0]) {
        let ceiling = Self.reliableDual * max(1, costScale)
        for j in x.indices where j < d.count && j < lower.count && j < upper.count {
            let lo = lower[j], up = upper[j]
            guard lo != up, abs(d[j]) <= ceiling else { continue }
            if lo.isFinite, d[j] > 0, d[j] >= ratio * (x[j] - lo) {
                append(j, lo, false)
            } else if up.isFinite, d[j] < 0, -d[j] >= ratio * (up - x[j]) {
                append(j, up, true)
            }
        }
    }

    init() {}

    private mutating func append(_ j: Int, _ bound: Double, _ upper: Bool) {
        columns.append(j)
        values.append(bound)
        atUpper.append(upper)
    }

    /// Splits off the held columns whose reduced cost (at the current
    /// basis) has the wrong sign for the bound they are held at.
    mutating func release(wrongSigned d: [Double], tolerance: Double) -> CrossoverPlan {
        var kept = CrossoverPlan(), released = CrossoverPlan()
        for k in columns.indices {
            let j = columns[k]
            let wrong = atUpper[k] ? d[j] > tolerance : d[j] < -tolerance
            if wrong { released.append(j, values[k], atUpper[k]) } else { kept.append(j, values[k], atUpper[k]) }
        }
        self = kept
        return released
    }
}

extension GLPKProblem {
    /// Turns an optimal interior point into a vertex ("fix and resolve").
    ///
    /// 1. Columns the interior point puts at a bound (``CrossoverPlan``) are
    ///    fixed there, and so are inequality rows it finds tight with a
    ///    clearly nonzero dual (made equalities at that bound). The much
    ///    smaller remaining LP is solved by the long-step dual simplex with
    ///    presolve, which removes most of it (on the bundled year ~320
    ///    iterations instead of ~6,300 with columns held alone). Should
    ///    that LP not solve, the rows are freed and it is tried again, then
    ///    the whole step with the next of ``CrossoverPlan/ratios``.
    /// 2. Held columns and rows whose dual has the wrong sign at that basis
    ///    are released. The first time (~1,800 columns on the bundled year)
    ///    the reduced LP is solved again from scratch with presolve: that is
    ///    several times cheaper than ~1,500 primal iterations on the whole
    ///    LP from the basis. Later rounds (a few dozen each) restore them
    ///    nonbasic at the bound they sat on, so the basis stays primal
    ///    feasible, and the primal simplex continues from it. With pinned
    ///    capacities (``PinnedColumns``) see `pinnedFromBasis`.
    /// 3. All bounds are restored and a last primal simplex pass from the
    ///    basis confirms optimality on the full LP: the verdict is the
    ///    simplex's own, whatever the heuristic guessed.
    ///
    /// When a step fails or the time runs past `timeLimitSeconds`, the
    /// interior point is returned with ``CrossoverReport/succeeded`` false
    /// and a note saying so. The problem's bounds are restored either way.
    ///
    /// `pinnedFromBasis`: with pinned capacities, every release round
    /// continues from the basis. On the planning year's LP with its capacity
    /// copies, that took 40–43 s of crossover against 63–65 s with the
    /// first round from scratch (load 4–7); without the copies
    /// (``crossover(from:timeLimitSeconds:)``) the first round is cheaper
    /// from scratch again (4.2–5.0 s against 4.4–6.4 s, load 1.3–3).
    func crossoverToVertex(from point: LPSolution, timeLimitSeconds: Double,
                           pinnedFromBasis: Bool = true) throws(GLPKError) -> LPSolution {
        let started = DispatchTime.now().uptimeNanoseconds
        let iterationsBefore = Int(glp_get_it_cnt(rawPointer))
        var reducedCost = [Double](repeating: 0, count: columns)
        var rowDual = [Double](repeating: 0, count: rows), activity = rowDual
        try guardCode("glp_ipt_col_dual", mg_read_interior_col_duals(rawPointer, &reducedCost))
        try guardCode("glp_ipt_row_dual", mg_read_interior_rows(rawPointer, &activity, &rowDual))
        let pins = try pinLinkingColumns(at: point.columnValues)
        let original = (lower: columnLower, upper: columnUpper, rowLower: rowLower, rowUpper: rowUpper)
        var held = CrossoverPlan(), heldRows = CrossoverPlan()
        var fixedCount = 0
        func restore(_ plan: CrossoverPlan, _ rowPlan: CrossoverPlan) throws(GLPKError) {
            try setColumnBounds(plan.columns, lower: plan.columns.map { original.lower[$0] },
                                upper: plan.columns.map { original.upper[$0] })
            try setRowBounds(rowPlan.columns, lower: rowPlan.columns.map { original.rowLower[$0] },
                             upper: rowPlan.columns.map { original.rowUpper[$0] })
            try setNonbasic(plan.columns, atUpper: plan.atUpper)
            try setNonbasic(rows: true, rowPlan.columns, atUpper: rowPlan.atUpper)
        }
        func report(_ failure: String?) -> CrossoverReport {
            CrossoverReport(succeeded: failure == nil, seconds: Self.seconds(since: started), fixedColumns: fixedCount,
                            iterations: Int(glp_get_it_cnt(rawPointer)) - iterationsBefore, failure: failure)
        }
        func fallback(_ why: String) throws(GLPKError) -> LPSolution {
            try restore(held, heldRows)
            try pins.unpin(self)
            var kept = point
            kept.crossover = report(why)
            kept.notes.append("crossover to a vertex failed (\(why)); the interior-point solution is reported")
            return kept
        }
        func remaining() -> Double { timeLimitSeconds - Self.seconds(since: started) }

        var step = result(.failed("no reduced LP solved"), .simplex)
        for ratio in CrossoverPlan.ratios where step.status != .optimal && remaining() > 0 {
            try restore(held, heldRows)
            held = CrossoverPlan(x: point.columnValues, reducedCost: reducedCost, lower: original.lower,
                                 upper: original.upper, costScale: costScale, ratio: ratio)
            heldRows = CrossoverPlan(x: activity, reducedCost: rowDual, lower: original.rowLower,
                                     upper: original.rowUpper, costScale: costScale, ratio: ratio)
            fixedCount = held.columns.count
            try setColumnBounds(held.columns, lower: held.values, upper: held.values)
            try setRowBounds(heldRows.columns, lower: heldRows.values, upper: heldRows.values)
            step = try simplex(warmStart: false, timeLimitSeconds: remaining(), dualFromScratch: true)
            if step.status != .optimal, !heldRows.columns.isEmpty, remaining() > 0 {
                // Rows held a hair off feasibility: hold the columns alone.
                try restore(CrossoverPlan(), heldRows)
                heldRows = CrossoverPlan()
                step = try simplex(warmStart: false, timeLimitSeconds: remaining(), dualFromScratch: true)
            }
        }
        guard step.status == .optimal else { return try fallback("reduced LP: \(Self.describe(step.status))") }
        for round in 0..<Self.releaseRounds {
            try guardCode("glp_get_col_dual", mg_read_col_duals(rawPointer, &reducedCost))
            try guardCode("glp_get_row_dual", mg_read_row_duals(rawPointer, &rowDual))
            let released = held.release(wrongSigned: reducedCost, tolerance: 1e-9)
            let releasedRows = heldRows.release(wrongSigned: rowDual, tolerance: 1e-9)
            if released.columns.isEmpty && releasedRows.columns.isEmpty { break }
            try restore(released, releasedRows)
            guard remaining() > 0 else { return try fallback("time limit of \(timeLimitSeconds) s reached") }
            step = round == 0 && (pins.columns.isEmpty || !pinnedFromBasis)
                ? try simplex(warmStart: false, timeLimitSeconds: remaining(), dualFromScratch: true)
                : try simplex(warmStart: true, timeLimitSeconds: remaining(), primalFromBasis: true)
            guard step.status == .optimal else { return try fallback("simplex: \(Self.describe(step.status))") }
        }
        try restore(held, heldRows)
        held = CrossoverPlan()
        heldRows = CrossoverPlan()
        guard remaining() > 0 else { return try fallback("time limit of \(timeLimitSeconds) s reached") }
        var vertex = try simplex(warmStart: true, timeLimitSeconds: remaining(), primalFromBasis: true)
        guard vertex.status == .optimal else { return try fallback("final simplex: \(Self.describe(vertex.status))") }
        if !pins.columns.isEmpty {
            guard let freed = try free(pins, vertex, timeLimitSeconds: remaining()) else {
                return try fallback("freeing the linking columns: time limit or simplex failure")
            }
            vertex = freed
        }
        vertex.method = .interior
        vertex.interiorSeconds = point.interiorSeconds
        vertex.notes = point.notes
        vertex.crossover = report(nil)
        return vertex
    }

    /// Rounds of releasing wrongly held columns and rows before all are
    /// restored: one from scratch, then two from the basis (on the bundled
    /// year ~80, then ~20 are released; a round costs a refactorization).
    static let releaseRounds = 3

    /// Makes the listed columns (or rows) nonbasic at their lower or upper
    /// bound; those the basis holds stay basic.
    func setNonbasic(rows isRow: Bool = false, _ indices: [Int], atUpper: [Bool]) throws(GLPKError) {
        let limit = isRow ? rows : columns
        guard indices.count == atUpper.count, indices.allSatisfy({ $0 >= 0 && $0 < limit }) else {
            throw .invalidModel(.tooLarge("basis statuses for \(atUpper.count) of \(indices.count) \(isRow ? "rows" : "columns")"))
        }
        let idx = indices.map { Int32($0) }
        let upper = atUpper.map { Int32($0 ? 1 : 0) }
        try guardCode(isRow ? "glp_set_row_stat" : "glp_set_col_stat",
                      mg_set_nonbasic(rawPointer, isRow ? 1 : 0, Int32(idx.count), idx, upper))
    }

    static func describe(_ status: LPStatus) -> String {
        switch status {
        case .optimal: return "optimal"
        case .infeasible: return "infeasible"
        case .unbounded: return "unbounded"
        case .failed(let why): return why
        }
    }
}

