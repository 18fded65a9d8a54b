// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Formulation

/// Why an output could not be written.
public struct OutputError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot write \(path): \(reason)" }
}

/// Writes files so that a reader never sees a partial one: the bytes go to
/// a temporary file in the same directory, are flushed to disk, and the
/// temporary file is renamed over the target (atomic on POSIX file systems).
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws(OutputError) {
        let dir = (path as NSString).deletingLastPathComponent
        let base = (path as NSString).lastPathComponent
        let tmp = (dir.isEmpty ? "." : dir) + "/.\(base).tmp-\(getpid())"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw OutputError(path: path, reason: String(cString: strerror(errno))) }
        var failure: String?
        text.utf8CString.withUnsafeBufferPointer { buf in
            guard let start = buf.baseAddress else { return }
            var offset = 0
            let total = buf.count - 1 // without the NUL terminator
            while offset < total {
                let n = Foundation.write(fd, start + offset, total - offset)
                if n < 0 { failure = String(cString: strerror(errno)); return }
                offset += n
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        close(fd)
        if failure == nil, rename(tmp, path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(tmp)
            throw OutputError(path: path, reason: failure)
        }
    }

    /// Creates `dir` and its parents when missing.
    public static func makeDirectory(_ dir: String) throws(OutputError) {
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: dir, reason: "\(error.localizedDescription)")
        }
    }
}

extension Schedule {
    /// schedule.csv: `timestamp` (or `step`) then every column, one row per
    /// step, numbers in their shortest round-trip form.
    public func csv() -> String {
        var out = ""
        out.reserveCapacity(steps * (columns.count + 1) * 12)
        out += timestamps == nil ? "step" : "timestamp"
        for c in columns { out += ","; out += c.name }
        out += "\n"
        for t in 0..<steps {
            if let ts = timestamps {
                out += ts[t].contains(",") || ts[t].contains("\"")
                    ? "\"" + ts[t].replacingOccurrences(of: "\"", with: "\"\"") + "\"" : ts[t]
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
