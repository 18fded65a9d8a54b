// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Scenario
import Testing

let tinyScenario = "name: ok\nhorizon: {steps: 3}\nloads: {electricity: 5}\ngrid: {import_price: 1}\n"

/// Runs the CLI in `directory` (for relative paths); expects no signal.
func runCLI(in directory: String, _ args: [String]) throws -> (code: Int32, err: String) {
    let binary = try #require(microgridBinary, "build the microgrid executable first")
    let r = try runProcess(binary, args, directory: directory)
    #expect(!r.killed, "\(args): killed by a signal: \(r.err)")
    return (r.code, r.err)
}

/// Broken or hostile input: a clear refusal naming the place, never a trap.
@Suite("Hostile input is refused, never a crash", .serialized)
struct HostileInputTests {
    @Test("one-character relative paths (validate w, --out o, --output r, --state s, sweep --out s) work: exit 0")
    func oneCharacterPaths() throws {
        let dir = temporaryDirectory("short")
        try tinyScenario.write(toFile: dir + "/w", atomically: true, encoding: .utf8)
        try "base: w\ncases: [{name: a, grid.import_price: 2}]\n".write(
            toFile: dir + "/t", atomically: true, encoding: .utf8)
        #expect(try runCLI(in: dir, ["validate", "w"]).code == 0)
        #expect(try runCLI(in: dir, ["solve", "w", "--out", "o", "--quiet"]).code == 0)
        #expect(try runCLI(in: dir, ["report", "o", "--output", "r"]).code == 0)
        #expect(try runCLI(in: dir, ["sweep", "t", "--out", "s"]).code == 0)
        let rows = (0..<48).map { String(format: "2026-07-%02dT%02d:00,5", 6 + $0 / 24, $0 % 24) }
        try (["timestamp,load"] + rows).joined(separator: "\n").write(toFile: dir + "/p", atomically: true, encoding: .utf8)
        try "name: d\ntimeseries: p\nloads: {electricity: load}\ngrid: {import_price: 1}\n"
            .write(toFile: dir + "/y", atomically: true, encoding: .utf8)
        let day = try runCLI(in: dir, ["dayahead", "y", "--date", "2026-07-06", "--state", "x", "--out", "d", "--quiet"])
        #expect(day.code == 0, "\(day.err)")
        #expect(FileManager.default.fileExists(atPath: dir + "/x") && FileManager.default.fileExists(atPath: dir + "/d/2026-07-06/results.json"))
        #expect(FileManager.default.fileExists(atPath: dir + "/o/results.json"))
        #expect(FileManager.default.fileExists(atPath: dir + "/s/cases.csv"))
        #expect(PathText.directory(of: "w") == "." && PathText.lastComponent("s") == "s")
        #expect(PathText.directory(of: "/w") == "/" && PathText.directory(of: "a/b/") == "a")
    }

    @Test("a NUL byte inside a CSV cell (5\\0999999) is refused at its line and column, not read as 5")
    func nulInCell() {
        let found = problems(
            "name: n\ntimeseries: profiles.csv\nloads: {electricity: load}\n",
            csv: "load\n1\n5\u{0}999999\n")
        #expect(found.count == 1 && found.first?.line == 3 && found.first?.column == "load", "\(found)")
    }

    @Test(
        "timestamps not one step apart (a stray 9999-12-31 row, a repeat, a swap) are refused naming the row",
        arguments: [
            ("2026-01-01T00:00\n2026-01-01T01:00\n9999-12-31T23:59\n", 4),
            ("2026-01-01T00:00\n2026-01-01T01:00\n2026-01-01T01:00\n", 4),
            ("2026-01-01T01:00\n2026-01-01T00:00\n2026-01-01T02:00\n", 3),
        ])
    func unevenTimestamps(_ rows: String, _ line: Int) {
        let csv = "timestamp,load\n" + rows.split(separator: "\n").map { $0 + ",1" }.joined(separator: "\n") + "\n"
        let found = problems("name: n\ntimeseries: profiles.csv\nloads: {electricity: load}\n", csv: csv)
        #expect(found.first?.line == line && found.first?.column == "timestamp", "\(found)")
        #expect(found.first?.expected.contains("one step") == true)
    }

    @Test(
        "step_hours outside 1/3600 .. 8760 h is refused at load", arguments: ["5e-324", "1e-300", "1e308", "8761", "0"])
    func extremeStep(_ step: String) {
        let found = problems("name: n\nhorizon: {steps: 2, step_hours: \(step)}\nloads: {electricity: 1}\n")
        #expect(found.map(\.keyPath) == ["horizon.step_hours"], "\(found)")
    }

    @Test("numbers beyond 1e15 in size (a load of 1e308, a price of -1e200) are refused at load, not in GLPK")
    func hugeNumbers() {
        let yaml = "name: n\nhorizon: {steps: 2}\nloads: {electricity: 1e308}\ngrid: {import_price: -1e200}\n"
        #expect(problems(yaml).map(\.keyPath) == ["loads.electricity", "grid.import_price"], "\(problems(yaml))")
        let cells = problems("name: n\ntimeseries: profiles.csv\nloads: {electricity: load}\n", csv: "load\n1\n2e15\n")
        #expect(cells.first?.line == 3 && cells.first?.column == "load", "\(cells)")
    }

    @Test("a duplicate YAML key is reported at the line of its second occurrence (4)")
    func duplicateKey() {
        let found = problems("name: a\nhorizon: {steps: 2}\nloads: {electricity: 1}\nname: b\n")
        #expect(found.first?.line == 4 && found.first?.found.contains("twice") == true, "\(found)")
    }

    @Test("one invalid UTF-8 byte is reported as such, with its byte offset (24) and line (2)")
    func invalidUTF8() throws {
        let dir = temporaryDirectory("utf8")
        var bytes = Array("name: a\ndescription: caf".utf8)
        bytes.append(0xE9)
        bytes += Array("\nloads: {electricity: 1}\nhorizon: {steps: 1}\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: dir + "/s.yaml"))
        do {
            _ = try ScenarioLoader.load(path: dir + "/s.yaml")
            Issue.record("loaded")
        } catch {
            let p = try #require(error.problems.first)
            #expect(p.found.contains("invalid UTF-8") && p.found.contains("byte 24") && p.line == 2, "\(p)")
        }
    }
}
