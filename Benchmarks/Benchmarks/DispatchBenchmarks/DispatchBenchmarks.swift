// SPDX-License-Identifier: GPL-3.0-or-later
// Dispatch benchmarks: load a scenario, build its LP, solve it with GLPK.
// Run from the Benchmarks folder: `swift package benchmark`.
import Benchmark
import Foundation
import Formulation
import GLPK
import LP
import MicrogridKit
import Scenario
import Study

/// The folders this file is found by, whatever the working directory.
enum Paths {
    /// .../Benchmarks (the benchmark package)
    static let benchmarkPackage = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // DispatchBenchmarks
        .deletingLastPathComponent()  // Benchmarks (sources)
        .deletingLastPathComponent()  // Benchmarks (package)
    /// The main repository (the Microgrid package).
    static let repository = benchmarkPackage.deletingLastPathComponent()

    /// The reference cases: $MICROGRID_REFERENCE_DIR, else the copy kept in the
    /// repository (`Tests/Fixtures/reference`).
    static var referenceDirectory: URL {
        if let dir = ProcessInfo.processInfo.environment["MICROGRID_REFERENCE_DIR"], !dir.isEmpty {
            return URL(fileURLWithPath: dir)
        }
        return repository.appendingPathComponent("Tests/Fixtures/reference")
    }

    /// The scenario file of reference case `name`, or a copy bundled in the
    /// repository's Scenarios folder; nil when there is neither.
    static func scenario(_ name: String) -> String? {
        let candidates = [
            referenceDirectory.appendingPathComponent("\(name)/scenario.yaml"),
            repository.appendingPathComponent("Scenarios/\(name)/scenario.yaml"),
            repository.appendingPathComponent("Scenarios/\(name).yaml"),
        ]
        return candidates.map(\.path).first { FileManager.default.isReadableFile(atPath: $0) }
    }
}

struct NotOptimal: Error, CustomStringConvertible {
    let status: RunStatus
    var description: String { "solve ended \(status), expected optimal" }
}

/// Load, build, solve; throws unless the solve is optimal.
func loadBuildSolve(_ path: String) throws -> SolveRun {
    let scenario = try ScenarioLoader.load(path: path)
    let run = try SolveRun(scenario: scenario, options: SolveOptions())
    guard run.status == .optimal else { throw NotOptimal(status: run.status) }
    return run
}

/// Configuration for one benchmark; skipped (not registered) when its
/// scenario file is missing.
func configuration(scenario path: String?, name: String, warmup: Int, maxIterations: Int,
                   maxSeconds: Int, countMallocs: Bool = true) -> Benchmark.Configuration {
    if path == nil {
        let msg = "DispatchBenchmarks: skipping \"\(name)\": no scenario file found "
            + "(looked in \(Paths.referenceDirectory.path) and \(Paths.repository.path)/Scenarios)\n"
        FileHandle.standardError.write(Data(msg.utf8))
    }
    return .init(metrics: [.wallClock, .cpuTotal, .peakMemoryResident] + (countMallocs ? [.mallocCountTotal] : []),
                 timeUnits: .milliseconds,
                 warmupIterations: warmup,
                 maxDuration: .seconds(maxSeconds),
                 maxIterations: maxIterations,
                 skip: path == nil)
}

let benchmarks: @Sendable () -> Void = {
    let week = Paths.scenario("battery-plant-week")
    let year = Paths.scenario("battery-plant-year")

    // 1. A week (168 hourly steps), from the YAML/CSV files to the results.
    var name = "load+build+solve week"
    Benchmark(name, configuration: configuration(scenario: week, name: name, warmup: 1,
                                                 maxIterations: 20, maxSeconds: 10)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try loadBuildSolve(week!))
        }
    }

    // 2. A year (8760 hourly steps), the same pipeline; few iterations.
    name = "load+build+solve year"
    Benchmark(name, configuration: configuration(scenario: year, name: name, warmup: 0,
                                                 maxIterations: 3, maxSeconds: 30)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try loadBuildSolve(year!))
        }
    }

    // 2b. The year's LP (built once) solved by the raw interior point, and by
    //     interior point + crossover (the vertex `auto` gives): the
    //     difference is crossover's cost. results.json's `solver` object
    //     carries the same split (interior_seconds, crossover_seconds).
    for method in [SolveMethod.interior, .auto] {
        name = "solve year, " + (method == .auto ? "interior point + crossover (vertex)" : "interior point only")
        Benchmark(name, configuration: configuration(scenario: year, name: name, warmup: 0,
                                                     maxIterations: 3, maxSeconds: 60)) { benchmark, lp in
            for _ in benchmark.scaledIterations {
                blackHole(try GLPKSolver().solve(lp, options: SolveOptions(method: method)))
            }
        } setup: {
            DispatchModel(scenario: try ScenarioLoader.load(path: year!)).lp
        }
    }

    // 3. Building the LP of the year (DispatchModel), the scenario loaded once beforehand.
    name = "build only year"
    Benchmark(name, configuration: configuration(scenario: year, name: name, warmup: 1,
                                                 maxIterations: 20, maxSeconds: 10)) { benchmark, scenario in
        for _ in benchmark.scaledIterations {
            blackHole(DispatchModel(scenario: scenario))
        }
    } setup: {
        try ScenarioLoader.load(path: year!)
    }

    // 4. Loading and validating the year scenario (YAML + an 8760-row CSV).
    name = "load only year"
    Benchmark(name, configuration: configuration(scenario: year, name: name, warmup: 1,
                                                 maxIterations: 20, maxSeconds: 10)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try ScenarioLoader.load(path: year!))
        }
    }

    // 5. The planning year: the bundled year with invest blocks on PV, wind,
    //    battery, tank and air-source heat pump and a renewable floor of 0.6
    //    (Benchmarks/Scenarios/battery-plant-plan-year.yaml), load+build+solve
    //    of the plan alone (planning.baseline off: the baseline is a dispatch
    //    year, measured by benchmark 2).
    let planYear = Paths.repository.appendingPathComponent("Benchmarks/Scenarios/battery-plant-plan-year.yaml").path
    let hasPlanYear = FileManager.default.isReadableFile(atPath: planYear)
    name = "load+build+solve planning year"
    Benchmark(name, configuration: configuration(scenario: hasPlanYear ? planYear : nil, name: name, warmup: 0,
                                                 maxIterations: 3, maxSeconds: 60)) { benchmark in
        for _ in benchmark.scaledIterations {
            var scenario = try ScenarioLoader.load(path: planYear)
            scenario.planning.baseline = false
            let run = try SolveRun(scenario: scenario, options: SolveOptions())
            guard run.status == .optimal else { throw NotOptimal(status: run.status) }
            blackHole(run)
        }
    }

    // 5b. The planning year's LP (built once, plan alone) solved by the raw
    //     interior point, and by interior point + crossover (the vertex):
    //     issue 11 asks the vertex in at most 1.5 times the raw interior
    //     point's time.
    for method in [SolveMethod.interior, .auto] {
        name = "solve planning year, " + (method == .auto ? "interior point + crossover (vertex)" : "interior point only")
        Benchmark(name, configuration: configuration(scenario: hasPlanYear ? planYear : nil, name: name, warmup: 0,
                                                     maxIterations: 3, maxSeconds: 90)) { benchmark, lp in
            for _ in benchmark.scaledIterations {
                let solution = try GLPKSolver().solve(lp, options: SolveOptions(method: method))
                guard solution.status == .optimal, method == .interior || solution.isVertex else {
                    throw NotOptimal(status: .solverFailed("\(solution.status), vertex \(solution.isVertex)"))
                }
                blackHole(solution)
            }
        } setup: {
            var scenario = try ScenarioLoader.load(path: planYear)
            scenario.planning.baseline = false
            return DispatchModel(scenario: scenario).lp
        }
    }

    // 6. Batch studies: the 1,000 variants of one 24-step day in
    //    Scenarios/studies/pv-battery-carbon.yaml, end to end (study file,
    //    overrides, validation, build, solve, results, SQLite rows, cases.csv),
    //    on 1 and 2 worker threads, warm-started or cold; "full loads" reads
    //    every case's scenario in full instead of re-reading only what its
    //    overrides change in the base loaded once.
    let studyPath = Paths.repository.appendingPathComponent("Scenarios/studies/pv-battery-carbon.yaml").path
    let hasStudy = FileManager.default.isReadableFile(atPath: studyPath)
    for (jobs, warm, reuse) in [(1, true, true), (2, true, true), (1, false, true), (2, false, true),
                                (1, true, false), (2, true, false)] {
        name = "sweep 1000 day variants, \(jobs) job\(jobs > 1 ? "s" : ""), \(warm ? "warm" : "cold")"
            + (reuse ? "" : ", full loads")
        // No malloc count: the interposer that counts (malloc-interposer
        // 1.6.1) frees a thread's counter block when the thread ends but
        // keeps using it, and a sweep ends its reader and worker threads
        // inside the sample: glibc then aborted ("unaligned fastbin chunk"),
        // 4 times in 9 runs, whatever the code under test.
        Benchmark(name, configuration: configuration(scenario: hasStudy ? studyPath : nil, name: name, warmup: 0,
                                                     maxIterations: 3, maxSeconds: 20,
                                                     countMallocs: false)) { benchmark in
            let study = try Study.load(path: studyPath)
            var options = SweepOptions()
            options.jobs = jobs
            options.warm = warm
            options.reuseBase = reuse
            for _ in benchmark.scaledIterations {
                let dir = NSTemporaryDirectory() + "/microgrid-bench-\(UUID().uuidString)"
                let summary = try study.sweep(into: dir, options: options, progress: false)
                precondition(summary.ran == 1000 && summary.failed == 0)
                try? FileManager.default.removeItem(atPath: dir)
            }
        }
    }
}
