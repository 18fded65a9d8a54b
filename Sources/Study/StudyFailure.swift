// SPDX-License-Identifier: GPL-3.0-or-later
import GRDB
import MicrogridKit
import Results
import Scenario

/// How a study command (sweep, merge, pareto) that failed should exit, and
/// what to tell the user, in plain words.
public func studyFailure(_ error: Error, directory: String) -> (status: ExitStatus, message: String) {
    switch error {
    case let e as ScenarioError: return (.invalidInput, e.description)
    case let e as StudyError: return (.invalidInput, e.description)
    case let e as StoredValueError: return (.invalidInput, e.description)
    case let e as OutputError: return (.outputFailed, "\(e)")
    case JobLockError.held(_, let pid, _):
        let who = pid.map { " (process \($0))" } ?? ""
        return (.lockHeld, "\(directory) is in use by another sweep\(who): wait for it to finish, or use another --out")
    case let e as JobLockError: return (.outputFailed, e.description)
    case let e as DatabaseError:
        switch e.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return (
                .lockHeld, "\(directory)/study.sqlite is in use by another process: wait for it, or use another --out"
            )
        case .SQLITE_NOTADB, .SQLITE_CORRUPT, .SQLITE_ERROR, .SQLITE_MISMATCH:
            return (
                .invalidInput,
                "\(directory)/study.sqlite: not a study database this version can read (\(e.message ?? "\(e)"))"
            )
        default:
            return (.outputFailed, "\(directory)/study.sqlite: \(e.message ?? "\(e)")")
        }
    case let e as RowDecodingError:
        return (.invalidInput, "\(directory)/study.sqlite: a value of the wrong type (\(e))")
    default:
        return (.outputFailed, "\(error)")
    }
}
