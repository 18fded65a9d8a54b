// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Yams

/// Loads and validates scenarios (SCENARIO.md v2; planning aside).
public enum ScenarioLoader {
    /// Reads the YAML file at `path` and the CSV it names.
    ///
    /// - Throws: ``ScenarioError`` listing every problem found.
    public static func load(path: String, evenSteps: Bool = true) throws(ScenarioError) -> Scenario {
        try ScenarioSource(path: path).load(evenSteps: evenSteps)
    }

    /// Reads a scenario from YAML text; a relative `timeseries` path is
    /// taken from `baseDirectory`.
    public static func load(yaml: String, fileName: String = "scenario.yaml",
                            baseDirectory: String = ".") throws(ScenarioError) -> Scenario {
        var s = try ScenarioSource(yaml: yaml, fileName: fileName, baseDirectory: baseDirectory).load()
        s.sourcePath = nil
        return s
    }
}

/// Names allowed for the scenario and its assets: letters, digits, '-', '_'.
func isValidName(_ s: String) -> Bool {
    // The ASCII letters and digits are exactly the ASCII members of `CharacterSet.alphanumerics`.
    !s.isEmpty && s.utf8.allSatisfy {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
    }
}

/// The largest size of any number a scenario may hold (YAML values and CSV
/// cells): far beyond any site (a petawatt, a quadrillion per kWh), and
/// small enough that sums over a century of steps stay exact enough for
/// GLPK. Larger values are refused at load rather than failing in the solver.
public let saneMagnitude = 1e15

/// Asset names that would collide with the fixed output column prefixes.
public let reservedAssetNames: Set<String> = ["grid", "load", "unserved", "price", "emissions", "ambient"]

/// One pass over the YAML tree: each section read, every problem logged.
final class ScenarioReader {
    let log: ProblemLog
    let baseDirectory: String
    var table: TimeSeriesTable?
    /// Data rows of the CSV inside the horizon.
    var window: Range<Int> = 0..<0
    var steps = 0
    var horizonKnown = false
    var stepHours = 1.0
    /// Whether timestamps must run one step apart over the horizon.
    var checkStepSpacing = true

    let cache: TimeSeriesCache?

    init(log: ProblemLog, baseDirectory: String, cache: TimeSeriesCache? = nil) {
        self.log = log
        self.baseDirectory = baseDirectory
        self.cache = cache
    }

    /// The longest horizon accepted (a century of hourly steps).
    static let maxSteps = 876_600

    /// Steps from one second to one year: shorter or longer ones only make
    /// the LP's coefficients (kW x h) overflow or vanish in GLPK.
    static let stepHoursRange: ClosedRange<Double> = (1.0 / 3600 * (1 - 1e-12))...8760
    static let stepHoursExpected = "a number of hours from 1/3600 (one second) to 8760 (one year)"

    static let topKeys = ["name", "description", "currency", "timeseries", "horizon", "loads", "grid",
                          "assets", "objective", "constraints", "accounting", "unserved_penalty_per_kwh", "planning"]

    func read(_ root: Node) -> Scenario? {
        guard let top = MappingReader(root, path: "", log: log) else { return nil }
        let name = top.string("name", required: true) ?? ""
        if top.has("name"), !isValidName(name) {
            top.problem("name", found: "\"\(name)\"", expected: "letters, digits, '-' and '_' only")
        }
        let description = top.string("description")
        let currency = top.string("currency") ?? "CNY"
        if let ts = top.string("timeseries") {
            let path = PathText.joining(baseDirectory, ts)
            let make = { TimeSeriesTable(path: path, displayName: path, log: self.log, keyPath: "timeseries",
                                         line: top.lineOf("timeseries")) }
            table = cache.map { $0.table(path: path, make: make) } ?? make()
        }
        stepHours = readHorizon(top)
        let (timestamps, months) = readTimestamps()

        var scenario = Scenario(name: name, steps: steps, stepHours: stepHours,
                                electricLoadKW: [], heatLoadKW: nil)
        scenario.description = description
        scenario.currency = currency
        scenario.timestamps = timestamps
        scenario.monthOfStep = months
        readLoads(top, into: &scenario)
        if let g = top.node("grid") { scenario.grid = readGrid(g) }
        if let a = top.node("assets") { scenario.assets = readAssets(a) }
        readObjectiveAndConstraints(top, into: &scenario)
        scenario.unservedPenaltyPerKWh = readUnservedPenalty(top)
        scenario.planning = readPlanning(top, isPlanning: scenario.isPlanning)
        top.rejectUnknownKeys(allowed: Self.topKeys)
        return scenario
    }

    /// `unserved_penalty_per_kwh` (default 1000, >= 0).
    func readUnservedPenalty(_ top: MappingReader) -> Double {
        top.number("unserved_penalty_per_kwh", default: 1000, expected: "a number >= 0", valid: { $0 >= 0 }) ?? 1000
    }

    /// Reads `horizon`, fixing `window` and `steps`; returns `step_hours`.
    private func readHorizon(_ top: MappingReader) -> Double {
        let h = top.node("horizon").flatMap { MappingReader($0, path: "horizon", log: log) }
        let stepHours = h?.number("step_hours", default: 1, expected: Self.stepHoursExpected,
                                  valid: Self.stepHoursRange.contains) ?? 1
        var start = 0
        if let h, let node = h.node("start") {
            start = resolveStart(node, reader: h) ?? 0
        }
        var requested: Int?
        if let h, let node = h.node("steps") {
            if let s = node.scalar, case .int(let v) = ScalarValue(s), v >= 1, v <= Self.maxSteps {
                requested = v
            } else {
                h.problem("steps", found: MappingReader.describe(node),
                          expected: "a whole number from 1 to \(Self.maxSteps)")
            }
        }
        h?.rejectUnknownKeys(allowed: ["start", "steps", "step_hours"])
        if let table {
            let available = table.rows.count - start
            if let requested {
                if requested > available {
                    log.add(ScenarioProblem(file: table.file, keyPath: "horizon.steps",
                                            found: "\(available) rows from row \(start) (\(table.rows.count) data rows in all)",
                                            expected: "at least \(requested) rows for the horizon"))
                    steps = max(0, available)
                } else {
                    steps = requested
                }
            } else {
                steps = max(0, available)
                if available < 1 {
                    log.add(ScenarioProblem(file: table.file, keyPath: "horizon",
                                            found: "no data rows from row \(start)", expected: "at least one row"))
                }
            }
        } else {
            if let requested { steps = requested } else if top.has("timeseries") {
                steps = 0
            } else {
                log.key("horizon.steps", line: top.lineOf("horizon"), found: "nothing (no timeseries file either)",
                        expected: "horizon.steps, required when the scenario has no CSV")
            }
            if start != 0 {
                log.key("horizon.start", line: top.lineOf("horizon"), found: "\(start)",
                        expected: "no start (or 0) without a timeseries file")
            }
        }
        window = start..<(start + steps)
        horizonKnown = table != nil || !top.has("timeseries")
        return stepHours
    }

    /// Row index for `horizon.start`: a 0-based row, or a timestamp cell.
    private func resolveStart(_ node: Node, reader h: MappingReader) -> Int? {
        guard let s = node.scalar else {
            h.problem("start", found: MappingReader.describe(node), expected: "a timestamp or a row index")
            return nil
        }
        switch ScalarValue(s) {
        case .int(let v):
            let rows = table?.rows.count ?? 0
            guard v >= 0, table == nil || v < rows else {
                h.problem("start", found: "\(v)", expected: "a row index in 0..<\(rows)")
                return nil
            }
            return v
        case .string(let text):
            guard let wanted = WallClock(text) else {
                h.problem("start", found: "\"\(text)\"", expected: "an ISO 8601 date-time like 2026-07-01T00:00, or a row index")
                return nil
            }
            guard let table else { return nil }
            guard let clocks = table.wallClocks else {
                h.problem("start", found: "a date-time, but \(table.file) has no timestamp column",
                          expected: "a row index, or a CSV with a timestamp column")
                return nil
            }
            if let r = clocks.firstIndex(where: { $0 == wanted }) { return r }
            h.problem("start", found: "\"\(text)\", which matches no row of \(table.file)",
                      expected: "a wall-clock date-time present in the timestamp column")
            return nil
        default:
            h.problem("start", found: ScalarValue(s).shown, expected: "a timestamp or a whole row index >= 0")
            return nil
        }
    }

    /// Timestamp labels and the calendar month of each step.
    private func readTimestamps() -> ([String]?, [Int]) {
        var months = [Int](repeating: 0, count: steps)
        guard let table, let c = table.index(of: "timestamp"), window.upperBound <= table.rows.count else {
            return (nil, months)
        }
        let labels = table.cells(c, window)
        var monthNumber: [Int: Int] = [:]
        var gaps = StepGaps(stepHours: stepHours)
        for (k, label) in labels.enumerated() {
            guard let wc = table.wallClocks?[window.lowerBound + k] else {
                log.add(ScenarioProblem(file: table.file, line: window.lowerBound + k + 2, column: "timestamp",
                                        found: "\"\(label)\"", expected: "an ISO 8601 date-time"))
                gaps.previous = nil
                continue
            }
            if checkStepSpacing {
                gaps.check(wc, label: label, line: window.lowerBound + k + 2, file: table.file, log: log)
            }
            if monthNumber[wc.monthKey] == nil { monthNumber[wc.monthKey] = monthNumber.count }
            months[k] = monthNumber[wc.monthKey] ?? 0
        }
        gaps.summarise(file: table.file, log: log)
        return (labels, months)
    }
}

/// Checks that the horizon's timestamps run one step apart, in order: a
/// stray, repeated or shuffled row would otherwise invent months (and
/// demand charges) or bend the time axis. The first few offending rows are
/// named, then a count.
struct StepGaps {
    let stepMinutes: Double
    var previous: (clock: WallClock, label: String)?
    var found = 0
    static let named = 5

    init(stepHours: Double) { stepMinutes = stepHours * 60 }

    mutating func check(_ clock: WallClock, label: String, line: Int, file: String, log: ProblemLog) {
        defer { previous = (clock, label) }
        guard let previous else { return }
        let minutes = clock.instantMinutes - previous.clock.instantMinutes
        guard abs(minutes - stepMinutes) > 1e-6 * max(1, stepMinutes) else { return }
        found += 1
        guard found <= Self.named else { return }
        log.add(ScenarioProblem(file: file, line: line, column: "timestamp",
                                found: "\"\(label)\", \(Self.format(minutes)) minutes after the row before (\"\(previous.label)\")",
                                expected: "rows one step (\(Self.format(stepMinutes)) minutes, horizon.step_hours) apart,"
                                    + " in order, with no gap or repeat"))
    }

    func summarise(file: String, log: ProblemLog) {
        guard found > Self.named else { return }
        log.add(ScenarioProblem(file: file, column: "timestamp",
                                found: "\(found - Self.named) more rows not one step after the row before",
                                expected: "rows one step apart, in order"))
    }

    static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }
}
