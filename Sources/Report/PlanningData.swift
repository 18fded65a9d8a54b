// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// The `planning` object of a planning result's results.json: what was
/// built, what it costs, and the site as it stands beside it.
///
/// Read leniently: a figure that is missing, null or not a number is nil
/// and shown as "–"; only a `planning` that is not an object at all makes
/// the whole section absent. A report never fails on this object.
struct PlanningData {
    /// One investable asset: its sized quantities as existing, new and total.
    struct Asset {
        var name: String
        var type: String
        /// Power (kW): the rated capacity, or a storage's charge power.
        var existingKW: Double?
        var newKW: Double?
        var totalKW: Double?
        /// Energy (kWh), storages only.
        var existingKWh: Double?
        var newKWh: Double?
        var totalKWh: Double?
        /// Overnight capex of the new capacity, in the scenario's currency.
        var capex: Double?
        /// Annualised capex plus fixed O&M, currency per year.
        var annualised: Double?

        var isStorage: Bool {
            type == "battery" || type == "thermal_storage" || existingKWh != nil || newKWh != nil || totalKWh != nil
        }

        /// What the kW of this asset measures.
        var powerMeaning: String {
            switch type {
            case "pv", "wind": return "rated capacity"
            case "heat_pump", "electric_boiler", "fuel_boiler": return "heat capacity"
            case "chp": return "electric capacity"
            default: return isStorage ? "charge power" : "capacity"
            }
        }

        /// The report's role for colours, from the type name.
        var role: AssetRole? {
            switch type {
            case "pv": return .pv
            case "wind": return .wind
            case "battery": return .battery
            case "thermal_storage": return .thermalStorage
            case "heat_pump": return .heatPump
            case "electric_boiler": return .electricBoiler
            case "fuel_boiler": return .fuelBoiler
            case "chp": return .chp
            default: return nil
            }
        }
    }

    /// The site as it stands (every new capacity at 0), solved alone.
    struct Baseline {
        var status: String
        var objective: Double?
        var costTotal: Double?
        var emissionsTonnes: Double?
        var renewableShare: Double?
        /// Everything the baseline object holds, for optional extra figures.
        var figures: ResultsJSON

        var isOptimal: Bool { status == "optimal" }

        /// What a baseline that is not optimal means, in words.
        var failure: String {
            status == "infeasible"
                ? "it cannot meet the scenario's constraints (its emissions cap or renewable floor) without new capacity"
                : "its solve ended \(status), without an optimum to compare with"
        }
    }

    var discountRate: Double?
    var yearShare: Double?
    var capex: Double?
    var annualisedInvestment: Double?
    var assets: [Asset]
    /// Nil when `baseline` is null (not requested), absent or malformed.
    var baseline: Baseline?
    var annualOperatingSavings: Double?
    var simplePaybackYears: Double?
    /// The carbon price per tonne, as the plan's carbon cost ÷ its
    /// emissions imply it (nil when the plan emits nothing).
    var carbonPricePerTonne: Double?

    /// `results.planning`, or nil when the result is not a planning one.
    /// `order` lists asset names in the scenario's (or schedule's) order.
    init?(results: ResultsJSON, order: [String]) {
        guard let object = results.root["planning"] as? [String: Any] else { return nil }
        let p = ResultsJSON(root: object)
        discountRate = p.number("discount_rate")
        yearShare = p.number("year_share")
        capex = p.number("capex")
        annualisedInvestment = p.number("annualised_investment")
        annualOperatingSavings = p.number("annual_operating_savings")
        simplePaybackYears = p.number("simple_payback_years")
        // Keys are read from the asset's own object, never by a dotted
        // path: asset names may contain dots.
        let entries = (object["assets"] as? [String: Any]) ?? [:]
        let rank = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let names = entries.keys.sorted { a, b in
            let (ra, rb) = (rank[a] ?? Int.max, rank[b] ?? Int.max)
            return ra != rb ? ra < rb : a < b
        }
        assets = names.compactMap { name in
            guard let fields = entries[name] as? [String: Any] else { return nil }
            let f = ResultsJSON(root: fields)
            return Asset(name: name, type: f.string("type") ?? "",
                         existingKW: f.number("existing_kw"), newKW: f.number("new_kw"), totalKW: f.number("total_kw"),
                         existingKWh: f.number("existing_kwh"), newKWh: f.number("new_kwh"), totalKWh: f.number("total_kwh"),
                         capex: f.number("capex"), annualised: f.number("annualised"))
        }
        if let b = object["baseline"] as? [String: Any] {
            let f = ResultsJSON(root: b)
            baseline = Baseline(status: f.string("status") ?? "unknown", objective: f.number("objective"),
                                costTotal: f.number("cost_total"), emissionsTonnes: f.number("emissions_t"),
                                renewableShare: f.number("renewable_share_electricity"), figures: f)
        }
        if let tonnes = results.number("emissions_kg.optimised").map({ $0 / 1000 }), tonnes > 1e-9 {
            carbonPricePerTonne = (results.number("carbon_cost") ?? 0) / tonnes
        }
    }

    /// The baseline's carbon cost at the plan's carbon price.
    var baselineCarbonCost: Double? {
        guard let b = baseline, b.isOptimal, let price = carbonPricePerTonne, let t = b.emissionsTonnes else { return nil }
        return price * t
    }

    /// The baseline's unserved-energy penalty: its objective less its cost
    /// total and its carbon cost (the baseline reports only the sum).
    var baselinePenalty: Double? {
        guard let b = baseline, let o = b.objective, let c = b.costTotal, let carbon = baselineCarbonCost else { return nil }
        return o - c - carbon
    }

    /// The site as it stands meets the constraints only by leaving load
    /// unserved: its operating cost then leaves out what that load was worth.
    var baselineShedsLoad: Bool {
        guard let penalty = baselinePenalty else { return false }
        return penalty > max(0.5, 1e-7 * abs(baseline?.objective ?? 0))
    }

    /// The yearly fixed O&M of the new capacity, as payback's denominator
    /// implies it: savings − capex ÷ payback (nil without a payback).
    var impliedFixedOMPerYear: Double? {
        guard let s = annualOperatingSavings, let c = capex, let n = simplePaybackYears, n > 0 else { return nil }
        return s - c / n
    }

    /// Why there is no payback, in words; nil when there is one.
    func noPaybackReason(currency: String) -> String? {
        if simplePaybackYears != nil { return nil }
        guard let b = baseline else {
            return "no baseline was solved (planning.baseline is false), so there is nothing to save against"
        }
        guard b.isOptimal else {
            return b.status == "infeasible"
                ? "the site as it stands is infeasible: \(b.failure), so the build is needed to comply at all, not to save"
                : "the site as it stands has no optimal solution: \(b.failure)"
        }
        if let c = capex, c <= 1e-9 { return "nothing new is built" }
        if let s = annualOperatingSavings {
            let why = baselineShedsLoad
                ? "the site as it stands meets the constraints only by leaving load unserved (a penalty of \(fmt(baselinePenalty ?? 0, 0)) \(currency) in this horizon), which its operating cost leaves out"
                : "it is driven by a target or a carbon price, not by savings"
            return s <= 0
                ? "the plan costs \(fmt(-s, 0)) \(currency) more a year to run than the site as it stands: \(why)"
                : "the operating savings do not exceed the fixed O&M of the new capacity"
        }
        return "results.json gives no operating savings"
    }
}
