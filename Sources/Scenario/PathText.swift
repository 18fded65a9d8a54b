// SPDX-License-Identifier: GPL-3.0-or-later

/// Path arithmetic on plain strings. Foundation's `NSString` path methods
/// trap (SIGILL) on a one-character relative path such as `w` on Linux
/// (swift-corelibs-foundation, Swift 6.3), so every file name a user gives
/// goes through these instead.
public enum PathText {
    /// The folder part: `a/b/c` → `a/b`, `c` → `.`, `/c` → `/`; trailing
    /// slashes are ignored (`a/b/` → `a`).
    public static func directory(of path: String) -> String {
        let trimmed = withoutTrailingSlashes(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        let head = withoutTrailingSlashes(String(trimmed[..<slash]))
        return head.isEmpty ? "/" : head
    }

    /// The last component: `a/b/c` → `c`, `c` → `c`, `a/b/` → `b`, `/` → `/`.
    public static func lastComponent(_ path: String) -> String {
        let trimmed = withoutTrailingSlashes(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
        let tail = String(trimmed[trimmed.index(after: slash)...])
        return tail.isEmpty ? trimmed : tail
    }

    /// `name` inside `directory`; an absolute `name` stays as it is.
    public static func joining(_ directory: String, _ name: String) -> String {
        if name.hasPrefix("/") || directory.isEmpty { return name }
        return directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    private static func withoutTrailingSlashes(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1, p.hasSuffix("/") { p = p.dropLast() }
        return String(p)
    }
}
