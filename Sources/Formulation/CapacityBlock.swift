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
/// `new` is held as one copy per block of at most ``stepsPerCopy`` steps,
/// chained by equality rows
///
///     copy[k] - copy[k-1] = 0      (k = 1 … K-1)
///
/// and the rows of step `t` use `copy[t / stepsPerCopy]`. The chain forces
/// every copy to equal `copy[0]`, which alone carries the bounds and the
/// cost, so the LP is exactly the one with a single `new` column; each copy
/// sits in at most `stepsPerCopy` rows per use plus two chain rows.
struct Capacity: Sendable {
    /// What exists (kW or kWh).
    let existing: Double
    /// The copies of the new capacity; nil when the asset is not investable.
    let copies: ColumnBlock?

    static let stepsPerCopy = 24

    /// The column holding the new capacity for the rows of step `t`.
    func column(atStep t: Int) -> Int? {
        copies.map { $0.column(min(t / Self.stepsPerCopy, $0.count - 1)) }
    }

    /// The new capacity's own column (bounds and cost), if investable.
    var newColumn: Int? { copies?.start }

    /// The total capacity at the solution `x`.
    func total(_ x: [Double]) -> Double { existing + (newColumn.map { x[$0] } ?? 0) }

    /// The same new capacity over another existing amount (a storage's
    /// discharge power next to its charge power).
    func over(existing: Double) -> Capacity { Capacity(existing: existing, copies: copies) }
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
        let copies = addCapacityCopies("\(asset).\(energy ? "new_kwh" : "new_kw")", lower: invest.minNew,
                                       upper: invest.maxNew ?? .infinity,
                                       cost: scenario.yearShare * invest.annualisedPerUnit(discountRate: r))
        newCapacityColumns[asset, default: NewCapacityColumns()].set(copies.start, energy: energy)
        return Capacity(existing: existing, copies: copies)
    }

    /// A storage's new power tied to its new energy: `new_p = new_e / hours`,
    /// priced per kW by `invest` (its bounds unused).
    mutating func addTiedCapacity(_ asset: String, existing: Double, energy: Capacity, hours: Double,
                                  invest: Investment) -> Capacity {
        let r = scenario.planning.discountRate
        let copies = addCapacityCopies("\(asset).new_kw", lower: 0, upper: .infinity,
                                       cost: scenario.yearShare * invest.annualisedPerUnit(discountRate: r))
        newCapacityColumns[asset, default: NewCapacityColumns()].set(copies.start, energy: false)
        if let e = energy.newColumn {
            let tie = lp.addRows("\(asset).new_kw_tied_to_energy", count: 1, lower: 0, upper: 0)
            lp.add(row: tie.start, column: copies.start, 1)
            lp.add(row: tie.start, column: e, -1 / hours)
        }
        return Capacity(existing: existing, copies: copies)
    }

    private mutating func addCapacityCopies(_ name: String, lower: Double, upper: Double, cost: Double) -> ColumnBlock {
        let count = max(1, (steps + Capacity.stepsPerCopy - 1) / Capacity.stepsPerCopy)
        let copies = lp.addColumns("\(name).new", count: count, lower: -.infinity, upper: .infinity)
        lp.setColumnBounds(copies.start, lower: lower, upper: upper)
        lp.cost[copies.start] = cost
        if count > 1 {
            let chain = lp.addRows("\(name).new_copies_equal", count: count - 1, lower: 0, upper: 0)
            lp.reserveEntries(2 * (count - 1))
            for k in 1..<count {
                lp.add(row: chain.row(k - 1), column: copies.column(k), 1)
                lp.add(row: chain.row(k - 1), column: copies.column(k - 1), -1)
            }
        }
        return copies
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
