// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// Why a job file could not be written.
public struct JobFileError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public init(path: String, reason: String) { self.path = path; self.reason = reason }
    public var description: String { "cannot write \(path): \(reason)" }
}

/// Crash-safe file writes for unattended jobs.
///
/// Each file goes to a temporary name in its own directory
/// (`.<name>.tmp-<pid>`), is flushed to disk, renamed over the target
/// (atomic on POSIX file systems) and the directory is flushed too, so that
/// after a crash, a kill or a power cut at any instant the target holds
/// either its previous content or its new content, never a part.
///
/// Fault injection (for tests): with `MICROGRID_FAULT_AFTER_WRITES=N` in the
/// environment the process kills itself with SIGKILL after N completed
/// writes: in the middle of write N+1 (half of its bytes in the temporary
/// file, nothing renamed), or at the next ``faultPoint()`` when there is no
/// further write.
public enum JobFiles {
    /// Writes `text` to `path` through a temporary file and a rename.
    public static func write(_ text: String, to path: String) throws(JobFileError) {
        let dir = directory(of: path)
        let tmp = dir + "/." + (path as NSString).lastPathComponent + ".tmp-\(getpid())"
        let bytes = Array(text.utf8)
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw JobFileError(path: path, reason: errorText()) }
        var failure: String?
        let dying = FaultInjection.shared.writeIsFatal()
        let count = dying ? bytes.count / 2 : bytes.count
        bytes.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return }
            var offset = 0
            while offset < count {
                let n = Foundation.write(fd, base + offset, count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errorText()
                    return
                }
                offset += n
            }
        }
        if dying { FaultInjection.shared.die() }
        if failure == nil, fsync(fd) != 0 { failure = errorText() }
        if close(fd) != 0, failure == nil { failure = errorText() }
        if failure == nil, rename(tmp, path) != 0 { failure = errorText() }
        if let failure {
            unlink(tmp)
            throw JobFileError(path: path, reason: failure)
        }
        syncDirectory(dir)
        FaultInjection.shared.completedWrite()
    }

    /// A point between writes where an injected fault may strike (see above).
    public static func faultPoint() {
        if FaultInjection.shared.pointIsFatal() { FaultInjection.shared.die() }
    }

    /// Creates `dir` and its parents when missing.
    public static func makeDirectory(_ dir: String) throws(JobFileError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw JobFileError(path: dir, reason: "it exists and is not a directory") }
            return
        }
        let parent = (dir as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != dir { try makeDirectory(parent) }
        if mkdir(dir, 0o755) != 0, errno != EEXIST { throw JobFileError(path: dir, reason: errorText()) }
    }

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
        let dir = (path as NSString).deletingLastPathComponent
        return dir.isEmpty ? "." : dir
    }

    /// Flushes a directory's entries (the rename) to disk; best effort.
    static func syncDirectory(_ dir: String) {
        let fd = open(dir, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    static func errorText() -> String { String(cString: strerror(errno)) }
}

/// Whether process `pid` exists (EPERM: it exists but belongs to someone else).
func processIsAlive(_ pid: Int32) -> Bool {
    guard pid > 0 else { return false }
    return kill(pid, 0) == 0 || errno == EPERM
}

/// The `MICROGRID_FAULT_AFTER_WRITES` switch (read once per process).
final class FaultInjection: @unchecked Sendable {
    static let shared = FaultInjection()
    private let lock = NSLock()
    private let limit: Int?
    private var completed = 0

    private init() {
        if let text = getenv("MICROGRID_FAULT_AFTER_WRITES").map({ String(cString: $0) }), let n = Int(text), n >= 0 {
            limit = n
        } else {
            limit = nil
        }
    }

    func writeIsFatal() -> Bool {
        lock.lock(); defer { lock.unlock() }
        return limit == completed
    }

    func pointIsFatal() -> Bool { writeIsFatal() }

    func completedWrite() {
        lock.lock(); defer { lock.unlock() }
        completed += 1
    }

    func die() -> Never {
        kill(getpid(), SIGKILL)
        _exit(137)
    }
}
