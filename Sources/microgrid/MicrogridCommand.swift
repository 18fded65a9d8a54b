// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import LP
import MicrogridKit
import Report
import Scenario

struct MicrogridCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "microgrid",
        abstract: "Dispatch optimiser for industrial green microgrids (LP on GLPK).",
        discussion: """
        Exit codes: 0 success; 1 internal error; 2 invalid input; 3 infeasible; 4 unbounded; \
        5 solver failure; 6 outputs not written; 7 lock held by another run (day-ahead state, \
        study folder); 8 forecast rows missing; 9 some study cases failed; 64 bad command line; \
        130 interrupted.
        """,
        subcommands: [Solve.self, Validate.self, Sweep.self, Merge.self, Pareto.self, DayAhead.self, ReportCommand.self])
}

extension SolveMethod: ExpressibleByArgument {}

/// Prints to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

struct Solve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find the cost-optimal dispatch of a scenario; write schedule.csv and results.json.")

    @Argument(help: "The scenario YAML file.")
    var scenario: String

    @Option(help: "Output directory (default: out/<scenario name>).")
    var out: String?

    @Option(help: "LP method: auto (a vertex: simplex for small models, interior point + crossover for large), simplex, or interior (raw interior point, no crossover).")
    var method: SolveMethod = .auto

    @Flag(help: "Print nothing on success.")
    var quiet = false

    @Flag(help: "Also write report.html (KPIs and charts, one self-contained file) into the output directory.")
    var report = false

    @Option(help: "Solve window by window: WINDOW/COMMIT in hours, e.g. 48/24 (storage levels and the month's peak import carried forward).")
    var rolling: String?

    func run() throws {
        if let rolling {
            try runRollingSolve(scenario: scenario, out: out, rolling: rolling, method: method, quiet: quiet)
            if report { try writeSolveReport(scenarioPath: scenario, out: out, quiet: quiet) }
            return
        }
        let loaded: Scenario
        do {
            loaded = try ScenarioLoader.load(path: scenario)
        } catch {
            printError(error.description)
            throw ExitCode(.invalidInput)
        }
        let dir = out ?? "out/\(loaded.name)"
        let run: SolveRun
        do {
            run = try SolveRun(scenario: loaded, options: SolveOptions(method: method))
        } catch {
            printError("solver error: \(error)")
            throw ExitCode(.solverFailed)
        }
        for note in run.notes { printError("\(loaded.name): \(note)") }
        guard let results = run.results else {
            SolveRun.removeStaleResults(in: dir)
            printError("\(loaded.name): \(run.failureMessage ?? "not optimal"); no results written")
            throw ExitCode(run.exitStatus)
        }
        do {
            try run.writeOutputs(to: dir)
        } catch {
            printError(error.description)
            throw ExitCode(.outputFailed)
        }
        if !quiet {
            print(results.summary())
            print("  written          \(dir)/schedule.csv, \(dir)/results.json")
        }
        if report { try writeSolveReport(directory: dir, scenario: loaded, quiet: quiet) }
    }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check scenarios and report every problem in each.")

    @Argument(help: "Scenario YAML files.")
    var scenarios: [String]

    func run() throws {
        var failed = false
        for path in scenarios {
            do {
                let s = try ScenarioLoader.load(path: path)
                print("\(path): valid (\(s.name): \(s.steps) steps of \(s.stepHours) h, \(s.assets.count) assets)")
            } catch {
                failed = true
                printError("\(path): \(error.description)")
            }
        }
        if failed { throw ExitCode(.invalidInput) }
    }
}

extension ExitCode {
    /// The process exit code of one of the documented statuses.
    init(_ status: ExitStatus) { self.init(status.rawValue) }
}
