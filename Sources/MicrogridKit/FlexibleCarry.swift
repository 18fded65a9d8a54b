// SPDX-License-Identifier: GPL-3.0-or-later
import Formulation
import Scenario

/// How far a flexible load has got through one period of the whole horizon:
/// the period's first step (0-based, on the scenario's horizon) and the
/// energy delivered in it by the committed steps.
public struct FlexibleProgress: Sendable, Equatable, Codable {
    public var periodStartStep: Int
    public var deliveredKWh: Double
    enum CodingKeys: String, CodingKey { case periodStartStep = "period_start_step", deliveredKWh = "delivered_kwh" }
    public init(periodStartStep: Int, deliveredKWh: Double) {
        self.periodStartStep = periodStartStep; self.deliveredKWh = deliveredKWh
    }
}

extension CarriedState {
    /// `f` (a load of the whole scenario) on steps `range`: a window that
    /// starts inside a period needs only what the committed steps of that
    /// period left undelivered. Without a record of that period (a first
    /// day-ahead run starting mid-period) the steps before the window are
    /// taken as able to have delivered up to their `max_kw`.
    func flexibleLoad(_ f: FlexibleLoad, window range: Range<Int>, stepHours: Double) -> FlexibleLoad {
        let clamped = range.clamped(to: 0..<f.maxKW.count)
        let periodStart = f.periodIndex(ofStep: clamped.lowerBound) * f.periodSteps
        var delivered: Double?
        if let p = flexible[f.name], p.periodStartStep == periodStart { delivered = p.deliveredKWh }
        return f.window(clamped, stepHours: stepHours, deliveredBeforeKWh: delivered)
    }

    /// Adds the committed steps `range` of `scenario` to each flexible
    /// load's progress, starting afresh at each period's first step.
    mutating func advanceFlexible(over range: Range<Int>, of scenario: Scenario, committed: Schedule) {
        for asset in scenario.assets {
            guard case .flexibleLoad(let f) = asset else { continue }
            let drawn = committed.values("\(f.name).\(f.carrier.rawValue)_kw")
            var progress = flexible[f.name]
            for (k, t) in range.enumerated() where k < drawn.count {
                let start = f.periodIndex(ofStep: t) * f.periodSteps
                if progress?.periodStartStep != start { progress = FlexibleProgress(periodStartStep: start, deliveredKWh: 0) }
                progress?.deliveredKWh += drawn[k] * scenario.stepHours
            }
            flexible[f.name] = progress
        }
    }
}
