// SPDX-License-Identifier: GPL-3.0-or-later

/// A constraint matrix with the copies of each linking block replaced by
/// the block's decision (its last column): the LP the simplex sees during
/// crossover.
///
/// A linking block (``LinearProgram/linkingBlocks``) is a decision `r` and
/// copies `c` held equal to it by equality rows `c - parent(c) = 0`. The
/// copies exist for the interior point, whose normal equations turn one
/// column in every step's rows into a dense block. The simplex has no such
/// trouble, and its bases are far smaller without the copies. Substituting
/// `r` for every copy maps each row `Σ a_j x_j` to itself with the copies'
/// coefficients summed onto `r`: a tie row becomes `0 = 0` (emptied) and a
/// copy sits in no row. The two LPs have the same feasible points (copies
/// equal to `r`) and the same objective, provided the copies cost nothing —
/// which the caller checks.
public struct CollapsedLinking: Sendable {
    /// The matrix with every copy's entries moved onto its decision
    /// (duplicates summed, zeros dropped, rows in order).
    public var matrix: CompactMatrix
    /// Rows that had entries and have none after the substitution (the ties).
    public var emptiedRows: [Int]
    /// The copies: every column of a block but its last.
    public var copies: [Int]
}

extension CompactMatrix {
    /// Substitutes each block's last column for the block's other columns
    /// (see ``CollapsedLinking``), in O(entries + columns).
    ///
    /// - Returns: nil when there is nothing to collapse or the input is not
    ///   what the substitution assumes: blocks out of range or overlapping,
    ///   entries not ordered by row, or a tie structure that does not empty
    ///   exactly one row per copy (then a basis of the collapsed LP could
    ///   not be carried back to this one).
    public func collapsingLinking(_ blocks: [ColumnBlock], rowCount: Int, columnCount: Int) -> CollapsedLinking? {
        var decision = [Int32](repeating: -1, count: columnCount)  // -1: not a copy
        var claimed = [Bool](repeating: false, count: columnCount)  // in some block, copy or decision
        var copies: [Int] = []
        for block in blocks where block.count > 1 {
            guard block.start >= 0, block.start + block.count <= columnCount else { return nil }
            let root = block.start + block.count - 1
            for j in block.start...root {
                guard !claimed[j] else { return nil }
                claimed[j] = true
            }
            for j in block.start..<root {
                decision[j] = Int32(root)
                copies.append(j)
            }
        }
        guard !copies.isEmpty else { return nil }
        var out = CompactMatrix(rows: [], columns: [], values: [])
        out.rows.reserveCapacity(count)
        out.columns.reserveCapacity(count)
        out.values.reserveCapacity(count)
        var slot = [Int](repeating: 0, count: columnCount)
        var lastRow = [Int32](repeating: -1, count: columnCount)  // the row `slot` refers to
        var emptied: [Int] = []
        var k = 0
        while k < count {
            let i = rows[k]
            guard i >= 0, Int(i) < rowCount else { return nil }
            let first = out.values.count
            while k < count, rows[k] == i {
                let original = Int(columns[k])
                guard original >= 0, original < columnCount else { return nil }
                let j = decision[original] >= 0 ? Int(decision[original]) : original
                if lastRow[j] == i {
                    out.values[slot[j]] += values[k]
                } else {
                    lastRow[j] = i
                    slot[j] = out.values.count
                    out.rows.append(i)
                    out.columns.append(Int32(j))
                    out.values.append(values[k])
                }
                k += 1
            }
            // Drop what cancelled (a tie's +1 and -1 on the same decision).
            var w = first
            for p in first..<out.values.count where out.values[p] != 0 {
                out.rows[w] = out.rows[p]; out.columns[w] = out.columns[p]; out.values[w] = out.values[p]
                w += 1
            }
            let dropped = out.values.count - w
            out.rows.removeLast(dropped)
            out.columns.removeLast(dropped)
            out.values.removeLast(dropped)
            if w == first { emptied.append(Int(i)) }
            if k < count, rows[k] < i { return nil }  // not ordered by row
        }
        guard emptied.count == copies.count else { return nil }
        return CollapsedLinking(matrix: out, emptiedRows: emptied, copies: copies)
    }
}
