// SPDX-License-Identifier: GPL-3.0-or-later

/// One stretch of steps whose flexible energy is fixed: delivered energy
/// `Σ_{t in steps} Δ·flex[t]` lies in `[minKWh, maxKWh]`.
///
/// On a whole horizon both bounds are the period's need. A rolling window
/// rewrites them: a period begun before the window needs only what is still
/// lacking, and a period cut by the window's end must leave no more than the
/// remaining steps outside the window can deliver (`minKWh`) and may not
/// deliver more than the period needs (`maxKWh`).
public struct FlexiblePeriod: Sendable, Equatable {
    /// Steps of the scenario (0-based, inside its horizon).
    public var steps: Range<Int>
    public var minKWh: Double
    public var maxKWh: Double
    public init(steps: Range<Int>, minKWh: Double, maxKWh: Double) {
        self.steps = steps; self.minKWh = minKWh; self.maxKWh = maxKWh
    }
}

/// A load whose timing is free inside each period: `flex[t] <= maxKW[t]`,
/// with a fixed energy per period (a furnace batch, a cold store, forklift
/// charging, water pumping).
public struct FlexibleLoad: Sendable {
    public var name: String
    public var carrier: Carrier
    public var energyPerPeriodKWh: Double
    /// Steps per full period (`period_hours / step_hours`, a whole number).
    public var periodSteps: Int
    /// The most it may draw in each step, kW (0 where it must not run).
    public var maxKW: [Double]
    /// The periods on this scenario's steps, tiling them from step 0.
    public var periods: [FlexiblePeriod]

    public init(name: String, carrier: Carrier = .electricity, energyPerPeriodKWh: Double, periodSteps: Int,
                maxKW: [Double]) {
        self.name = name; self.carrier = carrier; self.energyPerPeriodKWh = energyPerPeriodKWh
        self.periodSteps = max(1, periodSteps); self.maxKW = maxKW
        periods = Self.tiling(steps: maxKW.count, periodSteps: self.periodSteps, energyKWh: energyPerPeriodKWh)
    }

    /// Periods of `periodSteps` steps from step 0; a shorter last period
    /// needs its share of `energyKWh` (its steps over a full period's).
    public static func tiling(steps: Int, periodSteps: Int, energyKWh: Double) -> [FlexiblePeriod] {
        let n = max(1, periodSteps)
        return stride(from: 0, to: steps, by: n).map { start in
            let end = min(steps, start + n)
            let needed = energyKWh * Double(end - start) / Double(n)
            return FlexiblePeriod(steps: start..<end, minKWh: needed, maxKWh: needed)
        }
    }

    /// The whole-horizon period holding step `t`, by index.
    public func periodIndex(ofStep t: Int) -> Int { t / max(1, periodSteps) }
}

extension FlexibleLoad {
    /// This load on steps `r` of its horizon (`r` inside `0..<maxKW.count`),
    /// periods kept where the horizon puts them. A period cut by `r` keeps
    /// its need `N`; with `D` already delivered before `r` (nil: unknown,
    /// then the steps before `r` may still deliver up to their `max_kw`) and
    /// `C_before`, `C_after` what the period's steps outside `r` could deliver:
    ///
    ///     maxKWh = N - D          minKWh = N - D - C_after      (D known)
    ///     maxKWh = N              minKWh = N - C_before - C_after  (D unknown)
    ///
    /// both floored at 0: the window delivers no more than is still needed
    /// and leaves no more than the later steps can deliver.
    public func window(_ r: Range<Int>, stepHours dt: Double, deliveredBeforeKWh: Double? = nil) -> FlexibleLoad {
        var w = self
        w.maxKW = r.map { $0 < maxKW.count ? maxKW[$0] : 0 }
        func capacity(_ steps: Range<Int>) -> Double {
            steps.reduce(0) { $0 + ($1 < maxKW.count ? maxKW[$1] * dt : 0) }
        }
        w.periods = periods.compactMap { p in
            let inside = p.steps.clamped(to: r)
            guard !inside.isEmpty else { return nil }
            let before = p.steps.lowerBound..<inside.lowerBound, after = inside.upperBound..<p.steps.upperBound
            let startedBefore = !before.isEmpty
            let delivered = startedBefore ? (deliveredBeforeKWh ?? 0) : 0
            let slack = startedBefore && deliveredBeforeKWh == nil ? capacity(before) : 0
            let high = max(0, p.maxKWh - delivered), low = max(0, p.minKWh - delivered - slack - capacity(after))
            let shifted = (inside.lowerBound - r.lowerBound)..<(inside.upperBound - r.lowerBound)
            return FlexiblePeriod(steps: shifted, minKWh: min(low, high), maxKWh: high)
        }
        return w
    }
}
