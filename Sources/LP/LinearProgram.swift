// SPDX-License-Identifier: GPL-3.0-or-later

/// A contiguous range of columns (variables) of a ``LinearProgram``: one
/// variable per time step of one asset quantity, like linopy's variable
/// arrays. `column(t)` is the index of step `t`.
public struct ColumnBlock: Sendable, Hashable {
    public let start: Int
    public let count: Int
    public init(start: Int, count: Int) { self.start = start; self.count = count }
    @inlinable public func column(_ t: Int) -> Int { start + t }
    public var range: Range<Int> { start..<(start + count) }
}

/// A contiguous range of rows (constraints).
public struct RowBlock: Sendable, Hashable {
    public let start: Int
    public let count: Int
    public init(start: Int, count: Int) { self.start = start; self.count = count }
    @inlinable public func row(_ t: Int) -> Int { start + t }
    public var range: Range<Int> { start..<(start + count) }
}

/// A minimisation LP in bulk form, solver-neutral:
///
///     minimise   Σ_j cost[j] * x[j] + objectiveConstant
///     subject to rowLower[i] <= Σ_j A[i,j] x[j] <= rowUpper[i]
///                columnLower[j] <= x[j] <= columnUpper[j]
///
/// `A` is kept as triplets `(rowIndex, columnIndex, value)`; entries at the
/// same `(i, j)` add up (``validatedMatrix()`` sums them once, before a solver sees
/// them). Infinite bounds are `-.infinity` / `.infinity`. Names are kept per
/// block, not per column, to keep building allocation-free per step.
public struct LinearProgram: Sendable {
    public private(set) var columnLower: [Double] = []
    public private(set) var columnUpper: [Double] = []
    public var cost: [Double] = []
    public var objectiveConstant: Double = 0
    public private(set) var rowLower: [Double] = []
    public private(set) var rowUpper: [Double] = []
    public private(set) var tripletRows: [Int32] = []
    public private(set) var tripletColumns: [Int32] = []
    public private(set) var tripletValues: [Double] = []
    /// Block names for diagnostics ("bess.soc"), in creation order.
    public private(set) var columnBlockNames: [(name: String, block: ColumnBlock)] = []
    public private(set) var rowBlockNames: [(name: String, block: RowBlock)] = []
    /// Columns that tie the whole horizon together (a planning model's new
    /// capacities), each block a decision in its last column and copies of
    /// it held equal by rows (see the Formulation's capacity trees). A hint
    /// for the solver, the LP being the same without it: crossover pins the
    /// decisions at the interior point's values, finds a vertex of the rest,
    /// then frees them.
    public var linkingBlocks: [ColumnBlock] = []

    public init() {}

    public var columnCount: Int { columnLower.count }
    public var rowCount: Int { rowLower.count }
    public var entryCount: Int { tripletValues.count }

    /// Adds `count` columns with the same bounds and cost.
    @discardableResult
    public mutating func addColumns(_ name: String, count: Int, lower: Double = 0,
                                    upper: Double = .infinity, cost c: Double = 0) -> ColumnBlock {
        let block = ColumnBlock(start: columnLower.count, count: count)
        columnLower.append(contentsOf: repeatElement(lower, count: count))
        columnUpper.append(contentsOf: repeatElement(upper, count: count))
        cost.append(contentsOf: repeatElement(c, count: count))
        columnBlockNames.append((name, block))
        return block
    }

    /// Adds `count` rows with the same bounds.
    @discardableResult
    public mutating func addRows(_ name: String, count: Int, lower: Double = -.infinity,
                                 upper: Double = .infinity) -> RowBlock {
        let block = RowBlock(start: rowLower.count, count: count)
        rowLower.append(contentsOf: repeatElement(lower, count: count))
        rowUpper.append(contentsOf: repeatElement(upper, count: count))
        rowBlockNames.append((name, block))
        return block
    }

    public mutating func setColumnBounds(_ j: Int, lower: Double, upper: Double) {
        columnLower[j] = lower
        columnUpper[j] = upper
    }

    public mutating func setRowBounds(_ i: Int, lower: Double, upper: Double) {
        rowLower[i] = lower
        rowUpper[i] = upper
    }

    /// Adds `value` to `A[row, column]`.
    @inlinable
    public mutating func add(row: Int, column: Int, _ value: Double) {
        appendTriplet(Int32(truncatingIfNeeded: row), Int32(truncatingIfNeeded: column), value)
    }

    @usableFromInline
    mutating func appendTriplet(_ i: Int32, _ j: Int32, _ v: Double) {
        tripletRows.append(i)
        tripletColumns.append(j)
        tripletValues.append(v)
    }

    /// Reserves room for `n` more triplets. Grows geometrically (at least
    /// doubling), as appending does: `reserveCapacity` alone allocates just
    /// what is asked, so each block's reservation would copy every triplet
    /// before it.
    public mutating func reserveEntries(_ n: Int) {
        Self.reserve(&tripletRows, n)
        Self.reserve(&tripletColumns, n)
        Self.reserve(&tripletValues, n)
    }

    private static func reserve<T>(_ a: inout [T], _ n: Int) {
        let needed = a.count + max(0, n)
        if needed > a.capacity { a.reserveCapacity(max(needed, 2 * a.capacity)) }
    }

    /// Name of the block holding column `j` and the offset inside it.
    public func describeColumn(_ j: Int) -> String {
        for (name, block) in columnBlockNames where block.range.contains(j) {
            return "\(name)[\(j - block.start)]"
        }
        return "column \(j)"
    }

    /// Name of the block holding row `i` and the offset inside it.
    public func describeRow(_ i: Int) -> String {
        for (name, block) in rowBlockNames where block.range.contains(i) {
            return "\(name)[\(i - block.start)]"
        }
        return "row \(i)"
    }

    /// The block of rows with this exact name, if any.
    public func rowBlock(named name: String) -> RowBlock? {
        rowBlockNames.first { $0.name == name }?.block
    }
}
