// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Results
import Scenario

/// Why a job file could not be written or read.
public typealias JobFileError = OutputError

/// File handling for unattended jobs: crash-safe writes (through
/// ``AtomicFile``), bounded reads, directories, and clean-up of temporary
/// files left by killed runs.
public enum JobFiles {
    /// Writes `text` to `path` through a temporary file and a rename
    /// (``AtomicFile/write(_:to:)``, where the fault injection lives too).
    public static func write(_ text: String, to path: String) throws(JobFileError) {
        try AtomicFile.write(text, to: path)
    }

    /// A point between writes where an injected fault may strike.
    public static func faultPoint() { AtomicFile.faultPoint() }

    /// Creates `dir` and its parents when missing.
    public static func makeDirectory(_ dir: String) throws(JobFileError) { try AtomicFile.makeDirectory(dir) }

    /// The bytes of the file at `path`, or why it cannot be read.
    public static func read(_ path: String) -> Result<[UInt8], JobFileError> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(JobFileError(path: path, reason: errorText())) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = Foundation.read(fd, &buffer, buffer.count)
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(JobFileError(path: path, reason: errorText()))
            }
            if n == 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
            if bytes.count > 64 << 20 { return .failure(JobFileError(path: path, reason: "larger than 64 MB")) }
        }
        return .success(bytes)
    }

    /// Removes temporary files `.<name>.tmp-<pid>` in `dir` for the given
    /// target names that were left by processes no longer running.
    public static func removeStaleTemporaries(in dir: String, for names: [String]) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
        for entry in entries {
            for name in names where entry.hasPrefix(".\(name).tmp-") {
                let suffix = entry.dropFirst(name.count + 6)
                guard let pid = Int32(suffix) else { continue }
                if pid == getpid() || !processIsAlive(pid) { unlink(dir + "/" + entry) }
            }
        }
    }

    static func directory(of path: String) -> String {
        PathText.directory(of: path)
    }

    static func errorText() -> String { String(cString: strerror(errno)) }
}

/// Whether process `pid` exists (EPERM: it exists but belongs to someone else).
func processIsAlive(_ pid: Int32) -> Bool {
    guard pid > 0 else { return false }
    return kill(pid, 0) == 0 || errno == EPERM
}
