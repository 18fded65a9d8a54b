// SPDX-License-Identifier: GPL-3.0-or-later
import Formulation
import Scenario

/// Facts about the solve that produced a schedule.
public struct SolverInfo: Sendable {
    public var name: String
    public var version: String
    public var method: String
    public var iterations: Int
    public var buildSeconds: Double
    public var solveSeconds: Double
    public var variables: Int
    public var constraints: Int
    /// Whether the answer is a vertex (basic optimal solution); nil when not known.
    public var vertex: Bool?
    /// The interior point's and crossover's shares of `solveSeconds`.
    public var interiorSeconds: Double?
    public var crossoverSeconds: Double?
    /// Why crossover kept the interior point, when it did.
    public var crossoverFailure: String?
    /// Changes of method the user was told about (fallbacks).
    public var notes: [String] = []
    public init(name: String, version: String, method: String, iterations: Int, buildSeconds: Double,
                solveSeconds: Double, variables: Int = 0, constraints: Int = 0) {
        self.name = name; self.version = version; self.method = method; self.iterations = iterations
        self.buildSeconds = buildSeconds; self.solveSeconds = solveSeconds
        self.variables = variables; self.constraints = constraints
    }
}

/// Everything results.json reports (OUTPUTS.md), computed from a schedule.
/// Ratios are nil (JSON null) when their denominator is at most 1e-9.
public struct DispatchResults: Sendable {
    public struct Cost: Sendable {
        public var total = 0.0, energyImport = 0.0, exportRevenue = 0.0, fuel = 0.0, greenPower = 0.0
        public var om = 0.0, batteryCycling = 0.0, demandCharge = 0.0
        /// The horizon's share of the annualised investment (planning only).
        public var investment = 0.0
        /// `total - investment`: what running the site costs.
        public var operating: Double { total - investment }
    }
    public struct Emissions: Sendable {
        public var optimised = 0.0, scope1 = 0.0, scope2Location = 0.0, scope2Official = 0.0, scope2OfficialNet = 0.0
    }
    public struct Energy: Sendable {
        public var electricLoad = 0.0, heatLoad = 0.0, electricLoadServed = 0.0, heatLoadServed = 0.0
        public var importKWh = 0.0, exportKWh = 0.0, renewableGeneration = 0.0, curtailed = 0.0
        public var consumed = 0.0, unservedElectricity = 0.0, unservedHeat = 0.0
        public var chpElectricity = 0.0, fossilHeat = 0.0
    }
    public struct KPIs: Sendable {
        public var renewableShareElectricity: Double?
        public var renewableFraction: Double?
        public var selfSufficiency: Double?
        public var selfConsumption: Double?
        public var peakImportKW = 0.0
    }
    public struct PerUnit: Sendable {
        public var units = 0.0
        public var costPerUnit: Double?
        /// The objective (cost, carbon cost and unserved penalty) per unit.
        public var objectivePerUnit: Double?
        public var kgCO2PerUnit: Double?
        public var kgCO2OfficialPerUnit: Double?
    }

    public var scenario: String
    public var status = "optimal"
    public var steps: Int
    public var stepHours: Double
    public var currency: String
    public var objective = 0.0
    public var cost = Cost()
    public var carbonCost = 0.0
    public var unservedPenalty = 0.0
    public var emissionsKg = Emissions()
    public var energyKWh = Energy()
    public var kpis = KPIs()
    public var certificatesNeededMWh = 0.0
    public var offsetsNeededTonnes = 0.0
    /// Every asset's name and `type` key, in scenario order, with the
    /// carrier of a flexible load.
    public var assetTypes: [(name: String, type: String, carrier: String?)] = []
    /// Equivalent full cycles per storage, in scenario order.
    public var equivalentFullCycles: [(name: String, cycles: Double?)] = []
    public var perUnit: PerUnit?
    /// What to build (planning scenarios only).
    public var planning: PlanningResults?
    public var gridEmissionFactorUsed = 0.0
    /// The LP's own objective value, for checking the recomputation.
    public var solverObjective: Double?
    public var solver: SolverInfo?
}

/// `num / den`, or nil when `|den| <= 1e-9`.
@inlinable func ratio(_ num: Double, _ den: Double) -> Double? {
    abs(den) <= 1e-9 ? nil : num / den
}
