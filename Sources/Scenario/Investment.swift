// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// What building more of one sized quantity (a kW or a kWh) costs, and how
/// much of it may be built (PLANNING.md). The asset's own capacity keys stay
/// what already exists; this prices the capacity added on top.
public struct Investment: Sendable, Equatable {
    /// Overnight cost per kW (or kWh) of new capacity.
    public var capexPerUnit: Double
    public var lifetimeYears: Double
    /// Fixed operation and maintenance per kW (or kWh) of new capacity and year.
    public var fixedOMPerUnitYear: Double
    /// Bounds on the new capacity; `maxNew == nil` is unlimited.
    public var minNew: Double
    public var maxNew: Double?

    public init(capexPerUnit: Double, lifetimeYears: Double, fixedOMPerUnitYear: Double = 0,
                minNew: Double = 0, maxNew: Double? = nil) {
        self.capexPerUnit = capexPerUnit; self.lifetimeYears = lifetimeYears
        self.fixedOMPerUnitYear = fixedOMPerUnitYear; self.minNew = minNew; self.maxNew = maxNew
    }

    /// Capital recovery factor: `r(1+r)^n / ((1+r)^n - 1)`, or `1/n` at `r = 0`.
    public func capitalRecoveryFactor(discountRate r: Double) -> Double {
        guard r > 0 else { return 1 / lifetimeYears }
        let growth = pow(1 + r, lifetimeYears)
        return r * growth / (growth - 1)
    }

    /// Cost per year of one unit of new capacity: `capex·CRF + fixed O&M`.
    public func annualisedPerUnit(discountRate r: Double) -> Double {
        capexPerUnit * capitalRecoveryFactor(discountRate: r) + fixedOMPerUnitYear
    }
}

/// A storage's investment: its energy (kWh), and its power (kW) added to
/// both charge and discharge power — either tied to the new energy by
/// `durationHours` (`new_p = new_e / durationHours`) or a decision of its own.
public struct StorageInvestment: Sendable, Equatable {
    public var energy: Investment
    /// Price and bounds of the new power; with `durationHours` its bounds are
    /// unused (`minNew` 0, `maxNew` nil) and its capex may be 0.
    public var power: Investment
    public var durationHours: Double?

    public init(energy: Investment, power: Investment, durationHours: Double? = nil) {
        self.energy = energy; self.power = power; self.durationHours = durationHours
    }
}

/// The optional `planning` section.
public struct PlanningSettings: Sendable, Equatable {
    /// Real discount rate per year.
    public var discountRate: Double = 0.06
    /// Also solve the site as it exists (no new capacity) and compare.
    public var baseline: Bool = true
    public init(discountRate: Double = 0.06, baseline: Bool = true) {
        self.discountRate = discountRate; self.baseline = baseline
    }
}

/// New capacity chosen for one asset: `kw` is the capacity of a single-
/// quantity asset or a storage's new power; `kwh` a storage's new energy.
public struct NewCapacity: Sendable, Equatable {
    public var kw: Double
    public var kwh: Double
    public init(kw: Double = 0, kwh: Double = 0) { self.kw = kw; self.kwh = kwh }
}
