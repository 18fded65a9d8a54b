// SPDX-License-Identifier: GPL-3.0-or-later
import LP
import Scenario

/// A sparse linear expression over LP columns: `Σ coef * x[col]`.
public struct LinearTerms: Sendable {
    public var columns: [Int] = []
    public var coefficients: [Double] = []
    public init() {}
    mutating func add(_ column: Int, _ coefficient: Double) {
        columns.append(column)
        coefficients.append(coefficient)
    }
    /// Value of the expression at `x`.
    public func value(_ x: [Double]) -> Double {
        var s = 0.0
        for k in columns.indices { s += coefficients[k] * x[columns[k]] }
        return s
    }
}

/// Constraint families that FORMULATION.md names when a scenario is infeasible.
public enum ConstraintFamily: String, Sendable, CaseIterable {
    case emissionsCap = "emissions cap"
    case renewableFloor = "renewable floor"
    case mustTake = "must_take"
    case storageEndCondition = "storage end condition"
    case storageBounds = "storage bounds"
    case flexibleLoad = "flexible load"
}

/// Shared state while the asset blocks add their variables and rows: the LP,
/// one balance row block per carrier, and the whole-horizon totals that the
/// objective and the optional constraints are made of.
struct ModelBuilder {
    let scenario: Scenario
    /// Number of steps `T` and step length `Δ` (hours).
    let steps: Int
    let dt: Double
    var lp = LinearProgram()
    /// One balance per carrier, one row per step: `Σ supplies - Σ draws`
    /// equals the fixed load (`>=` it where surplus may be rejected, as for
    /// heat). Blocks add `+coef` where they feed a carrier, `-coef` where they
    /// draw from it.
    let balances: [Carrier: RowBlock]
    /// Optimised emissions `Σ_t Δ (ci*imp + Σ factor*fuel)`, kg.
    var emissionsKg = LinearTerms()
    /// Totals over the horizon in kWh: `G_re`, `X`, `I`, `G_chp`.
    var renewableKWh = LinearTerms()
    var exportKWh = LinearTerms()
    var importKWh = LinearTerms()
    var chpKWh = LinearTerms()
    /// Unserved electricity and heat over the horizon, kWh.
    var unservedKWh = LinearTerms()
    /// Rows of each waste-heat asset's availability constraint, by name.
    var wasteHeatRows: [String: RowBlock] = [:]
    /// Column bounds belonging to a named family (for infeasibility diagnosis).
    var familyColumns: [ConstraintFamily: [Int]] = [:]
    var familyRows: [ConstraintFamily: [Int]] = [:]
    /// New-capacity columns of each investable asset, by name.
    var newCapacityColumns: [String: NewCapacityColumns] = [:]

    init(scenario: Scenario) {
        self.scenario = scenario
        steps = scenario.steps
        dt = scenario.stepHours
        var balances: [Carrier: RowBlock] = [:]
        for carrier in Carrier.allCases {
            let rows = lp.addRows("balance.\(carrier.rawValue)", count: steps)
            let load = scenario.fixedLoadKW(carrier)
            for t in 0..<steps {
                lp.setRowBounds(rows.row(t), lower: load[t], upper: carrier.surplusMayBeRejected ? .infinity : load[t])
            }
            balances[carrier] = rows
        }
        self.balances = balances
    }

    /// The balance rows of `carrier` (an empty block for a carrier without one).
    func balance(_ carrier: Carrier) -> RowBlock {
        balances[carrier] ?? RowBlock(start: 0, count: 0)
    }

    /// Adds one column per step with per-step upper bounds `upper(t)` and
    /// costs `cost(t)` (currency per kW over the step, i.e. Δ * price).
    mutating func addSeries(_ name: String, upper: (Int) -> Double, cost: (Int) -> Double = { _ in 0 }) -> ColumnBlock {
        let block = lp.addColumns(name, count: steps)
        for t in 0..<steps {
            lp.setColumnBounds(block.column(t), lower: 0, upper: upper(t))
            lp.cost[block.column(t)] = cost(t)
        }
        return block
    }

    /// Puts `coefficient(t) * x[block(t)]` into row block `rows` at each step
    /// (at none of them when `rows` has no row per step).
    mutating func addToRows(_ rows: RowBlock, _ block: ColumnBlock, _ coefficient: (Int) -> Double) {
        guard rows.count == steps, block.count == steps else { return }
        lp.reserveEntries(steps)
        for t in 0..<steps {
            let c = coefficient(t)
            if c != 0 { lp.add(row: rows.row(t), column: block.column(t), c) }
        }
    }

    /// `block` feeds `carrier`: `+coefficient(t) * x[block(t)]` in its balance at each step.
    mutating func feed(_ carrier: Carrier, _ block: ColumnBlock, _ coefficient: (Int) -> Double = { _ in 1 }) {
        addToRows(balance(carrier), block, coefficient)
    }

    /// `block` draws from `carrier`: `-coefficient(t) * x[block(t)]` in its balance at each step.
    mutating func draw(_ carrier: Carrier, _ block: ColumnBlock, _ coefficient: (Int) -> Double = { _ in 1 }) {
        addToRows(balance(carrier), block) { -coefficient($0) }
    }

    /// Adds `Σ_t Δ * coefficient(t) * x[block(t)]` to a horizon total.
    mutating func addTotal(_ terms: WritableKeyPath<ModelBuilder, LinearTerms>, _ block: ColumnBlock,
                           _ coefficient: (Int) -> Double = { _ in 1 }) {
        // Gathered first: one key-path access per block, not per step.
        var columns: [Int] = [], coefficients: [Double] = []
        columns.reserveCapacity(steps)
        coefficients.reserveCapacity(steps)
        for t in 0..<steps {
            let c = dt * coefficient(t)
            if c != 0 {
                columns.append(block.column(t))
                coefficients.append(c)
            }
        }
        self[keyPath: terms].columns.append(contentsOf: columns)
        self[keyPath: terms].coefficients.append(contentsOf: coefficients)
    }
}

/// What each asset-type block gives the schedule: named columns per asset.
public struct ScheduleColumn: Sendable {
    public var name: String
    public var values: [Double]
    public init(_ name: String, _ values: [Double]) { self.name = name; self.values = values }
}

/// The part of the model that one asset type owns, for all assets of that
/// type at once (like oemof-solph's component blocks).
protocol AssetBlock: Sendable {
    /// Schedule columns of each asset of this block, by asset name.
    func scheduleColumns(_ x: [Double]) -> [String: [ScheduleColumn]]
    /// Emissions of each step (kg), from this block's variables.
    func stepEmissionsKg(_ x: [Double], into: inout [Double])
}

extension AssetBlock {
    func stepEmissionsKg(_ x: [Double], into: inout [Double]) {}
}

/// Values of a column block at the solution.
func values(_ block: ColumnBlock, _ x: [Double]) -> [Double] {
    Array(x[block.range])
}
