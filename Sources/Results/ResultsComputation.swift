// SPDX-License-Identifier: GPL-3.0-or-later
import Formulation
import Scenario

extension DispatchResults {
    /// Computes every figure from the schedule's columns and the scenario's
    /// data (prices, factors, capacities), never from the LP's internals, so
    /// anyone holding schedule.csv and the scenario can recompute them. In a
    /// planning scenario `newCapacities` (by asset name, as results.json's
    /// `planning.assets` reports them) give the investment, and capacities
    /// are the totals `existing + new`.
    public init(scenario planned: Scenario, schedule: Schedule, newCapacities: [String: NewCapacity] = [:],
                solver: SolverInfo? = nil, solverObjective: Double? = nil) {
        let s = planned.isPlanning ? planned.built(newCapacities) : planned
        self.init(scenario: s.name, steps: s.steps, stepHours: s.stepHours, currency: s.currency)
        self.solver = solver
        self.solverObjective = solverObjective
        let dt = s.stepHours
        /// Σ_t Δ a[t] * b[t]
        func energy(_ a: [Double], _ b: [Double]? = nil) -> Double {
            var sum = 0.0
            if let b { for t in a.indices { sum += a[t] * b[t] } } else { for v in a { sum += v } }
            return sum * dt
        }
        let imp = schedule.values("grid.import_kw"), exp = schedule.values("grid.export_kw")
        var e = Energy()
        e.electricLoad = energy(s.electricLoadKW)
        e.heatLoad = energy(s.heatLoadKW)
        e.unservedElectricity = energy(schedule.values("unserved.electricity_kw"))
        e.unservedHeat = energy(schedule.values("unserved.heat_kw"))
        e.importKWh = energy(imp)
        e.exportKWh = energy(exp)
        var c = Cost(), em = Emissions()
        if let g = s.grid {
            c.energyImport = energy(imp, g.importPricePerKWh)
            c.exportRevenue = energy(exp, g.exportPricePerKWh)
            em.scope2Location = energy(imp, g.carbonIntensityKgPerKWh)
            if let rate = g.demandChargePerKW {
                c.demandCharge = rate * Self.monthlyExcessKW(imp, months: s.monthOfStep, peakSoFarKW: g.demandPeakSoFarKW)
            }
            kpis.peakImportKW = imp.max() ?? 0
        }
        for asset in s.assets {
            let n = asset.name
            var carrier: String?
            if case .flexibleLoad(let f) = asset { carrier = f.carrier.rawValue }
            assetTypes.append((n, asset.typeName, carrier))
            switch asset {
            case .pv(let a), .wind(let a):
                let out = schedule.values("\(n).output_kw")
                e.renewableGeneration += energy(out)
                e.curtailed += energy(schedule.values("\(n).curtailed_kw"))
                c.om += a.omCostPerKWh * energy(out)
            case .greenPower(let a):
                let out = schedule.values("\(n).output_kw")
                e.renewableGeneration += energy(out)
                c.greenPower += energy(out, a.pricePerKWh)
            case .battery(let b), .thermalStorage(let b):
                let dis = energy(schedule.values("\(n).discharge_kw"))
                c.batteryCycling += b.cycleCostPerKWh * dis
                equivalentFullCycles.append((n, ratio(dis, b.energyKWh)))
            case .fuelBoiler(let f):
                let fuel = schedule.values("\(n).fuel_kw")
                c.fuel += energy(fuel, f.fuelPricePerKWh)
                em.scope1 += f.fuelEmissionFactor * energy(fuel)
                e.fossilHeat += energy(schedule.values("\(n).heat_kw"))
            case .chp(let h):
                let fuel = schedule.values("\(n).fuel_kw")
                c.fuel += energy(fuel, h.fuelPricePerKWh)
                em.scope1 += h.fuelEmissionFactor * energy(fuel)
                e.fossilHeat += energy(schedule.values("\(n).heat_kw"))
                e.chpElectricity += energy(schedule.values("\(n).electricity_kw"))
            case .flexibleLoad(let f):
                let drawn = energy(schedule.values("\(n).\(f.carrier.rawValue)_kw"))
                switch f.carrier {
                case .electricity: e.electricLoad += drawn
                case .heat: e.heatLoad += drawn
                }
            case .heatPump, .wasteHeat, .electricBoiler:
                break
            }
        }
        e.electricLoadServed = e.electricLoad - e.unservedElectricity
        e.heatLoadServed = e.heatLoad - e.unservedHeat
        if planned.isPlanning {
            let p = PlanningResults(scenario: planned, newCapacities: newCapacities)
            c.investment = p.investmentCost
            planning = p
        }
        c.total = c.energyImport - c.exportRevenue + c.fuel + c.greenPower + c.om + c.batteryCycling + c.demandCharge
            + c.investment
        em.optimised = em.scope1 + em.scope2Location
        gridEmissionFactorUsed = Self.gridFactor(s, imports: imp)
        em.scope2Official = e.importKWh * gridEmissionFactorUsed
        em.scope2OfficialNet = (e.importKWh - e.exportKWh) * gridEmissionFactorUsed
        e.consumed = e.importKWh + e.renewableGeneration + e.chpElectricity - e.exportKWh
        cost = c
        emissionsKg = em
        energyKWh = e
        carbonCost = s.carbonPricePerTonne / 1000 * em.optimised
        unservedPenalty = s.unservedPenaltyPerKWh * (e.unservedElectricity + e.unservedHeat)
        objective = c.total + carbonCost + unservedPenalty
        computeKPIs(e)
        certificatesNeededMWh = max(0, e.importKWh - e.exportKWh) / 1000
        offsetsNeededTonnes = em.scope1 / 1000
        if let units = s.productionUnits {
            let total = units.reduce(0, +)
            perUnit = PerUnit(units: total, costPerUnit: ratio(c.total, total), objectivePerUnit: ratio(objective, total),
                              kgCO2PerUnit: ratio(em.optimised, total),
                              kgCO2OfficialPerUnit: ratio(em.scope1 + em.scope2Official, total))
        }
    }

    private mutating func computeKPIs(_ e: Energy) {
        let gre = e.renewableGeneration, x = e.exportKWh, i = e.importKWh
        kpis.renewableShareElectricity = ratio(max(0, gre - x), e.consumed)
        let served = e.electricLoadServed + e.heatLoadServed + x
        kpis.renewableFraction = ratio(i + e.chpElectricity + e.fossilHeat, served).map { 1 - $0 }
        kpis.selfSufficiency = ratio(i, e.consumed).map { 1 - $0 }
        kpis.selfConsumption = ratio(gre - min(x, gre), gre)
    }

    /// `Σ_m max(0, max_{t in m} imp[t] - base[m])`, `base` = the peak so far
    /// for the first month, 0 after.
    public static func monthlyExcessKW(_ imp: [Double], months: [Int], peakSoFarKW: Double) -> Double {
        var peak: [Int: Double] = [:]
        for t in imp.indices { peak[months[t]] = max(peak[months[t]] ?? 0, imp[t]) }
        // Summed in month order: a dictionary's order differs between instances,
        // and the last bit of the sum with it (results.json must recompute exactly).
        return peak.sorted { $0.key < $1.key }
            .reduce(0) { $0 + max(0, $1.value - ($1.key == 0 ? peakSoFarKW : 0)) }
    }

    /// The official grid factor: the scenario's, else the import-weighted
    /// mean carbon intensity, its plain mean when nothing is imported, 0 islanded.
    static func gridFactor(_ s: Scenario, imports: [Double]) -> Double {
        if let f = s.gridEmissionFactor { return f }
        guard let g = s.grid, !g.carbonIntensityKgPerKWh.isEmpty else { return 0 }
        let total = imports.reduce(0, +)
        if total > 1e-9 {
            var w = 0.0
            for t in imports.indices { w += imports[t] * g.carbonIntensityKgPerKWh[t] }
            return w / total
        }
        return g.carbonIntensityKgPerKWh.reduce(0, +) / Double(g.carbonIntensityKgPerKWh.count)
    }
}
