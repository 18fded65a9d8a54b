// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import MicrogridKit
import Scenario
import Testing

/// The day-ahead state file (STATE.json): round trips, old files, dates.
@Suite("Day-ahead state files")
struct StateFileTests {
    @Test("a state file from before flexible loads still reads; flexible progress round-trips")
    func oldStateReadable() throws {
        let old = """
            {"format": "microgrid-dayahead-state/1", "scenario": "x", "date": "2026-07-06", "next_date": "2026-07-07",
             "start": {"storage_kwh": {"bess": 2000}, "month": "2026-07", "month_peak_import_kw": 4200},
             "end": {"storage_kwh": {"bess": 2213.5}, "month": "2026-07", "month_peak_import_kw": 4385.2},
             "series_start_kwh": {"bess": 2000}}
            """
        let dir = temporaryDirectory("state")
        try JobFiles.write(old, to: dir + "/old.json")
        let state = try DayAheadState(path: dir + "/old.json")
        #expect(state.end.flexible == nil && state.carried(state.end).flexible.isEmpty)
        #expect(state.carried(state.end).levelsKWh["bess"] == 2213.5)
        var end = state.carried(state.end)
        end.flexible = ["furnace": FlexibleProgress(periodStartStep: 144, deliveredKWh: 1234.5678901234567)]
        let next = DayAheadState(scenario: "x", date: try #require(CivilDate("2026-07-07")), start: state.carried(state.end), end: end)
        try JobFiles.write(next.text, to: dir + "/new.json")
        let back = try DayAheadState(path: dir + "/new.json")
        #expect(back == next && back.carried(back.end).flexible == end.flexible)
        #expect(next.text.contains("\"period_start_step\": 144"))
        try JobFiles.write(next.text.replacingOccurrences(of: "1234.5678901234567", with: "-1"), to: dir + "/bad.json")
        #expect(throws: StateFileError.self) { try DayAheadState(path: dir + "/bad.json") }
    }

    @Test("state files round-trip levels bit for bit; dates")
    func stateRoundTrip() throws {
        var start = CarriedState(levelsKWh: [:], seriesStartKWh: [:], month: nil, monthPeakKW: 0)
        var end = start
        for k in 0..<50 {
            start.levelsKWh["s\(k)"] = Double.random(in: 0...5000)
            start.seriesStartKWh["s\(k)"] = Double.random(in: 0...1) / 3
            end.levelsKWh["s\(k)"] = Double.random(in: 0...1e-6)
        }
        end.seriesStartKWh = start.seriesStartKWh   // carried unchanged from night to night
        end.month = "2026-02"
        end.monthPeakKW = Double.random(in: 0...9000)
        let state = DayAheadState(scenario: "x", date: try #require(CivilDate("2026-02-28")), start: start, end: end)
        let path = temporaryDirectory("state") + "/s.json"
        try JobFiles.write(state.text, to: path)
        let back = try DayAheadState(path: path)
        #expect(back == state)
        #expect(back.carried(back.end) == end && back.carried(back.start) == start)
        #expect(state.text.contains("\"next_date\": \"2026-03-01\""))

        #expect(FNV1a.hex("") == "cbf29ce484222325" && FNV1a.hex("a") == "af63dc4c8601ec8c")
        #expect(CivilDate("2024-02-29")?.adding(days: 1).description == "2024-03-01")
        #expect(CivilDate("2026-12-31")?.adding(days: 1).description == "2027-01-01")
        #expect(CivilDate("2026-03-01")?.adding(days: -1).description == "2026-02-28")
        #expect(CivilDate("2026-02-29") == nil && CivilDate("2026-7-6") == nil && CivilDate("") == nil)
        #expect(CivilDate(dateOf: "2026-07-06T00:00:00+08:00") == CivilDate("2026-07-06"))
    }
}
