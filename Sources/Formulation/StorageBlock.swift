// SPDX-License-Identifier: GPL-3.0-or-later
import LP
import Scenario

/// Batteries (electricity) and thermal storage (heat), which share one model.
///
/// Variables per step: `ch[t] <= charge_kw`, `dis[t] <= discharge_kw` (kW),
/// `soc[t]` (kWh, end of step) in `[soc_min*E, soc_max*E]` (family
/// `storage bounds`). Dynamics, one equality per step:
///
///     soc[t] = (1 - λΔ) soc[t-1] + ηc ch[t] Δ - dis[t] Δ / ηd
///
/// with `soc[-1] = soc_initial*E`, or with `cyclic` an extra variable
/// `soc0` in `[soc_min*E, soc_max*E]` and `soc[T-1] = soc0`. End condition
/// (family `storage end condition`) on `soc[T-1]`: `>= soc_initial*E`
/// (`at_least_initial`), `>= f*E` (a number), none (`free`).
/// A battery adds `dis - ch` to the electricity balance and costs
/// `Δ * cycle_cost_per_kwh * dis`; thermal storage adds `dis - ch` to the heat
/// balance. Schedule: `<name>.charge_kw`, `.discharge_kw`, `.soc_kwh`.
///
/// With an `invest` block `E` is the total energy `energy_kwh + new_e` and
/// both powers gain `new_p` (see ``Capacity``): the bounds above become rows
/// (`ch[t] - new_p <= charge_kw`, `soc[t] - soc_max·new_e <= soc_max·energy_kwh`,
/// ...), the first dynamics row carries `-(1-λΔ)·soc_initial·new_e` on its
/// left, and the end rows `soc[T-1] - f·new_e >= f·energy_kwh`. With
/// `duration_hours` the new power is tied: `new_p = new_e / duration_hours`.
struct StorageBlock: AssetBlock {
    struct Unit: Sendable {
        let storage: Storage
        let charge: ColumnBlock
        let discharge: ColumnBlock
        let soc: ColumnBlock
    }
    let units: [Unit]

    init(_ storages: [Storage], thermal: Bool, _ b: inout ModelBuilder) {
        var out: [Unit] = []
        for s in storages {
            let dt = b.dt
            let energy = b.addCapacity(s.name, energy: true, existing: s.energyKWh, invest: s.invest?.energy)
            let power: Capacity
            if let inv = s.invest, let hours = inv.durationHours {
                power = b.addTiedCapacity(s.name, existing: s.chargeKW, energy: energy, hours: hours, invest: inv.power)
            } else {
                power = b.addCapacity(s.name, existing: s.chargeKW, invest: s.invest?.power)
            }
            let ch = b.addSeries("\(s.name).charge", upper: { _ in 0 })
            b.limit(ch, by: power, upper: { _ in 1 })
            let dis = b.addSeries("\(s.name).discharge", upper: { _ in 0 },
                                  cost: { _ in thermal ? 0 : dt * s.cycleCostPerKWh })
            b.limit(dis, by: power.over(existing: s.dischargeKW), upper: { _ in 1 })
            let soc = b.lp.addColumns("\(s.name).soc", count: b.steps)
            Self.limitLevel(soc, s, energy, &b)
            let carrier: Carrier = thermal ? .heat : .electricity
            b.feed(carrier, dis)
            b.draw(carrier, ch)
            Self.addDynamics(s, energy, ch: ch, dis: dis, soc: soc, &b)
            out.append(Unit(storage: s, charge: ch, discharge: dis, soc: soc))
        }
        units = out
    }

    /// `soc_min·E <= level <= soc_max·E` (family `storage bounds`).
    private static func limitLevel(_ level: ColumnBlock, _ s: Storage, _ energy: Capacity, _ b: inout ModelBuilder) {
        let rows = b.limit(level, by: energy, upper: { _ in s.socMax }, lower: s.socMin > 0 ? { _ in s.socMin } : nil)
        b.familyColumns[.storageBounds, default: []].append(contentsOf: level.range)
        if !rows.isEmpty { b.familyRows[.storageBounds, default: []].append(contentsOf: rows) }
    }

    private static func addDynamics(_ s: Storage, _ energy: Capacity, ch: ColumnBlock, dis: ColumnBlock,
                                    soc: ColumnBlock, _ b: inout ModelBuilder) {
        let dt = b.dt, e = s.energyKWh
        let keep = 1 - s.lossPerHour * dt
        let rows = b.lp.addRows("\(s.name).dynamics", count: b.steps, lower: 0, upper: 0)
        b.lp.reserveEntries(4 * b.steps)
        for t in 0..<b.steps {
            let r = rows.row(t)
            b.lp.add(row: r, column: soc.column(t), 1)
            if t > 0 { b.lp.add(row: r, column: soc.column(t - 1), -keep) }
            b.lp.add(row: r, column: ch.column(t), -s.chargeEfficiency * dt)
            b.lp.add(row: r, column: dis.column(t), dt / s.dischargeEfficiency)
        }
        let lastStep = b.steps - 1, last = soc.column(lastStep)
        switch s.socFinal {
        case .cyclic:
            let soc0 = b.lp.addColumns("\(s.name).soc_start", count: 1)
            limitLevel(soc0, s, energy, &b)
            b.lp.add(row: rows.row(0), column: soc0.start, -keep)
            let end = b.lp.addRows("\(s.name).end", count: 1, lower: 0, upper: 0)
            b.lp.add(row: end.start, column: last, 1)
            b.lp.add(row: end.start, column: soc0.start, -1)
            b.familyRows[.storageEndCondition, default: []].append(end.start)
        case .free, .atLeastInitial, .atLeast:
            let initial = keep * s.socInitial * e
            b.lp.setRowBounds(rows.row(0), lower: initial, upper: initial)
            if let c = energy.column(atStep: 0), s.socInitial != 0 {
                b.lp.add(row: rows.row(0), column: c, -keep * s.socInitial)
            }
            let fraction: Double? = switch s.socFinal {
            case .atLeastInitial: s.socInitial
            case .atLeast(let f): f
            default: nil
            }
            if let fraction {
                let end = b.lp.addRows("\(s.name).end", count: 1, lower: fraction * e, upper: .infinity)
                b.lp.add(row: end.start, column: last, 1)
                if let c = energy.column(atStep: lastStep), fraction != 0 {
                    b.lp.add(row: end.start, column: c, -fraction)
                }
                b.familyRows[.storageEndCondition, default: []].append(end.start)
            }
        }
    }

    func scheduleColumns(_ x: [Double]) -> [String: [ScheduleColumn]] {
        var cols: [String: [ScheduleColumn]] = [:]
        for u in units {
            let n = u.storage.name
            cols[n] = [ScheduleColumn("\(n).charge_kw", values(u.charge, x)),
                       ScheduleColumn("\(n).discharge_kw", values(u.discharge, x)),
                       ScheduleColumn("\(n).soc_kwh", values(u.soc, x))]
        }
        return cols
    }
}
