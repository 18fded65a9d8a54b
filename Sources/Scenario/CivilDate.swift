// SPDX-License-Identifier: GPL-3.0-or-later

/// A wall-clock calendar date, as written in a timestamp cell (offsets ignored).
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int, month: Int, day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Self.daysIn(year: year, month: month)).contains(day) else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    /// Exactly `YYYY-MM-DD` (a real calendar date).
    public init?(_ text: String) {
        let u = Array(text.utf8)
        guard u.count == 10 else { return nil }
        self.init(dateOf: text)
    }

    /// The date at the start of an ISO 8601 timestamp `YYYY-MM-DD[T…]`.
    public init?(dateOf timestamp: String) {
        self.init(isoDate: Array(timestamp.utf8.drop { $0 == 32 || $0 == 9 }.prefix(10))[...])
    }

    /// The date written `YYYY-MM-DD` in exactly these ten bytes.
    init?(isoDate bytes: ArraySlice<UInt8>) {
        let u = bytes.startIndex
        func num(_ from: Int, _ len: Int) -> Int? {
            guard from + len <= bytes.count else { return nil }
            var v = 0
            for k in (u + from)..<(u + from + len) {
                guard bytes[k] >= 48, bytes[k] <= 57 else { return nil }
                v = v * 10 + Int(bytes[k] - 48)
            }
            return v
        }
        guard bytes.count == 10, bytes[u + 4] == 45, bytes[u + 7] == 45, let y = num(0, 4), let m = num(5, 2),
              let d = num(8, 2) else {
            return nil
        }
        self.init(year: y, month: m, day: d)
    }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public func adding(days n: Int) -> CivilDate {
        let z = dayNumber + n + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return CivilDate(year: y, month: m, day: d) ?? self
    }

    public var description: String {
        func pad(_ v: Int, _ n: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, n - s.count)) + s }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// `YYYY-MM`.
    public var monthLabel: String { String(description.prefix(7)) }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.dayNumber < b.dayNumber }
}
