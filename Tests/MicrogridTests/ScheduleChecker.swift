// SPDX-License-Identifier: GPL-3.0-or-later
import Formulation
import Scenario

/// Checks a schedule against every constraint of FORMULATION.md, written
/// independently of the model builder: returns the violations larger than
/// `tolerance` (relative to the size of the terms involved). For a planning
/// scenario, `newCapacities` (as results.json reports them) must lie in
/// their invest bounds, and every capacity bound is checked on the total.
func constraintViolations(_ planned: Scenario, _ sc: Schedule, newCapacities: [String: NewCapacity] = [:],
                          tolerance: Double = 1e-6) -> [String] {
    var out: [String] = []
    out += investBoundViolations(planned, newCapacities, tolerance: tolerance)
    let s = planned.built(newCapacities)
    let dt = s.stepHours
    func check(_ what: String, _ t: Int, _ violation: Double, scale: Double) {
        if violation > tolerance * max(1, abs(scale)) { out.append("\(what) at step \(t): violated by \(violation)") }
    }
    func col(_ n: String) -> [Double] { sc.values(n) }
    let imp = col("grid.import_kw"), exp = col("grid.export_kw")
    var supply = col("unserved.electricity_kw").indices.map { imp[$0] + col("unserved.electricity_kw")[$0] }
    var demand = s.electricLoadKW.indices.map { s.electricLoadKW[$0] + exp[$0] }
    var heatSupply = col("unserved.heat_kw")
    var renewable = 0.0, chpKWh = 0.0, emissions = 0.0
    for t in 0..<s.steps {
        check("grid import >= 0", t, -imp[t], scale: 1)
        check("grid export >= 0", t, -exp[t], scale: 1)
        check("import limit", t, imp[t] - (s.grid?.importLimitKW ?? (s.grid == nil ? 0 : .infinity)), scale: imp[t])
        check("export limit", t, exp[t] - (s.grid?.exportLimitKW ?? (s.grid == nil ? 0 : .infinity)), scale: exp[t])
        check("unserved electricity <= load", t, col("unserved.electricity_kw")[t] - s.electricLoadKW[t], scale: s.electricLoadKW[t])
        check("unserved heat <= load", t, col("unserved.heat_kw")[t] - s.heatLoadKW[t], scale: s.heatLoadKW[t])
        emissions += dt * imp[t] * (s.grid?.carbonIntensityKgPerKWh[t] ?? 0)
    }
    var wasteDraw: [String: [Double]] = [:]
    for asset in s.assets {
        let n = asset.name
        switch asset {
        case .pv(let a), .wind(let a):
            let g = col("\(n).output_kw")
            for t in 0..<s.steps {
                check("\(n) output bound", t, max(-g[t], g[t] - a.capacityKW * a.profile[t]), scale: g[t])
                supply[t] += g[t]; renewable += dt * g[t]
            }
        case .greenPower(let a):
            let g = col("\(n).output_kw")
            for t in 0..<s.steps {
                check("\(n) output bound", t, max(-g[t], g[t] - a.availableKW[t]), scale: g[t])
                if a.mustTake { check("\(n) must_take", t, a.availableKW[t] - g[t], scale: g[t]) }
                supply[t] += g[t]; renewable += dt * g[t]
            }
        case .battery(let b), .thermalStorage(let b):
            let ch = col("\(n).charge_kw"), dis = col("\(n).discharge_kw"), soc = col("\(n).soc_kwh")
            let e = b.energyKWh, keep = 1 - b.lossPerHour * dt
            let start: Double = b.socFinal == .cyclic ? soc[s.steps - 1] : b.socInitial * e
            if b.socFinal == .cyclic {
                check("\(n) cyclic start in bounds", 0, max(b.socMin * e - start, start - b.socMax * e), scale: e)
            }
            for t in 0..<s.steps {
                let previous = t == 0 ? start : soc[t - 1]
                let expected = keep * previous + b.chargeEfficiency * ch[t] * dt - dis[t] * dt / b.dischargeEfficiency
                check("\(n) dynamics", t, abs(soc[t] - expected), scale: max(e, ch[t] * dt, dis[t] * dt))
                check("\(n) soc bounds", t, max(b.socMin * e - soc[t], soc[t] - b.socMax * e), scale: e)
                check("\(n) charge bound", t, max(-ch[t], ch[t] - b.chargeKW), scale: ch[t])
                check("\(n) discharge bound", t, max(-dis[t], dis[t] - b.dischargeKW), scale: dis[t])
                if case .battery = asset { supply[t] += dis[t] - ch[t] } else { heatSupply[t] += dis[t] - ch[t] }
            }
            let last = soc[s.steps - 1]
            switch b.socFinal {
            case .atLeastInitial: check("\(n) end condition", s.steps - 1, b.socInitial * e - last, scale: e)
            case .atLeast(let f): check("\(n) end condition", s.steps - 1, f * e - last, scale: e)
            case .free, .cyclic: break
            }
        case .heatPump(let p):
            let h = col("\(n).heat_kw")
            for t in 0..<s.steps {
                check("\(n) heat bound", t, max(-h[t], h[t] - p.heatCapacityKW), scale: h[t])
                supply[t] -= h[t] / p.cop[t]; heatSupply[t] += h[t]
                if case .wasteHeat(let w) = p.source {
                    wasteDraw[w, default: Array(repeating: 0, count: s.steps)][t] += h[t] * (1 - 1 / p.cop[t])
                }
            }
        case .wasteHeat(let w):
            let d = col("\(n).direct_kw")
            for t in 0..<s.steps {
                if !w.directUse { check("\(n) no direct use", t, abs(d[t]), scale: 1) }
                check("\(n) exchanger", t, max(-d[t], d[t] - (w.exchangerCapacityKW ?? .infinity)), scale: d[t])
                heatSupply[t] += d[t]
                wasteDraw[n, default: Array(repeating: 0, count: s.steps)][t] += d[t]
            }
        case .electricBoiler(let b):
            let h = col("\(n).heat_kw")
            for t in 0..<s.steps {
                check("\(n) heat bound", t, max(-h[t], h[t] - b.heatCapacityKW), scale: h[t])
                supply[t] -= h[t] / b.efficiency; heatSupply[t] += h[t]
            }
        case .fuelBoiler(let b):
            let h = col("\(n).heat_kw")
            for t in 0..<s.steps {
                check("\(n) heat bound", t, max(-h[t], h[t] - b.heatCapacityKW), scale: h[t])
                heatSupply[t] += h[t]; emissions += dt * b.fuelEmissionFactor * h[t] / b.efficiency
            }
        case .chp(let c):
            let el = col("\(n).electricity_kw")
            for t in 0..<s.steps {
                check("\(n) bound", t, max(-el[t], el[t] - c.electricCapacityKW), scale: el[t])
                supply[t] += el[t]; heatSupply[t] += el[t] * c.heatEfficiency / c.electricEfficiency
                chpKWh += dt * el[t]; emissions += dt * c.fuelEmissionFactor * el[t] / c.electricEfficiency
            }
        case .flexibleLoad(let f):
            let isHeat = f.carrier == .heat
            let drawn = col(isHeat ? "\(n).heat_kw" : "\(n).electricity_kw")
            for t in 0..<s.steps {
                check("\(n) max_kw", t, max(-drawn[t], drawn[t] - f.maxKW[t]), scale: drawn[t])
                if isHeat { heatSupply[t] -= drawn[t] } else { demand[t] += drawn[t] }
            }
            // Periods of period_hours from the first step; a shorter last one needs its share.
            var start = 0
            while start < s.steps {
                let end = min(s.steps, start + f.periodSteps)
                let needed = f.energyPerPeriodKWh * Double(end - start) / Double(f.periodSteps)
                let delivered = drawn[start..<end].reduce(0, +) * dt
                check("\(n) period energy", start, abs(delivered - needed), scale: needed)
                start = end
            }
        }
    }
    for asset in s.assets {
        guard case .wasteHeat(let w) = asset, let draw = wasteDraw[w.name] else { continue }
        for t in 0..<s.steps { check("\(w.name) availability", t, draw[t] - w.availableKW[t], scale: w.availableKW[t]) }
    }
    for t in 0..<s.steps {
        check("electricity balance", t, abs(supply[t] - demand[t]), scale: max(demand[t], supply[t]))
        check("heat balance", t, s.heatLoadKW[t] - heatSupply[t], scale: s.heatLoadKW[t])
        demand[t] = 0
    }
    if let cap = s.maxEmissionsTonnes { check("emissions cap", 0, emissions - 1000 * cap, scale: emissions) }
    if let share = s.minRenewableShareElectricity {
        let i = imp.reduce(0, +) * dt, x = exp.reduce(0, +) * dt
        let consumed = i + renewable + chpKWh - x
        check("renewable floor", 0, share * consumed - (renewable - x), scale: consumed)
    }
    return out
}

/// New capacities outside their invest bounds, or tied storage power that is
/// not new energy / duration_hours.
func investBoundViolations(_ s: Scenario, _ new: [String: NewCapacity], tolerance: Double) -> [String] {
    var out: [String] = []
    func within(_ what: String, _ v: Double, _ inv: Investment) {
        if v < inv.minNew - tolerance * max(1, inv.minNew) || v > (inv.maxNew ?? .infinity) + tolerance * max(1, v) {
            out.append("\(what) = \(v) outside [\(inv.minNew), \(inv.maxNew ?? .infinity)]")
        }
    }
    for asset in s.assets {
        let n = new[asset.name] ?? NewCapacity()
        if let inv = asset.investment { within("\(asset.name) new_kw", n.kw, inv) }
        if let inv = asset.storageInvestment {
            within("\(asset.name) new_kwh", n.kwh, inv.energy)
            if let hours = inv.durationHours {
                if abs(n.kw - n.kwh / hours) > tolerance * max(1, n.kw) {
                    out.append("\(asset.name) new_kw \(n.kw) is not new_kwh / duration_hours = \(n.kwh / hours)")
                }
            } else {
                within("\(asset.name) new_kw", n.kw, inv.power)
            }
        } else if !asset.isInvestable, n != NewCapacity() {
            out.append("\(asset.name) has new capacity but no invest block")
        }
    }
    return out
}
