// SPDX-License-Identifier: GPL-3.0-or-later
import Formulation
import Scenario

/// Complementary slackness of the written electricity prices, checked from
/// the schedule alone: where a quantity lies strictly between its bounds
/// its reduced cost is zero, so the step's electricity price must equal
/// that quantity's own marginal cost:
///
/// - unserved electricity in (0, load): the unserved penalty per kWh;
/// - PV or wind output in (0, available) with no renewable floor: the
///   plant's O&M cost per kWh.
///
/// Returns the violations larger than `tolerance * max(1, |cost|)`, and
/// how many steps were checked.
func marginalPriceViolations(_ s: Scenario, _ sc: Schedule,
                             tolerance: Double = 1e-9) -> (violations: [String], checked: Int) {
    let price = sc.values("price.electricity_per_kwh")
    var out: [String] = [], checked = 0
    let margin = 1e-6
    func check(_ what: String, _ t: Int, value: Double, upper: Double, cost: Double) {
        guard value > margin, value < upper - margin else { return }
        checked += 1
        if abs(price[t] - cost) > tolerance * max(1, abs(cost)) {
            out.append("\(what) at step \(t) is \(value) (inside its bounds) but the price is \(price[t]), not \(cost)")
        }
    }
    let unserved = sc.values("unserved.electricity_kw")
    for t in 0..<s.steps {
        check("unserved electricity", t, value: unserved[t], upper: s.electricLoadKW[t], cost: s.unservedPenaltyPerKWh)
    }
    guard s.minRenewableShareElectricity == nil else { return (out, checked) }
    for asset in s.assets {
        switch asset {
        case .pv(let a), .wind(let a):
            let g = sc.values("\(a.name).output_kw")
            for t in 0..<s.steps {
                check("\(a.name) output", t, value: g[t], upper: a.capacityKW * a.profile[t], cost: a.omCostPerKWh)
            }
        default: break
        }
    }
    return (out, checked)
}

/// Values of the LP's columns within (1e-9, 1e-5) of a finite bound: noise a
/// vertex must not carry.
func nearBoundNoise(x: [Double], lower: [Double], upper: [Double]) -> [Int] {
    x.indices.filter { j in
        let gaps = [x[j] - lower[j], upper[j] - x[j]].filter(\.isFinite).map(abs)
        return gaps.contains { $0 > 1e-9 && $0 < 1e-5 }
    }
}
