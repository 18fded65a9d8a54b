// SPDX-License-Identifier: GPL-3.0-or-later
import Formulation
import Scenario

/// Complementary slackness of the written marginal prices, checked from the
/// schedule and the scenario alone (independent of the model builder, like
/// ``constraintViolations``). Wherever a column lies strictly inside its
/// bounds (by 1e-6 kW) and no other row touching it can be active, its
/// reduced cost is zero (FORMULATION.md "Objective", "Balances"):
///
/// - import `price_e = import_price + carbon·intensity` below the month's
///   peak (the demand-charge rows are slack there; at the peak only
///   `price_e >=` that cost); export `price_e = export_price`;
/// - PV, wind `price_e = om`; green_power (not must_take) `price_e = price`;
/// - heat pump `price_h = price_e / cop` (plus `(1 − 1/cop)·μ` on waste
///   heat); electric boiler `price_h = price_e / η`; fuel boiler
///   `price_h = (fuel + carbon·ef) / η`; CHP `price_e + price_h·ηh/ηe =
///   (fuel + carbon·ef) / ηe`; direct waste heat `price_h = μ`, its limit's dual;
/// - unserved energy in (0, load): the penalty; heat rejected (supply above
///   demand): `price_h = 0`; `price_h >= 0` at every step.
///
/// The renewable floor and the emissions cap couple every step, a waste
/// heat's limit the columns drawing on it. Where the schedule shows such a
/// row slack its dual is 0; where it is active, its one dual (per step for
/// waste heat) is recovered from one interior column (the largest
/// coefficient on it, see ``PriceCheckReport/evaluate``), must be >= 0, and
/// every other condition involving it is checked with it.
/// Storage and flexible-load columns are not checked: their reduced costs
/// involve the duals of their level and period rows.
///
/// Planning: pass the new capacities of results.json; bounds use the totals.
func marginalPriceCheck(_ planned: Scenario, _ sc: Schedule, newCapacities: [String: NewCapacity] = [:],
                        tolerance: Double = 1e-9) -> PriceCheckReport {
    let s = planned.built(newCapacities)
    let steps = s.steps, dt = s.stepHours, margin = 1e-6
    let pe = sc.values("price.electricity_per_kwh"), ph = sc.values("price.heat_per_kwh")
    let carbon = s.carbonPricePerTonne / 1000
    let share = s.minRenewableShareElectricity
    // Coefficients on the floor's dual ρ (as a cost: minus the floor row's) and on the cap's κ.
    let onRenewable: [CouplingDual: Double] = share.map { [.floor: -(1 - $0)] } ?? [:]
    let onConsumed: [CouplingDual: Double] = share.map { [.floor: $0] } ?? [:]
    func emitting(_ kgPerKWh: Double) -> [CouplingDual: Double] {
        s.maxEmissionsTonnes == nil || kgPerKWh == 0 ? [:] : [.cap: kgPerKWh]
    }
    var conditions: [PriceCondition] = []
    func add(_ kind: PriceCheckKind, _ what: String, _ t: Int, _ v: Double, upper: Double,
             _ make: (inout PriceCondition) -> Void) {
        guard v > margin, v < upper - margin else { return }
        var c = PriceCondition(kind: kind, what: what, t: t, value: v)
        make(&c)
        conditions.append(c)
    }
    var heatSurplus = zip(sc.values("unserved.heat_kw"), s.heatLoadKW).map { $0 - $1 }
    var wasteDraw: [String: [Double]] = [:]
    var importKWh = 0.0, exportKWh = 0.0, renewableKWh = 0.0, chpKWh = 0.0, emissionsKg = 0.0

    if let g = s.grid {
        let imp = sc.values("grid.import_kw"), exp = sc.values("grid.export_kw")
        var peak = [Double](repeating: 0, count: s.monthCount)
        peak[0] = g.demandPeakSoFarKW
        for t in 0..<steps { peak[s.monthOfStep[t]] = max(peak[s.monthOfStep[t]], imp[t]) }
        for t in 0..<steps {
            let ci = g.carbonIntensityKgPerKWh[t]
            let atPeak = g.demandChargePerKW != nil && imp[t] >= peak[s.monthOfStep[t]] - margin
            add(atPeak ? .importAtPeak : .gridImport, "grid import", t, imp[t], upper: g.importLimitKW ?? .infinity) {
                $0.e = 1; $0.cost = g.importPricePerKWh[t] + carbon * ci
                $0.coupled = onConsumed.merging(emitting(ci)) { a, _ in a }; $0.atLeast = atPeak
            }
            add(.gridExport, "grid export", t, exp[t], upper: g.exportLimitKW ?? .infinity) {
                $0.e = -1; $0.cost = -g.exportPricePerKWh[t]; $0.coupled = onRenewable.mapValues { -$0 }
            }
            importKWh += dt * imp[t]; exportKWh += dt * exp[t]; emissionsKg += dt * ci * imp[t]
        }
    }
    for asset in s.assets {
        let n = asset.name
        switch asset {
        case .pv(let a), .wind(let a):
            let out = sc.values("\(n).output_kw")
            for t in 0..<steps {
                add(.renewable, "\(n) output", t, out[t], upper: a.capacityKW * a.profile[t]) {
                    $0.e = 1; $0.cost = a.omCostPerKWh; $0.coupled = onRenewable
                }
                renewableKWh += dt * out[t]
            }
        case .greenPower(let a):
            let out = sc.values("\(n).output_kw")
            for t in 0..<steps {
                if !a.mustTake {
                    add(.greenPower, "\(n) output", t, out[t], upper: a.availableKW[t]) {
                        $0.e = 1; $0.cost = a.pricePerKWh[t]; $0.coupled = onRenewable
                    }
                }
                renewableKWh += dt * out[t]
            }
        case .battery: break
        case .thermalStorage:
            let ch = sc.values("\(n).charge_kw"), dis = sc.values("\(n).discharge_kw")
            for t in 0..<steps { heatSurplus[t] += dis[t] - ch[t] }
        case .heatPump(let p):
            let heat = sc.values("\(n).heat_kw")
            var source: String?
            if case .wasteHeat(let w) = p.source { source = w }
            for t in 0..<steps {
                add(.heatPump, "\(n) heat", t, heat[t], upper: p.heatCapacityKW) {
                    $0.e = -1 / p.cop[t]; $0.h = 1
                    if let source { $0.coupled = [.waste(source, t): 1 - 1 / p.cop[t]] }
                }
                heatSurplus[t] += heat[t]
                if let source { wasteDraw[source, default: Array(repeating: 0, count: steps)][t] += heat[t] * (1 - 1 / p.cop[t]) }
            }
        case .wasteHeat(let w):
            let direct = sc.values("\(n).direct_kw")
            for t in 0..<steps {
                if w.directUse {
                    add(.directHeat, "\(n) direct use", t, direct[t], upper: w.exchangerCapacityKW ?? .infinity) {
                        $0.h = 1; $0.coupled = [.waste(n, t): 1]
                    }
                }
                heatSurplus[t] += direct[t]
                wasteDraw[n, default: Array(repeating: 0, count: steps)][t] += direct[t]
            }
        case .electricBoiler(let b):
            let heat = sc.values("\(n).heat_kw")
            for t in 0..<steps {
                add(.electricBoiler, "\(n) heat", t, heat[t], upper: b.heatCapacityKW) { $0.e = -1 / b.efficiency; $0.h = 1 }
                heatSurplus[t] += heat[t]
            }
        case .fuelBoiler(let b):
            let heat = sc.values("\(n).heat_kw")
            for t in 0..<steps {
                add(.fuelBoiler, "\(n) heat", t, heat[t], upper: b.heatCapacityKW) {
                    $0.h = 1; $0.cost = (b.fuelPricePerKWh[t] + carbon * b.fuelEmissionFactor) / b.efficiency
                    $0.coupled = emitting(b.fuelEmissionFactor / b.efficiency)
                }
                heatSurplus[t] += heat[t]; emissionsKg += dt * b.fuelEmissionFactor * heat[t] / b.efficiency
            }
        case .chp(let c):
            let el = sc.values("\(n).electricity_kw"), heatPerEl = c.heatEfficiency / c.electricEfficiency
            for t in 0..<steps {
                add(.chp, "\(n) electricity", t, el[t], upper: c.electricCapacityKW) {
                    $0.e = 1; $0.h = heatPerEl
                    $0.cost = (c.fuelPricePerKWh[t] + carbon * c.fuelEmissionFactor) / c.electricEfficiency
                    $0.coupled = onConsumed.merging(emitting(c.fuelEmissionFactor / c.electricEfficiency)) { a, _ in a }
                }
                heatSurplus[t] += el[t] * heatPerEl; chpKWh += dt * el[t]
                emissionsKg += dt * c.fuelEmissionFactor * el[t] / c.electricEfficiency
            }
        case .flexibleLoad(let f):
            guard f.carrier == .heat else { break }
            let drawn = sc.values("\(n).heat_kw")
            for t in 0..<steps { heatSurplus[t] -= drawn[t] }
        }
    }
    let ue = sc.values("unserved.electricity_kw"), uh = sc.values("unserved.heat_kw")
    for t in 0..<steps {
        add(.unservedElectricity, "unserved electricity", t, ue[t], upper: s.electricLoadKW[t]) {
            $0.e = 1; $0.cost = s.unservedPenaltyPerKWh
        }
        add(.unservedHeat, "unserved heat", t, uh[t], upper: s.heatLoadKW[t]) { $0.h = 1; $0.cost = s.unservedPenaltyPerKWh }
        add(.rejectedHeat, "heat surplus", t, heatSurplus[t], upper: .infinity) { $0.h = 1 }
        conditions.append(PriceCondition(kind: .heatPriceSign, what: "heat price", t: t, value: ph[t], h: 1, atLeast: true))
    }

    var report = PriceCheckReport()
    // Rows shared across steps or columns: slack ones have dual 0, the others' duals are recovered.
    if let share {
        let consumed = importKWh + renewableKWh + chpKWh - exportKWh
        if renewableKWh - exportKWh - share * consumed > 1e-7 * max(1, abs(consumed)) { report.duals[.floor] = 0 }
    }
    if let cap = s.maxEmissionsTonnes, 1000 * cap - emissionsKg > 1e-7 * max(1, emissionsKg) { report.duals[.cap] = 0 }
    for asset in s.assets {
        guard case .wasteHeat(let w) = asset, let draw = wasteDraw[w.name] else { continue }
        for t in 0..<steps where w.availableKW[t] - draw[t] > margin { report.duals[.waste(w.name, t)] = 0 }
    }
    report.evaluate(conditions, pe: pe, ph: ph, tolerance: tolerance)
    return report
}

/// Values of the LP's columns within (1e-9, 1e-5) of a finite bound: noise a
/// vertex must not carry.
func nearBoundNoise(x: [Double], lower: [Double], upper: [Double]) -> [Int] {
    x.indices.filter { j in
        let gaps = [x[j] - lower[j], upper[j] - x[j]].filter(\.isFinite).map(abs)
        return gaps.contains { $0 > 1e-9 && $0 < 1e-5 }
    }
}
