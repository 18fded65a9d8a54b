// SPDX-License-Identifier: GPL-3.0-or-later

/// Why a ``LinearProgram`` cannot be given to a solver. Raised before any
/// solver call, so a malformed model is a Swift error, never a solver abort.
public enum LPError: Error, Equatable, CustomStringConvertible {
    case indexOutOfRange(entry: Int, row: Int, column: Int, rows: Int, columns: Int)
    case notFinite(what: String, value: Double)
    case crossedBounds(what: String, lower: Double, upper: Double)
    case tooLarge(String)

    public var description: String {
        switch self {
        case let .indexOutOfRange(k, i, j, m, n):
            return "matrix entry \(k) at (row \(i), column \(j)) lies outside the \(m) x \(n) model"
        case let .notFinite(what, v):
            return "\(what) is \(v), expected a finite number"
        case let .crossedBounds(what, lo, up):
            return "\(what) has lower bound \(lo) above upper bound \(up)"
        case let .tooLarge(s):
            return s
        }
    }
}

/// The matrix of a ``LinearProgram`` with duplicates summed, zeros dropped
/// and entries ordered by row then by first appearance of the column: what a
/// solver may load in one call.
public struct CompactMatrix: Sendable {
    public var rows: [Int32]
    public var columns: [Int32]
    public var values: [Double]
    public var count: Int { values.count }
}

extension LinearProgram {
    /// Checks every index, bound and coefficient, then sums duplicate
    /// entries (O(entries + columns): a counting sort by row, then one
    /// last-seen marker per column).
    ///
    /// - Throws: ``LPError`` for an index out of range, a NaN or infinite
    ///   coefficient, a NaN bound, a `+inf` lower or `-inf` upper bound, or a
    ///   lower bound above the upper bound.
    public func validatedMatrix() throws(LPError) -> CompactMatrix {
        let m = rowCount, n = columnCount
        try validateBoundsAndCosts()
        // Counting sort by row.
        var rowStart = [Int](repeating: 0, count: m + 1)
        for k in 0..<entryCount {
            let i = Int(tripletRows[k]), j = Int(tripletColumns[k])
            guard i >= 0, i < m, j >= 0, j < n else {
                throw .indexOutOfRange(entry: k, row: i, column: j, rows: m, columns: n)
            }
            guard tripletValues[k].isFinite else {
                throw .notFinite(what: "coefficient of \(describeColumn(j)) in \(describeRow(i))",
                                 value: tripletValues[k])
            }
            rowStart[i + 1] += 1
        }
        for i in 0..<m { rowStart[i + 1] += rowStart[i] }
        var next = rowStart
        var order = [Int](repeating: 0, count: entryCount)
        for k in 0..<entryCount {
            let i = Int(tripletRows[k])
            order[next[i]] = k
            next[i] += 1
        }
        // Merge duplicates within each row.
        var slotOfColumn = [Int](repeating: -1, count: n)
        var out = CompactMatrix(rows: [], columns: [], values: [])
        out.rows.reserveCapacity(entryCount)
        out.columns.reserveCapacity(entryCount)
        out.values.reserveCapacity(entryCount)
        for i in 0..<m {
            let first = out.values.count
            for p in rowStart[i]..<rowStart[i + 1] {
                let k = order[p]
                let j = Int(tripletColumns[k])
                let slot = slotOfColumn[j]
                if slot >= first {
                    out.values[slot] += tripletValues[k]
                } else {
                    slotOfColumn[j] = out.values.count
                    out.rows.append(Int32(i))
                    out.columns.append(Int32(j))
                    out.values.append(tripletValues[k])
                }
            }
        }
        // Drop entries that summed to zero.
        if out.values.contains(0) {
            var w = 0
            for r in 0..<out.count where out.values[r] != 0 {
                out.rows[w] = out.rows[r]; out.columns[w] = out.columns[r]; out.values[w] = out.values[r]
                w += 1
            }
            out.rows.removeLast(out.count - w)
            out.columns.removeLast(out.columns.count - w)
            out.values.removeLast(out.values.count - w)
        }
        return out
    }

    /// The checks of ``validatedMatrix()`` that do not look at the matrix,
    /// in its order: the sizes, every bound, every cost and the objective
    /// constant. For a model whose triplets are those of one already
    /// validated (bit for bit), these are all the checks that could fail.
    ///
    /// - Throws: ``LPError`` as ``validatedMatrix()`` does for these.
    public func validateBoundsAndCosts() throws(LPError) {
        let m = rowCount, n = columnCount
        guard m < Int(Int32.max), n < Int(Int32.max), entryCount < Int(Int32.max) else {
            throw .tooLarge("model of \(m) rows, \(n) columns, \(entryCount) entries exceeds 32-bit indices")
        }
        try checkBounds(lower: columnLower, upper: columnUpper, kind: "column")
        try checkBounds(lower: rowLower, upper: rowUpper, kind: "row")
        for j in 0..<n where !cost[j].isFinite {
            throw .notFinite(what: "objective coefficient of \(describeColumn(j))", value: cost[j])
        }
        guard objectiveConstant.isFinite else {
            throw .notFinite(what: "objective constant", value: objectiveConstant)
        }
    }

    /// Whether this model's triplets are, bit for bit and in order, the
    /// given ones (values compared by bit pattern, so `-0.0` differs from
    /// `0.0`): then its ``validatedMatrix()`` is theirs.
    public func hasTriplets(rows: [Int32], columns: [Int32], values: [Double]) -> Bool {
        guard tripletRows.count == rows.count, tripletColumns.count == columns.count,
              tripletValues.count == values.count else { return false }
        return Self.equal(tripletRows, rows) && Self.equal(tripletColumns, columns)
            && tripletValues.withUnsafeBufferPointer { a in
                values.withUnsafeBufferPointer { b in
                    var differ: UInt64 = 0
                    for k in 0..<min(a.count, b.count) { differ |= a[k].bitPattern ^ b[k].bitPattern }
                    return differ == 0
                }
            }
    }

    private static func equal(_ a: [Int32], _ b: [Int32]) -> Bool {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                var differ: Int32 = 0
                for k in 0..<min(a.count, b.count) { differ |= a[k] ^ b[k] }
                return differ == 0
            }
        }
    }

    private func checkBounds(lower: [Double], upper: [Double], kind: String) throws(LPError) {
        for k in lower.indices {
            let lo = lower[k], up = upper[k]
            if lo.isNaN || lo == .infinity {
                throw .notFinite(what: "lower bound of \(kind == "row" ? describeRow(k) : describeColumn(k))", value: lo)
            }
            if up.isNaN || up == -.infinity {
                throw .notFinite(what: "upper bound of \(kind == "row" ? describeRow(k) : describeColumn(k))", value: up)
            }
            if lo > up {
                throw .crossedBounds(what: kind == "row" ? describeRow(k) : describeColumn(k), lower: lo, upper: up)
            }
        }
    }
}
