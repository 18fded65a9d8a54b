// SPDX-License-Identifier: GPL-3.0-or-later
import LP
import Scenario

/// The dispatch LP of one scenario (FORMULATION.md v2; planning aside) and the way back
/// from an LP solution to a schedule.
///
/// Objective, minimised:
///
///     Cost + Investment + carbon_price_per_t/1000 * Emissions + Penalty
///
/// where each block contributes its cost terms (see the block types),
/// `Investment` is the horizon's share of the annualised cost of new
/// capacity in a planning scenario (see ``Capacity``), and
/// the optional whole-horizon rows are
///
///     Emissions <= 1000 * max_emissions_t                   (emissions cap)
///     (1-s) G_re - (1-s) X - s I - s G_chp >= 0              (renewable floor)
///
/// the latter being `G_re - X >= s * C_e` with `C_e = I + G_re + G_chp - X`.
/// Both rows are written through daily partial sums
/// (``ModelBuilder/addPartialSumRow(_:_:lower:upper:)``), so no row spans the horizon.
public struct DispatchModel: Sendable {
    public let scenario: Scenario
    public private(set) var lp: LinearProgram
    /// Balance rows per carrier (their duals are the marginal prices).
    let balanceRows: [Carrier: RowBlock]
    let blocks: [any AssetBlock]
    /// Rows and column bounds per family, for diagnosing infeasibility.
    let familyRows: [ConstraintFamily: [Int]]
    let familyColumns: [ConstraintFamily: [Int]]
    /// Optimised emissions (kg) as a linear expression of the LP columns.
    public let emissionsKg: LinearTerms
    /// Unserved electricity plus heat (kWh) as a linear expression.
    public let unservedKWh: LinearTerms
    /// New-capacity columns of each investable asset (empty for dispatch).
    public let newCapacityColumns: [String: NewCapacityColumns]

    public init(scenario s: Scenario) {
        var b = ModelBuilder(scenario: s)
        var blocks: [any AssetBlock] = [GridBlock(s.grid, &b), SiteBlock(s, &b)]
        var renewables: [Renewable] = [], green: [GreenPower] = [], batteries: [Storage] = []
        var thermal: [Storage] = [], pumps: [HeatPump] = [], waste: [WasteHeat] = []
        var eboilers: [ElectricBoiler] = [], fboilers: [FuelBoiler] = [], chps: [CHP] = []
        var flexible: [FlexibleLoad] = []
        for asset in s.assets {
            switch asset {
            case .pv(let a), .wind(let a): renewables.append(a)
            case .greenPower(let a): green.append(a)
            case .battery(let a): batteries.append(a)
            case .thermalStorage(let a): thermal.append(a)
            case .heatPump(let a): pumps.append(a)
            case .wasteHeat(let a): waste.append(a)
            case .electricBoiler(let a): eboilers.append(a)
            case .fuelBoiler(let a): fboilers.append(a)
            case .chp(let a): chps.append(a)
            case .flexibleLoad(let a): flexible.append(a)
            }
        }
        blocks.append(RenewableBlock(renewables, &b))
        blocks.append(GreenPowerBlock(green, &b))
        blocks.append(StorageBlock(batteries, thermal: false, &b))
        blocks.append(StorageBlock(thermal, thermal: true, &b))
        blocks.append(WasteHeatBlock(waste, &b))   // before heat pumps: they add to its rows
        blocks.append(HeatPumpBlock(pumps, &b))
        blocks.append(ElectricBoilerBlock(eboilers, &b))
        blocks.append(FuelBoilerBlock(fboilers, &b))
        blocks.append(CHPBlock(chps, &b))
        blocks.append(FlexibleLoadBlock(flexible, &b))
        Self.addWholeHorizonTerms(s, &b)
        scenario = s
        lp = b.lp
        balanceRows = b.balances
        self.blocks = blocks
        familyRows = b.familyRows
        familyColumns = b.familyColumns
        emissionsKg = b.emissionsKg
        unservedKWh = b.unservedKWh
        newCapacityColumns = b.newCapacityColumns
    }

    /// The new capacity chosen for each investable asset, by name.
    public func newCapacities(from solution: LPSolution) -> [String: NewCapacity] {
        let x = solution.columnValues.map { abs($0) < 1e-10 ? 0 : $0 }
        return newCapacityColumns.mapValues { $0.values(x) }
    }

    /// The LP that minimises emissions alone (kg) over the same constraints,
    /// while leaving at most `maxUnservedKWh` of load unserved (minimising
    /// emissions alone would simply shed load).
    public func minimumEmissionsProgram(maxUnservedKWh: Double) -> LinearProgram {
        var p = lp
        for j in 0..<p.columnCount { p.cost[j] = 0 }
        p.objectiveConstant = 0
        for k in emissionsKg.columns.indices { p.cost[emissionsKg.columns[k]] += emissionsKg.coefficients[k] }
        return limiting(p, maxEmissionsKg: nil, maxUnservedKWh: maxUnservedKWh)
    }

    /// `program` (this model's LP or one built on it with the same columns
    /// first, e.g. with investment columns added) with rows appended after
    /// its own: emissions at most `maxEmissionsKg` (`emissions_limit`) and
    /// unserved energy at most `maxUnservedKWh` (`served_at_least`); nil
    /// adds no row. The second stage of a lexicographic solve: least cost
    /// at the least emissions, serving what the cheapest dispatch serves.
    public func limiting(_ program: LinearProgram, maxEmissionsKg: Double?, maxUnservedKWh: Double?) -> LinearProgram {
        var p = program
        for (name, limit, terms) in [("emissions_limit", maxEmissionsKg, emissionsKg),
                                     ("served_at_least", maxUnservedKWh, unservedKWh)] {
            guard let limit else { continue }
            let row = p.addRows(name, count: 1, lower: -.infinity, upper: limit)
            for k in terms.columns.indices { p.add(row: row.start, column: terms.columns[k], terms.coefficients[k]) }
        }
        return p
    }

    /// Carbon price in the objective; emissions cap and renewable floor rows.
    private static func addWholeHorizonTerms(_ s: Scenario, _ b: inout ModelBuilder) {
        let e = b.emissionsKg
        if s.carbonPricePerTonne != 0 {
            for k in e.columns.indices { b.lp.cost[e.columns[k]] += s.carbonPricePerTonne / 1000 * e.coefficients[k] }
        }
        if let cap = s.maxEmissionsTonnes {
            let row = b.addPartialSumRow("emissions_cap", e, lower: -.infinity, upper: 1000 * cap)
            b.familyRows[.emissionsCap, default: []].append(row)
        }
        if let share = s.minRenewableShareElectricity {
            let parts: [(LinearTerms, Double)] = [(b.renewableKWh, 1 - share), (b.exportKWh, -(1 - share)),
                                                  (b.importKWh, -share), (b.chpKWh, -share)]
            var floor = LinearTerms()
            for (terms, factor) in parts where factor != 0 {
                for k in terms.columns.indices { floor.add(terms.columns[k], factor * terms.coefficients[k]) }
            }
            // Through daily partial sums: a row over the whole year slowed the interior point down.
            let row = b.addPartialSumRow("renewable_floor", floor, lower: 0, upper: .infinity)
            b.familyRows[.renewableFloor, default: []].append(row)
        }
    }

    /// The schedule of an optimal solution: columns in OUTPUTS.md order
    /// (grid, assets in scenario order, site, marginal prices, emissions).
    ///
    /// Marginal prices are the balance rows' duals divided by Δ (currency
    /// per kWh); where surplus may be rejected (heat) the price is clamped
    /// at 0 (it is never negative).
    public func schedule(from solution: LPSolution) -> Schedule {
        let x = solution.columnValues.map { abs($0) < 1e-10 ? 0 : $0 }
        var byOwner = [String: [ScheduleColumn]](minimumCapacity: scenario.assets.count + 4)
        var emissions = [Double](repeating: 0, count: scenario.steps)
        for block in blocks {
            byOwner.merge(block.scheduleColumns(x)) { a, _ in a }
            block.stepEmissionsKg(x, into: &emissions)
        }
        var schedule = Schedule(steps: scenario.steps, timestamps: scenario.timestamps)
        schedule.reserveCapacity(byOwner.values.reduce(Carrier.allCases.count + 1) { $0 + $1.count })
        let owners = ["grid"] + scenario.assets.map(\.name) + ["load", "unserved"]
        for owner in owners { byOwner[owner]?.forEach { schedule.append($0) } }
        let dt = scenario.stepHours
        let duals = solution.rowDuals
        let hasDuals = duals.count == lp.rowCount
        for carrier in Carrier.allCases {
            let rows = balanceRows[carrier]?.range ?? 0..<0
            let prices = rows.map { hasDuals ? duals[$0] / dt : 0 }
            let zeros = [Double](repeating: 0, count: scenario.steps)
            schedule.append(ScheduleColumn("price.\(carrier.rawValue)_per_kwh", prices.isEmpty ? zeros
                                           : carrier.surplusMayBeRejected ? prices.map { max(0, $0) } : prices))
        }
        schedule.append(ScheduleColumn("emissions.kg", emissions.map { $0 * dt }))
        return schedule
    }
}
