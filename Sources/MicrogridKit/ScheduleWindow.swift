// SPDX-License-Identifier: GPL-3.0-or-later
import Formulation
import Scenario

extension Schedule {
    /// Steps `r` of this schedule (clamped to its steps).
    public func window(_ r: Range<Int>) -> Schedule {
        let r = r.clamped(to: 0..<steps)
        var out = Schedule(steps: r.count, timestamps: timestamps.map { Scenario.slice($0, r) })
        for c in columns { out.append(ScheduleColumn(c.name, Scenario.slice(c.values, r))) }
        return out
    }

    /// The schedules one after another, with the columns of the first (a
    /// column missing from a later part is filled with zeros there).
    /// Timestamps are kept when every part has them.
    public static func concatenating(_ parts: [Schedule]) -> Schedule {
        let total = parts.reduce(0) { $0 + $1.steps }
        let labels: [String]? = parts.allSatisfy({ $0.timestamps != nil })
            ? parts.flatMap { Scenario.slice($0.timestamps ?? [], 0..<$0.steps) } : nil
        var out = Schedule(steps: total, timestamps: labels)
        guard let first = parts.first else { return out }
        for c in first.columns {
            var values: [Double] = []
            values.reserveCapacity(total)
            for p in parts { values.append(contentsOf: Scenario.slice(p.values(c.name), 0..<p.steps)) }
            out.append(ScheduleColumn(c.name, values))
        }
        return out
    }
}
