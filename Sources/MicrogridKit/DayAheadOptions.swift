// SPDX-License-Identifier: GPL-3.0-or-later
import Results

/// What a `microgrid dayahead` run is asked to do.
public struct DayAheadOptions: Sendable {
    public var scenarioPath: String
    /// `YYYY-MM-DD`: the day to schedule, from 00:00 wall-clock time.
    public var date: String
    public var statePath: String
    public var outDirectory: String
    /// Hours optimised after the day but not committed.
    public var lookaheadHours: Double

    public init(scenarioPath: String, date: String, statePath: String, outDirectory: String,
                lookaheadHours: Double = 24) {
        self.scenarioPath = scenarioPath; self.date = date; self.statePath = statePath
        self.outDirectory = outDirectory; self.lookaheadHours = lookaheadHours
    }
}

/// The outcome of one day-ahead run.
public struct DayAheadOutcome: Sendable {
    public var status: ExitStatus
    public var date: String
    /// The committed day's objective (results.json `objective`); nil unless optimal.
    public var objective: Double?
    public var seconds: Double
    public var results: DispatchResults?
    /// Files written, in order (schedule.csv, results.json, the state).
    public var written: [String] = []

    public var exitCode: Int32 { status.rawValue }

    /// The run's one-line JSON log record: date, status, objective, seconds
    /// (and the exit code).
    public var logLine: String {
        Self.logLine(date: date, status: status, objective: objective, seconds: seconds)
    }

    public static func logLine(date: String, status: ExitStatus, objective: Double?, seconds: Double) -> String {
        let obj = objective.flatMap { $0.isFinite ? "\($0)" : nil } ?? "null"
        let secs = seconds.isFinite ? "\((seconds * 1000).rounded() / 1000)" : "null"
        return "{\"date\":\(jsonString(date)),\"status\":\"\(status.logWord)\",\"objective\":\(obj),"
            + "\"seconds\":\(secs),\"exit_code\":\(status.rawValue)}"
    }

    static func jsonString(_ s: String) -> String { JSONValue.string(s).serialized() }
}
