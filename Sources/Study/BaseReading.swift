// SPDX-License-Identifier: GPL-3.0-or-later
import Dispatch
import Foundation
import Scenario

/// A study's base scenario read and checked once, on a thread of its own, so
/// that a sweep sets up its store meanwhile: reading a year of CSV takes
/// about as long as creating the store, and neither needs the other.
final class BaseReading: @unchecked Sendable {
    /// The time series tables the base read, for cases that load in full.
    let cache = TimeSeriesCache()
    private let finished = DispatchSemaphore(value: 0)
    /// Written once by the reading thread before `finished` is signalled.
    private var result: ScenarioVariants?

    /// Starts reading `base` (with `reuse`), or reads nothing (without).
    init(_ base: ScenarioSource, reuse: Bool) {
        guard reuse else {
            finished.signal()
            return
        }
        let thread = Thread { [self] in
            // A base with problems gives nil: every case then loads in full
            // and reports the problems itself, as without reuse.
            result = try? ScenarioVariants(base, cache: cache)
            finished.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The base, once read (nil without reuse or when it has problems);
    /// waits for the reading to end.
    var variants: ScenarioVariants? {
        finished.wait()
        finished.signal()
        return result
    }
}
