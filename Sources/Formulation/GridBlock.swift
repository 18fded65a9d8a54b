// SPDX-License-Identifier: GPL-3.0-or-later
import LP
import Scenario

/// The grid connection (absent on an islanded site: no variables, zero columns).
///
/// Variables `imp[t] <= import_limit_kw`, `exp[t] <= export_limit_kw` (kW).
/// `imp - exp` enters the electricity balance; imports cost
/// `Δ * import_price[t]` and emit `Δ * carbon_intensity[t]` kg per kW;
/// exports earn `Δ * export_price[t]`. Demand charge: one variable
/// `excess[m] >= 0` per calendar month with
///
///     excess[m] >= imp[t] - base[m]   for every step t of month m
///
/// where `base` is `demand_peak_so_far_kw` for the first month and 0 after,
/// costing `demand_charge_per_kw * excess[m]`.
/// Schedule: `grid.import_kw`, `grid.export_kw`.
struct GridBlock: AssetBlock {
    let imports: ColumnBlock?
    let exports: ColumnBlock?
    let steps: Int
    let carbonIntensity: [Double]

    init(_ grid: Grid?, _ b: inout ModelBuilder) {
        steps = b.steps
        guard let g = grid else {
            imports = nil; exports = nil; carbonIntensity = []
            return
        }
        let dt = b.dt
        carbonIntensity = g.carbonIntensityKgPerKWh
        let imp = b.addSeries("grid.import", upper: { _ in g.importLimitKW ?? .infinity },
                              cost: { dt * g.importPricePerKWh[$0] })
        let exp = b.addSeries("grid.export", upper: { _ in g.exportLimitKW ?? .infinity },
                              cost: { -dt * g.exportPricePerKWh[$0] })
        b.feed(.electricity, imp)
        b.draw(.electricity, exp)
        b.addTotal(\.emissionsKg, imp) { g.carbonIntensityKgPerKWh[$0] }
        b.addTotal(\.importKWh, imp)
        b.addTotal(\.exportKWh, exp)
        if let rate = g.demandChargePerKW {
            Self.addDemandCharge(rate: rate, peakSoFarKW: g.demandPeakSoFarKW, imports: imp, &b)
        }
        imports = imp
        exports = exp
    }

    /// The demand charge as a two-level monthly maximum, an exact
    /// reformulation of FORMULATION.md's `excess[m] >= imp[t] - base[m]`
    /// without its dense columns (one `excess[m]` in all ~730 rows of its
    /// month made GLPK's interior point build dense normal equations: 30 s
    /// instead of 2.6 s on a year). Steps are grouped in blocks `b` of at most
    /// 24 steps inside one month:
    ///
    ///     blockPeak[b] >= imp[t]        for t in block b
    ///     monthPeak[m] >= blockPeak[b]  for b in month m,   monthPeak[m] >= base[m]
    ///
    /// costing `rate * (monthPeak[m] - base[m])`. At the optimum
    /// `monthPeak[m] - base[m] = max(0, max_{t in m} imp[t] - base[m]) = excess[m]`.
    private static func addDemandCharge(rate: Double, peakSoFarKW: Double, imports imp: ColumnBlock,
                                        _ b: inout ModelBuilder) {
        let months = b.scenario.monthOfStep
        let monthCount = b.scenario.monthCount
        // Blocks: a new one at each month change or after 24 steps.
        var blockOfStep = [Int](repeating: 0, count: b.steps)
        var monthOfBlock: [Int] = []
        var stepsInBlock = 0
        for t in 0..<b.steps {
            if t == 0 || months[t] != months[t - 1] || stepsInBlock == 24 {
                monthOfBlock.append(months[t])
                stepsInBlock = 0
            }
            stepsInBlock += 1
            blockOfStep[t] = monthOfBlock.count - 1
        }
        let monthPeak = b.lp.addColumns("grid.month_peak", count: monthCount, lower: 0, upper: .infinity, cost: rate)
        b.lp.setColumnBounds(monthPeak.start, lower: peakSoFarKW, upper: .infinity)
        b.lp.objectiveConstant -= rate * peakSoFarKW
        let blockPeak = b.lp.addColumns("grid.block_peak", count: monthOfBlock.count)
        let stepRows = b.lp.addRows("grid.block_peak_covers_import", count: b.steps, lower: 0, upper: .infinity)
        let blockRows = b.lp.addRows("grid.month_peak_covers_block", count: monthOfBlock.count, lower: 0, upper: .infinity)
        b.lp.reserveEntries(2 * (b.steps + monthOfBlock.count))
        for t in 0..<b.steps {
            b.lp.add(row: stepRows.row(t), column: blockPeak.column(blockOfStep[t]), 1)
            b.lp.add(row: stepRows.row(t), column: imp.column(t), -1)
        }
        for (k, m) in monthOfBlock.enumerated() {
            b.lp.add(row: blockRows.row(k), column: monthPeak.column(m), 1)
            b.lp.add(row: blockRows.row(k), column: blockPeak.column(k), -1)
        }
    }

    func scheduleColumns(_ x: [Double]) -> [String: [ScheduleColumn]] {
        let zeros = [Double](repeating: 0, count: steps)
        return ["grid": [ScheduleColumn("grid.import_kw", imports.map { values($0, x) } ?? zeros),
                         ScheduleColumn("grid.export_kw", exports.map { values($0, x) } ?? zeros)]]
    }

    func stepEmissionsKg(_ x: [Double], into e: inout [Double]) {
        guard let imports else { return }
        for t in e.indices { e[t] += carbonIntensity[t] * x[imports.column(t)] }
    }
}

/// Unserved energy, per carrier `c`: `u_c[t] <= load_c[t]` (the fixed
/// load; flexible loads are served in full or not at all) enters `c`'s
/// balance as a supply costing `Δ * unserved_penalty_per_kwh`.
/// Schedule: `load.<carrier>_kw` then `unserved.<carrier>_kw` for each
/// carrier (`load.electricity_kw`, `load.heat_kw`, `unserved.electricity_kw`, …).
struct SiteBlock: AssetBlock {
    let unserved: [(Carrier, ColumnBlock)]
    let loads: [(Carrier, [Double])]

    init(_ s: Scenario, _ b: inout ModelBuilder) {
        let penalty = b.dt * s.unservedPenaltyPerKWh
        var unserved: [(Carrier, ColumnBlock)] = [], loads: [(Carrier, [Double])] = []
        for carrier in Carrier.allCases {
            let load = s.fixedLoadKW(carrier)
            let u = b.addSeries("unserved.\(carrier.rawValue)", upper: { load[$0] }, cost: { _ in penalty })
            b.feed(carrier, u)
            b.addTotal(\.unservedKWh, u)
            unserved.append((carrier, u))
            loads.append((carrier, load))
        }
        self.unserved = unserved
        self.loads = loads
    }

    func scheduleColumns(_ x: [Double]) -> [String: [ScheduleColumn]] {
        ["load": loads.map { ScheduleColumn("load.\($0.0.rawValue)_kw", $0.1) },
         "unserved": unserved.map { ScheduleColumn("unserved.\($0.0.rawValue)_kw", values($0.1, x)) }]
    }
}
