// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Formulation
import MicrogridKit
import Results
import Scenario
import Testing

/// The bundled summer week as a nightly job sees it: week.yaml without its
/// horizon, over a CSV of the eight days 2026-07-06 .. 2026-07-13 (the
/// seventh day's lookahead included).
struct WeekJob {
    let dir: String
    var yaml: String { dir + "/week.yaml" }
    var state: String { dir + "/state/state.json" }
    var out: String { dir + "/out" }

    init(dropRow: String? = nil, yamlEdit: (String) -> String = { $0 }) throws {
        dir = temporaryDirectory("dayahead")
        let source = repositoryDirectory + "/Scenarios/battery-plant"
        let csv = try String(contentsOfFile: source + "/factory_year.csv", encoding: .utf8)
        let days = (6...13).map { "2026-07-" + ($0 < 10 ? "0\($0)" : "\($0)") }
        var lines = csv.split(separator: "\n", omittingEmptySubsequences: true)
        let header = lines.removeFirst()
        let kept = lines.filter { line in
            days.contains(String(line.prefix(10))) && !(dropRow.map { line.hasPrefix($0) } ?? false)
        }
        try ([String(header)] + kept.map(String.init)).joined(separator: "\n").appending("\n")
            .write(toFile: dir + "/week.csv", atomically: true, encoding: .utf8)
        var yamlLines: [Substring] = []
        var inHorizon = false
        for line in try String(contentsOfFile: source + "/week.yaml", encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("horizon:") { inHorizon = true; continue }
            if inHorizon, line.hasPrefix(" ") { continue }
            inHorizon = false
            yamlLines.append(line == "timeseries: factory_year.csv" ? "timeseries: week.csv" : line)
        }
        try yamlEdit(yamlLines.joined(separator: "\n")).write(toFile: yaml, atomically: true, encoding: .utf8)
    }

    func dayahead(_ date: String, _ extra: [String] = [], state: String? = nil,
                  environment: [String: String?] = [:]) throws -> (code: Int32, out: String, err: String, killed: Bool) {
        let binary = try #require(microgridBinary, "build the microgrid executable first")
        return try runProcess(binary, ["dayahead", yaml, "--date", date, "--state", state ?? self.state, "--out", out, "--quiet"] + extra,
                              environment: environment)
    }

    func read(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    /// Every file under the job directory (outputs, state, lock, temporaries) with its bytes.
    func snapshot() -> [String: Data] {
        var files: [String: Data] = [:]
        guard let e = FileManager.default.enumerator(atPath: dir) else { return files }
        for case let path as String in e where !path.hasPrefix("week.") {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: dir + "/" + path, isDirectory: &isDir), !isDir.boolValue {
                files[path] = read(dir + "/" + path)
            }
        }
        return files
    }
}

/// The JSON log line (the last line of stderr).
func logRecord(_ stderr: String) throws -> [String: Any] {
    let line = try #require(stderr.split(separator: "\n").last.map(String.init))
    return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
}

@Suite("Day-ahead scheduling (microgrid dayahead)", .serialized)
struct DayAheadTests {
    static let week = (6...12).map { "2026-07-" + ($0 < 10 ? "0\($0)" : "\($0)") }

    /// A furnace batch of 36 h periods (so days start inside periods) and a
    /// heat dryer of 12 h periods, added to the week's assets.
    static func withFlexibleLoads(_ yaml: String) -> String {
        yaml.replacingOccurrences(of: "objective:", with: """
              - {type: flexible_load, name: furnace, energy_per_period_kwh: 30000, period_hours: 36, max_kw: 2500}
              - {type: flexible_load, name: dryer, carrier: heat, energy_per_period_kwh: 4000, period_hours: 12, max_kw: 800}
            objective:
            """)
    }

    @Test("seven chained dayahead runs give the schedule and objective of one --rolling 48/24 run over the week",
          arguments: [false, true])
    func chainedEqualsRolling(flexible: Bool) throws {
        let job = try WeekJob(yamlEdit: flexible ? Self.withFlexibleLoads : { $0 })
        var dayObjectives: [Double] = []
        var rows: [Substring] = []
        for (k, date) in Self.week.enumerated() {
            let (code, _, err, _) = try job.dayahead(date)
            #expect(code == 0, "\(date): \(err)")
            if k == 0 { #expect(err.contains("no state file"), "a missing state is reported") }
            let log = try logRecord(err)
            #expect(log["date"] as? String == date && log["status"] as? String == "optimal")
            #expect(log["seconds"] is Double && log["exit_code"] as? Int == 0)
            let objective = try #require(log["objective"] as? Double)
            dayObjectives.append(objective)
            let data = try #require(job.read(job.out + "/\(date)/results.json"))
            let results = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(results["objective"] as? Double == objective)
            #expect(results["steps"] as? Int == 24)
            let csv = try String(contentsOfFile: job.out + "/\(date)/schedule.csv", encoding: .utf8)
            let dayahead = try #require(results["dayahead"] as? [String: Any])
            #expect(dayahead["schedule_csv_fnv1a64"] as? String == FNV1a.hex(csv), "results.json names its schedule.csv")
            #expect(dayahead["date"] as? String == date && dayahead["window_steps"] as? Int == 48)
            let lines = csv.split(separator: "\n")
            #expect(lines.count == 25 && lines[1].hasPrefix(date + "T00:00"))
            rows += lines.dropFirst()
        }
        let rollingDir = job.dir + "/rolling"
        let (code, _, err) = try runCLI(["solve", job.yaml, "--rolling", "48/24", "--out", rollingDir, "--quiet"])
        #expect(code == 0, "\(err)")
        let rollingCSV = try String(contentsOfFile: rollingDir + "/schedule.csv", encoding: .utf8)
        let rollingLines = rollingCSV.split(separator: "\n")
        let header = rollingLines[0]
        #expect(try String(contentsOfFile: job.out + "/2026-07-06/schedule.csv", encoding: .utf8).hasPrefix(header + "\n"))
        var rolling = parseScheduleCSV(([header] + rollingLines[1...168]).joined(separator: "\n"))
        let chained = parseScheduleCSV(([header] + rows).joined(separator: "\n"))
        if flexible {
            // Flexible loads leave ties between equally priced hours, where the CLI's warm-started
            // windows may pick another vertex of the same optimum; the day-ahead runs solve each window
            // cold, so the schedule to match is that of cold windows (the objective is checked below either way).
            let whole = try ScenarioLoader.load(path: job.yaml)
            let cold = try RollingRun(scenario: whole, plan: RollingPlan("48/24"), warmStart: false)
            let coldWeek = try #require(cold.schedule).window(0..<168)
            #expect(relativeError(DispatchResults(scenario: whole.window(0..<168), schedule: coldWeek).objective,
                                  DispatchResults(scenario: whole.window(0..<168), schedule: rolling).objective) < 1e-9)
            #expect(constraintViolations(whole, try #require(cold.schedule)).isEmpty)
            rolling = coldWeek
        }
        #expect(chained.steps == 168 && chained.timestamps == rolling.timestamps)
        for c in rolling.columns {
            let other = chained.values(c.name)
            let worst = zip(c.values, other).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
            #expect(worst < 1e-6, "\(c.name) differs by \(worst)")
        }
        // The week's objective: the seven days' (each charged for the rise of the month's peak)
        // equals the objective of the rolling schedule's first week.
        let full = try ScenarioLoader.load(path: job.yaml)
        let weekResults = DispatchResults(scenario: full.window(0..<168), schedule: rolling)
        #expect(relativeError(dayObjectives.reduce(0, +), weekResults.objective) < 1e-9,
                "days \(dayObjectives.reduce(0, +)) vs rolling \(weekResults.objective)")
        // The state carries the rolling schedule's levels and the month's peak.
        let state = try DayAheadState(path: job.state)
        #expect(state.date == "2026-07-12" && state.scenario == "battery-plant-week")
        #expect(abs((state.end.storageKWh["bess"] ?? -1) - rolling.values("bess.soc_kwh")[167]) < 1e-6)
        #expect(abs(state.end.monthPeakImportKW - max(4200, rolling.values("grid.import_kw").max() ?? 0)) < 1e-6)
        #expect(state.end.month == "2026-07")
        #expect(!FileManager.default.fileExists(atPath: job.state + ".lock"), "the lock is released")
        if flexible {
            // 168 steps committed: the furnace's period holding step 168 began at 144 (36 h periods).
            let furnace = try #require(state.end.flexible?["furnace"])
            let drawn = rolling.values("furnace.electricity_kw")
            #expect(furnace.periodStartStep == 144 && abs(furnace.deliveredKWh - drawn[144..<168].reduce(0, +)) < 1e-6)
            #expect(state.end.flexible?["dryer"]?.periodStartStep == 168 && state.end.flexible?["dryer"]?.deliveredKWh == 0
                    || state.end.flexible?["dryer"]?.periodStartStep == 156)
        }
    }

    @Test("re-running the same date gives byte-identical outputs and state; an earlier date is refused")
    func idempotent() throws {
        let job = try WeekJob()
        for date in Self.week.prefix(2) { #expect(try job.dayahead(date).code == 0) }
        let before = job.snapshot()
        #expect(before.keys.contains("out/2026-07-07/schedule.csv") && before.keys.contains("state/state.json"))
        let (code, _, err, _) = try job.dayahead("2026-07-07")
        #expect(code == 0 && err.contains("re-running"), "\(err)")
        #expect(job.snapshot() == before, "a re-run changes no byte")
        let data = try #require(before["out/2026-07-07/results.json"])
        let results = String(decoding: data, as: UTF8.self)
        #expect(!results.contains("seconds"), "results.json of a day has no timing fields")
        // A date before the state's would move the state backwards.
        let earlier = try job.dayahead("2026-07-06")
        #expect(earlier.code == ExitStatus.invalidInput.rawValue && earlier.err.contains("already committed"))
        #expect(job.snapshot() == before)
    }

    @Test("a run killed during its writes leaves the previous outputs and state intact", arguments: [0, 1, 2, 3])
    func killedDuringWrites(_ writes: Int) throws {
        let job = try WeekJob()
        let reference = try WeekJob()
        for date in Self.week.prefix(3) { #expect(try reference.dayahead(date).code == 0) }
        for date in Self.week.prefix(2) { #expect(try job.dayahead(date).code == 0) }
        let before = job.snapshot()
        let expected = reference.snapshot()

        let killed = try job.dayahead("2026-07-08", environment: ["MICROGRID_FAULT_AFTER_WRITES": "\(writes)"])
        #expect(killed.killed, "the fault switch kills the process (\(killed.code): \(killed.err))")
        let after = job.snapshot()
        // Earlier days and (until its rename) the state: untouched, byte for byte.
        for (path, data) in before where !path.hasPrefix("state/") { #expect(after[path] == data, "\(path) changed") }
        #expect(after["state/state.json"] == (writes >= 3 ? expected["state/state.json"] : before["state/state.json"]))
        // The new day's files: each either absent or complete; never a part.
        for name in ["schedule.csv", "results.json"] {
            let path = "out/2026-07-08/\(name)"
            if let data = after[path] { #expect(data == expected[path], "\(path) is partial") }
        }
        #expect((after["out/2026-07-08/schedule.csv"] != nil) == (writes >= 1))
        #expect((after["out/2026-07-08/results.json"] != nil) == (writes >= 2))
        #expect(after["state/state.json.lock"] != nil, "the killed run leaves its lock")
        if writes < 3 {
            #expect(after.keys.contains { $0.contains(".tmp-") }, "the interrupted write left its temporary file")
        }
        // The next run takes the stale lock over, cleans up and completes the day.
        let (code, _, err, _) = try job.dayahead("2026-07-08")
        #expect(code == 0 && err.contains("stale lock"), "\(err)")
        let final = job.snapshot()
        for path in expected.keys { #expect(final[path] == expected[path], "\(path)") }
        #expect(!final.keys.contains { $0.contains(".tmp-") || $0.hasSuffix(".lock") }, "\(final.keys.sorted())")
    }

    @Test("the lock: a live holder stops the run with exit 7; a lock left by a dead process is taken over")
    func lock() throws {
        let job = try WeekJob()
        try FileManager.default.createDirectory(atPath: job.dir + "/state", withIntermediateDirectories: true)
        let lockPath = job.state + ".lock"

        // Held: a live process (this one) named in the lock file.
        try "\(getpid())\n".write(toFile: lockPath, atomically: true, encoding: .utf8)
        var run = try job.dayahead("2026-07-06")
        #expect(run.code == ExitStatus.lockHeld.rawValue && run.err.contains("held by process \(getpid())"), "\(run.err)")
        #expect(try logRecord(run.err)["status"] as? String == "lock_held")
        #expect(!FileManager.default.fileExists(atPath: job.out) && !FileManager.default.fileExists(atPath: job.state))

        // Held: a process holding flock(2) on the file, whatever it says.
        try "not a pid\n".write(toFile: lockPath, atomically: true, encoding: .utf8)
        let fd = open(lockPath, O_RDWR)
        #expect(fd >= 0 && flock(fd, LOCK_EX) == 0)
        run = try job.dayahead("2026-07-06")
        #expect(run.code == ExitStatus.lockHeld.rawValue, "\(run.err)")
        flock(fd, LOCK_UN)
        close(fd)

        // Stale: the PID of a process that has exited.
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/sh")
        gone.arguments = ["-c", "exit 0"]
        try gone.run()
        gone.waitUntilExit()
        try "\(gone.processIdentifier)\n".write(toFile: lockPath, atomically: true, encoding: .utf8)
        run = try job.dayahead("2026-07-06")
        #expect(run.code == 0 && run.err.contains("stale lock") && run.err.contains("\(gone.processIdentifier)"), "\(run.err)")
        #expect(!FileManager.default.fileExists(atPath: lockPath), "released after the run")
        #expect(FileManager.default.fileExists(atPath: job.out + "/2026-07-06/schedule.csv"))
    }

    @Test("bad input exits with its own code and a message, writes nothing, never crashes")
    func badInput() throws {
        let job = try WeekJob()
        func check(_ date: String, _ extra: [String] = [], job j: WeekJob? = nil, state: String? = nil,
                   exit expected: Int32, _ message: String) throws {
            let j = j ?? job
            let run = try j.dayahead(date, extra, state: state)
            #expect(!run.killed)
            #expect(run.code == expected, "\(date) \(extra): \(run.err)")
            #expect(run.err.contains(message), "\(date) \(extra): \(run.err)")
            #expect(!FileManager.default.fileExists(atPath: j.out + "/\(date)/schedule.csv"))
            #expect(!FileManager.default.fileExists(atPath: (state ?? j.state) + ".lock"))
        }
        let missing = ExitStatus.forecastMissing.rawValue, invalid = ExitStatus.invalidInput.rawValue
        try check("2026-07-20", exit: missing, "no row of the time series falls on 2026-07-20")
        try check("2026-07-13", exit: missing, "needs 48 rows")                         // no lookahead rows
        try check("2026-07-13", ["--lookahead-hours", "12"], exit: missing, "needs 36 rows")
        try check("2026-13-01", exit: 64, "expected a calendar date YYYY-MM-DD")
        try check("tomorrow", exit: 64, "expected a calendar date")
        try check("2026-07-06", ["--lookahead-hours", "-1"], exit: 64, "--lookahead-hours")
        try check("2026-07-06", ["--lookahead-hours", "0.5"], exit: 64, "not a whole number")
        let gap = try WeekJob(dropRow: "2026-07-07T05:00")
        try check("2026-07-06", job: gap, exit: missing, "rows missing in the window of 2026-07-06")
        let capped = try WeekJob { $0 + "\nconstraints: {max_emissions_t: 100}\n" }
        try check("2026-07-06", job: capped, exit: invalid, "whole-horizon constraint")
        let broken = try WeekJob { $0.replacingOccurrences(of: "energy_kwh: 4000", with: "energy_kwh: -4") }
        try check("2026-07-06", job: broken, exit: invalid, "energy_kwh")

        // State files that cannot be used.
        let states = job.dir + "/states"
        try FileManager.default.createDirectory(atPath: states, withIntermediateDirectories: true)
        let cases: [(String, String)] = [
            ("{\"format\": \"microgrid-dayahead-state/1\", \"scenario\": ", "not a day-ahead state file"),
            ("[]", "not a day-ahead state file"),
            ("{\"format\": \"other\"}", "not a day-ahead state file"),
        ]
        for (k, (text, message)) in cases.enumerated() {
            try text.write(toFile: states + "/\(k).json", atomically: true, encoding: .utf8)
            try check("2026-07-07", state: states + "/\(k).json", exit: invalid, message)
        }
        // A state of another scenario, and one with a negative level.
        #expect(try job.dayahead("2026-07-06").code == 0)
        let good = try String(contentsOfFile: job.state, encoding: .utf8)
        try good.replacingOccurrences(of: "\"battery-plant-week\"", with: "\"other\"")
            .write(toFile: states + "/other.json", atomically: true, encoding: .utf8)
        try check("2026-07-07", state: states + "/other.json", exit: invalid, "belongs to scenario \"other\"")
        try good.replacingOccurrences(of: "\"bess\": ", with: "\"bess\": -")
            .write(toFile: states + "/negative.json", atomically: true, encoding: .utf8)
        try check("2026-07-07", state: states + "/negative.json", exit: invalid, "expected a finite level")
    }

    @Test("the deploy examples (crontab, systemd, Kubernetes) run nightly.sh, which runs a day")
    func deployExamples() throws {
        let dir = repositoryDirectory + "/Scenarios/dayahead"
        for file in ["crontab", "microgrid-dayahead.service", "cronjob.yaml"] {
            let text = try String(contentsOfFile: dir + "/" + file, encoding: .utf8)
            #expect(text.contains("/opt/microgrid/Scenarios/dayahead/nightly.sh"), "\(file)")
            for variable in ["MICROGRID_SCENARIO", "MICROGRID_STATE", "MICROGRID_OUT", "TZ"] {
                #expect(text.contains(variable), "\(file) sets \(variable)")
            }
        }
        let timer = try String(contentsOfFile: dir + "/microgrid-dayahead.timer", encoding: .utf8)
        #expect(timer.contains("OnCalendar=") && timer.contains("Unit=microgrid-dayahead.service"))
        // No retry for the codes that need a person; they must be the project's codes.
        let noRetry = [ExitStatus.invalidInput, .infeasible, .unbounded].map { "\($0.rawValue)" } + ["64"]
        let service = try String(contentsOfFile: dir + "/microgrid-dayahead.service", encoding: .utf8)
        #expect(service.contains("RestartPreventExitStatus=" + noRetry.joined(separator: " ")))
        let cronJob = try String(contentsOfFile: dir + "/cronjob.yaml", encoding: .utf8)
        #expect(cronJob.contains("values: [" + noRetry.joined(separator: ", ") + "]"))
        #expect(cronJob.contains("concurrencyPolicy: Forbid"))

        let job = try WeekJob()
        let binary = try #require(microgridBinary)
        let env: [String: String?] = ["MICROGRID": binary, "MICROGRID_SCENARIO": job.yaml, "MICROGRID_STATE": job.state,
                                      "MICROGRID_OUT": job.out, "MICROGRID_DATE": "2026-07-06"]
        var run = try runProcess("/bin/sh", [dir + "/nightly.sh"], environment: env)
        #expect(run.code == 0 && run.out.isEmpty, "\(run.err)")
        #expect(try logRecord(run.err)["status"] as? String == "optimal")
        #expect(FileManager.default.fileExists(atPath: job.out + "/2026-07-06/schedule.csv"))
        // Its own date: today or tomorrow, which the week's forecasts do not cover.
        var noDate = env
        noDate["MICROGRID_DATE"] = .some(nil)
        run = try runProcess("/bin/sh", [dir + "/nightly.sh"], environment: noDate)
        #expect(run.code == ExitStatus.forecastMissing.rawValue, "\(run.err)")
        let date = try #require(try logRecord(run.err)["date"] as? String)
        #expect(CivilDate(date) != nil, "\(date)")
        var noState = env
        noState["MICROGRID_STATE"] = .some(nil)
        run = try runProcess("/bin/sh", [dir + "/nightly.sh"], environment: noState)
        #expect(run.code != 0 && run.err.contains("MICROGRID_STATE"))
    }
}
