// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Scenario

/// How a report labels a wall-clock time (the plant's local time as the
/// input wrote it; the offset is not applied). The timestamps are read by
/// ``WallClock``, the same parser the scenario loader and the day-ahead job use.
extension WallClock {
    static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    var weekdayName: String { WallClock.weekdayNames[weekday] }
    var monthName: String { (1...12).contains(month) ? WallClock.monthNames[month - 1] : "?" }
    var date: String { String(format: "%04d-%02d-%02d", year, month, day) }
    var shortDate: String { "\(day) \(monthName)" }
    var clock: String { String(format: "%02d:%02d", hour, minute) }
}

/// One time-axis tick: where (a point index, the start of that point's
/// interval) and up to two label lines.
struct TimeTick {
    var index: Int
    var lines: [String]
}

/// The x axis of a time chart: `count` points of `hoursPerPoint` each, with
/// the wall-clock start of each point when timestamps are known.
struct Timeline {
    var count: Int
    var hoursPerPoint: Double
    var starts: [WallClock]?
    /// Hours from the horizon's start to the first point (for numbering
    /// without timestamps).
    var offsetHours: Double = 0

    var spanHours: Double { Double(count) * hoursPerPoint }

    /// What the tick labels are, for the axis note.
    var axisNote: String {
        if starts == nil { return hoursPerPoint >= 24 || spanHours > 48 ? "day of the horizon" : "hours from the start" }
        if spanHours <= 36 { return "local time" }
        return spanHours <= 24 * 62 ? "date (local)" : "month"
    }

    /// Ticks a reader can take in: hours for a day, days for a week,
    /// weeks for a month, months for a year.
    func ticks() -> [TimeTick] {
        guard let starts, starts.count == count, count > 0 else { return numericTicks() }
        let span = spanHours
        var out: [TimeTick] = []
        var lastDay: Int?
        for (i, w) in starts.enumerated() {
            let firstOfDay = w.dayNumber != lastDay
            defer { lastDay = w.dayNumber }
            if span <= 36 {
                let every = span <= 24 ? 3 : 6
                guard w.minute == 0, w.hour % every == 0 else { continue }
                out.append(TimeTick(index: i, lines: firstOfDay || out.isEmpty ? [w.clock, w.shortDate] : [w.clock]))
            } else if span <= 24 * 16 {
                guard firstOfDay else { continue }
                let every = span <= 24 * 9 ? 1 : 2
                guard w.dayNumber % every == 0 || every == 1 else { continue }
                out.append(TimeTick(index: i, lines: [w.weekdayName, w.shortDate]))
            } else if span <= 24 * 62 {
                guard firstOfDay, ((w.dayNumber % 7) + 7) % 7 == 4 else { continue }  // Mondays
                out.append(TimeTick(index: i, lines: [w.shortDate, "Mon"]))
            } else {
                guard firstOfDay, w.day == 1 || (out.isEmpty && i == 0 && w.day <= 3) else { continue }
                out.append(TimeTick(index: i, lines: w.month == 1 || out.isEmpty ? [w.monthName, String(w.year)] : [w.monthName]))
            }
        }
        return out
    }

    /// Ticks in hours from the horizon's start (every 1, 2, 3, 6 or 12 h),
    /// or at day boundaries labelled with the day that begins there
    /// ("day 1" at the start).
    private func numericTicks() -> [TimeTick] {
        let inDays = hoursPerPoint >= 24 || spanHours > 48
        let unit = inDays ? 24.0 : 1.0
        let a = offsetHours / unit, b = (offsetHours + spanHours) / unit
        var values: [Double]
        if inDays {
            values = NiceScale(a, b, ticks: 8, includeZero: false).ticks.filter { $0 == $0.rounded() }
        } else {
            let every = [1.0, 2, 3, 6, 12, 24].first { (b - a) / $0 <= 10 } ?? 24
            values = stride(from: ceil(a / every) * every, through: b + 1e-9, by: every).map { $0 }
        }
        values = values.filter { $0 >= a - 1e-9 && $0 <= b + 1e-9 }
        return values.compactMap { v in
            let i = Int(((v * unit - offsetHours) / hoursPerPoint).rounded())
            guard i >= 0, i <= count else { return nil }
            return TimeTick(index: i, lines: [inDays ? "day \(fmt(v + 1, 0))" : "\(fmt(v, 0)) h"])
        }
    }
}

/// Groups consecutive steps into days or calendar months.
struct Grouping {
    /// Step ranges, one per group.
    var ranges: [Range<Int>]
    /// The wall-clock start of each group, when timestamps are known.
    var starts: [WallClock]?
    var labels: [String]

    /// Calendar days by the timestamps, else blocks of 24 hours.
    static func days(steps: Int, stepHours: Double, times: [WallClock]?) -> Grouping {
        if let times {
            return by(times) { $0.dayNumber } label: { $0.date }
        }
        let per = max(1, Int((24 / stepHours).rounded()))
        let ranges = stride(from: 0, to: steps, by: per).map { $0..<min(steps, $0 + per) }
        return Grouping(ranges: ranges, starts: nil, labels: ranges.indices.map { "day \($0 + 1)" })
    }

    /// Calendar months by the timestamps, else blocks of 730 hours.
    static func months(steps: Int, stepHours: Double, times: [WallClock]?) -> Grouping {
        if let times {
            return by(times) { $0.year * 12 + $0.month } label: { "\($0.monthName) \($0.year)" }
        }
        let per = max(1, Int((730 / stepHours).rounded()))
        let ranges = stride(from: 0, to: steps, by: per).map { $0..<min(steps, $0 + per) }
        return Grouping(ranges: ranges, starts: nil, labels: ranges.indices.map { "month \($0 + 1)" })
    }

    private static func by(_ times: [WallClock], key: (WallClock) -> Int, label: (WallClock) -> String) -> Grouping {
        guard !times.isEmpty else { return Grouping(ranges: [], starts: [], labels: []) }
        var ranges: [Range<Int>] = []
        var starts: [WallClock] = []
        var begin = 0
        for t in 1...times.count where t == times.count || key(times[t]) != key(times[begin]) {
            ranges.append(begin..<t)
            starts.append(times[begin])
            begin = t
        }
        return Grouping(ranges: ranges, starts: starts, labels: starts.map(label))
    }

    /// Energy per group: Σ v Δ (kWh when `v` is in kW).
    func sums(_ v: [Double], stepHours: Double) -> [Double] {
        ranges.map { r in r.reduce(0) { $0 + v[$1] } * stepHours }
    }

    /// Minimum, mean and maximum per group.
    func stats(_ v: [Double]) -> (min: [Double], mean: [Double], max: [Double]) {
        var lo: [Double] = [], mean: [Double] = [], hi: [Double] = []
        for r in ranges {
            let slice = v[r]
            lo.append(slice.min() ?? 0)
            hi.append(slice.max() ?? 0)
            mean.append(slice.reduce(0, +) / Double(max(1, slice.count)))
        }
        return (lo, mean, hi)
    }
}
