// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Yams

/// CSV files read once and shared by every scenario loaded through this
/// cache (a study's cases all read their base's CSV). Thread-safe.
public final class TimeSeriesCache: @unchecked Sendable {
    private let lock = NSLock()
    private var tables: [String: TimeSeriesTable] = [:]
    public init() {}

    func table(path: String, make: () -> TimeSeriesTable?) -> TimeSeriesTable? {
        lock.lock()
        defer { lock.unlock() }
        if let t = tables[path] { return t }
        let t = make()
        if let t { tables[path] = t }
        return t
    }
}

/// A scenario's YAML tree before it is read into a ``Scenario``: what a
/// study overrides case by case, then loads with ``load(cache:)``.
/// `@unchecked Sendable`: Yams nodes are values except for their (unused)
/// anchor references, which nothing here mutates.
public struct ScenarioSource: @unchecked Sendable {
    public var root: Node
    public let fileName: String
    public let baseDirectory: String

    /// Parses the YAML file at `path`.
    public init(path: String) throws(ScenarioError) {
        let text: String
        switch TextFile.read(path) {
        case .success(let t): text = t
        case .failure(let p):
            throw ScenarioError([ScenarioProblem(file: path, line: p.line, found: p.reason,
                                                 expected: "a scenario YAML file in UTF-8")])
        }
        let dir = PathText.directory(of: path)
        try self.init(yaml: text, fileName: path, baseDirectory: dir)
    }

    public init(yaml: String, fileName: String, baseDirectory: String) throws(ScenarioError) {
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                throw ScenarioError([ScenarioProblem(file: fileName, found: "an empty document",
                                                     expected: "a scenario mapping")])
            }
            root = node
        } catch let e as ScenarioError {
            throw e
        } catch {
            throw ScenarioError([ScenarioProblem.yamlSyntax(error, text: yaml, file: fileName)])
        }
        self.fileName = fileName
        self.baseDirectory = baseDirectory
    }

    /// Reads and validates the tree into a scenario. `evenSteps: false`
    /// skips the check that the horizon's timestamps run one step apart, for
    /// a caller that checks the part it uses itself (the day-ahead job).
    public func load(cache: TimeSeriesCache? = nil, evenSteps: Bool = true) throws(ScenarioError) -> Scenario {
        let log = ProblemLog(yamlFile: fileName)
        let reader = ScenarioReader(log: log, baseDirectory: baseDirectory, cache: cache)
        reader.checkStepSpacing = evenSteps
        return try finish(reader.read(root), log)
    }

    /// The scenario read, or every problem logged while reading it.
    func finish(_ read: Scenario?, _ log: ProblemLog) throws(ScenarioError) -> Scenario {
        guard log.isEmpty, var scenario = read else {
            throw ScenarioError(log.problems.isEmpty
                ? [ScenarioProblem(file: fileName, found: "an unreadable scenario", expected: "a valid scenario")]
                : log.problems)
        }
        scenario.sourcePath = fileName
        return scenario
    }

    /// Sets the value at a dotted key path, e.g. `grid.import_price`,
    /// `objective.carbon_price_per_t` or `assets.roof-pv.capacity_kw` (an
    /// asset addressed by its name). Missing mappings on the way are created;
    /// a path through something that is not a mapping, or naming no asset,
    /// is an error naming the key path.
    public mutating func set(_ keyPath: String, to value: Node) throws(ScenarioError) {
        let parts = Self.keyPathParts(keyPath)
        guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty }) else {
            throw problem(keyPath, "an empty key path segment", "dotted keys like grid.import_price")
        }
        if parts[0] == "assets" {
            guard parts.count >= 3 else {
                throw problem(keyPath, "a path to an asset without its key", "assets.<asset name>.<key>")
            }
            guard case .mapping(var top) = root,
                  let a = top.firstIndex(where: { $0.key.scalar?.string == "assets" }),
                  case .sequence(var list) = top[a].value,
                  let i = list.firstIndex(where: { Self.nameOf($0) == parts[1] }) else {
                throw problem(keyPath, "no asset named \"\(parts[1])\"", "the name of an asset of the base scenario")
            }
            list[i] = try Self.setting(list[i], Array(parts[2...]), value, keyPath, fileName)
            top[a] = (top[a].key, .sequence(list))
            root = .mapping(top)
        } else {
            root = try Self.setting(root, parts, value, keyPath, fileName)
        }
    }

    /// The dot-separated parts of a key path. An ASCII path is split on its
    /// bytes, which gives what splitting on characters gives for it, faster.
    static func keyPathParts(_ keyPath: String) -> [String] {
        guard keyPath.utf8.allSatisfy({ $0 < 0x80 }) else {
            return keyPath.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        }
        return keyPath.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
            .map { String(Substring($0)) }
    }

    private static func nameOf(_ asset: Node) -> String? {
        asset.mapping?.first(where: { $0.key.scalar?.string == "name" })?.value.scalar?.string
    }

    private func problem(_ path: String, _ found: String, _ expected: String) -> ScenarioError {
        ScenarioError([ScenarioProblem(file: fileName, keyPath: path, found: found, expected: expected)])
    }

    /// `node` with `value` set at the path `parts` inside it (`path` and
    /// `file` name it in errors).
    static func setting(_ node: Node, _ parts: [String], _ value: Node, _ path: String,
                                _ file: String) throws(ScenarioError) -> Node {
        guard let key = parts.first else { return value }
        var mapping: Node.Mapping
        switch node {
        case .mapping(let m): mapping = m
        case .scalar(let s) where ScalarValue(s) == .null: mapping = Node.Mapping([])
        default:
            throw ScenarioError([ScenarioProblem(file: file, keyPath: path, found: "\(key) inside a value that is not a mapping",
                                                 expected: "a key path through mappings")])
        }
        if let i = mapping.firstIndex(where: { $0.key.scalar?.string == key }) {
            let child = try setting(mapping[i].value, Array(parts.dropFirst()), value, path, file)
            mapping[i] = (mapping[i].key, child)
        } else {
            let child = try setting(.scalar(Node.Scalar("", .implicit, .plain)), Array(parts.dropFirst()), value, path, file)
            mapping = Node.Mapping(Array(mapping) + [(Node(key), child)], mapping.tag, mapping.style, mapping.mark)
        }
        return .mapping(mapping)
    }
}

extension Node {
    /// A plain (unquoted) scalar: a number reads as a number, anything else
    /// as a string (a column name), as in a hand-written scenario.
    public static func plain(_ text: String) -> Node {
        .scalar(Node.Scalar(text, .implicit, .plain))
    }
}
