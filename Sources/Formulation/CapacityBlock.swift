// SPDX-License-Identifier: GPL-3.0-or-later
import LP
import Scenario

/// One sized quantity of an asset (a kW or a kWh): what exists and, for an
/// investable asset, the LP columns of its new capacity (PLANNING.md).
///
/// The new capacity `new` lies in `[min_new, max_new]` and costs
/// `y · (capex · CRF + fixed_om)` per unit in the objective, where
/// `y = T·Δ/8760` is the horizon's share of a year. The total is
/// `existing + new`.
///
/// Sparsity: `new` appears in a capacity row at every step. One column in
/// all 8,760 rows of a year makes GLPK's interior point form dense normal
/// equations (the demand charge's trap, see `GridBlock.addDemandCharge`). So
/// `new` is held as one copy per block of at most ``stepsPerCopy`` steps —
/// the leaves of a tree of fan-out ``fanOut`` — tied by equality rows
///
///     node - parent(node) = 0      for every node but the root
///
/// and the rows of step `t` use leaf `t / stepsPerCopy`. The tree forces
/// every copy to equal the root `new`, which alone carries the cost (all
/// carry the bounds, harmless as they are equal, needed as GLPK's interior
/// point fails on free columns), so the LP is exactly the one with a single
/// `new` column. A year has 2,920 leaves and 1,466 inner nodes with the
/// root: a leaf sits in its 3 steps' capacity rows and one tie, an inner
/// node in at most 4 ties. (A chain `copy[k] = copy[k-1]` was as sparse but
/// its long path made the interior point numerically unstable; other tree
/// shapes gave larger Cholesky factors, see docs/performance.md.) The blocks
/// are ``LinearProgram/linkingBlocks``: crossover pins the root first.
struct Capacity: Sendable {
    /// What exists (kW or kWh).
    let existing: Double
    /// The leaf copies of the new capacity; nil when the asset is not investable.
    let copies: ColumnBlock?
    /// The root of the tree: the new capacity's own column.
    var root: Int? = nil

    static let stepsPerCopy = 3
    static let fanOut = 3

    /// The column holding the new capacity for the rows of step `t`.
    func column(atStep t: Int) -> Int? {
        copies.map { $0.column(min(t / Self.stepsPerCopy, $0.count - 1)) }
    }

    /// The new capacity's own column (bounds and cost), if investable.
    var newColumn: Int? { root ?? copies?.start }

    /// The total capacity at the solution `x`.
    func total(_ x: [Double]) -> Double { existing + (newColumn.map { x[$0] } ?? 0) }

    /// The same new capacity over another existing amount (a storage's
    /// discharge power next to its charge power).
    func over(existing: Double) -> Capacity { Capacity(existing: existing, copies: copies, root: root) }
}

/// The LP columns of one asset's new capacities (nil: not a decision).
public struct NewCapacityColumns: Sendable {
    public var kw: Int?
    public var kwh: Int?
    mutating func set(_ column: Int, energy: Bool) {
        if energy { kwh = column } else { kw = column }
    }
    /// The new capacities at the solution `x`.
    public func values(_ x: [Double]) -> NewCapacity {
        NewCapacity(kw: kw.map { x[$0] } ?? 0, kwh: kwh.map { x[$0] } ?? 0)
    }
}

extension ModelBuilder {
    /// The capacity `existing` of an asset's kW (or, with `energy`, its
    /// kWh), with new-capacity columns when `invest` is given (bounds from
    /// it, cost per unit `y·(capex·CRF + fixed_om)`).
    mutating func addCapacity(_ asset: String, energy: Bool = false, existing: Double,
                              invest: Investment?) -> Capacity {
        guard let invest else { return Capacity(existing: existing, copies: nil) }
        let r = scenario.planning.discountRate
        let (leaves, root) = addCapacityCopies("\(asset).\(energy ? "new_kwh" : "new_kw")", lower: invest.minNew,
                                               upper: invest.maxNew ?? .infinity,
                                               cost: scenario.yearShare * invest.annualisedPerUnit(discountRate: r))
        newCapacityColumns[asset, default: NewCapacityColumns()].set(root, energy: energy)
        return Capacity(existing: existing, copies: leaves, root: root)
    }

    /// A storage's new power tied to its new energy: `new_p = new_e / hours`,
    /// priced per kW by `invest` (its bounds unused).
    mutating func addTiedCapacity(_ asset: String, existing: Double, energy: Capacity, hours: Double,
                                  invest: Investment) -> Capacity {
        let r = scenario.planning.discountRate
        let (leaves, root) = addCapacityCopies("\(asset).new_kw", lower: 0, upper: .infinity,
                                               cost: scenario.yearShare * invest.annualisedPerUnit(discountRate: r))
        newCapacityColumns[asset, default: NewCapacityColumns()].set(root, energy: false)
        if let e = energy.newColumn {
            let tie = lp.addRows("\(asset).new_kw_tied_to_energy", count: 1, lower: 0, upper: 0)
            lp.add(row: tie.start, column: root, 1)
            lp.add(row: tie.start, column: e, -1 / hours)
        }
        return Capacity(existing: existing, copies: leaves, root: root)
    }

    /// How far below the root's lower bound the other copies' (never active)
    /// lower bounds lie.
    static let copySlackBound = 1e4

    /// The tree of copies (see ``Capacity``): its leaves and its root.
    private mutating func addCapacityCopies(_ name: String, lower: Double, upper: Double,
                                            cost: Double) -> (leaves: ColumnBlock, root: Int) {
        var sizes = [max(1, (steps + Capacity.stepsPerCopy - 1) / Capacity.stepsPerCopy)]
        while let last = sizes.last, last > 1 { sizes.append((last + Capacity.fanOut - 1) / Capacity.fanOut) }
        let nodes = lp.addColumns(name, count: sizes.reduce(0, +), lower: lower - Self.copySlackBound, upper: .infinity)
        let root = nodes.start + nodes.count - 1
        lp.setColumnBounds(root, lower: lower, upper: upper)
        lp.cost[root] = cost
        lp.linkingBlocks.append(nodes)
        if nodes.count > 1 {
            let ties = lp.addRows("\(name).copies_equal", count: nodes.count - 1, lower: 0, upper: 0)
            lp.reserveEntries(2 * ties.count)
            var offset = 0, row = 0
            for level in 0..<(sizes.count - 1) {
                let parents = offset + sizes[level]
                for i in 0..<sizes[level] {
                    lp.add(row: ties.row(row), column: nodes.column(offset + i), 1)
                    lp.add(row: ties.row(row), column: nodes.column(parents + i / Capacity.fanOut), -1)
                    row += 1
                }
                offset = parents
            }
        }
        return (ColumnBlock(start: nodes.start, count: sizes[0]), root)
    }

    /// Bounds `x[t]` by the capacity: `x[t] <= upper(t) · total` and, when
    /// `lower` is given, `x[t] >= lower(t) · total`. Without new capacity
    /// these are column bounds on `existing` (as in a dispatch model); with
    /// it, rows `x[t] - f(t)·new <= f(t)·existing` (resp. `>=`), the column
    /// then only kept `>= 0`. Returns the rows added (for diagnosis).
    @discardableResult
    mutating func limit(_ x: ColumnBlock, by cap: Capacity, upper: (Int) -> Double,
                        lower: ((Int) -> Double)? = nil) -> [Int] {
        guard cap.copies != nil else {
            for t in 0..<x.count {
                lp.setColumnBounds(x.column(t), lower: lower.map { $0(t) * cap.existing } ?? lp.columnLower[x.column(t)],
                                   upper: upper(t) * cap.existing)
            }
            return []
        }
        var added: [Int] = []
        let name = lp.columnBlockNames.last { $0.block == x }?.name ?? "capacity"
        let uppers = lp.addRows("\(name).within_capacity", count: x.count)
        added.append(contentsOf: uppers.range)
        addCapacityRows(uppers, x, cap, factor: upper, atLeast: false)
        if let lower {
            let lowers = lp.addRows("\(name).above_minimum", count: x.count)
            added.append(contentsOf: lowers.range)
            addCapacityRows(lowers, x, cap, factor: lower, atLeast: true)
        }
        for t in 0..<x.count { lp.setColumnBounds(x.column(t), lower: 0, upper: .infinity) }
        return added
    }

    private mutating func addCapacityRows(_ rows: RowBlock, _ x: ColumnBlock, _ cap: Capacity,
                                          factor: (Int) -> Double, atLeast: Bool) {
        lp.reserveEntries(2 * x.count)
        for t in 0..<x.count {
            let f = factor(t), bound = f * cap.existing
            lp.setRowBounds(rows.row(t), lower: atLeast ? bound : -.infinity, upper: atLeast ? .infinity : bound)
            lp.add(row: rows.row(t), column: x.column(t), 1)
            if f != 0, let c = cap.column(atStep: t) { lp.add(row: rows.row(t), column: c, -f) }
        }
    }
}
