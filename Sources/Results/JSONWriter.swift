// SPDX-License-Identifier: GPL-3.0-or-later

/// JSON text is built as UTF-8 bytes and made a string once: appending to a
/// byte array costs a fraction of appending to a `String`, which matters for
/// studies that write a results.json per case.
extension JSONValue {
    /// On one line, without spaces.
    public func compact() -> String {
        var out: [UInt8] = []
        writeCompact(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private func writeCompact(into out: inout [UInt8]) {
        switch self {
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (k, item) in items.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                item.writeCompact(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let pairs):
            out.append(UInt8(ascii: "{"))
            for (k, (key, value)) in pairs.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                JSONValue.quote(key, into: &out)
                out.append(UInt8(ascii: ":"))
                value.writeCompact(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        default:
            write(into: &out, indent: [], depth: 0)
        }
    }

    /// Pretty-printed with two-space indentation, every line after the
    /// first starting with `indent`.
    public func serialized(indent: String = "") -> String {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(into: &out, indent: Array(indent.utf8), depth: 0)
        return String(decoding: out, as: UTF8.self)
    }

    /// Writes the value at nesting `depth` (its lines indented by `indent`
    /// and two spaces per level).
    private func write(into out: inout [UInt8], indent: [UInt8], depth: Int) {
        switch self {
        case .null: out.append(literal: "null")
        case .bool(let b): out.append(literal: b ? "true" : "false")
        case .int(let i): out.append(text: String(i))
        case .number(let d): out.append(text: d.isFinite ? (d == 0 ? "0.0" : d.description) : "null")
        case .string(let s): JSONValue.quote(s, into: &out)
        case .array(let items):
            if items.isEmpty { out.append(literal: "[]"); return }
            out.append(literal: "[\n")
            for (k, item) in items.enumerated() {
                Self.indent(&out, indent, depth + 1)
                item.write(into: &out, indent: indent, depth: depth + 1)
                out.append(literal: k + 1 < items.count ? ",\n" : "\n")
            }
            Self.indent(&out, indent, depth)
            out.append(UInt8(ascii: "]"))
        case .object(let pairs):
            if pairs.isEmpty { out.append(literal: "{}"); return }
            out.append(literal: "{\n")
            for (k, (key, value)) in pairs.enumerated() {
                Self.indent(&out, indent, depth + 1)
                JSONValue.quote(key, into: &out)
                out.append(literal: ": ")
                value.write(into: &out, indent: indent, depth: depth + 1)
                out.append(literal: k + 1 < pairs.count ? ",\n" : "\n")
            }
            Self.indent(&out, indent, depth)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func indent(_ out: inout [UInt8], _ indent: [UInt8], _ depth: Int) {
        if !indent.isEmpty { out.append(contentsOf: indent) }
        var n = 2 * depth
        while n > 0 {
            let k = min(n, spaces.count)
            out.append(contentsOf: spaces[..<k])
            n -= k
        }
    }

    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 32)

    /// `s` in double quotes: `"` and `\` escaped, control characters as
    /// `\n`, `\r`, `\t` or `\u00XX`, everything else as it is.
    static func quote(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { bytes in
            // Keys and names rarely need escaping: copy them whole.
            guard bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else {
                out.append(contentsOf: bytes)
                return
            }
            for b in bytes {
                switch b {
                case UInt8(ascii: "\""): out.append(literal: "\\\"")
                case UInt8(ascii: "\\"): out.append(literal: "\\\\")
                case UInt8(ascii: "\n"): out.append(literal: "\\n")
                case UInt8(ascii: "\r"): out.append(literal: "\\r")
                case UInt8(ascii: "\t"): out.append(literal: "\\t")
                case ..<0x20:
                    let hex = String(b, radix: 16)
                    out.append(text: "\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                default:
                    // ASCII, or a byte of a multi-byte character: copied.
                    out.append(b)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

extension [UInt8] {
    /// Appends the UTF-8 bytes of `text` (text built as bytes: see ``JSONValue``).
    public mutating func append(text: String) {
        if let done: Void = text.utf8.withContiguousStorageIfAvailable({ append(contentsOf: $0) }) { return done }
        append(contentsOf: text.utf8)
    }

    /// Appends the UTF-8 bytes of a literal.
    mutating func append(literal text: StaticString) {
        text.withUTF8Buffer { append(contentsOf: $0) }
    }
}
