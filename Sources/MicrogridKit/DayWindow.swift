// SPDX-License-Identifier: GPL-3.0-or-later
import Scenario

/// The rows of a scenario that a day-ahead run optimises.
struct DayWindow {
    /// Steps of the scenario: the day, then the lookahead.
    var range: Range<Int>
    var daySteps: Int
    var firstLabel: String
    var lastDayLabel: String

    /// Finds the day's first row (the date at 00:00) and checks that the
    /// day and the lookahead are all there, one step apart each.
    static func locate(date: CivilDate, lookaheadHours: Double, in s: Scenario,
                       path: String) -> Result<DayWindow, DayAheadJob.Problem> {
        func fail(_ status: ExitStatus, _ text: String) -> Result<DayWindow, DayAheadJob.Problem> {
            .failure(DayAheadJob.Problem(status: status, message: text))
        }
        guard let ts = s.timestamps, !ts.isEmpty else {
            return fail(.invalidInput, "\(path): dayahead needs a time series with a timestamp column to find dates in")
        }
        let perDay = 24 / s.stepHours
        guard perDay >= 1, abs(perDay - perDay.rounded()) < 1e-9 else {
            return fail(.invalidInput, "\(path): horizon.step_hours \(s.stepHours) does not divide a day of 24 hours")
        }
        let daySteps = Int(perDay.rounded())
        let look = lookaheadHours / s.stepHours
        guard abs(look - look.rounded()) < 1e-9 else {
            return fail(.badCommandLine, "--lookahead-hours \(lookaheadHours) is not a whole number of \(s.stepHours)-hour steps")
        }
        let windowSteps = daySteps + Int(look.rounded())
        guard let first = ts.firstIndex(where: { CivilDate(dateOf: $0) == date }) else {
            let span = "\(ts.first ?? "?") to \(ts.last ?? "?")"
            return fail(.forecastMissing, "\(path): no row of the time series falls on \(date) (its rows run from \(span))")
        }
        let midnight = Double(date.dayNumber) * 1440
        guard let m0 = WallClock(ts[first])?.wallMinutes else {
            return fail(.invalidInput, "\(path): timestamp \"\(ts[first])\" is not an ISO 8601 date-time")
        }
        guard abs(m0 - midnight) < 1e-6 else {
            return fail(.forecastMissing, "\(path): the first row of \(date) is \(ts[first]); the rows from \(date)T00:00 are missing")
        }
        let available = ts.count - first
        guard available >= windowSteps else {
            return fail(.forecastMissing, "\(path): the window of \(date) needs \(windowSteps) rows from \(ts[first])"
                        + " (24 h + \(DayAheadJob.format(lookaheadHours)) h of lookahead); the scenario's horizon has \(available)"
                        + " from there, through \(ts.last ?? "?") (add the forecasts to the time series, drop or extend"
                        + " horizon.steps, or lower --lookahead-hours)")
        }
        let stepMinutes = s.stepHours * 60
        var previous = m0
        for k in (first + 1)..<(first + windowSteps) {
            guard let m = WallClock(ts[k])?.wallMinutes else {
                return fail(.invalidInput, "\(path): timestamp \"\(ts[k])\" is not an ISO 8601 date-time")
            }
            guard abs(m - previous - stepMinutes) < 1e-6 else {
                return fail(.forecastMissing, "\(path): rows missing in the window of \(date): \(ts[k - 1]) is followed by"
                            + " \(ts[k]), expected steps of \(DayAheadJob.format(stepMinutes)) minutes")
            }
            previous = m
        }
        return .success(DayWindow(range: first..<(first + windowSteps), daySteps: daySteps,
                                  firstLabel: ts[first], lastDayLabel: ts[first + daySteps - 1]))
    }
}
