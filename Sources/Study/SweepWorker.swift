// SPDX-License-Identifier: GPL-3.0-or-later
import Dispatch
import LP
import MicrogridKit
import Results
import Scenario
import Yams

/// What one worker thread of a sweep keeps from case to case: its
/// ``ProblemPool`` (a `glp_prob` must not change threads; the next case
/// warm-starts from the problem of its shape), its figure encoder, the YAML
/// nodes of the override values it has met and the assets it has re-read
/// (``VariantMemo``). Not `Sendable`: made and used on one thread.
final class SweepWorker {
    private let study: Study
    /// The base read once; cases that only change numbers re-read just what they change.
    private let variants: ScenarioVariants?
    private let cache: TimeSeriesCache
    private let keepSchedule: Bool
    private let solver: ProblemPool
    private let encoder = FigureEncoder()
    /// A value's node, made once: a YAML tag is costly to make.
    private var nodes: [OverrideValue: Node] = [:]
    /// The assets this worker's cases re-read, by their overrides.
    private let memo = VariantMemo()

    init(study: Study, variants: ScenarioVariants?, cache: TimeSeriesCache, options: SweepOptions) {
        self.study = study
        self.variants = variants
        self.cache = cache
        keepSchedule = options.keepSchedules
        solver = ProblemPool(options: SolveOptions(method: options.method), warm: options.warm)
    }

    /// Applies a case's overrides to the base, validates, solves, reads back.
    func evaluate(_ c: StudyCase) -> CaseOutcome {
        let started = DispatchTime.now().uptimeNanoseconds
        func seconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 }
        func failed(_ status: CaseStatus, _ message: String) -> CaseOutcome {
            CaseOutcome(c, status: status, message: message, objective: nil, figures: EncodedFigures(),
                        resultsJSON: nil, scheduleCSV: nil, seconds: seconds(), keyPaths: study.keyPaths)
        }
        let scenario: Scenario
        do {
            let overrides = c.overrides.map { (path: $0.path, value: node($0.value)) }
            if let variants {
                scenario = try variants.load(overrides, cache: cache, memo: memo)
            } else {
                var source = study.base
                for (path, value) in overrides { try source.set(path, to: value) }
                scenario = try source.load(cache: cache)
            }
        } catch {
            let problems = error.problems.map { $0.description }.joined(separator: "; ")
            return failed(.invalid, "case \(c.name): \(problems)")
        }
        do {
            let run = try SolveRun(scenario: scenario) { try solver.solve($0) }
            guard let results = run.results else {
                let status: CaseStatus
                switch run.status {
                case .infeasible: status = .infeasible
                case .unbounded: status = .unbounded
                default: status = .failed
                }
                return failed(status, run.failureMessage ?? status.rawValue)
            }
            let json = results.json
            return CaseOutcome(c, status: .optimal, message: "", objective: results.objective,
                               figures: encoder.encode(json), resultsJSON: json.serialized(),
                               scheduleCSV: keepSchedule ? run.schedule?.csv() : nil, seconds: seconds(),
                               keyPaths: study.keyPaths)
        } catch {
            return failed(.failed, "case \(c.name): \(error)")
        }
    }

    private func node(_ value: OverrideValue) -> Node {
        if let node = nodes[value] { return node }
        let node = value.node
        // Bounded, for studies whose every case has values of its own.
        if nodes.count >= 4096 { nodes.removeAll(keepingCapacity: true) }
        nodes[value] = node
        return node
    }
}
