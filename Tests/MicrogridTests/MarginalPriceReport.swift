// SPDX-License-Identifier: GPL-3.0-or-later

/// The kinds of column whose reduced cost ``marginalPriceCheck`` checks.
enum PriceCheckKind: String, CaseIterable, Sendable {
    case gridImport = "grid import below the month's peak"
    case importAtPeak = "grid import at the month's peak (price >= import cost)"
    case gridExport = "grid export"
    case renewable = "pv/wind output"
    case greenPower = "green_power output"
    case heatPump = "heat pump heat"
    case electricBoiler = "electric boiler heat"
    case fuelBoiler = "fuel boiler heat"
    case chp = "chp electricity"
    case directHeat = "waste heat direct use"
    case unservedElectricity = "unserved electricity"
    case unservedHeat = "unserved heat"
    case rejectedHeat = "heat rejected (price 0)"
    case heatPriceSign = "heat price >= 0"
}

/// The dual of a row that couples a column to more than its step's
/// balances: the renewable floor, the emissions cap (both whole-horizon),
/// or one waste heat's limit at one step. Each is >= 0 as a cost.
enum CouplingDual: Hashable, CustomStringConvertible {
    case floor
    case cap
    case waste(String, Int)
    var description: String {
        switch self {
        case .floor: return "the renewable floor's dual"
        case .cap: return "the emissions cap's dual"
        case .waste(let w, let t): return "\(w)'s limit dual at step \(t)"
        }
    }
}

/// One complementary-slackness condition of a column strictly inside its
/// bounds (zero reduced cost, FORMULATION.md "Objective"):
///
///     e·price_e[t] + h·price_h[t] = cost + Σ coefficient·dual     (>= when atLeast)
///
/// `cost` per kWh includes the carbon price; `coupled` lists the column's
/// coefficients, per kWh, on the duals of the rows it shares with other
/// steps or columns (see ``CouplingDual``).
struct PriceCondition {
    var kind: PriceCheckKind
    var what: String
    var t: Int
    var value: Double
    var e = 0.0, h = 0.0, cost = 0.0
    var coupled: [CouplingDual: Double] = [:]
    var atLeast = false
}

/// What ``marginalPriceCheck`` found.
struct PriceCheckReport {
    var violations: [String] = []
    /// Conditions checked, per kind.
    var checked: [PriceCheckKind: Int] = [:]
    /// The largest violation per kind, relative to `max(1, |each term|)`.
    var maxViolation: [PriceCheckKind: Double] = [:]
    /// Columns strictly inside their bounds left unchecked: a dual they
    /// involve could not be recovered.
    var skipped: [PriceCheckKind: Int] = [:]
    /// Conditions spent on recovering a coupling dual (not counted as checked).
    var recoveredFrom: [PriceCheckKind: Int] = [:]
    /// The coupling duals: 0 where their row is slack, else recovered.
    var duals: [CouplingDual: Double] = [:]
    var floorDual: Double? { duals[.floor] }
    var capDual: Double? { duals[.cap] }
    var totalChecked: Int { checked.values.reduce(0, +) }

    /// Recovers each unknown coupling dual from the equality whose only
    /// unknown it is (the largest coefficient on it), then checks every
    /// condition whose duals are all known at `tolerance · max(1, |terms|)`.
    mutating func evaluate(_ conditions: [PriceCondition], pe: [Double], ph: [Double], tolerance: Double) {
        func left(_ c: PriceCondition) -> Double { c.e * pe[c.t] + c.h * ph[c.t] }
        var sources = Set<Int>()
        var progress = true
        while progress {
            progress = false
            var best: [CouplingDual: Int] = [:]
            for (i, c) in conditions.enumerated() where !c.atLeast {
                let unknown = c.coupled.filter { $0.value != 0 && duals[$0.key] == nil }
                guard unknown.count == 1, let only = unknown.first else { continue }
                if let j = best[only.key], abs(conditions[j].coupled[only.key]!) >= abs(only.value) { continue }
                best[only.key] = i
            }
            for (dual, i) in best {
                let c = conditions[i], a = c.coupled[dual]!
                let known = c.coupled.filter { $0.key != dual }.reduce(0) { $0 + $1.value * (duals[$1.key] ?? 0) }
                duals[dual] = (left(c) - c.cost - known) / a
                sources.insert(i)
                recoveredFrom[c.kind, default: 0] += 1
                progress = true
                if duals[dual]! < -tolerance { violations.append("\(dual) is \(duals[dual]!) < 0 (from \(c.what) at step \(c.t))") }
            }
        }
        for (i, c) in conditions.enumerated() where !sources.contains(i) {
            guard c.coupled.allSatisfy({ $0.value == 0 || duals[$0.key] != nil }) else {
                skipped[c.kind, default: 0] += 1
                continue
            }
            let terms = c.coupled.map { $0.value * duals[$0.key, default: 0] }
            let l = left(c), r = c.cost + terms.reduce(0, +)
            let scale = ([1, abs(c.cost)] + terms.map(abs)).max()!
            let gap = c.atLeast ? max(0, r - l) : abs(l - r)
            checked[c.kind, default: 0] += 1
            maxViolation[c.kind] = max(maxViolation[c.kind] ?? 0, gap / scale)
            if gap > tolerance * scale {
                violations.append("\(c.what) at step \(c.t) is \(c.value) (inside its bounds): price_e \(pe[c.t]), "
                    + "price_h \(ph[c.t]) give \(l), expected \(c.atLeast ? ">= " : "")\(r) [\(c.kind.rawValue)]")
            }
        }
    }
}
