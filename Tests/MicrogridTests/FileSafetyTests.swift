// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GRDB
import MicrogridKit
import Results
import Testing

/// Nothing is written outside the folders named on the command line, no
/// planted link is followed, and each failure exits with its documented code.
@Suite("Files stay where the user asked; exit codes as documented", .serialized)
struct FileSafetyTests {
    func study(_ cases: String) throws -> String {
        let dir = temporaryDirectory("safe") + "/a/b/c/d"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try tinyScenario.write(toFile: dir + "/s.yaml", atomically: true, encoding: .utf8)
        try "base: s.yaml\ncases:\n\(cases)".write(toFile: dir + "/t.yaml", atomically: true, encoding: .utf8)
        return dir
    }

    /// A folder with `precious.txt` ("keep me") and symbolic links to it at `names`.
    func plantLinks(named names: [String]) throws -> (dir: String, target: String) {
        let dir = temporaryDirectory("link")
        let target = dir + "/precious.txt"
        try "keep me".write(toFile: target, atomically: true, encoding: .utf8)
        for name in names {
            try FileManager.default.createSymbolicLink(atPath: dir + "/" + name, withDestinationPath: target)
        }
        return (dir, target)
    }

    @Test("sweep case names ../../../../escaped and a/b stay inside --out/schedules; cases.csv is written")
    func caseNamesStayInside() throws {
        let dir = try study(
            "  - {name: ../../../../escaped, grid.import_price: 2}\n  - {name: a/b, grid.import_price: 3}\n")
        let r = try runCLI(in: dir, ["sweep", "t.yaml", "--out", "out", "--schedules"])
        #expect(r.code == 0, "\(r.err)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir + "/out/schedules").sorted()
        #expect(files.count == 2 && files.allSatisfy { !$0.contains("/") && !$0.hasPrefix(".") }, "\(files)")
        let csv = try String(contentsOfFile: dir + "/out/cases.csv", encoding: .utf8)
        #expect(csv.contains("../../../../escaped") && csv.contains("a/b"))
        let root = URL(fileURLWithPath: dir + "/../../../..").standardized.path
        let outside = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
        #expect(!outside.contains { $0.contains("escaped") && !$0.hasPrefix("a/b/c/d/out/schedules/") }, "\(outside)")
    }

    @Test("planted links at the temporary name and at results.json are replaced, their targets untouched")
    func atomicWriteIgnoresLinks() throws {
        let (dir, target) = try plantLinks(named: [".results.json.tmp-\(getpid())", "results.json"])
        try AtomicFile.write("{}\n", to: dir + "/results.json")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep me")
        let kind = try FileManager.default.attributesOfItem(atPath: dir + "/results.json")[.type] as? FileAttributeType
        #expect(kind == .typeRegular)
        #expect(try String(contentsOfFile: dir + "/results.json", encoding: .utf8) == "{}\n")
    }

    @Test("the day-ahead lock never follows a planted link nor truncates its target")
    func lockIgnoresLinks() throws {
        let (dir, target) = try plantLinks(named: ["state.json.lock"])
        #expect(throws: JobLockError.self) { _ = try JobLock(path: dir + "/state.json.lock") }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep me")
        #expect(link(target, dir + "/hard.lock") == 0)
        #expect(throws: JobLockError.self) { _ = try JobLock(path: dir + "/hard.lock") }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep me")
    }

    @Test("a planted schedules link inside --out is refused (exit 6), nothing written through it")
    func schedulesLink() throws {
        let dir = try study("  - {name: x}\n")
        let elsewhere = temporaryDirectory("elsewhere")
        try FileManager.default.createDirectory(atPath: dir + "/s", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir + "/s/schedules", withDestinationPath: elsewhere)
        let r = try runCLI(in: dir, ["sweep", "t.yaml", "--out", "s", "--schedules"])
        #expect(r.code == ExitStatus.outputFailed.rawValue && r.err.contains("symbolic link"), "\(r.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere).isEmpty)
    }

    @Test("a planted study.sqlite link is refused (exit 2), its target untouched")
    func storeLink() throws {
        let (dir, target) = try plantLinks(named: ["study.sqlite"])
        try tinyScenario.write(toFile: dir + "/s.yaml", atomically: true, encoding: .utf8)
        try "base: s.yaml\ncases: [{name: x}]\n".write(toFile: dir + "/t.yaml", atomically: true, encoding: .utf8)
        let r = try runCLI(in: dir, ["sweep", "t.yaml", "--out", "."])
        #expect(r.code == ExitStatus.invalidInput.rawValue && r.err.contains("symbolic link"), "\(r.err)")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep me")
    }

    @Test("text where a number belongs in study.sqlite: merge and a resumed sweep exit 2 naming the file")
    func mistypedStore() throws {
        let dir = try study("  - {name: x, grid.import_price: 2}\n  - {name: y, grid.import_price: 3}\n")
        #expect(try runCLI(in: dir, ["sweep", "t.yaml", "--out", "s", "--shard", "0/2"]).code == 0)
        let db = try DatabaseQueue(path: dir + "/s/study.sqlite")
        try db.write { try $0.execute(sql: "UPDATE cases SET objective = 'lots', seconds = 'x'") }
        try db.close()
        let merged = try runCLI(in: dir, ["merge", "--out", "m", "s"])
        #expect(
            merged.code == ExitStatus.invalidInput.rawValue && merged.err.contains("s/study.sqlite"), "\(merged.err)")
        let resumed = try runCLI(in: dir, ["sweep", "t.yaml", "--out", "s"])
        #expect(
            resumed.code == ExitStatus.invalidInput.rawValue && resumed.err.contains("study.sqlite"), "\(resumed.err)")
    }

    @Test("a second sweep into a folder another sweep holds exits 7 and says so in words")
    func secondSweep() throws {
        let dir = try study("  - {name: x, grid.import_price: 2}\n")
        try FileManager.default.createDirectory(atPath: dir + "/s", withIntermediateDirectories: true)
        let held = try JobLock(path: dir + "/s/study.sqlite.lock")
        defer { held.release() }
        let r = try runCLI(in: dir, ["sweep", "t.yaml", "--out", "s"])
        #expect(r.code == ExitStatus.lockHeld.rawValue && r.err.contains("in use by another sweep"), "\(r.err)")
    }

    @Test("pareto --points 0 or 1 and sweep --shard 5/2 are bad command lines (64)")
    func badCommandLines() throws {
        let dir = try study("  - {name: x, grid.import_price: 2}\n")
        for args in [
            ["pareto", "s.yaml", "--points", "1", "--out", "p"], ["pareto", "s.yaml", "--points", "0", "--out", "p"],
            ["sweep", "t.yaml", "--out", "s", "--shard", "5/2"],
        ] {
            #expect(try runCLI(in: dir, args).code == ExitStatus.badCommandLine.rawValue, "\(args)")
        }
    }

    @Test("pareto stopped by SIGTERM exits 130 (interrupted), not 5")
    func paretoInterrupted() throws {
        let binary = try #require(microgridBinary, "build the microgrid executable first")
        let dir = temporaryDirectory("pareto")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = [
            "pareto", repositoryDirectory + "/Scenarios/battery-plant/week.yaml", "--points", "2000",
            "--jobs", "1", "--out", dir + "/p",
        ]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        Thread.sleep(forTimeInterval: 1.5)
        p.terminate()
        p.waitUntilExit()
        #expect(p.terminationReason == .exit && p.terminationStatus == ExitStatus.interrupted.rawValue,
                "ended by \(p.terminationReason == .exit ? "exit" : "signal") \(p.terminationStatus)")
    }

    @Test("a solve whose schedule.csv cannot be written exits 6 and leaves no old results.json beside it")
    func noStalePair() throws {
        let dir = try study("  - {name: x}\n")
        try FileManager.default.createDirectory(atPath: dir + "/o/schedule.csv/in-the-way", withIntermediateDirectories: true)
        try "{\"old\": true}\n".write(toFile: dir + "/o/results.json", atomically: true, encoding: .utf8)
        #expect(try runCLI(in: dir, ["solve", "s.yaml", "--out", "o", "--quiet"]).code == ExitStatus.outputFailed.rawValue)
        #expect(!FileManager.default.fileExists(atPath: dir + "/o/results.json"))
    }

    @Test("report --output onto a pipe (like /dev/null, not a regular file) exits 6; the pipe stays a pipe")
    func specialFileNotReplaced() throws {
        let dir = try study("  - {name: x}\n")
        #expect(try runCLI(in: dir, ["solve", "s.yaml", "--out", "o", "--quiet"]).code == 0)
        #expect(mkfifo(dir + "/pipe", 0o644) == 0)
        #expect(try runCLI(in: dir, ["report", "o", "--output", "pipe"]).code == ExitStatus.outputFailed.rawValue)
        var st = stat()
        #expect(lstat(dir + "/pipe", &st) == 0 && st.st_mode & S_IFMT == S_IFIFO)
        #expect(throws: OutputError.self) { try AtomicFile.write("x", to: dir + "/pipe") }
        #expect(throws: OutputError.self) { try AtomicFile.write("x", to: dir + "/o") }
    }

    @Test("merge exits 6 when it cannot write its outputs")
    func mergeWriteFailure() throws {
        let dir = try study("  - {name: x, grid.import_price: 2}\n")
        #expect(try runCLI(in: dir, ["sweep", "t.yaml", "--out", "s"]).code == 0)
        try "a file".write(toFile: dir + "/m", atomically: true, encoding: .utf8)
        #expect(try runCLI(in: dir, ["merge", "--out", "m/sub", "s"]).code == ExitStatus.outputFailed.rawValue)
    }

    @Test("a day-ahead level of 1e30 kWh for a 4000 kWh battery is refused (exit 2); 3800.001 is clamped to 3800")
    func impossibleStateLevel() throws {
        let job = try WeekJob()
        #expect(try job.dayahead("2026-07-06").code == 0)
        let good = try String(contentsOfFile: job.state, encoding: .utf8)
        let bad = good.replacingOccurrences(
            of: #""bess":\s*[0-9.e+-]+"#, with: "\"bess\": 1e30", options: .regularExpression)
        #expect(bad != good)
        try bad.write(toFile: job.state, atomically: true, encoding: .utf8)
        let run = try job.dayahead("2026-07-07")
        #expect(run.code == ExitStatus.invalidInput.rawValue && run.err.contains("outside"), "\(run.err)")
        // 3800.001 kWh is soc_max x 4000 kWh plus rounding: clamped, and said so.
        let nearly = good.replacingOccurrences(
            of: #""bess":\s*[0-9.e+-]+"#, with: "\"bess\": 3800.001", options: .regularExpression)
        try nearly.write(toFile: job.state, atomically: true, encoding: .utf8)
        let clamped = try job.dayahead("2026-07-07")
        #expect(clamped.code == 0 && clamped.err.contains("clamped to 3800.0 kWh"), "\(clamped.err)")
    }
}
