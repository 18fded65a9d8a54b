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
            let dt = b.dt, e = s.energyKWh
            let ch = b.addSeries("\(s.name).charge", upper: { _ in s.chargeKW })
            let dis = b.addSeries("\(s.name).discharge", upper: { _ in s.dischargeKW },
                                  cost: { _ in thermal ? 0 : dt * s.cycleCostPerKWh })
            let soc = b.lp.addColumns("\(s.name).soc", count: b.steps, lower: s.socMin * e, upper: s.socMax * e)
            b.familyColumns[.storageBounds, default: []].append(contentsOf: soc.range)
            let carrier: Carrier = thermal ? .heat : .electricity
            b.feed(carrier, dis)
            b.draw(carrier, ch)
            Self.addDynamics(s, ch: ch, dis: dis, soc: soc, &b)
            out.append(Unit(storage: s, charge: ch, discharge: dis, soc: soc))
        }
        units = out
    }

    private static func addDynamics(_ s: Storage, ch: ColumnBlock, dis: ColumnBlock, soc: ColumnBlock,
                             _ b: inout ModelBuilder) {
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
        let last = soc.column(b.steps - 1)
        switch s.socFinal {
        case .cyclic:
            let soc0 = b.lp.addColumns("\(s.name).soc_start", count: 1, lower: s.socMin * e, upper: s.socMax * e)
            b.familyColumns[.storageBounds, default: []].append(soc0.start)
            b.lp.add(row: rows.row(0), column: soc0.start, -keep)
            let end = b.lp.addRows("\(s.name).end", count: 1, lower: 0, upper: 0)
            b.lp.add(row: end.start, column: last, 1)
            b.lp.add(row: end.start, column: soc0.start, -1)
            b.familyRows[.storageEndCondition, default: []].append(end.start)
        case .free, .atLeastInitial, .atLeast:
            let initial = keep * s.socInitial * e
            b.lp.setRowBounds(rows.row(0), lower: initial, upper: initial)
            let floor: Double? = switch s.socFinal {
            case .atLeastInitial: s.socInitial * e
            case .atLeast(let f): f * e
            default: nil
            }
            if let floor {
                let end = b.lp.addRows("\(s.name).end", count: 1, lower: floor, upper: .infinity)
                b.lp.add(row: end.start, column: last, 1)
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
