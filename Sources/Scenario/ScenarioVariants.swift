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
/// the overridden tree.
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
        var names: [String: Int] = [:]
        for (i, a) in base.assets.enumerated() { names[a.name] = i }
        let listed = source.root["assets"]?.sequence?.count ?? 0
        assetIndex = listed == base.assets.count ? names : [:]
    }

    /// Sections of the tree a variant re-reads, in the loader's reading order.
    private enum Section: Comparable, Hashable {
        case grid
        case asset(Int)
        case objective
        case penalty
    }

    /// The variant with `overrides` (dotted key paths, as
    /// ``ScenarioSource/set(_:to:)``) applied in order.
    public func load(_ overrides: [(path: String, value: Node)],
                     cache: TimeSeriesCache? = nil) throws(ScenarioError) -> Scenario {
        var tree = source
        var sections = Set<Section>()
        var partial = true
        for (path, value) in overrides {
            try tree.set(path, to: value)
            if partial, let s = section(path, value) { sections.insert(s) } else { partial = false }
        }
        guard partial else { return try tree.load(cache: cache) }
        let log = ProblemLog(yamlFile: tree.fileName)
        let reader = context(log)
        guard let top = MappingReader(tree.root, path: "", log: log) else { return try tree.load(cache: cache) }
        var scenario = base
        for s in sections.sorted() {
            switch s {
            case .grid:
                if let g = top.node("grid") { scenario.grid = reader.readGrid(g) }
            case .asset(let i):
                guard let list = top.node("assets")?.sequence, i < list.count, i < scenario.assets.count else {
                    return try tree.load(cache: cache)
                }
                var names = assetIndex
                guard let asset = reader.readAssetEntry(list[i], index: i, names: &names).asset else {
                    return try tree.finish(nil, log)
                }
                scenario.assets[i] = asset
            case .objective:
                reader.readObjectiveAndConstraints(top, into: &scenario)
            case .penalty:
                scenario.unservedPenaltyPerKWh = reader.readUnservedPenalty(top)
            }
        }
        return try tree.finish(scenario, log)
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

    /// The one section a numeric override touches, or nil when the variant
    /// must be loaded in full.
    private func section(_ path: String, _ value: Node) -> Section? {
        guard let scalar = value.scalar else { return nil }
        switch ScalarValue(scalar) {
        case .int, .number: break
        default: return nil
        }
        let parts = path.split(separator: ".", omittingEmptySubsequences: false)
        switch (parts.first, parts.count) {
        case ("assets", 3):
            // Names, types and references to other assets or carriers are checked across the list.
            guard !["name", "type", "source", "carrier"].contains(parts[2]),
                  let i = assetIndex[String(parts[1])] else { return nil }
            return .asset(i)
        case ("grid", 2): return .grid
        case ("objective", 2), ("constraints", 2), ("accounting", 2): return .objective
        case ("unserved_penalty_per_kwh", 1): return .penalty
        default: return nil
        }
    }
}
