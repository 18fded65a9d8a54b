// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import MicrogridKit
import Testing

/// The `microgrid` executable built beside the tests.
let microgridBinary: String? = {
    let candidates = [repositoryDirectory + "/.build/debug/microgrid"]
        + ((try? FileManager.default.contentsOfDirectory(atPath: repositoryDirectory + "/.build")) ?? [])
            .map { repositoryDirectory + "/.build/\($0)/debug/microgrid" }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
}()

/// Runs the CLI; returns exit code, stdout and stderr (and expects no signal).
func runCLI(_ args: [String]) throws -> (Int32, String, String) {
    let binary = try #require(microgridBinary, "build the microgrid executable first")
    let r = try runProcess(binary, args)
    #expect(!r.killed, "the process was killed by a signal")
    return (r.code, r.out, r.err)
}

@Suite("The microgrid command", .serialized)
struct CLITests {
    func write(_ yaml: String) throws -> String {
        let dir = temporaryDirectory("cli")
        try yaml.write(toFile: dir + "/s.yaml", atomically: true, encoding: .utf8)
        return dir
    }

    @Test("solve writes schedule.csv and results.json and exits 0")
    func solve() throws {
        let dir = try write("name: ok\nhorizon: {steps: 3}\nloads: {electricity: 5}\ngrid: {import_price: 1}\n")
        let (code, out, _) = try runCLI(["solve", dir + "/s.yaml", "--out", dir + "/out"])
        #expect(code == ExitStatus.success.rawValue)
        #expect(out.contains("objective"))
        let csv = try String(contentsOfFile: dir + "/out/schedule.csv", encoding: .utf8)
        #expect(csv.hasPrefix("step,grid.import_kw,grid.export_kw,load.electricity_kw"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/out/results.json")))
        #expect((json as? [String: Any])?["objective"] as? Double == 15)
        // No temporary files left behind.
        let names = try FileManager.default.contentsOfDirectory(atPath: dir + "/out")
        #expect(names.sorted() == ["results.json", "schedule.csv"])
    }

    @Test("an infeasible scenario writes no results.json, names the family, exits 3")
    func infeasible() throws {
        let dir = try write("""
            name: inf
            horizon: {steps: 2}
            loads: {electricity: 10}
            assets: [{type: green_power, name: ppa, available_kw: 100, must_take: true}]
            """)
        let (code, _, err) = try runCLI(["solve", dir + "/s.yaml", "--out", dir + "/out"])
        #expect(code == ExitStatus.infeasible.rawValue)
        #expect(err.contains("must_take"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/out/results.json"))
    }

    @Test("malformed input exits 2 with a message, never a signal", arguments: [
        "name: bad\nloads: {electricity: -1}\nhorizon: {steps: 1}\n",
        "name: [\n",
        "- just a list\n",
        "name: x\nhorizon: {steps: 0}\nloads: {electricity: 1}\n",
        "name: x\nhorizon: {steps: 1000000000}\nloads: {electricity: 1}\n",
        "name: x\nhorizon: {steps: 99999999999999999999}\nloads: {electricity: 1}\n",
        "name: x\ntimeseries: /dev/null\nloads: {electricity: a}\n",
        "",
    ])
    func malformed(_ yaml: String) throws {
        let dir = try write(yaml)
        let (code, _, err) = try runCLI(["solve", dir + "/s.yaml", "--out", dir + "/out"])
        #expect(code == ExitStatus.invalidInput.rawValue, "\(err)")
        #expect(!err.isEmpty)
    }

    @Test("validate reports every problem and exits 2")
    func validate() throws {
        let dir = try write("name: v\nhorizon: {steps: 1}\nloads: {electricity: -1, heat: x}\ncolour: 1\n")
        let (code, _, err) = try runCLI(["validate", dir + "/s.yaml"])
        #expect(code == ExitStatus.invalidInput.rawValue)
        #expect(err.contains("loads.electricity") && err.contains("loads.heat") && err.contains("colour"))
    }
}
