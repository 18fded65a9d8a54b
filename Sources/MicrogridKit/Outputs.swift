// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Results

/// Process exit codes of the `microgrid` command.
public enum ExitStatus: Int32, Sendable, CaseIterable {
    case success = 0
    /// An unexpected internal error.
    case internalError = 1
    /// The scenario could not be read or failed validation.
    case invalidInput = 2
    /// The LP has no feasible point.
    case infeasible = 3
    /// The LP is unbounded.
    case unbounded = 4
    /// The solver stopped without a verdict (or raised an internal error).
    case solverFailed = 5
    /// The outputs could not be written.
    case outputFailed = 6
    /// Another run holds the lock: the day-ahead state file's, or a study folder's.
    case lockHeld = 7
    /// `dayahead`: the forecast rows for the window are missing from the time series.
    case forecastMissing = 8
    /// A study ran, but some of its cases failed (each is recorded with why).
    case someCasesFailed = 9
    /// The command line is wrong (an unknown option, a value out of range).
    case badCommandLine = 64
    /// Stopped by SIGINT or SIGTERM; what was finished is kept.
    case interrupted = 130

    /// The word a job's JSON log line carries for this status.
    public var logWord: String {
        switch self {
        case .success: return "optimal"
        case .internalError: return "internal_error"
        case .invalidInput: return "invalid_input"
        case .infeasible: return "infeasible"
        case .unbounded: return "unbounded"
        case .solverFailed: return "solver_failed"
        case .outputFailed: return "output_failed"
        case .lockHeld: return "lock_held"
        case .forecastMissing: return "forecast_missing"
        case .someCasesFailed: return "some_cases_failed"
        case .badCommandLine: return "bad_command_line"
        case .interrupted: return "interrupted"
        }
    }
}

extension SolveRun {
    /// Writes schedule.csv then results.json into `directory` (created if
    /// needed), each through a temporary file renamed into place. Only an
    /// optimal run writes anything. results.json from an earlier run is
    /// removed before the new schedule goes in, so a failed write never
    /// leaves a new schedule.csv beside an old results.json: results.json
    /// present means both files are this run's.
    public func writeOutputs(to directory: String) throws(OutputError) {
        guard let schedule, let results else { return }
        try AtomicFile.makeDirectory(directory)
        if unlink(directory + "/results.json") != 0, errno != ENOENT {
            throw OutputError(path: directory + "/results.json", reason: "cannot remove the earlier one: "
                              + String(cString: strerror(errno)))
        }
        try AtomicFile.write(schedule.csv(), to: directory + "/schedule.csv")
        try AtomicFile.write(results.json.serialized() + "\n", to: directory + "/results.json")
    }

    /// Removes results.json and schedule.csv left in `directory` by an earlier run.
    public static func removeStaleResults(in directory: String) {
        unlink(directory + "/results.json")
        unlink(directory + "/schedule.csv")
    }

    public var exitStatus: ExitStatus { status.exitStatus }

    /// One paragraph saying why a run is not optimal.
    public var failureMessage: String? { status.failureMessage(of: "scenario") }
}

extension RunStatus {
    /// The process exit status for this outcome.
    public var exitStatus: ExitStatus {
        switch self {
        case .optimal: return .success
        case .infeasible: return .infeasible
        case .unbounded: return .unbounded
        case .solverFailed: return .solverFailed
        }
    }

    /// One paragraph saying why a run is not optimal (nil when it is);
    /// `subject` is what relaxing the named family makes feasible.
    public func failureMessage(of subject: String) -> String? {
        switch self {
        case .optimal: return nil
        case .infeasible(let families):
            if families.isEmpty { return "infeasible: no feasible dispatch exists (cause not isolated)" }
            let names = families.map(\.rawValue).joined(separator: " + ")
            return "infeasible: the \(names) constraint\(families.count > 1 ? "s" : "") cannot be met"
                + " (relaxing \(families.count > 1 ? "them" : "it") makes the \(subject) feasible)"
        case .unbounded(let cause): return "unbounded: \(cause)"
        case .solverFailed(let why): return "solver failed: \(why)"
        }
    }
}
