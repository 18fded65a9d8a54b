// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// Wall-clock date and time read from an ISO 8601 text. Two clocks are
/// equal when their wall-clock fields are (the offset is not compared);
/// ``instantMinutes`` does use the offset, so steps across a change of
/// offset (daylight saving) measure true time.
public struct WallClock: Equatable, Sendable {
    public var year, month, day, hour, minute: Int
    public var second: Double
    /// The `±HH:MM` offset in minutes (0 for `Z` or none).
    public var offsetMinutes = 0

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Double = 0,
                offsetMinutes: Int = 0) {
        self.year = year; self.month = month; self.day = day; self.hour = hour; self.minute = minute
        self.second = second; self.offsetMinutes = offsetMinutes
    }

    public static func == (a: WallClock, b: WallClock) -> Bool {
        (a.year, a.month, a.day, a.hour, a.minute, a.second) == (b.year, b.month, b.day, b.hour, b.minute, b.second)
    }

    /// Minutes since 1970-01-01T00:00 UTC (wall clock minus offset).
    public var instantMinutes: Double { wallMinutes - Double(offsetMinutes) }

    /// Minutes since 1970-01-01T00:00 of the wall clock as written (the
    /// offset ignored): what "00:00 of a date" means to the day-ahead job.
    public var wallMinutes: Double {
        Double(dayNumber * 1440 + hour * 60 + minute) + second / 60
    }

    /// Days since 1970-01-01 of the wall-clock date.
    public var dayNumber: Int { CivilDate(year: year, month: month, day: day)?.dayNumber ?? 0 }

    /// Day of the week of the wall-clock date: 0 is Monday, 6 Sunday.
    public var weekday: Int { ((dayNumber + 3) % 7 + 7) % 7 }  // 1970-01-01 was a Thursday

    /// Parses `YYYY-MM-DD[T| ]HH:MM[:SS[.fff]][Z|±HH[:MM]]`, or a bare date.
    public init?(_ text: String) {
        // Most cells start and end in a visible ASCII character: nothing to trim.
        let bare = text.utf8.first.map { $0 > 32 && $0 < 128 } == true && text.utf8.last.map { $0 > 32 && $0 < 128 } == true
        let s = Array((bare ? text : text.trimmingCharacters(in: .whitespaces)).utf8)
        func num(_ from: Int, _ len: Int) -> Int? {
            guard from + len <= s.count else { return nil }
            var v = 0
            for k in from..<(from + len) {
                guard s[k] >= 48, s[k] <= 57 else { return nil }
                v = v * 10 + Int(s[k] - 48)
            }
            return v
        }
        // (`s` starts with no space or tab, which CivilDate(dateOf:) would skip.)
        guard let date = CivilDate(isoDate: s.prefix(10)) else { return nil }
        year = date.year; month = date.month; day = date.day; hour = 0; minute = 0; second = 0
        var i = 10
        if i < s.count, s[i] == UInt8(ascii: "T") || s[i] == UInt8(ascii: " ") {
            guard let h = num(i + 1, 2), i + 3 < s.count, s[i + 3] == 58, let mi = num(i + 4, 2),
                  h < 24, mi < 60 else { return nil }
            hour = h; minute = mi; i += 6
            if i < s.count, s[i] == 58 {
                guard let sec = num(i + 1, 2), sec < 61 else { return nil }
                second = Double(sec); i += 3
                if i < s.count, s[i] == UInt8(ascii: ".") {
                    var j = i + 1
                    while j < s.count, s[j] >= 48, s[j] <= 57 { j += 1 }
                    guard j > i + 1, let frac = Double("0" + String(decoding: s[i..<j], as: UTF8.self)) else { return nil }
                    second += frac; i = j
                }
            }
        }
        // Offset, ignored but checked.
        if i < s.count {
            if s[i] == UInt8(ascii: "Z") { i += 1 } else if s[i] == 43 || s[i] == 45 {
                let sign = s[i] == 45 ? -1 : 1
                guard let oh = num(i + 1, 2), oh <= 18 else { return nil }
                i += 3
                if i < s.count, s[i] == 58 { i += 1 }
                var om = 0
                if i < s.count { guard let m = num(i, 2), m < 60 else { return nil }; om = m; i += 2 }
                offsetMinutes = sign * (oh * 60 + om)
            }
        }
        guard i == s.count else { return nil }
    }

    /// Calendar month as one number, for grouping steps by month.
    public var monthKey: Int { year * 12 + month - 1 }
}
