// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Formulation
import Scenario

/// Why an output could not be written.
public struct OutputError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public init(path: String, reason: String) { self.path = path; self.reason = reason }
    public var description: String { "cannot write \(path): \(reason)" }
}

/// Writes files so that a reader never sees a partial one: the bytes go to
/// a temporary file in the same directory (`.<name>.tmp-<pid>`), are flushed
/// to disk, the temporary file is renamed over the target (atomic on POSIX
/// file systems) and the directory is flushed too. After a crash, a kill or a
/// power cut at any instant the target holds its previous or its new
/// content, never a part.
///
/// Fault injection (for tests): with `MICROGRID_FAULT_AFTER_WRITES=N` in the
/// environment the process kills itself with SIGKILL after N completed
/// writes: in the middle of write N+1 (half of its bytes in the temporary
/// file, nothing renamed), or at the next ``faultPoint()`` when there is no
/// further write.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws(OutputError) {
        try refuseSpecialFile(path)
        let dir = PathText.directory(of: path)
        let tmp = dir + "/." + PathText.lastComponent(path) + ".tmp-\(getpid())"
        let bytes = Array(text.utf8)
        // A new file only (O_EXCL), never through a symbolic link (O_NOFOLLOW):
        // whatever sits at the temporary name (a stale file of a dead run, a
        // planted link) is unlinked, not written through. rename() then
        // replaces `path` itself, even when `path` is a link.
        var fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        if fd < 0, errno == EEXIST || errno == ELOOP {
            unlink(tmp)
            fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else { throw OutputError(path: path, reason: errorText()) }
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
            throw OutputError(path: path, reason: failure)
        }
        syncDirectory(dir)
        FaultInjection.shared.completedWrite()
    }

    /// Refuses a target that exists as something other than a regular file
    /// or a symbolic link: rename() would replace a device (`/dev/null`), a
    /// pipe or a socket with a regular file, which run as root destroys it.
    static func refuseSpecialFile(_ path: String) throws(OutputError) {
        var st = stat()
        guard lstat(path, &st) == 0 else { return }  // absent: a new file
        let type = st.st_mode & S_IFMT
        guard type != S_IFREG, type != S_IFLNK else { return }
        let what = type == S_IFDIR ? "a directory" : type == S_IFIFO ? "a pipe" : type == S_IFSOCK ? "a socket" : "a device"
        throw OutputError(path: path, reason: "it exists as \(what), not a regular file; refusing to replace it")
    }

    /// A point between writes where an injected fault may strike (see above).
    public static func faultPoint() {
        if FaultInjection.shared.writeIsFatal() { FaultInjection.shared.die() }
    }

    /// Flushes a directory's entries (the rename) to disk; best effort.
    static func syncDirectory(_ dir: String) {
        let fd = open(dir, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    static func errorText() -> String { String(cString: strerror(errno)) }

    /// Creates a folder the tool names itself inside one the user named
    /// (`OUT/2026-07-06`, `OUT/schedules`), refusing a symbolic link there:
    /// a planted link must not send the files outside `OUT`.
    public static func makeSubdirectory(_ dir: String) throws(OutputError) {
        var info = stat()
        if lstat(dir, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
            throw OutputError(path: dir, reason: "it is a symbolic link; refusing to follow it (remove it)")
        }
        try makeDirectory(dir)
    }

    /// Creates `dir` and its parents when missing; a file in the way is an error.
    public static func makeDirectory(_ dir: String) throws(OutputError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw OutputError(path: dir, reason: "it exists and is not a directory") }
            return
        }
        let parent = PathText.directory(of: dir)
        if !parent.isEmpty, parent != dir { try makeDirectory(parent) }
        if mkdir(dir, 0o755) != 0, errno != EEXIST { throw OutputError(path: dir, reason: errorText()) }
    }
}

extension Schedule {
    /// schedule.csv: `timestamp` (or `step`) then every column, one row per
    /// step, numbers in their shortest round-trip form, text cells encoded by
    /// ``CSVWriter``.
    public func csv() -> String {
        var out = ""
        out.reserveCapacity(steps * (columns.count + 1) * 12)
        out += timestamps == nil ? "step" : "timestamp"
        for c in columns { out += ","; out += CSVWriter.cell(c.name) }
        out += "\n"
        for t in 0..<steps {
            if let ts = timestamps {
                out += CSVWriter.cell(ts[t])
            } else {
                out += String(t)
            }
            for c in columns {
                out += ","
                let v = c.values[t]
                out += v == 0 ? "0" : v.description
            }
            out += "\n"
        }
        return out
    }
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

    func completedWrite() {
        lock.lock(); defer { lock.unlock() }
        completed += 1
    }

    func die() -> Never {
        kill(getpid(), SIGKILL)
        _exit(137)
    }
}
