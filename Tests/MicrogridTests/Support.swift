// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Formulation
import LP
import MicrogridKit
import Results
import Scenario
import Testing

let repositoryDirectory: String = {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
}()

/// The golden cases kept in the repository (Tests/Fixtures/reference, see its PROVENANCE.md).
let referenceDirectory: String = repositoryDirectory + "/Tests/Fixtures/reference"

/// A fresh temporary directory.
func temporaryDirectory(_ tag: String = "mg") -> String {
    let dir = NSTemporaryDirectory() + "/\(tag)-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

/// Loads a scenario from YAML text (with an optional CSV written beside it).
func scenario(_ yaml: String, csv: String? = nil) throws -> Scenario {
    let dir = temporaryDirectory()
    if let csv { try csv.write(toFile: dir + "/profiles.csv", atomically: true, encoding: .utf8) }
    try yaml.write(toFile: dir + "/scenario.yaml", atomically: true, encoding: .utf8)
    return try ScenarioLoader.load(path: dir + "/scenario.yaml")
}

/// The problems a scenario text is rejected with (empty when it loads).
func problems(_ yaml: String, csv: String? = nil) -> [ScenarioProblem] {
    do {
        _ = try scenario(yaml, csv: csv)
        return []
    } catch let e as ScenarioError {
        return e.problems
    } catch {
        return [ScenarioProblem(file: "?", found: "\(error)", expected: "a ScenarioError")]
    }
}

/// Solves and returns the run, requiring optimality.
func solveOptimal(_ s: Scenario, method: SolveMethod = .simplex) throws -> (SolveRun, DispatchResults, Schedule) {
    let run = try SolveRun(scenario: s, options: SolveOptions(method: method))
    guard let results = run.results, let schedule = run.schedule else {
        Issue.record("not optimal: \(run.failureMessage ?? "?")")
        throw CancellationError()
    }
    return (run, results, schedule)
}

func relativeError(_ a: Double, _ b: Double) -> Double {
    abs(a - b) / max(1, abs(b))
}

/// Parses schedule.csv text back into a Schedule.
func parseScheduleCSV(_ text: String) -> Schedule {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
    let header = lines.removeFirst().split(separator: ",").map(String.init)
    let hasTimestamp = header.first == "timestamp"
    var columns = [[Double]](repeating: [], count: header.count)
    var labels: [String] = []
    for line in lines {
        let cells = line.split(separator: ",", omittingEmptySubsequences: false)
        labels.append(String(cells[0]))
        for c in 1..<header.count { columns[c].append(Double(cells[c]) ?? .nan) }
    }
    var schedule = Schedule(steps: lines.count, timestamps: hasTimestamp ? labels : nil)
    for c in 1..<header.count { schedule.append(ScheduleColumn(header[c], columns[c])) }
    return schedule
}

/// Runs an executable (the CLI, a job script) with extra environment
/// variables (nil values remove a variable); `killed` when it ended by a
/// signal, as the fault-injection switch makes it.
func runProcess(_ executable: String, _ args: [String], environment: [String: String?] = [:],
                directory: String? = nil) throws
    -> (code: Int32, out: String, err: String, killed: Bool) {
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    let p = Process()
    if let directory { p.currentDirectoryURL = URL(fileURLWithPath: directory) }
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = args
    p.environment = env
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self),
            p.terminationReason == .uncaughtSignal)
}

extension Tag {
    /// Tests that solve a whole year (seconds each). Their function names
    /// start with `slow` too, so `swift test --skip slow` leaves them out on
    /// toolchains without tag filters (`--skip tag:slow` on newer ones).
    @Tag static var slow: Self
}
