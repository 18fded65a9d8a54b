// SPDX-License-Identifier: GPL-3.0-or-later
import ArgumentParser
import Foundation
import MicrogridKit
import Report
import Scenario

/// `microgrid report DIR`: report.html for a solve's, a sweep's or a Pareto
/// run's output directory, from the files already there (no re-solve).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write DIR/report.html for the output of solve, sweep or pareto (one self-contained HTML file).",
        discussion: """
        DIR holds schedule.csv and results.json (a solve), cases.csv (a sweep) or front.csv \
        (a Pareto run). With --scenario, a solve's report also shows the grid's import price \
        and carbon intensity and names asset types exactly. Exit 2 when DIR's files are \
        missing or malformed, 6 when report.html cannot be written.
        """)

    @Argument(help: "The output directory of a solve, sweep or pareto run.")
    var directory: String

    @Option(help: "The scenario YAML the solve ran (optional).")
    var scenario: String?

    @Option(help: "Where to write the report (default: DIR/report.html).")
    var output: String?

    func run() throws {
        var loaded: Scenario?
        if let scenario {
            do { loaded = try ScenarioLoader.load(path: scenario) } catch {
                printError(error.description)
                throw ExitCode(.invalidInput)
            }
        }
        do {
            let path = try HTMLReport.write(directory: directory, scenario: loaded, to: output)
            print("written \(path)")
        } catch {
            printError("report: \(error.description)")
            throw ExitCode(error.kind == .output ? .outputFailed : .invalidInput)
        }
    }
}

/// `solve --report`: writes `directory/report.html` after a solve's outputs.
func writeSolveReport(directory: String, scenario: Scenario?, quiet: Bool) throws {
    do {
        let path = try HTMLReport.write(directory: directory, scenario: scenario)
        if !quiet { print("  report           \(path)") }
    } catch {
        printError("report: \(error.description)")
        throw ExitCode(.outputFailed)
    }
}

/// `solve --rolling … --report`: the scenario is loaded again (it loaded
/// fine for the solve) to find the output directory and add its series.
func writeSolveReport(scenarioPath: String, out: String?, quiet: Bool) throws {
    let loaded = try? ScenarioLoader.load(path: scenarioPath)
    guard let dir = out ?? loaded.map({ "out/\($0.name)" }) else {
        printError("report: cannot tell the output directory; pass --out")
        throw ExitCode(.outputFailed)
    }
    try writeSolveReport(directory: dir, scenario: loaded, quiet: quiet)
}
