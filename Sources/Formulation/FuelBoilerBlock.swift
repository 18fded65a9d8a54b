// SPDX-License-Identifier: GPL-3.0-or-later
import LP
import Scenario

/// Fuel boilers: `heat[t] <= heat_capacity_kw` (with an `invest` block the
/// row `heat[t] - new <= heat_capacity_kw`), fuel `heat/efficiency` (kW
/// of fuel), costing `Δ * fuel_price_per_kwh[t] * fuel` and emitting
/// `Δ * fuel_emission_factor * fuel` kg (scope 1).
/// Schedule: `<name>.heat_kw`, `<name>.fuel_kw`.
struct FuelBoilerBlock: AssetBlock {
    let boilers: [(FuelBoiler, ColumnBlock)]

    init(_ boilers: [FuelBoiler], _ b: inout ModelBuilder) {
        var out: [(FuelBoiler, ColumnBlock)] = []
        for f in boilers {
            let dt = b.dt
            let heat = b.addSeries("\(f.name).heat", upper: { _ in 0 },
                                   cost: { dt * f.fuelPricePerKWh[$0] / f.efficiency })
            let cap = b.addCapacity(f.name, existing: f.heatCapacityKW, invest: f.invest)
            b.limit(heat, by: cap, upper: { _ in 1 })
            b.feed(.heat, heat)
            b.addTotal(\.emissionsKg, heat) { _ in f.fuelEmissionFactor / f.efficiency }
            out.append((f, heat))
        }
        self.boilers = out
    }

    func scheduleColumns(_ x: [Double]) -> [String: [ScheduleColumn]] {
        var cols: [String: [ScheduleColumn]] = [:]
        for (f, block) in boilers {
            let heat = values(block, x)
            cols[f.name] = [ScheduleColumn("\(f.name).heat_kw", heat),
                            ScheduleColumn("\(f.name).fuel_kw", heat.map { $0 / f.efficiency })]
        }
        return cols
    }

    func stepEmissionsKg(_ x: [Double], into e: inout [Double]) {
        for (f, block) in boilers {
            for t in e.indices { e[t] += f.fuelEmissionFactor * x[block.column(t)] / f.efficiency }
        }
    }
}
