// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Formulation
import LP
import MicrogridKit
import Results
import Scenario
import Testing

/// Hourly CSV from `start` (a date at 00:00) for `days` days with a
/// timestamp column: a day-shaped load and PV, a time-of-use price and a
/// grid carbon intensity.
func syntheticCSV(start: CivilDate, days: Int) -> String {
    var out = "timestamp,load,pv,price,ci\n"
    for d in 0..<days {
        let date = start.adding(days: d)
        for h in 0..<24 {
            let load = 400 + (h >= 8 && h < 20 ? 300.0 : 0) + Double((d * 37 + h * 11) % 50)
            let pv = h >= 6 && h < 18 ? sin(Double(h - 6) / 12 * .pi) * (0.6 + 0.1 * Double(d % 3)) : 0
            let price = h >= 8 && h < 11 || h >= 17 && h < 21 ? 1.1 : (h < 7 ? 0.3 : 0.7)
            let hh = h < 10 ? "0\(h)" : "\(h)"
            out += "\(date)T\(hh):00,\(load),\((pv * 1e4).rounded() / 1e4),\(price),\(0.5 + 0.01 * Double(h % 5))\n"
        }
    }
    return out
}

/// A small plant: grid with a demand charge, PV, a battery with the given
/// end condition, a heat pump, a gas boiler and a hot-water tank.
func syntheticYAML(socFinal: String = "at_least_initial", tankFinal: String = "at_least_initial",
                   extra: String = "") -> String {
    """
    name: synth
    timeseries: profiles.csv
    loads: {electricity: load, heat: 150}
    grid: {import_limit_kw: 2000, export_limit_kw: 200, import_price: price, export_price: 0.2,
           carbon_intensity: ci, demand_charge_per_kw: 30, demand_peak_so_far_kw: 500}
    assets:
      - {type: pv, name: pv, capacity_kw: 600, profile: pv}
      - {type: battery, name: bess, energy_kwh: 800, charge_kw: 200, soc_min: 0.1, soc_max: 0.9,
         soc_initial: 0.4, soc_final: \(socFinal), self_discharge_per_hour: 0.0005, cycle_cost_per_kwh: 0.02}
      - {type: heat_pump, name: hp, heat_capacity_kw: 120, cop: 3}
      - {type: fuel_boiler, name: boiler, heat_capacity_kw: 300, fuel_price_per_kwh: 0.3}
      - {type: thermal_storage, name: tank, energy_kwh: 500, charge_kw: 100, soc_initial: 0.3,
         soc_final: \(tankFinal), loss_per_hour: 0.002}
    objective: {carbon_price_per_t: 50}
    \(extra)
    """
}

@Suite("Rolling horizons (solve --rolling)")
struct RollingTests {
    @Test("WINDOW/COMMIT parsing and step counts; bad plans are errors, not crashes", arguments: [
        ("48/24", true), ("24/24", true), ("48 / 24", true), ("1.5/0.5", true),
        ("48", false), ("24/48", false), ("abc/1", false), ("0/0", false), ("-48/24", false),
        ("nan/24", false), ("inf/24", false), ("48/24/12", false), ("", false), ("1e300/1", false),
    ])
    func plans(_ text: String, _ valid: Bool) throws {
        let plan = try? RollingPlan(text)
        #expect((plan != nil) == valid, "\(text)")
        if text == "48/24" {
            let steps = try plan?.steps(stepHours: 0.25)
            #expect(steps?.window == 192 && steps?.commit == 96)
        }
        if text == "1.5/0.5" {
            #expect(throws: RollingError.self) { _ = try plan?.steps(stepHours: 1) }
        }
    }

    @Test("a window carries levels and the month's peak; end conditions measured against the scenario's own levels")
    func windowScenario() throws {
        let s = try scenario(syntheticYAML(socFinal: "cyclic", tankFinal: "free"),
                             csv: syntheticCSV(start: CivilDate(year: 2026, month: 1, day: 30)!, days: 4))
        #expect(s.monthOfStep[47] == 0 && s.monthOfStep[48] == 1)
        let initial = CarriedState(initialOf: s)
        #expect(initial.levelsKWh["bess"] == 320 && initial.levelsKWh["tank"] == 150)

        var carried = initial
        carried.levelsKWh["bess"] = 720 + 1e-9   // solver noise above soc_max
        carried.month = "2026-01"
        carried.monthPeakKW = 900
        let w = carried.windowScenario(of: s, range: 24..<72)
        #expect(w.steps == 48 && w.timestamps?.first == "2026-01-31T00:00")
        #expect(w.monthOfStep.first == 0 && w.monthOfStep.last == 1 && w.monthCount == 2)
        #expect(w.electricLoadKW == Array(s.electricLoadKW[24..<72]))
        let grid = try #require(s.grid)
        #expect(w.grid?.importPricePerKWh == Array(grid.importPricePerKWh[24..<72]))
        #expect(w.grid?.demandPeakSoFarKW == 900)          // same month: the carried peak
        for asset in w.assets {
            switch asset {
            case .battery(let b):
                #expect(b.socInitial == 0.9)                    // clamped
                #expect(b.socFinal == .atLeast(0.4))            // cyclic: the level the series started from
            case .thermalStorage(let t):
                #expect(t.socInitial == 0.3 && t.socFinal == .free)
            case .pv(let p):
                if case .pv(let original) = s.assets[0] { #expect(p.profile == Array(original.profile[24..<72])) }
            default: break
            }
        }
        // A new month resets the peak; the scenario's own peak counts in its first month only.
        #expect(carried.windowScenario(of: s, range: 48..<96).grid?.demandPeakSoFarKW == 0)
        #expect(initial.windowScenario(of: s, range: 0..<48).grid?.demandPeakSoFarKW == 500)
        carried.monthPeakKW = 100
        #expect(carried.windowScenario(of: s, range: 24..<72).grid?.demandPeakSoFarKW == 500)

        // at_least_initial: at least the scenario's soc_initial, whatever the window starts from.
        let t = try scenario(syntheticYAML(), csv: syntheticCSV(start: CivilDate(year: 2026, month: 1, day: 30)!, days: 2))
        var low = CarriedState(initialOf: t)
        low.levelsKWh["bess"] = 100
        let bess = low.windowScenario(of: t, range: 0..<24).assets.compactMap(\.storage).first { $0.name == "bess" }
        #expect(bess?.socInitial == 0.125 && bess?.socFinal == .atLeast(0.4))
    }

    @Test("an empty-energy storage does not divide by zero")
    func zeroEnergy() throws {
        let s = try scenario("""
            name: z
            horizon: {steps: 6}
            loads: {electricity: 10}
            grid: {import_price: 1}
            assets: [{type: battery, name: b, energy_kwh: 0, charge_kw: 0, soc_final: cyclic}]
            """)
        let run = try RollingRun(scenario: s, plan: RollingPlan("4/2"))
        #expect(run.status == .optimal)
        #expect(run.results?.objective == 60)
    }

    @Test("across a month boundary: a feasible whole-horizon schedule, demand charges from the true monthly peaks",
          arguments: ["at_least_initial", "cyclic", "free", "0.6"])
    func monthBoundary(_ socFinal: String) throws {
        let s = try scenario(syntheticYAML(socFinal: socFinal, tankFinal: socFinal == "free" ? "cyclic" : "free"),
                             csv: syntheticCSV(start: CivilDate(year: 2026, month: 1, day: 29)!, days: 5))
        let run = try RollingRun(scenario: s, plan: RollingPlan("48/24"))
        let schedule = try #require(run.schedule)
        let results = try #require(run.results)
        #expect(run.windows == 4 && schedule.steps == 120)
        #expect(schedule.timestamps == s.timestamps)
        #expect(run.warmStarts >= 2, "windows of one shape warm-start (got \(run.warmStarts) of \(run.windows))")
        let violations = constraintViolations(s, schedule)
        #expect(violations.isEmpty, "\(violations.prefix(5))")
        if socFinal == "cyclic" {
            let soc = schedule.values("bess.soc_kwh")
            #expect(abs(soc[119] - 320) < 1e-6, "a cyclic storage returns to the level it started from")
        }
        // Demand charge = rate * Σ_month (peak - base), from the schedule's imports.
        let imp = schedule.values("grid.import_kw")
        let jan = imp[0..<72].max() ?? 0, feb = imp[72..<120].max() ?? 0
        #expect(abs(results.cost.demandCharge - 30 * (max(0, jan - 500) + feb)) < 1e-6)
        // The rolling optimum cannot beat the monolithic one, and should be close to it here.
        let (_, mono, _) = try solveOptimal(s)
        #expect(results.objective >= mono.objective - 1e-6 * abs(mono.objective))
        #expect(relativeError(results.objective, mono.objective) < 0.05)
        checkKPIsIndependently(s, schedule, results)
    }

    @Test("whole-horizon constraints are refused with a clear message", arguments: [
        "constraints: {max_emissions_t: 100}", "constraints: {min_renewable_share_electricity: 0.2}",
    ])
    func refused(_ extra: String) throws {
        let s = try scenario(syntheticYAML(extra: extra), csv: syntheticCSV(start: CivilDate(year: 2026, month: 3, day: 1)!, days: 2))
        #expect(throws: RollingError.self) { _ = try RollingRun(scenario: s, plan: RollingPlan("48/24")) }
        let dir = temporaryDirectory("roll")
        try syntheticYAML(extra: extra).write(toFile: dir + "/s.yaml", atomically: true, encoding: .utf8)
        try syntheticCSV(start: CivilDate(year: 2026, month: 3, day: 1)!, days: 2)
            .write(toFile: dir + "/profiles.csv", atomically: true, encoding: .utf8)
        let (code, _, err) = try runCLI(["solve", dir + "/s.yaml", "--rolling", "48/24", "--out", dir + "/out"])
        #expect(code == ExitStatus.invalidInput.rawValue)
        #expect(err.contains("whole-horizon constraint") && err.contains("constraints."))
        #expect(!FileManager.default.fileExists(atPath: dir + "/out/results.json"))
    }

    @Test("an infeasible window names the window and the constraint family, exit 3")
    func infeasibleWindow() throws {
        let dir = temporaryDirectory("roll")
        try """
            name: inf
            horizon: {steps: 6}
            loads: {electricity: 0}
            assets: [{type: battery, name: b, energy_kwh: 100, charge_kw: 10, self_discharge_per_hour: 0.1}]
            """.write(toFile: dir + "/s.yaml", atomically: true, encoding: .utf8)
        let (code, _, err) = try runCLI(["solve", dir + "/s.yaml", "--rolling", "2/1", "--out", dir + "/out"])
        #expect(code == ExitStatus.infeasible.rawValue)
        #expect(err.contains("window 1") && err.contains("storage end condition"), "\(err)")
    }

    @Test("bad --rolling values exit 64 with a message", arguments: ["48", "24/48", "x/y", "1.5/1", "0/0"])
    func badCommandLine(_ value: String) throws {
        let dir = temporaryDirectory("roll")
        try "name: ok\nhorizon: {steps: 3}\nloads: {electricity: 5}\ngrid: {import_price: 1}\n"
            .write(toFile: dir + "/s.yaml", atomically: true, encoding: .utf8)
        let (code, _, err) = try runCLI(["solve", dir + "/s.yaml", "--rolling", value, "--out", dir + "/out"])
        #expect(code == 64, "\(value): \(err)")
        #expect(err.contains("--rolling") || err.contains("step"), "\(err)")
    }

    @Test("the bundled week at 48/24: the monolithic optimum, feasible, results recompute from schedule.csv")
    func bundledWeek() throws {
        let path = repositoryDirectory + "/Scenarios/battery-plant/week.yaml"
        let s = try ScenarioLoader.load(path: path)
        let dir = temporaryDirectory("roll")
        let (code, out, err) = try runCLI(["solve", path, "--rolling", "48/24", "--out", dir])
        #expect(code == 0, "\(err)")
        #expect(out.contains("6 windows of 48 h committing 24 h, 5 warm-started"), "\(out)")
        let csv = try String(contentsOfFile: dir + "/schedule.csv", encoding: .utf8)
        let schedule = parseScheduleCSV(csv)
        #expect(schedule.steps == 168 && schedule.timestamps == s.timestamps)
        #expect(constraintViolations(s, schedule).isEmpty)
        let written = try String(contentsOfFile: dir + "/results.json", encoding: .utf8)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(written.utf8)) as? [String: Any])
        let rolling = try #require(json["rolling"] as? [String: Any])
        #expect(rolling["windows"] as? Int == 6 && rolling["warm_starts"] as? Int == 5)
        // Every figure recomputes from schedule.csv (the solver and rolling facts aside).
        func figures(_ text: String) -> [Substring] {
            let lines = text.split(separator: "\n")
            let end = lines.firstIndex { $0.contains("\"grid_emission_factor_used\"") } ?? lines.count
            return Array(lines[..<end])
        }
        let recomputed = DispatchResults(scenario: s, schedule: schedule).json.serialized()
        #expect(figures(written).count > 40 && figures(written) == figures(recomputed))
        let (_, mono, _) = try solveOptimal(s)
        let objective = try #require(json["objective"] as? Double)
        #expect(relativeError(objective, mono.objective) < 1e-6, "rolling \(objective) vs monolithic \(mono.objective)")
    }

    @Test("the bundled year at 48/24: feasible for the whole year, true monthly peaks, nearly every window warm-started",
          .tags(.slow))
    func slowBundledYear() throws {
        let s = try ScenarioLoader.load(path: repositoryDirectory + "/Scenarios/battery-plant/scenario.yaml")
        let run = try RollingRun(scenario: s, plan: RollingPlan("48/24"))
        let schedule = try #require(run.schedule)
        let results = try #require(run.results)
        #expect(schedule.steps == 8760 && run.windows == 364)
        #expect(run.warmStarts >= 360, "one problem per window shape: \(run.warmStarts) of \(run.windows) warm")
        let violations = constraintViolations(s, schedule)
        #expect(violations.isEmpty, "\(violations.prefix(5))")
        let imp = schedule.values("grid.import_kw")
        var peaks = [Double](repeating: 0, count: s.monthCount)
        for t in 0..<s.steps { peaks[s.monthOfStep[t]] = max(peaks[s.monthOfStep[t]], imp[t]) }
        #expect(s.monthCount == 12)
        #expect(relativeError(results.cost.demandCharge, 40 * peaks.reduce(0, +)) < 1e-12)
        // Within 1 % of the monolithic optimum (measured: 0.46 %; 12,967,905.99 CNY by interior point).
        #expect(results.objective > 12_967_905 && relativeError(results.objective, 12_967_905.99) < 0.01)
        checkKPIsIndependently(s, schedule, results)
    }

    @Test("warm-started windows give the schedule of windows solved from scratch")
    func warmEqualsCold() throws {
        let s = try scenario(syntheticYAML(), csv: syntheticCSV(start: CivilDate(year: 2026, month: 5, day: 1)!, days: 6))
        let warm = try RollingRun(scenario: s, plan: RollingPlan("48/24"))
        let cold = try RollingRun(scenario: s, plan: RollingPlan("48/24"), warmStart: false)
        #expect(warm.warmStarts == warm.windows - 1 && cold.warmStarts == 0)
        let a = try #require(warm.schedule), b = try #require(cold.schedule)
        for c in a.columns where !c.name.hasPrefix("price.") {
            let other = b.values(c.name)
            for t in 0..<a.steps {
                #expect(abs(c.values[t] - other[t]) <= 1e-6 * max(1, abs(other[t])), "\(c.name)[\(t)]")
            }
        }
        #expect(relativeError(warm.results?.objective ?? 0, cold.results?.objective ?? 1) < 1e-9)
    }

    @Test("schedules slice and concatenate back to themselves")
    func scheduleSlices() {
        var s = Schedule(steps: 5, timestamps: ["a", "b", "c", "d", "e"])
        s.append(ScheduleColumn("x", [1, 2, 3, 4, 5]))
        s.append(ScheduleColumn("y", [5, 4, 3, 2, 1]))
        let joined = Schedule.concatenating([s.window(0..<2), s.window(2..<3), s.window(3..<9)])
        #expect(joined.steps == 5 && joined.timestamps == s.timestamps)
        #expect(joined["x"] == [1, 2, 3, 4, 5] && joined["y"] == [5, 4, 3, 2, 1])
        #expect(Schedule.concatenating([]).steps == 0)
    }
}
