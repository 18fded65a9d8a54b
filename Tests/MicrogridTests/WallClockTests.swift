// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import MicrogridKit
import Report
import Scenario
import Testing

/// One parser (`WallClock`) reads timestamps for the scenario loader, the
/// day-ahead job and the report; before, each had its own rules (the
/// day-ahead job took `T24:00` as the next midnight and ignored trailing
/// text, the report read a malformed time as 00:00).
@Suite("One wall clock for the loader, the day-ahead job and the report")
struct WallClockTests {
    /// Spellings of 2026-07-06 01:00 that must be read as that time, and
    /// malformed ones that must be refused.
    static let accepted = ["2026-07-06 01:00", "2026-07-06T01:00:00", "2026-07-06T01:00:00.000",
                           "2026-07-06T01:00Z", "2026-07-06T01:00+00:00"]
    static let refused = ["2026-07-06T24:00", "2026-07-06T01:00junk", "2026-07-06T1:00", "2026-07-06T01:60",
                          "2026-07-06T01", "2026-07-06X01:00", "2026-02-30T01:00"]

    @Test("WallClock: 2026-07-06T01:30:30+08:00 is day 20640, a Monday, 29,721,691.5 wall minutes, 8 h later than its instant")
    func fields() throws {
        let c = try #require(WallClock("2026-07-06T01:30:30+08:00"))
        #expect(c.dayNumber == 20640 && c.weekday == 0)
        #expect(c.wallMinutes == 20640 * 1440 + 90.5 && c.wallMinutes - c.instantMinutes == 480)
        #expect(WallClock("1969-12-29")?.weekday == 0 && WallClock("1970-01-01")?.weekday == 3)
    }

    @Test("the loader, the day-ahead job and the report agree on each odd timestamp",
          arguments: accepted.map { ($0, true) } + refused.map { ($0, false) })
    func callSitesAgree(_ text: String, _ valid: Bool) throws {
        #expect((WallClock(text) != nil) == valid)
        let dir = temporaryDirectory("wallclock")
        var rows = (0..<48).map { String(format: "2026-07-%02dT%02d:00,5", 6 + $0 / 24, $0 % 24) }
        rows[1] = text + ",5"
        try (["timestamp,load"] + rows).joined(separator: "\n").write(toFile: dir + "/p.csv", atomically: true, encoding: .utf8)
        let yaml = "name: d\ntimeseries: p.csv\nloads: {electricity: load}\ngrid: {import_price: 1}\n"
        try yaml.write(toFile: dir + "/s.yaml", atomically: true, encoding: .utf8)

        // The loader.
        let loaded = try? ScenarioLoader.load(path: dir + "/s.yaml")
        #expect((loaded != nil) == valid, "loader on \(text)")

        // The day-ahead job.
        let options = DayAheadOptions(scenarioPath: dir + "/s.yaml", date: "2026-07-06", statePath: dir + "/state.json",
                                      outDirectory: dir + "/day", lookaheadHours: 0)
        let day = DayAheadJob.run(options) { _ in }
        #expect((day.status == .success) == valid, "dayahead on \(text): \(day.status)")

        // The report: a solve of the clean rows, with the odd cell put into its schedule.csv.
        var clean = rows
        clean[1] = "2026-07-06T01:00,5"
        try (["timestamp,load"] + clean).joined(separator: "\n").write(toFile: dir + "/p.csv", atomically: true, encoding: .utf8)
        let run = try SolveRun(scenario: ScenarioLoader.load(path: dir + "/s.yaml"))
        try run.writeOutputs(to: dir + "/solve")
        let schedulePath = dir + "/solve/schedule.csv"
        let schedule = try String(contentsOfFile: schedulePath, encoding: .utf8)
        #expect(schedule.contains("\n2026-07-06T01:00,"))
        try schedule.replacingOccurrences(of: "\n2026-07-06T01:00,", with: "\n\(text),")
            .write(toFile: schedulePath, atomically: true, encoding: .utf8)
        let html = try HTMLReport.html(directory: dir + "/solve")
        #expect(html.contains("(local time of the input)") == valid, "report on \(text)")
    }
}
