// SPDX-License-Identifier: GPL-3.0-or-later
import Yams

/// What a thread's loads of one ``ScenarioVariants`` keep for the next:
/// where each override goes, and the sections read without a problem (an
/// asset; the objective, constraints and accounting) by their overrides. A
/// sweep's cases share most of them: each value of a study's key recurs in
/// many cases. Bounded: a table is emptied when it holds 1,024 entries.
/// Not `Sendable`: one per thread.
public final class VariantMemo {
    /// A scalar override value as read: its text, tag and style (a quoted
    /// "5" is a string, a plain 5 a number). Cheaper to hash than a `Node`,
    /// whose equality resolves the tag.
    struct Value: Hashable {
        let string: String
        let tag: String
        let style: Node.Scalar.Style

        init?(_ node: Node) {
            guard case .scalar(let s) = node else { return nil }
            string = s.string
            tag = s.tag.rawValue
            style = s.style
        }
    }

    struct TargetKey: Hashable {
        let path: String
        let value: Value
    }

    /// One override of a section: its target, the rest of its path, its value.
    struct Override: Hashable {
        let target: ScenarioVariants.Target
        let rest: [String]
        let value: Value
    }

    /// A section's overrides, in order.
    struct SectionKey: Hashable {
        let section: ScenarioVariants.Section
        var overrides: [Override]
    }

    /// What reading the objective, constraints and accounting sets.
    struct Objective {
        let carbonPricePerTonne: Double
        let maxEmissionsTonnes: Double?
        let minRenewableShareElectricity: Double?
        let gridEmissionFactor: Double?
        let productionUnits: [Double]?

        init(_ s: Scenario) {
            carbonPricePerTonne = s.carbonPricePerTonne
            maxEmissionsTonnes = s.maxEmissionsTonnes
            minRenewableShareElectricity = s.minRenewableShareElectricity
            gridEmissionFactor = s.gridEmissionFactor
            productionUnits = s.productionUnits
        }

        func apply(to s: inout Scenario) {
            s.carbonPricePerTonne = carbonPricePerTonne
            s.maxEmissionsTonnes = maxEmissionsTonnes
            s.minRenewableShareElectricity = minRenewableShareElectricity
            s.gridEmissionFactor = gridEmissionFactor
            s.productionUnits = productionUnits
        }
    }

    private var targets: [TargetKey: (target: ScenarioVariants.Target, rest: [String])] = [:]
    private(set) var assets: [SectionKey: Asset] = [:]
    private(set) var objectives: [SectionKey: Objective] = [:]
    static let limit = 1024

    public init() {}

    /// Where `path` = `value` goes, remembered (nil: a full load, not remembered).
    func target(_ path: String, _ value: Node,
                _ find: (String, Node) -> (target: ScenarioVariants.Target, rest: [String])?)
        -> (target: ScenarioVariants.Target, rest: [String])? {
        guard let v = Value(value) else { return find(path, value) }
        let key = TargetKey(path: path, value: v)
        if let known = targets[key] { return known }
        guard let found = find(path, value) else { return nil }
        if targets.count >= Self.limit { targets.removeAll(keepingCapacity: true) }
        targets[key] = found
        return found
    }

    /// The keys of the sections a memo can hold (assets, the objective),
    /// from each override's target and value, in order.
    static func keys(_ targets: [(target: ScenarioVariants.Target, rest: [String])],
                     _ values: [Node]) -> [ScenarioVariants.Section: SectionKey] {
        var keys: [ScenarioVariants.Section: SectionKey] = [:]
        var unkeyed: Set<ScenarioVariants.Section> = []
        for (k, t) in targets.enumerated() {
            let section = ScenarioVariants.section(t.target)
            switch section {
            case .asset, .objective: break
            default: continue
            }
            guard k < values.count, let v = Value(values[k]) else { unkeyed.insert(section); continue }
            keys[section, default: SectionKey(section: section, overrides: [])].overrides.append(
                Override(target: t.target, rest: t.rest, value: v))
        }
        for s in unkeyed { keys[s] = nil }
        return keys
    }

    func remember(_ key: SectionKey, asset: Asset) {
        if assets.count >= Self.limit { assets.removeAll(keepingCapacity: true) }
        assets[key] = asset
    }

    func remember(_ key: SectionKey, objective: Objective) {
        if objectives.count >= Self.limit { objectives.removeAll(keepingCapacity: true) }
        objectives[key] = objective
    }
}
