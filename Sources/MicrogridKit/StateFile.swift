// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Scenario
import Results

/// The state a nightly `microgrid dayahead` job carries from one night to
/// the next (`STATE.json`):
///
/// ```json
/// {
///   "format": "microgrid-dayahead-state/1",
///   "scenario": "battery-plant",
///   "date": "2026-07-06",
///   "next_date": "2026-07-07",
///   "start": {"storage_kwh": {"bess": 2000.0}, "month": "2026-07", "month_peak_import_kw": 4200.0},
///   "end": {"storage_kwh": {"bess": 2213.5}, "month": "2026-07", "month_peak_import_kw": 4385.2},
///   "series_start_kwh": {"bess": 2000.0}
/// }
/// ```
///
/// With flexible loads each point also has `"flexible": {"furnace":
/// {"period_start_step": 24, "delivered_kwh": 1800.0}}`: the first step (on
/// the scenario's horizon) of the period holding the next step and the
/// energy the committed steps delivered in it. The key is optional, so state
/// files written before flexible loads existed still read.
///
/// `date` is the last committed day; `end` the storage levels (kWh, by
/// asset name) and the month-to-date peak import at 24:00 of that day,
/// where the next day starts; `start` the same at 00:00 of that day, so
/// that re-running the same date starts from the same point and gives the
/// same outputs. `series_start_kwh` is the level each storage had when the
/// series of runs began (what `soc_final: cyclic` is measured against).
/// `month` is `YYYY-MM` (null before the first committed step).
public struct DayAheadState: Sendable, Equatable, Codable {
    public static let formatName = "microgrid-dayahead-state/1"

    public struct Point: Sendable, Equatable, Codable {
        public var storageKWh: [String: Double]
        public var month: String?
        public var monthPeakImportKW: Double
        /// nil in state files from before flexible loads.
        public var flexible: [String: FlexibleProgress]?
        enum CodingKeys: String, CodingKey {
            case storageKWh = "storage_kwh", month, monthPeakImportKW = "month_peak_import_kw", flexible
        }
    }

    public var format: String
    public var scenario: String
    public var date: String
    public var start: Point
    public var end: Point
    public var seriesStartKWh: [String: Double]

    enum CodingKeys: String, CodingKey {
        case format, scenario, date, start, end, seriesStartKWh = "series_start_kwh"
    }

    public init(scenario: String, date: CivilDate, start: CarriedState, end: CarriedState) {
        format = Self.formatName
        self.scenario = scenario
        self.date = date.description
        self.start = Point(start)
        self.end = Point(end)
        seriesStartKWh = start.seriesStartKWh
    }

    /// Reads a state file. JSONDecoder parses doubles exactly (the levels
    /// written round-trip bit for bit, which re-runs rely on).
    public init(path: String) throws(StateFileError) {
        let data: Data
        switch JobFiles.read(path) {
        case .success(let bytes): data = Data(bytes)
        case .failure(let error): throw StateFileError(path: path, reason: "cannot read it (\(error.reason))")
        }
        do {
            self = try JSONDecoder().decode(DayAheadState.self, from: data)
        } catch {
            throw StateFileError(path: path, reason: "not a day-ahead state file (\(Self.describe(error)))")
        }
        guard format == Self.formatName else {
            throw StateFileError(path: path, reason: "format \"\(format)\", expected \"\(Self.formatName)\"")
        }
        guard CivilDate(date) != nil else {
            throw StateFileError(path: path, reason: "date \"\(date)\" is not a YYYY-MM-DD date")
        }
        for (what, p) in [("start", start), ("end", end)] {
            for (name, v) in p.storageKWh where !v.isFinite || v < 0 {
                throw StateFileError(path: path, reason: "\(what).storage_kwh.\(name) is \(v), expected a finite level >= 0")
            }
            guard p.monthPeakImportKW.isFinite, p.monthPeakImportKW >= 0, p.monthPeakImportKW <= saneMagnitude else {
                throw StateFileError(path: path, reason: "\(what).month_peak_import_kw is \(p.monthPeakImportKW),"
                                     + " expected a number from 0 to \(saneMagnitude)")
            }
            for (name, f) in p.flexible ?? [:] where !f.deliveredKWh.isFinite || f.deliveredKWh < 0 || f.periodStartStep < 0 {
                throw StateFileError(path: path, reason: "\(what).flexible.\(name) is \(f.periodStartStep), \(f.deliveredKWh) kWh; "
                                     + "expected a step >= 0 and a finite energy >= 0")
            }
        }
        for (name, v) in seriesStartKWh where !v.isFinite || v < 0 {
            throw StateFileError(path: path, reason: "series_start_kwh.\(name) is \(v), expected a finite level >= 0")
        }
    }

    /// The carried state at `start` or `end`.
    public func carried(_ p: Point) -> CarriedState {
        CarriedState(levelsKWh: p.storageKWh, seriesStartKWh: seriesStartKWh, month: p.month,
                     monthPeakKW: p.monthPeakImportKW, flexible: p.flexible ?? [:])
    }

    /// The file's text: keys in a fixed order, names sorted, doubles in
    /// their shortest round-trip form (so equal states give equal bytes).
    public var text: String {
        func levels(_ d: [String: Double]) -> JSONValue {
            .object(d.keys.sorted().map { ($0, .num(d[$0])) })
        }
        func point(_ p: Point) -> JSONValue {
            var fields: [(String, JSONValue)] = [
                ("storage_kwh", levels(p.storageKWh)), ("month", p.month.map { .string($0) } ?? .null),
                ("month_peak_import_kw", .num(p.monthPeakImportKW))]
            if let flexible = p.flexible, !flexible.isEmpty {
                fields.append(("flexible", .object(flexible.keys.sorted().compactMap { name in
                    flexible[name].map { (name, .object([("period_start_step", .int($0.periodStartStep)),
                                                         ("delivered_kwh", .num($0.deliveredKWh))])) }
                })))
            }
            return .object(fields)
        }
        let next = CivilDate(date).map { $0.adding(days: 1).description }
        let json: JSONValue = .object([
            ("format", .string(format)), ("scenario", .string(scenario)), ("date", .string(date)),
            ("next_date", next.map { .string($0) } ?? .null),
            ("start", point(start)), ("end", point(end)), ("series_start_kwh", levels(seriesStartKWh)),
        ])
        return json.serialized() + "\n"
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let c):
            return "missing key \((c.codingPath + [key]).map(\.stringValue).joined(separator: "."))"
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c):
            return "wrong type at \(c.codingPath.map(\.stringValue).joined(separator: ".")): \(c.debugDescription)"
        case DecodingError.dataCorrupted(let c):
            return "invalid JSON: \(c.debugDescription)"
        default:
            return "\(error)"
        }
    }
}

extension CarriedState {
    /// Relative slack within which a carried level outside its storage's
    /// `[soc_min, soc_max] x energy_kwh` is taken as rounding and clamped.
    static let levelTolerance = 1e-6

    /// The state with every storage level (and series start) checked against
    /// the scenario's bounds: a level within a tiny tolerance outside them is
    /// clamped (and `note`d); one further out is an error naming the state
    /// file, the storage and the bounds: the job must not start from an
    /// impossible level and report it as its start.
    func checkedLevels(of storages: [Storage], statePath: String,
                       note: (String) -> Void) -> Result<CarriedState, StateFileError> {
        var checked = self
        for s in storages {
            let low = s.socMin * s.energyKWh, high = max(s.socMin, s.socMax) * s.energyKWh
            let slack = Self.levelTolerance * max(1, s.energyKWh)
            for (what, value) in [("level", levelsKWh[s.name]), ("series start", seriesStartKWh[s.name])] {
                guard let v = value, v < low || v > high else { continue }
                guard v >= low - slack, v <= high + slack else {
                    return .failure(StateFileError(path: statePath, reason: "storage \(s.name) \(what) \(v) kWh lies"
                        + " outside [\(low), \(high)] kWh (soc_min..soc_max of its \(s.energyKWh) kWh); fix or remove the"
                        + " state file"))
                }
                let clamped = min(max(v, low), high)
                note("warning: \(statePath): storage \(s.name) \(what) \(v) kWh clamped to \(clamped) kWh (rounding)")
                if what == "level" { checked.levelsKWh[s.name] = clamped } else { checked.seriesStartKWh[s.name] = clamped }
            }
        }
        return .success(checked)
    }
}

extension DayAheadState.Point {
    init(_ c: CarriedState) {
        storageKWh = c.levelsKWh
        month = c.month
        monthPeakImportKW = c.monthPeakKW
        flexible = c.flexible.isEmpty ? nil : c.flexible
    }
}

/// A state file that cannot be used.
public struct StateFileError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "state file \(path): \(reason)" }
}
