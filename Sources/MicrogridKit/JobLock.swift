// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// Why a lock could not be taken.
public enum JobLockError: Error, CustomStringConvertible {
    /// Another live process holds the lock.
    case held(path: String, pid: Int32?, host: String?)
    case io(path: String, reason: String)

    public var description: String {
        switch self {
        case let .held(path, pid, host):
            let who = pid.map { "process \($0)\(host.map { " on \($0)" } ?? "")" } ?? "another process"
            return "\(path) is held by \(who), which is still running: another run is using this state."
                + " (If no microgrid run is active, the PID was reused: delete \(path).)"
        case let .io(path, reason):
            return "cannot lock \(path): \(reason)"
        }
    }
}

/// An exclusive lock beside a state file (`STATE.json.lock`), so that two
/// runs never work on one state.
///
/// The lock file holds the owner's PID and host name. It is held with
/// `flock(2)` while the owner runs (the kernel drops that when the process
/// dies, however it dies) and is removed on release. A lock file that is
/// not `flock`ed and whose PID is not running on this host was left by a
/// dead run: it is stale and taken over, and ``takenOver`` says so. A lock
/// file naming a live process on this host counts as held even when not
/// `flock`ed (file systems where `flock` is a no-op).
///
/// Not `Sendable`: release it on the thread that took it.
public final class JobLock {
    public let path: String
    /// Set when a stale lock was taken over: what it said.
    public let takenOver: String?
    private var fd: Int32

    /// Takes the lock at `path`, creating the file.
    ///
    /// - Throws: ``JobLockError/held(path:pid:host:)`` when a live process
    ///   holds it; ``JobLockError/io(path:reason:)`` when the file cannot be
    ///   created or locked.
    public init(path: String) throws(JobLockError) {
        self.path = path
        let me = getpid()
        let host = Self.hostName()
        for _ in 0..<8 {
            // Never through a symbolic link, and never truncating at open: a
            // planted link or hard link must not let the lock clobber another file.
            let fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                let reason = errno == ELOOP ? "it is a symbolic link; refusing to follow it (remove it)"
                    : String(cString: strerror(errno))
                throw .io(path: path, reason: reason)
            }
            var info = stat()
            guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_nlink == 1 else {
                close(fd)
                throw .io(path: path, reason: "it is not a plain file of its own (a directory, device or hard link?);"
                          + " refusing to use it (remove it)")
            }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let code = errno
                let (pid, owner) = Self.parse(Self.contents(fd))
                close(fd)
                if code == EWOULDBLOCK || code == EAGAIN { throw .held(path: path, pid: pid, host: owner) }
                throw .io(path: path, reason: String(cString: strerror(code)))
            }
            // The file may have been removed (released) between open and flock: retry on the new one.
            var a = stat(), b = stat()
            guard fstat(fd, &a) == 0, lstat(path, &b) == 0, a.st_ino == b.st_ino, a.st_dev == b.st_dev else {
                close(fd)
                continue
            }
            let text = Self.contents(fd)
            let (pid, owner) = Self.parse(text)
            var note: String?
            if let pid, pid != me {
                if owner == nil || owner == host {
                    if processIsAlive(pid) {
                        close(fd)
                        throw .held(path: path, pid: pid, host: owner)
                    }
                    note = "stale lock \(path) of process \(pid), which is no longer running: taken over"
                } else if let owner {
                    note = "lock \(path) left by process \(pid) on \(owner), not locked any more: taken over"
                }
            } else if !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, pid == nil {
                note = "unreadable lock \(path), not locked by any process: taken over"
            }
            let mine = "\(me)\n\(host)\n"
            guard ftruncate(fd, 0) == 0, pwrite(fd, mine, mine.utf8.count, 0) == mine.utf8.count else {
                let reason = String(cString: strerror(errno))
                close(fd)
                throw .io(path: path, reason: reason)
            }
            // Not fsynced: the flock is the lock, and the text only names
            // the owner for stale-lock checks, which a crash or power cut
            // leaves stale either way (an empty or old file is taken over).
            self.fd = fd
            self.takenOver = note
            return
        }
        throw .io(path: path, reason: "the lock file kept changing under us")
    }

    /// Removes the lock file and drops the lock (idempotent).
    public func release() {
        guard fd >= 0 else { return }
        var a = stat(), b = stat()
        if fstat(fd, &a) == 0, lstat(path, &b) == 0, a.st_ino == b.st_ino, a.st_dev == b.st_dev {
            unlink(path)
        }
        close(fd)
        fd = -1
    }

    deinit { release() }

    static func contents(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = pread(fd, &buffer, buffer.count, 0)
        return n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self) : ""
    }

    /// `PID\nHOST\n` (host optional).
    static func parse(_ text: String) -> (Int32?, String?) {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        let pid = lines.first.flatMap { Int32($0) }.flatMap { $0 > 0 ? $0 : nil }
        let host = lines.count > 1 && !lines[1].isEmpty ? lines[1] : nil
        return (pid, host)
    }

    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
