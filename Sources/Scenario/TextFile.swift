// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// Reads a whole input file as UTF-8 text. When it cannot, `reason` says
/// why in words a user can act on: the file is missing, is a directory, is
/// not readable, or holds an invalid UTF-8 byte (with its byte offset and
/// line).
public enum TextFile {
    public static func read(_ path: String) -> Result<String, TextFileProblem> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(TextFileProblem(reason: "no such file"))
        }
        if isDirectory.boolValue { return .failure(TextFileProblem(reason: "a directory, not a file")) }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(TextFileProblem(reason: "a file that cannot be read (permissions?)"))
        }
        return decode(data)
    }

    /// Strict UTF-8 decoding of `data`; the first invalid byte is named.
    public static func decode(_ data: Data) -> Result<String, TextFileProblem> {
        let bytes = [UInt8](data)
        if let text = String(validating: bytes, as: UTF8.self) { return .success(text) }
        let offset = firstInvalidByte(bytes)
        let line = bytes.prefix(offset).reduce(1) { $1 == 10 ? $0 + 1 : $0 }
        let shown = offset < bytes.count ? String(format: "0x%02X", bytes[offset]) : "a cut-off character"
        return .failure(
            TextFileProblem(reason: "invalid UTF-8 (\(shown)) at byte \(offset) (line \(line))", line: line))
    }

    /// Offset of the first byte that does not start or continue a valid
    /// UTF-8 sequence (the count when the text ends inside a sequence).
    static func firstInvalidByte(_ bytes: [UInt8]) -> Int {
        var i = 0
        while i < bytes.count {
            let width = sequenceWidth(bytes, at: i)
            if width == 0 { return i }
            i += width
        }
        return bytes.count
    }

    /// Length of the valid UTF-8 sequence starting at `i`, or 0.
    private static func sequenceWidth(_ b: [UInt8], at i: Int) -> Int {
        let lead = b[i]
        let width: Int
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: width = 2
        case 0xE0...0xEF: width = 3
        case 0xF0...0xF4: width = 4
        default: return 0
        }
        guard i + width <= b.count else { return 0 }
        return String(validating: b[i..<(i + width)], as: UTF8.self) == nil ? 0 : width
    }
}

/// Why an input file could not be read as text.
public struct TextFileProblem: Error, Sendable {
    public let reason: String
    public var line: Int?
}
