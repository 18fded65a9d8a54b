// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Scenario

extension DayAheadJob {
    /// A reason to stop before solving, with its status.
    struct Problem: Error {
        var status: ExitStatus
        var message: String
    }

    /// The carried state the date starts from: the state file's `end` (the
    /// previous day's), its `start` when re-running the date it last
    /// committed, or the scenario's own levels when there is no state file.
    static func startingState(_ o: DayAheadOptions, date: CivilDate, full: Scenario,
                              note: (String) -> Void) -> Result<CarriedState, Problem> {
        let initial = CarriedState(initialOf: full)
        let storages = full.assets.compactMap(\.storage)
        guard FileManager.default.fileExists(atPath: o.statePath) else {
            let levels = storages.map { "\($0.name) \(format(initial.levelsKWh[$0.name] ?? 0)) kWh" }
            note("no state file at \(o.statePath): starting from the scenario's levels"
                 + (levels.isEmpty ? "" : " (\(levels.joined(separator: ", ")))")
                 + " and its demand_peak_so_far_kw; the state file will be created")
            return .success(initial)
        }
        let state: DayAheadState
        do { state = try DayAheadState(path: o.statePath) } catch {
            return .failure(Problem(status: .invalidInput, message: error.description))
        }
        guard state.scenario == full.name else {
            return .failure(Problem(status: .invalidInput, message:
                "state file \(o.statePath) belongs to scenario \"\(state.scenario)\", not \"\(full.name)\": use another --state"))
        }
        guard let last = CivilDate(state.date) else {
            return .failure(Problem(status: .invalidInput, message: "state file \(o.statePath): unreadable date"))
        }
        var carried: CarriedState
        let gap = date.dayNumber - last.dayNumber
        if gap == 0 {
            note("re-running \(date): starting from the state that \(date) started from (\(o.statePath) start)")
            carried = state.carried(state.start)
        } else if gap == 1 {
            carried = state.carried(state.end)
        } else if gap > 1 {
            note("warning: \(o.statePath) ends on \(state.date), \(gap - 1) day\(gap == 2 ? "" : "s") before \(date):"
                 + " carrying its storage levels across the gap (not flexible loads' progress: the gap's draw is unknown)")
            carried = state.carried(state.end)
            carried.flexible = [:]
        } else {
            return .failure(Problem(status: .invalidInput, message:
                "state file \(o.statePath) has already committed \(state.date), after \(date): running an earlier"
                + " date would move the state backwards; use another --state (or remove it to start afresh)"))
        }
        for s in storages where carried.levelsKWh[s.name] == nil {
            note("warning: \(o.statePath) has no level for storage \(s.name): starting it from the scenario's soc_initial")
            carried.levelsKWh[s.name] = initial.levelsKWh[s.name]
        }
        for s in storages where carried.seriesStartKWh[s.name] == nil {
            carried.seriesStartKWh[s.name] = initial.seriesStartKWh[s.name]
        }
        let known = Set(storages.map(\.name))
        let extra = carried.levelsKWh.keys.filter { !known.contains($0) }.sorted()
        if !extra.isEmpty {
            note("warning: \(o.statePath) has levels for \(extra.joined(separator: ", ")), not storages of \(full.name): ignored")
            for name in extra { carried.levelsKWh[name] = nil; carried.seriesStartKWh[name] = nil }
        }
        for name in Array(carried.seriesStartKWh.keys) where !known.contains(name) { carried.seriesStartKWh[name] = nil }
        return carried.checkedLevels(of: storages, statePath: o.statePath, note: note)
            .mapError { Problem(status: .invalidInput, message: $0.description) }
    }

    static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(format: "%.1f", v)
    }
}
