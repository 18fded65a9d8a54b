// SPDX-License-Identifier: GPL-3.0-or-later
import Yams

/// A YAML scalar classified by the YAML 1.2 core schema (plain scalars
/// only; a quoted scalar is always a string).
enum ScalarValue: Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case number(Double)
    case string(String)

    init(_ scalar: Node.Scalar) {
        let s = scalar.string
        guard scalar.style == .plain else { self = .string(s); return }
        switch s {
        case "", "~", "null", "Null", "NULL": self = .null
        case "true", "True", "TRUE": self = .bool(true)
        case "false", "False", "FALSE": self = .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": self = .number(.infinity)
        case "-.inf", "-.Inf", "-.INF": self = .number(-.infinity)
        case ".nan", ".NaN", ".NAN": self = .number(.nan)
        default:
            if let v = ScalarValue.coreNumber(s) { self = v } else { self = .string(s) }
        }
    }

    /// Integers `[-+]?[0-9]+`, `0o…`, `0x…` and floats
    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` of the core schema.
    static func coreNumber(_ s: String) -> ScalarValue? {
        let b = Array(s.utf8)
        if b.count > 2, b[0] == UInt8(ascii: "0") {
            if b[1] == UInt8(ascii: "x"), let v = Int(String(s.dropFirst(2)), radix: 16) { return .int(v) }
            if b[1] == UInt8(ascii: "o"), let v = Int(String(s.dropFirst(2)), radix: 8) { return .int(v) }
        }
        var i = 0
        func digits() -> Int { let st = i; while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }; return i - st }
        if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
        let intDigits = digits()
        var isFloat = false
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1; isFloat = true
            let frac = digits()
            if intDigits == 0 && frac == 0 { return nil }
        } else if intDigits == 0 { return nil }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1; isFloat = true
            if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
            if digits() == 0 { return nil }
        }
        guard i == b.count else { return nil }
        if !isFloat, let v = Int(s) { return .int(v) }
        guard let d = Double(s) else { return nil }
        return .number(d)
    }

    var asDouble: Double? {
        switch self {
        case .int(let v): return Double(v)
        case .number(let v): return v
        default: return nil
        }
    }

    /// How the value reads in an error message.
    var shown: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return "\(b)"
        case .int(let v): return "\(v)"
        case .number(let v): return "\(v)"
        case .string(let s): return "\"\(s)\""
        }
    }
}

/// Reads one YAML mapping: typed getters that record a problem (with the
/// key path) instead of throwing, and a check for keys nobody asked for.
final class MappingReader {
    let path: String
    let log: ProblemLog
    let line: Int?
    /// The mapping's keys, values and key lines, in order (duplicates kept).
    private var keys: [String] = []
    private var values: [Node] = []
    private var lines: [Int?] = []
    /// Whether each entry's key was asked for (every entry of a key used twice).
    private var used: [Bool] = []
    private var hasDuplicates = false

    /// `nil` when `node` is not a mapping (a problem is logged).
    init?(_ node: Node, path: String, log: ProblemLog) {
        self.path = path
        self.log = log
        self.line = node.mark.map { $0.line }
        guard let mapping = node.mapping else {
            log.key(path.isEmpty ? "(top level)" : path, line: node.mark?.line,
                    found: MappingReader.describe(node), expected: "a mapping of keys to values")
            return nil
        }
        keys.reserveCapacity(mapping.count)
        values.reserveCapacity(mapping.count)
        lines.reserveCapacity(mapping.count)
        // Small mappings (all of a scenario's) are checked for repeated keys
        // without hashing; large ones with a set.
        var seen = Set<String>()
        for (k, v) in mapping {
            let key = k.scalar?.string ?? "\(k)"
            let repeated = mapping.count > 32 ? !seen.insert(key).inserted : keys.contains(key)
            if repeated {
                hasDuplicates = true
                log.key(sub(key), line: k.mark?.line, found: "the key twice", expected: "each key once")
            }
            keys.append(key)
            values.append(v)
            lines.append(k.mark?.line)
        }
        used = [Bool](repeating: false, count: keys.count)
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s): return ScalarValue(s).shown
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    func sub(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func has(_ key: String) -> Bool { keys.contains(key) }

    /// The raw node under `key` (its first entry), marking the key as known.
    func node(_ key: String) -> Node? {
        guard let i = keys.firstIndex(of: key) else { return nil }
        used[i] = true
        if hasDuplicates {
            for j in keys.indices where keys[j] == key { used[j] = true }
        }
        return values[i]
    }

    func lineOf(_ key: String) -> Int? { keys.firstIndex(of: key).flatMap { lines[$0] } ?? line }

    /// Logs every key not read, naming the keys that are allowed.
    func rejectUnknownKeys(allowed: [String]) {
        for i in keys.indices where !used[i] {
            log.key(sub(keys[i]), line: lines[i], found: "unknown key \"\(keys[i])\"",
                    expected: "one of: \(allowed.joined(separator: ", "))")
        }
    }

    func problem(_ key: String, found: String, expected: String) {
        log.key(sub(key), line: lineOf(key), found: found, expected: expected)
    }

    /// A finite number; `nil` (and a logged problem) otherwise. Missing:
    /// `defaultValue`, or a problem when `required`.
    func number(_ key: String, default defaultValue: Double? = nil, required: Bool = false,
                expected: String = "a finite number", valid: (Double) -> Bool = { _ in true }) -> Double? {
        guard let n = node(key) else {
            if required { problem(key, found: "nothing (the key is missing)", expected: expected) }
            return defaultValue
        }
        guard let s = n.scalar, let v = ScalarValue(s).asDouble, v.isFinite else {
            problem(key, found: MappingReader.describe(n), expected: expected)
            return defaultValue
        }
        guard valid(v) else {
            problem(key, found: "\(v)", expected: expected)
            return defaultValue
        }
        guard abs(v) <= saneMagnitude else {
            problem(key, found: "\(v)", expected: "\(expected), at most \(saneMagnitude) in size")
            return defaultValue
        }
        return v
    }

    /// A number, or `null` for "no value" (unlimited): `.some(nil)`.
    func optionalNumber(_ key: String, expected: String, valid: (Double) -> Bool) -> Double?? {
        guard let n = node(key) else { return .none }
        if let s = n.scalar, ScalarValue(s) == .null { return .some(nil) }
        return .some(number(key, expected: expected, valid: valid))
    }

    func string(_ key: String, required: Bool = false) -> String? {
        guard let n = node(key) else {
            if required { problem(key, found: "nothing (the key is missing)", expected: "a string") }
            return nil
        }
        guard let s = n.scalar else {
            problem(key, found: MappingReader.describe(n), expected: "a string")
            return nil
        }
        return s.string
    }

    func bool(_ key: String, default defaultValue: Bool) -> Bool {
        guard let n = node(key) else { return defaultValue }
        guard let s = n.scalar, case .bool(let b) = ScalarValue(s) else {
            problem(key, found: MappingReader.describe(n), expected: "true or false")
            return defaultValue
        }
        return b
    }
}
