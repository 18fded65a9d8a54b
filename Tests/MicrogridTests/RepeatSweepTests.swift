// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Study
import Testing

@Suite("Repeated sweeps in one process")
struct RepeatSweepTests {
    /// The benchmark harness aborted in its second in-process sweep
    /// ("unaligned fastbin chunk"): its malloc counter writes to a freed
    /// per-thread block once a thread ends (Benchmarks/README.md). This
    /// keeps the pattern itself tested: sweeps that start and end their
    /// threads back to back (clean under AddressSanitizer).
    @Test("sweeps of the 1,000-case study run back to back in one process (1, 2, then 1 job, twice each): every case runs", .tags(.slow))
    func repeated() throws {
        let study = try Study.load(path: repositoryDirectory + "/Scenarios/studies/pv-battery-carbon.yaml")
        for jobs in [1, 2, 1] {
            for _ in 0..<2 {
                var options = SweepOptions()
                options.jobs = jobs
                let dir = temporaryDirectory("repeatsweep")
                let summary = try study.sweep(into: dir, options: options, progress: false)
                #expect(summary.ran == 1000 && summary.failed == 0)
            }
        }
    }
}
