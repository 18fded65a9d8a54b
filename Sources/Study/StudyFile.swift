// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import MicrogridKit
import Scenario
import Yams

/// One override of a case: a key path of the base scenario and the value
/// written for it. `quoted` keeps a YAML string a string (a column name).
public struct OverrideValue: Sendable, Hashable {
    public var text: String
    public var quoted: Bool
    public init(_ text: String, quoted: Bool = false) { self.text = text; self.quoted = quoted }
    var node: Node { .scalar(Node.Scalar(text, .implicit, quoted ? .doubleQuoted : .plain)) }
}

/// One variant of a study.
public struct StudyCase: Sendable {
    /// Position in the study (0-based); stable for a given study file.
    public let index: Int
    public let name: String
    public let overrides: [(path: String, value: OverrideValue)]
    /// Hash of the resolved case (base scenario, its CSV, the overrides):
    /// what a resumed study matches on.
    public let key: String

    /// The case's name as a file name inside the study's folder: the name
    /// itself when it is made of letters, digits, `.`, `-` and `_` only (and
    /// does not start with a dot); otherwise those characters kept, every
    /// other one replaced by `_`, and a hash of the true name added, so
    /// `../../x` or `a/b` can never leave the folder nor collide.
    public var fileName: String {
        let kept = String(name.unicodeScalars.prefix(80).map { Self.isSafe($0) ? Character($0) : "_" })
        if kept == name, !name.isEmpty, !name.hasPrefix(".") { return name }
        let head = kept.hasPrefix(".") ? "_" + kept.dropFirst() : kept
        return head + "-" + String(FNV1a.hex(name).prefix(8))
    }

    private static func isSafe(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "-" || c == "_" || c == "."
    }
}

/// A study file's problems.
public struct StudyError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A batch what-if study: a base scenario and its variants.
///
///     base: scenario.yaml
///     vary:                      # cartesian product, first key slowest
///       assets.roof-pv.capacity_kw: [0, 2000, 4000]
///       objective.carbon_price_per_t: [0, 65, 200]
///     # or  cases: [{name: big-pv, assets.roof-pv.capacity_kw: 4000}, ...]
///     # or  cases_csv: cases.csv   (one row per case, one column per key path; optional `name`)
public struct Study: Sendable {
    public let path: String
    public let base: ScenarioSource
    public let keyPaths: [String]
    public let cases: [StudyCase]
    /// Hash of the base and every case: shards of one study share it.
    public let identity: String

    public static func load(path: String) throws(StudyError) -> Study {
        let text: String
        switch TextFile.read(path) {
        case .success(let t): text = t
        case .failure(let p): throw StudyError("\(path): \(p.reason); expected a study YAML file")
        }
        let root: Node
        do {
            guard let r = try Yams.compose(yaml: text), let _ = r.mapping else {
                throw StudyError("\(path): expected a mapping with `base` and one of `vary`, `cases`, `cases_csv`")
            }
            root = r
        } catch let e as StudyError { throw e } catch {
            throw StudyError("\(path): invalid YAML: \(error)")
        }
        let dir = PathText.directory(of: path)
        func resolve(_ p: String) -> String { p.hasPrefix("/") ? p : dir + "/" + p }
        guard let baseName = root["base"]?.scalar?.string else { throw StudyError("\(path): base: missing; expected the scenario file the cases vary") }
        let base: ScenarioSource
        do { base = try ScenarioSource(path: resolve(baseName)) } catch {
            throw StudyError("\(path): base: \(error.description)")
        }
        let allowed: Set<String> = ["base", "vary", "cases", "cases_csv", "description"]
        for (k, _) in root.mapping ?? Node.Mapping([]) where !allowed.contains(k.scalar?.string ?? "") {
            throw StudyError("\(path): unknown key \"\(k.scalar?.string ?? "?")\"; expected base, vary, cases or cases_csv")
        }
        let given = ["vary", "cases", "cases_csv"].filter { root[$0] != nil }
        guard given.count == 1 else {
            throw StudyError("\(path): found \(given.isEmpty ? "none" : given.joined(separator: " and ")); expected exactly one of vary, cases, cases_csv")
        }
        let raw: [(name: String?, overrides: [(String, OverrideValue)])]
        switch given[0] {
        case "vary": raw = try varyCases(root["vary"], path)
        case "cases": raw = try listCases(root["cases"], path)
        default:
            guard let csvName = root["cases_csv"]?.scalar?.string else { throw StudyError("\(path): cases_csv: expected a file name") }
            raw = try csvCases(resolve(csvName))
        }
        let named = raw.enumerated().map { i, c in (name: c.name ?? defaultCaseName(i), overrides: c.overrides) }
        let study = Study(base: base, path: path, named: named)
        let names = Dictionary(grouping: study.cases, by: \.name).filter { $0.value.count > 1 }.keys.sorted()
        if !names.isEmpty { throw StudyError("\(path): case names used twice: \(names.joined(separator: ", "))") }
        return study
    }

    /// `case-0001` for the first case (`%04d`, without a format string's cost).
    static func defaultCaseName(_ index: Int) -> String {
        let number = String(index + 1)
        return "case-" + String(repeating: "0", count: max(0, 4 - number.count)) + number
    }

    /// A study of named override sets on `base` (a study file's cases, or
    /// the points of a Pareto front). Each case's key, what a resumed study
    /// matches on, hashes the base's YAML and CSV bytes with the case's
    /// overrides in key-path order.
    init(base: ScenarioSource, path: String, named: [(name: String, overrides: [(String, OverrideValue)])]) {
        let baseKey = FNV1a.hex(Self.baseHashText(base))
        var keyPaths: [String] = []
        var cases: [StudyCase] = []
        for (i, c) in named.enumerated() {
            for (p, _) in c.overrides where !keyPaths.contains(p) { keyPaths.append(p) }
            // The hash of `baseKey`, a line break, then `path=value` lines in
            // key-path order (a string value after a double quote), fed piece by piece.
            var key = FNV1a.Stream()
            key.add(baseKey)
            key.add("\n")
            for (k, (path, value)) in c.overrides.sorted(by: { $0.0 < $1.0 }).enumerated() {
                if k > 0 { key.add("\n") }
                key.add(path)
                key.add(value.quoted ? "=\"" : "=")
                key.add(value.text)
            }
            cases.append(StudyCase(index: i, name: c.name, overrides: c.overrides, key: key.hex))
        }
        self.path = path
        self.base = base
        self.keyPaths = keyPaths
        self.cases = cases
        identity = FNV1a.hex(([baseKey] + cases.map(\.key)).joined(separator: ","))
    }

    /// The text a base is hashed by: its YAML and its CSV file's bytes.
    private static func baseHashText(_ base: ScenarioSource) -> String {
        var text = String(FNV1a.hash(FileManager.default.contents(atPath: base.fileName) ?? Data()))
        if let ts = base.root["timeseries"]?.scalar?.string {
            let p = PathText.joining(base.baseDirectory, ts)
            if let data = FileManager.default.contents(atPath: p) { text += "\n" + String(FNV1a.hash(data)) }
        }
        return text
    }

    static func scalarValue(_ node: Node, _ where_: String) throws(StudyError) -> OverrideValue {
        guard let s = node.scalar else { throw StudyError("\(where_): expected a number or a string, found a list or mapping") }
        return OverrideValue(s.string, quoted: s.style != .plain)
    }

    private static func varyCases(_ node: Node?, _ path: String) throws(StudyError) -> [(name: String?, overrides: [(String, OverrideValue)])] {
        guard let m = node?.mapping, !m.isEmpty else { throw StudyError("\(path): vary: expected a mapping of key paths to lists of values") }
        var axes: [(String, [OverrideValue])] = []
        for (k, v) in m {
            let key = k.scalar?.string ?? ""
            guard let list = v.sequence, !list.isEmpty else { throw StudyError("\(path): vary.\(key): expected a non-empty list of values") }
            var values: [OverrideValue] = []
            for item in list { values.append(try scalarValue(item, "\(path): vary.\(key)")) }
            axes.append((key, values))
        }
        var combos: [[(String, OverrideValue)]] = [[]]
        for (key, values) in axes {
            combos = combos.flatMap { c in values.map { c + [(key, $0)] } }
        }
        guard combos.count <= 10_000_000 else { throw StudyError("\(path): vary: \(combos.count) cases is too many") }
        return combos.map { (nil, $0) }
    }

    private static func listCases(_ node: Node?, _ path: String) throws(StudyError) -> [(name: String?, overrides: [(String, OverrideValue)])] {
        guard let list = node?.sequence, !list.isEmpty else { throw StudyError("\(path): cases: expected a non-empty list of override sets") }
        var out: [(name: String?, overrides: [(String, OverrideValue)])] = []
        for (i, item) in list.enumerated() {
            guard let m = item.mapping else { throw StudyError("\(path): cases[\(i)]: expected a mapping of key paths to values") }
            var name: String?
            var overrides: [(String, OverrideValue)] = []
            for (k, v) in m {
                let key = k.scalar?.string ?? ""
                if key == "name" { name = v.scalar?.string; continue }
                overrides.append((key, try scalarValue(v, "\(path): cases[\(i)].\(key)")))
            }
            out.append((name, overrides))
        }
        return out
    }

    private static func csvCases(_ file: String) throws(StudyError) -> [(name: String?, overrides: [(String, OverrideValue)])] {
        let csv: CSVTable
        do {
            csv = try CSVTable(path: file)
            try csv.requireHeaderWidth()
        } catch {
            throw StudyError(error.kind == .unreadable ? "\(file): \(error.found); expected a cases CSV in UTF-8"
                                                       : error.description)
        }
        guard !csv.rows.isEmpty else {
            throw StudyError("\(file): expected a header of key paths and one row per case")
        }
        var out: [(name: String?, overrides: [(String, OverrideValue)])] = []
        for row in csv.rows {
            var name: String?
            var overrides: [(String, OverrideValue)] = []
            for (c, key) in csv.header.enumerated() {
                let cell = row[c].trimmingCharacters(in: .whitespaces)
                if key == "name" || key == "case" { name = cell.isEmpty ? nil : cell; continue }
                if !cell.isEmpty { overrides.append((key, OverrideValue(cell))) }
            }
            out.append((name, overrides))
        }
        return out
    }
}

