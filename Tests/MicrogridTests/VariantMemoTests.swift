// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import MicrogridKit
import Results
import Scenario
import Testing
import Yams

/// A sweep worker's ``VariantMemo`` hands back assets it read before: the
/// variants it loads must still equal full loads, problems included.
@Suite("Variant memo: remembered assets, the same variants")
struct VariantMemoTests {
    /// Every case twice, in two orders, through one memo: each results.json
    /// (timings left out) equals the full load's.
    @Test("cases loaded twice through one memo give the full loads' results")
    func sameResults() throws {
        let base = try ScenarioSource(yaml: StudyFixture.day, fileName: "day.yaml", baseDirectory: ".")
        let variants = try ScenarioVariants(base)
        let memo = VariantMemo()
        let all = StudyVariantTests.cases + StudyVariantTests.repeatedKeys
        // A case with the first case's asset values and a new top-level one: a memo hit beside a re-read.
        let mixed = [("assets.roof-pv.capacity_kw", "6000"), ("assets.bess.energy_kwh", "8000"),
                     ("objective.carbon_price_per_t", "250")]
        for overrides in all + [mixed] + all.reversed() + [mixed] {
            let full = try #require(SolveRun(scenario: try StudyVariantTests.fullLoad(base, overrides)).results)
            let scenario = try variants.load(StudyVariantTests.nodes(overrides), memo: memo)
            let partial = try #require(SolveRun(scenario: scenario).results)
            #expect(StudyVariantTests.withoutTimings(partial.json) == StudyVariantTests.withoutTimings(full.json),
                    "\(overrides)")
        }
    }

    /// An asset or objective remembered from a good case does not hide a
    /// problem of a case that adds a bad value to it (or the same text,
    /// quoted), or of a bad case loaded twice.
    @Test("problems are the full load's, word for word, after good loads of the same sections")
    func sameProblems() throws {
        let base = try ScenarioSource(yaml: StudyFixture.day, fileName: "day.yaml", baseDirectory: ".")
        let variants = try ScenarioVariants(base)
        let memo = VariantMemo()
        let good: [(String, String)] = [("assets.bess.energy_kwh", "8000"), ("assets.roof-pv.capacity_kw", "1000")]
        let bad: [[(String, String)]] = [
            good + [("assets.bess.soc_min", "0.9"), ("assets.bess.soc_max", "0.5")],
            good + [("objective.carbon_price_per_t", "-1")],
            [("assets.bess.energy_kwh", "-8000"), ("assets.roof-pv.capacity_kw", "1000")],
            [("assets.roof-pv.capacity_kw", "1000"), ("assets.bess.", "3")],
            // The objective remembered from `good + carbon`, then a bad constraint beside it.
            good + [("objective.carbon_price_per_t", "100"), ("constraints.min_renewable_share_electricity", "2")],
        ]
        let carbon = good + [("objective.carbon_price_per_t", "100")]
        for overrides in [good, carbon] + bad + [carbon, good] + bad {
            var fullText = "", partialText = ""
            do { _ = try StudyVariantTests.fullLoad(base, overrides) } catch { fullText = "\(error)" }
            do { _ = try variants.load(StudyVariantTests.nodes(overrides), memo: memo) } catch { partialText = "\(error)" }
            #expect(partialText == fullText, "\(overrides)")
        }
    }

    /// A quoted "100" is text, not the number 100 remembered from a plain one.
    @Test("a quoted value is not taken for the same plain value")
    func quotedIsNotPlain() throws {
        let base = try ScenarioSource(yaml: StudyFixture.day, fileName: "day.yaml", baseDirectory: ".")
        let variants = try ScenarioVariants(base)
        let memo = VariantMemo()
        for path in ["objective.carbon_price_per_t", "assets.bess.energy_kwh"] {
            _ = try variants.load([(path, Node.plain("100"))], memo: memo)
            let quoted = Node.scalar(Node.Scalar("100", .implicit, .doubleQuoted))
            var source = base
            try source.set(path, to: quoted)
            var fullText = "", partialText = ""
            do { _ = try source.load() } catch { fullText = "\(error)" }
            do { _ = try variants.load([(path, quoted)], memo: memo) } catch { partialText = "\(error)" }
            #expect(!fullText.isEmpty && partialText == fullText, "\(path)")
        }
    }
}
