// SPDX-License-Identifier: GPL-3.0-or-later
import LP

extension ModelBuilder {
    /// How many terms each partial sum of a whole-horizon row gathers (a
    /// day of one hourly column block).
    static let termsPerPartialSum = 24

    /// Adds the row `lower <= Σ_k c_k x_k <= upper` over a long expression
    /// through partial sums, an exact reformulation that keeps the row short:
    ///
    ///     part[g] - Σ_{k in g} c_k x_k = 0     for each group g of consecutive terms
    ///     lower <= Σ_g part[g] <= upper
    ///
    /// A group holds at most ``termsPerPartialSum`` terms of one sign over
    /// columns with finite lower bounds, so `part[g]` gets the one-sided
    /// bound those imply (`>= Σ c_k·lower_k` for positive `c_k`, `<=` for
    /// negative ones) — never a free column, which GLPK's interior point
    /// handles badly. Returns the short row (its dual is the long row's).
    mutating func addPartialSumRow(_ name: String, _ terms: LinearTerms, lower: Double, upper: Double) -> Int {
        var groups: [[Int]] = []
        for k in terms.columns.indices {
            let sign = terms.coefficients[k] > 0
            if let last = groups.last, let first = last.first, last.count < Self.termsPerPartialSum,
               (terms.coefficients[first] > 0) == sign {
                groups[groups.count - 1].append(k)
            } else {
                groups.append([k])
            }
        }
        let parts = lp.addColumns("\(name).partial_sum", count: groups.count, lower: -.infinity, upper: .infinity)
        let ties = lp.addRows("\(name).partial_sum_defined", count: groups.count, lower: 0, upper: 0)
        let row = lp.addRows(name, count: 1, lower: lower, upper: upper)
        lp.reserveEntries(terms.columns.count + 2 * groups.count)
        for (g, members) in groups.enumerated() {
            var bound = 0.0
            for k in members {
                lp.add(row: ties.row(g), column: terms.columns[k], terms.coefficients[k])
                bound += terms.coefficients[k] * lp.columnLower[terms.columns[k]]
            }
            lp.add(row: ties.row(g), column: parts.column(g), -1)
            lp.add(row: row.start, column: parts.column(g), 1)
            if bound.isFinite, let first = members.first {
                let positive = terms.coefficients[first] > 0
                lp.setColumnBounds(parts.column(g), lower: positive ? bound : -.infinity,
                                   upper: positive ? .infinity : bound)
            }
        }
        return row.start
    }
}
