// SPDX-License-Identifier: GPL-3.0-or-later
import Yams

/// A scenario loaded once, from which many variants are loaded (a study's
/// cases). A variant that only writes numbers into an asset, `grid`,
/// `objective`, `constraints`, `accounting` or `unserved_penalty_per_kwh`
/// re-reads just those sections of its tree, with the loader's own readers
/// and so the loader's own checks and messages; the rest of the base scenario
/// (its CSV columns, loads, horizon) is reused as it is. Any other change
/// (names, types, column names, the horizon, `null`, deeper paths) is loaded
/// in full. Either way the result equals ``ScenarioSource/load(cache:)`` of
/// the overridden tree: a re-read section is the base's with the overrides
/// set into it as ``ScenarioSource/set(_:to:)`` sets them into the tree.
public struct ScenarioVariants: @unchecked Sendable {
    public let source: ScenarioSource
    public let base: Scenario
    private let table: TimeSeriesTable?
    private let window: Range<Int>
    private let steps: Int
    private let stepHours: Double
    private let horizonKnown: Bool
    /// Asset name -> index in `assets` (the YAML list and `base.assets` agree).
    private let assetIndex: [String: Int]
    /// The base's asset entries, as listed.
    private let assetNodes: [Node]
    /// The base's top-level entries a variant may re-read (key and value), by key.
    private let topEntries: [String: (key: Node, value: Node)]
    private static let topKeys = ["grid", "objective", "constraints", "accounting", "unserved_penalty_per_kwh"]

    /// Loads `source` (every problem thrown, as a full load).
    public init(_ source: ScenarioSource, cache: TimeSeriesCache? = nil) throws(ScenarioError) {
        let log = ProblemLog(yamlFile: source.fileName)
        let reader = ScenarioReader(log: log, baseDirectory: source.baseDirectory, cache: cache)
        base = try source.finish(reader.read(source.root), log)
        self.source = source
        table = reader.table
        window = reader.window
        steps = reader.steps
        stepHours = reader.stepHours
        horizonKnown = reader.horizonKnown
        // The first entry of each key, as ScenarioSource.set finds it.
        var entries: [String: (key: Node, value: Node)] = [:]
        var assets: [Node] = []
        for (k, v) in source.root.mapping ?? Node.Mapping([]) {
            guard let name = k.scalar?.string, entries[name] == nil else { continue }
            if name == "assets", case .sequence(let list) = v { assets = Array(list) }
            entries[name] = (k, v)
        }
        topEntries = entries.filter { Self.topKeys.contains($0.key) }
        assetNodes = assets
        var names: [String: Int] = [:]
        for (i, a) in base.assets.enumerated() { names[a.name] = i }
        assetIndex = assets.count == base.assets.count ? names : [:]
    }

    /// Sections of the tree a variant re-reads, in the loader's reading order.
    enum Section: Comparable, Hashable {
        case grid
        case asset(Int)
        case objective
        case penalty
    }

    /// A node a numeric override is set into: an asset's entry or a top-level value.
    enum Target: Hashable {
        case asset(Int)
        case top(String)
    }

    /// The variant with `overrides` (dotted key paths, as
    /// ``ScenarioSource/set(_:to:)``) applied in order.
    ///
    /// With a `memo` (one per thread), an asset, or the objective,
    /// constraints and accounting, whose overrides (paths and values, in
    /// order) were read before without a problem are taken from it instead
    /// of being set and read again: the same values, since a re-read section
    /// depends on nothing else.
    public func load(_ overrides: [(path: String, value: Node)], cache: TimeSeriesCache? = nil,
                     memo: VariantMemo? = nil) throws(ScenarioError) -> Scenario {
        var targets: [(target: Target, rest: [String])] = []
        targets.reserveCapacity(overrides.count)
        for (path, value) in overrides {
            let found: (target: Target, rest: [String])?
            if let memo {
                found = memo.target(path, value) { p, v in target(p, v) }
            } else {
                found = target(path, value)
            }
            guard let found else { return try loadInFull(overrides, cache: cache) }
            targets.append(found)
        }
        let keys = memo == nil ? [:] : VariantMemo.keys(targets, overrides.map(\.value))
        var assets: [Int: Asset] = [:]
        var objective: VariantMemo.Objective?
        for (section, key) in keys {
            switch section {
            case .asset(let i): assets[i] = memo?.assets[key]
            case .objective: objective = memo?.objectives[key]
            default: break
            }
        }
        func remembered(_ s: Section) -> Bool {
            switch s {
            case .asset(let i): return assets[i] != nil
            case .objective: return objective != nil
            default: return false
            }
        }
        var edited: [Target: Node] = [:]
        for (k, (target, rest)) in targets.enumerated() where !remembered(Self.section(target)) {
            let (path, value) = overrides[k]
            edited[target] = try ScenarioSource.setting(edited[target] ?? baseNode(target), rest, value, path,
                                                        source.fileName)
        }
        let log = ProblemLog(yamlFile: source.fileName)
        let reader = context(log)
        var scenario = base
        for (i, asset) in assets where i < scenario.assets.count { scenario.assets[i] = asset }
        objective?.apply(to: &scenario)
        let sections = Set(edited.keys.map(Self.section)).sorted()
        let top = sections.contains { if case .asset = $0 { false } else { true } }
            ? MappingReader(topLevel(edited), path: "", log: log) : nil
        for s in sections {
            switch s {
            case .grid:
                if let g = top?.node("grid") { scenario.grid = reader.readGrid(g) }
            case .asset(let i):
                guard let node = edited[.asset(i)], i < scenario.assets.count else {
                    return try loadInFull(overrides, cache: cache)
                }
                var names = assetIndex
                let problems = log.problems.count
                guard let asset = reader.readAssetEntry(node, index: i, names: &names).asset else {
                    return try source.finish(nil, log)
                }
                scenario.assets[i] = asset
                if log.problems.count == problems, let key = keys[s] { memo?.remember(key, asset: asset) }
            case .objective:
                let problems = log.problems.count
                if let top { reader.readObjectiveAndConstraints(top, into: &scenario) }
                if log.problems.count == problems, let key = keys[s] {
                    memo?.remember(key, objective: VariantMemo.Objective(scenario))
                }
            case .penalty:
                if let top { scenario.unservedPenaltyPerKWh = reader.readUnservedPenalty(top) }
            }
        }
        return try source.finish(scenario, log)
    }

    /// The overridden tree, loaded whole.
    private func loadInFull(_ overrides: [(path: String, value: Node)],
                            cache: TimeSeriesCache?) throws(ScenarioError) -> Scenario {
        var tree = source
        for (path, value) in overrides { try tree.set(path, to: value) }
        return try tree.load(cache: cache)
    }

    /// The base's node for `target` (a null where the base has no such key,
    /// as ``ScenarioSource/set(_:to:)`` starts from).
    private func baseNode(_ target: Target) -> Node {
        switch target {
        case .asset(let i): return i < assetNodes.count ? assetNodes[i] : .scalar(Node.Scalar("", .implicit, .plain))
        case .top(let key): return topEntries[key]?.value ?? .scalar(Node.Scalar("", .implicit, .plain))
        }
    }

    /// A top level holding what the re-read top-level sections are read
    /// from: the base's entries (their keys and lines), edited ones replaced,
    /// new ones added as ``ScenarioSource/set(_:to:)`` adds them.
    private func topLevel(_ edited: [Target: Node]) -> Node {
        var pairs: [(Node, Node)] = []
        for key in Self.topKeys {
            if let entry = topEntries[key] {
                pairs.append((entry.key, edited[.top(key)] ?? entry.value))
            } else if let node = edited[.top(key)] {
                pairs.append((Node(key), node))
            }
        }
        let root = source.root.mapping
        return .mapping(Node.Mapping(pairs, root?.tag ?? .implicit, root?.style ?? .any, root?.mark))
    }

    /// A reader that knows the base's CSV, horizon and step length.
    private func context(_ log: ProblemLog) -> ScenarioReader {
        let reader = ScenarioReader(log: log, baseDirectory: source.baseDirectory)
        reader.table = table
        reader.window = window
        reader.steps = steps
        reader.stepHours = stepHours
        reader.horizonKnown = horizonKnown
        return reader
    }

    static func section(_ target: Target) -> Section {
        switch target {
        case .asset(let i): return .asset(i)
        case .top("grid"): return .grid
        case .top("unserved_penalty_per_kwh"): return .penalty
        case .top: return .objective
        }
    }

    /// The node a numeric override is set into and the rest of its path, or
    /// nil when the variant must be loaded in full.
    private func target(_ path: String, _ value: Node) -> (Target, [String])? {
        guard let scalar = value.scalar else { return nil }
        switch ScalarValue(scalar) {
        case .int, .number: break
        default: return nil
        }
        let parts = ScenarioSource.keyPathParts(path)
        // An empty segment is an error, which the full load reports.
        guard let first = parts.first, !parts.contains(where: \.isEmpty) else { return nil }
        switch (first, parts.count) {
        case ("assets", 3):
            // Names, types and references to other assets or carriers are checked across the list.
            guard !["name", "type", "source", "carrier"].contains(parts[2]),
                  let i = assetIndex[parts[1]] else { return nil }
            return (.asset(i), [parts[2]])
        case ("grid", 2), ("objective", 2), ("constraints", 2), ("accounting", 2): return (.top(first), [parts[1]])
        case ("unserved_penalty_per_kwh", 1): return (.top(first), [])
        default: return nil
        }
    }
}
