// SPDX-License-Identifier: GPL-3.0-or-later

/// One site to dispatch, loaded and validated (SCENARIO.md v2; planning aside). Every series
/// is already resolved to one value per step of the horizon.
///
/// Units follow the key names: power in kW (average over a step), energy in
/// kWh, emissions in kg CO2, money in ``currency``, prices per kWh.
public struct Scenario: Sendable {
    public var name: String
    public var description: String?
    public var currency: String
    /// Path of the YAML file this came from (nil when built in code).
    public var sourcePath: String?
    /// Number of steps `T` and their length `Δ` in hours.
    public var steps: Int
    public var stepHours: Double
    /// The CSV's `timestamp` cells for the horizon, or nil without that column.
    public var timestamps: [String]?
    /// Calendar month of each step, numbered 0, 1, … from the first step's
    /// month (all 0 without timestamps). Demand charges are per month.
    public var monthOfStep: [Int]
    /// The fixed load of each carrier, kW per step (`loads.<carrier>`).
    public var loadsKW: [Carrier: [Double]]
    /// `loads.electricity`, kW per step.
    public var electricLoadKW: [Double] {
        get { fixedLoadKW(.electricity) }
        set { loadsKW[.electricity] = newValue }
    }
    /// `loads.heat`, kW per step (zeros by default).
    public var heatLoadKW: [Double] {
        get { fixedLoadKW(.heat) }
        set { loadsKW[.heat] = newValue }
    }
    /// The grid connection; nil for an islanded site.
    public var grid: Grid?
    public var assets: [Asset]
    public var carbonPricePerTonne: Double
    public var maxEmissionsTonnes: Double?
    public var minRenewableShareElectricity: Double?
    /// Official average grid factor (kg CO2/kWh); nil = derive from the run.
    public var gridEmissionFactor: Double?
    /// Units produced per step, for per-unit intensities.
    public var productionUnits: [Double]?
    public var unservedPenaltyPerKWh: Double
    /// The `planning` section (defaults when absent); used only when some
    /// asset has an `invest` block.
    public var planning = PlanningSettings()

    public init(name: String, steps: Int, stepHours: Double = 1, electricLoadKW: [Double],
                heatLoadKW: [Double]? = nil, grid: Grid? = nil, assets: [Asset] = []) {
        self.name = name
        self.description = nil
        self.currency = "CNY"
        self.sourcePath = nil
        self.steps = steps
        self.stepHours = stepHours
        self.timestamps = nil
        self.monthOfStep = Array(repeating: 0, count: steps)
        self.loadsKW = [.electricity: electricLoadKW, .heat: heatLoadKW ?? Array(repeating: 0, count: steps)]
        self.grid = grid
        self.assets = assets
        self.carbonPricePerTonne = 0
        self.maxEmissionsTonnes = nil
        self.minRenewableShareElectricity = nil
        self.gridEmissionFactor = nil
        self.productionUnits = nil
        self.unservedPenaltyPerKWh = 1000
    }

    /// Number of calendar months the horizon touches.
    public var monthCount: Int { (monthOfStep.last ?? 0) + 1 }
}

/// The grid connection.
public struct Grid: Sendable {
    /// nil = unlimited.
    public var importLimitKW: Double?
    /// nil = unlimited (an extension: SCENARIO.md's default is 0).
    public var exportLimitKW: Double?
    public var importPricePerKWh: [Double]
    public var exportPricePerKWh: [Double]
    /// kg CO2 per kWh imported, per step.
    public var carbonIntensityKgPerKWh: [Double]
    /// Charged per kW of each calendar month's highest import above the base.
    public var demandChargePerKW: Double?
    /// The first month's peak already reached before the horizon.
    public var demandPeakSoFarKW: Double

    public init(importLimitKW: Double? = nil, exportLimitKW: Double? = 0, importPricePerKWh: [Double],
                exportPricePerKWh: [Double], carbonIntensityKgPerKWh: [Double],
                demandChargePerKW: Double? = nil, demandPeakSoFarKW: Double = 0) {
        self.importLimitKW = importLimitKW
        self.exportLimitKW = exportLimitKW
        self.importPricePerKWh = importPricePerKWh
        self.exportPricePerKWh = exportPricePerKWh
        self.carbonIntensityKgPerKWh = carbonIntensityKgPerKWh
        self.demandChargePerKW = demandChargePerKW
        self.demandPeakSoFarKW = demandPeakSoFarKW
    }
}
