// SPDX-License-Identifier: GPL-3.0-or-later
import Formulation
import Scenario

extension Scenario {
    /// Steps `range` of this scenario as a scenario of its own: every per-step
    /// array (loads, timestamps, production units, grid series and the series
    /// inside every asset) is sliced, and the calendar months are renumbered
    /// from 0 at the window's first step. Scalars (capacities, efficiencies,
    /// end conditions, the demand charge base) are copied unchanged; see
    /// ``CarriedState/windowScenario(of:range:)`` for the
    /// values a window inherits from the steps before it.
    ///
    /// A range reaching outside `0..<steps` is clamped to it.
    public func window(_ range: Range<Int>) -> Scenario {
        let r = range.clamped(to: 0..<steps)
        var w = self
        w.steps = r.count
        w.loadsKW = loadsKW.mapValues { Self.slice($0, r) }
        w.timestamps = timestamps.map { Self.slice($0, r) }
        let firstMonth = r.isEmpty || r.lowerBound >= monthOfStep.count ? 0 : monthOfStep[r.lowerBound]
        w.monthOfStep = Self.slice(monthOfStep, r).map { $0 - firstMonth }
        w.productionUnits = productionUnits.map { Self.slice($0, r) }
        if var g = grid {
            g.importPricePerKWh = Self.slice(g.importPricePerKWh, r)
            g.exportPricePerKWh = Self.slice(g.exportPricePerKWh, r)
            g.carbonIntensityKgPerKWh = Self.slice(g.carbonIntensityKgPerKWh, r)
            w.grid = g
        }
        w.assets = assets.map { $0.window(r, stepHours: stepHours) }
        return w
    }

    /// `a[r]`, tolerating an array shorter than the horizon (padded with its
    /// last value, or zeros when empty) so that a malformed scenario built in
    /// code cannot make slicing trap.
    static func slice<T: Numeric>(_ a: [T], _ r: Range<Int>) -> [T] {
        if r.upperBound <= a.count { return Array(a[r]) }
        return r.map { $0 < a.count ? a[$0] : (a.last ?? 0) }
    }

    static func slice(_ a: [String], _ r: Range<Int>) -> [String] {
        if r.upperBound <= a.count { return Array(a[r]) }
        return r.map { $0 < a.count ? a[$0] : (a.last ?? "") }
    }
}

extension Asset {
    /// The same asset with each of its per-step series cut to `r` (a
    /// flexible load's periods as ``FlexibleLoad/window(_:stepHours:deliveredBeforeKWh:)``
    /// cuts them, knowing nothing delivered before `r`).
    public func window(_ r: Range<Int>, stepHours: Double) -> Asset {
        func s(_ a: [Double]) -> [Double] { Scenario.slice(a, r) }
        switch self {
        case .pv(var a): a.profile = s(a.profile); return .pv(a)
        case .wind(var a): a.profile = s(a.profile); return .wind(a)
        case .greenPower(var a):
            a.availableKW = s(a.availableKW); a.pricePerKWh = s(a.pricePerKWh)
            return .greenPower(a)
        case .battery, .thermalStorage, .electricBoiler:
            return self // no per-step series
        case .heatPump(var a): a.cop = s(a.cop); return .heatPump(a)
        case .wasteHeat(var a): a.availableKW = s(a.availableKW); return .wasteHeat(a)
        case .fuelBoiler(var a): a.fuelPricePerKWh = s(a.fuelPricePerKWh); return .fuelBoiler(a)
        case .chp(var a): a.fuelPricePerKWh = s(a.fuelPricePerKWh); return .chp(a)
        case .flexibleLoad(let a): return .flexibleLoad(a.window(r, stepHours: stepHours))
        }
    }

    /// The storage inside a battery or thermal storage asset.
    public var storage: Storage? {
        switch self {
        case .battery(let s), .thermalStorage(let s): return s
        default: return nil
        }
    }

    /// This asset with its storage replaced (no-op for other asset types).
    func replacingStorage(_ s: Storage) -> Asset {
        switch self {
        case .battery: return .battery(s)
        case .thermalStorage: return .thermalStorage(s)
        default: return self
        }
    }
}

/// What one window hands to the next (and a day-ahead run to the next
/// night's): storage levels, the level each storage started the series
/// from, and the peak import so far in the current calendar month.
public struct CarriedState: Sendable, Equatable {
    /// Storage level (kWh) at the end of the last committed step, by asset name.
    public var levelsKWh: [String: Double]
    /// The level (kWh) each storage started the whole run series from: what
    /// `soc_final: cyclic` is measured against.
    public var seriesStartKWh: [String: Double]
    /// The calendar month `monthPeakKW` belongs to (`YYYY-MM` from the
    /// timestamps, or `#n` for month `n` of a scenario without timestamps).
    public var month: String?
    /// Highest import (kW) so far in `month`, including the scenario's
    /// `demand_peak_so_far_kw` when `month` is the scenario's first month.
    public var monthPeakKW: Double
    /// Each flexible load's progress through the period holding the next
    /// step, by asset name (none before the first committed step).
    public var flexible: [String: FlexibleProgress]

    public init(levelsKWh: [String: Double], seriesStartKWh: [String: Double], month: String?, monthPeakKW: Double,
                flexible: [String: FlexibleProgress] = [:]) {
        self.levelsKWh = levelsKWh; self.seriesStartKWh = seriesStartKWh
        self.month = month; self.monthPeakKW = monthPeakKW; self.flexible = flexible
    }

    /// The state before the first step of `scenario`: each storage at its
    /// `soc_initial` (clamped into `[soc_min, soc_max]`, which is also where
    /// a `cyclic` storage starts), no month yet.
    public init(initialOf scenario: Scenario) {
        var levels: [String: Double] = [:]
        for a in scenario.assets {
            guard let s = a.storage else { continue }
            levels[s.name] = Self.clampFraction(s.socInitial, s) * s.energyKWh
        }
        self.init(levelsKWh: levels, seriesStartKWh: levels, month: nil, monthPeakKW: 0)
    }

    /// `f` clamped into `[soc_min, soc_max]` (absorbs solver noise of ~1e-9).
    static func clampFraction(_ f: Double, _ s: Storage) -> Double {
        guard f.isFinite else { return s.socMin }
        return min(max(f, s.socMin), max(s.socMin, s.socMax))
    }

    /// The calendar month of step `t` of `scenario`: `YYYY-MM` of its
    /// timestamp's wall-clock date, else `#<month index>`.
    public static func month(of scenario: Scenario, step t: Int) -> String {
        if let ts = scenario.timestamps, t >= 0, t < ts.count, let d = CivilDate(dateOf: ts[t]) {
            return d.monthLabel
        }
        let m = t >= 0 && t < scenario.monthOfStep.count ? scenario.monthOfStep[t] : 0
        return "#\(m)"
    }

    /// The demand-charge base of a window starting at step `t` of `scenario`:
    /// the carried peak when it belongs to the same month, and the scenario's
    /// own `demand_peak_so_far_kw` in the scenario's first month.
    public func peakSoFar(in scenario: Scenario, atStep t: Int) -> Double {
        var base = 0.0
        if month == Self.month(of: scenario, step: t) { base = monthPeakKW }
        if let g = scenario.grid, t < scenario.monthOfStep.count, scenario.monthOfStep[t] == 0 {
            base = max(base, g.demandPeakSoFarKW)
        }
        return base
    }

    /// The window `range` of `scenario`, starting from this state:
    ///
    /// - storage `soc_initial` = carried level / E (clamped; unchanged when E = 0);
    /// - end conditions measured against the scenario's own levels, so chained
    ///   windows cannot drain storage: `at_least_initial` becomes "at least the
    ///   scenario's `soc_initial`", `cyclic` "at least the level the series
    ///   started from", a number and `free` stay;
    /// - `demand_peak_so_far_kw` = the month's peak so far (``peakSoFar(in:atStep:)``);
    /// - flexible loads keep the whole horizon's periods, a period already
    ///   begun needing only what it still lacks (``flexibleLoad(_:window:stepHours:)``).
    ///
    /// `pinCyclicEnd` is applied by the caller on the LP (the window reaching
    /// the horizon's end must return a cyclic storage exactly to its start).
    public func windowScenario(of scenario: Scenario, range: Range<Int>) -> Scenario {
        var w = scenario.window(range)
        w.grid?.demandPeakSoFarKW = peakSoFar(in: scenario, atStep: range.lowerBound)
        w.assets = zip(scenario.assets, w.assets).map { whole, asset in
            if case .flexibleLoad(let f) = whole {
                return .flexibleLoad(flexibleLoad(f, window: range, stepHours: scenario.stepHours))
            }
            guard var s = asset.storage else { return asset }
            let e = s.energyKWh
            guard e > 0 else {
                if s.socFinal == .cyclic { s.socFinal = .free }
                return asset.replacingStorage(s)
            }
            let original = Self.clampFraction(s.socInitial, s)
            if let level = levelsKWh[s.name] { s.socInitial = Self.clampFraction(level / e, s) } else { s.socInitial = original }
            switch s.socFinal {
            case .atLeastInitial: s.socFinal = .atLeast(original)
            case .cyclic: s.socFinal = .atLeast(Self.clampFraction((seriesStartKWh[s.name] ?? original * e) / e, s))
            case .atLeast(let f): s.socFinal = .atLeast(Self.clampFraction(f, s))
            case .free: break
            }
            return asset.replacingStorage(s)
        }
        return w
    }

    /// The state after committing steps `range` of `scenario` whose
    /// schedule (one row per committed step) is `committed`.
    public func advanced(over range: Range<Int>, of scenario: Scenario, committed: Schedule) -> CarriedState {
        var next = self
        let last = committed.steps - 1
        if last >= 0 {
            for a in scenario.assets {
                guard let s = a.storage, let soc = committed["\(s.name).soc_kwh"], last < soc.count else { continue }
                next.levelsKWh[s.name] = soc[last]
            }
        }
        next.advanceFlexible(over: range, of: scenario, committed: committed)
        let imp = committed.values("grid.import_kw")
        for (k, t) in range.enumerated() where k < imp.count {
            let m = Self.month(of: scenario, step: t)
            if m != next.month {
                next.month = m
                next.monthPeakKW = 0
            }
            if let g = scenario.grid, t < scenario.monthOfStep.count, scenario.monthOfStep[t] == 0 {
                next.monthPeakKW = max(next.monthPeakKW, g.demandPeakSoFarKW)
            }
            next.monthPeakKW = max(next.monthPeakKW, imp[k])
        }
        return next
    }
}
