// SPDX-License-Identifier: GPL-3.0-or-later
import Scenario

/// The `planning` object of results.json (PLANNING.md): what is built, what
/// it costs, and how the plan compares with the site as it stands. Every
/// figure follows from the new capacities and the scenario's invest data.
public struct PlanningResults: Sendable {
    /// One investable asset. For a storage `kw` figures are charge power
    /// (discharge power gains the same new kW) and `kwh` its energy.
    public struct AssetPlan: Sendable {
        public var name: String
        public var type: String
        public var isStorage: Bool
        public var existingKW = 0.0, newKW = 0.0
        public var existingKWh = 0.0, newKWh = 0.0
        public var existingDischargeKW = 0.0
        /// Overnight `Σ capex·new`, and per year `Σ (capex·CRF + fixed_om)·new`.
        public var capex = 0.0, annualised = 0.0
        /// Per year `Σ fixed_om·new`.
        public var fixedOMPerYear = 0.0
        public var totalKW: Double { existingKW + newKW }
        public var totalKWh: Double { existingKWh + newKWh }
    }

    /// The site as it exists, solved on its own (nil figures when not optimal).
    public struct Baseline: Sendable {
        public var status: String
        public var objective: Double?
        public var costTotal: Double?
        public var emissionsTonnes: Double?
        public var renewableShareElectricity: Double?
        public init(status: String, objective: Double? = nil, costTotal: Double? = nil,
                    emissionsTonnes: Double? = nil, renewableShareElectricity: Double? = nil) {
            self.status = status; self.objective = objective; self.costTotal = costTotal
            self.emissionsTonnes = emissionsTonnes; self.renewableShareElectricity = renewableShareElectricity
        }
    }

    public var discountRate: Double
    public var yearShare: Double
    public var capex = 0.0
    public var annualisedInvestment = 0.0
    public var assets: [AssetPlan] = []
    public var baseline: Baseline?
    public var annualOperatingSavings: Double?
    public var simplePaybackYears: Double?

    /// `Σ fixed_om·new` over all assets, per year.
    public var fixedOMPerYear: Double { assets.reduce(0) { $0 + $1.fixedOMPerYear } }

    /// The horizon's share of the annualised investment: `cost.investment`.
    public var investmentCost: Double { yearShare * annualisedInvestment }

    public init(scenario s: Scenario, newCapacities: [String: NewCapacity]) {
        discountRate = s.planning.discountRate
        yearShare = s.yearShare
        let r = discountRate
        for asset in s.assets where asset.isInvestable {
            let new = newCapacities[asset.name] ?? NewCapacity()
            var plan = AssetPlan(name: asset.name, type: asset.typeName, isStorage: asset.storageInvestment != nil)
            plan.existingKW = asset.existingKW
            var priced: [(Investment, Double)] = []
            if let inv = asset.investment {
                plan.newKW = new.kw
                priced = [(inv, new.kw)]
            }
            if case .battery(let st) = asset, let inv = st.invest { Self.fill(&plan, st, inv, new, &priced) }
            if case .thermalStorage(let st) = asset, let inv = st.invest { Self.fill(&plan, st, inv, new, &priced) }
            for (inv, q) in priced {
                plan.capex += inv.capexPerUnit * q
                plan.annualised += inv.annualisedPerUnit(discountRate: r) * q
                plan.fixedOMPerYear += inv.fixedOMPerUnitYear * q
            }
            capex += plan.capex
            annualisedInvestment += plan.annualised
            assets.append(plan)
        }
    }

    private static func fill(_ plan: inout AssetPlan, _ st: Storage, _ inv: StorageInvestment, _ new: NewCapacity,
                             _ priced: inout [(Investment, Double)]) {
        plan.existingKWh = st.energyKWh
        plan.existingDischargeKW = st.dischargeKW
        plan.newKWh = new.kwh
        plan.newKW = new.kw
        priced = [(inv.energy, new.kwh), (inv.power, new.kw)]
    }

    /// Sets the baseline and the savings and payback against it:
    /// savings = (baseline operating cost − plan operating cost) / y, and
    /// payback = capex / (savings − Σ fixed_om·new), nil when that
    /// denominator is at most 1e-9 or the baseline is not optimal.
    public mutating func compare(with baseline: Baseline?, planOperatingCost: Double) {
        self.baseline = baseline
        guard let base = baseline?.costTotal, yearShare > 0 else {
            annualOperatingSavings = nil
            simplePaybackYears = nil
            return
        }
        let savings = (base - planOperatingCost) / yearShare
        annualOperatingSavings = savings
        let net = savings - fixedOMPerYear
        simplePaybackYears = net <= 1e-9 ? nil : capex / net
    }

    var json: JSONValue {
        let baselineJSON: JSONValue = baseline.map { b in
            .object([("status", .string(b.status)), ("objective", .num(b.objective)), ("cost_total", .num(b.costTotal)),
                     ("emissions_t", .num(b.emissionsTonnes)),
                     ("renewable_share_electricity", .num(b.renewableShareElectricity))])
        } ?? .null
        return .object([
            ("discount_rate", .num(discountRate)), ("year_share", .num(yearShare)), ("capex", .num(capex)),
            ("annualised_investment", .num(annualisedInvestment)),
            ("assets", .object(assets.map { ($0.name, $0.json) })),
            ("baseline", baselineJSON),
            ("annual_operating_savings", .num(annualOperatingSavings)),
            ("simple_payback_years", .num(simplePaybackYears)),
        ])
    }
}

extension PlanningResults.AssetPlan {
    var json: JSONValue {
        var pairs: [(String, JSONValue)] = [("type", .string(type))]
        if isStorage {
            pairs += [("existing_kwh", .num(existingKWh)), ("new_kwh", .num(newKWh)), ("total_kwh", .num(totalKWh))]
        }
        pairs += [("existing_kw", .num(existingKW)), ("new_kw", .num(newKW)), ("total_kw", .num(totalKW))]
        if isStorage {
            pairs.append(("total_discharge_kw", .num(existingDischargeKW + newKW)))
        }
        pairs += [("capex", .num(capex)), ("annualised", .num(annualised)), ("fixed_om_per_year", .num(fixedOMPerYear))]
        return .object(pairs)
    }
}
