// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Study
import Testing

/// The Kubernetes and Slurm examples in Scenarios/studies/cluster run the
/// same script; here it runs as each scheduler would start it.
@Suite("Cluster examples", .serialized)
struct ClusterExampleTests {
    let cluster = repositoryDirectory + "/Scenarios/studies/cluster"
    let study = repositoryDirectory + "/Scenarios/studies/tariffs.yaml"

    func runShard(_ env: [String: String], out: String) throws -> Int32 {
        let binary = try #require(microgridBinary, "build the microgrid executable first")
        var environment: [String: String?] = ["MICROGRID": binary]
        for (k, v) in env { environment[k] = v }
        return try runProcess("/bin/sh", [cluster + "/shard.sh", study, out], environment: environment).code
    }

    func mergedCount(_ out: String, shards: Int) throws -> Int {
        let store = try StudyStore(directory: out + "/merged")
        try store.merge((0..<shards).map { "\(out)/shard-\($0)" })
        return try store.statusCounts().values.reduce(0, +)
    }

    @Test("Kubernetes Indexed Job: JOB_COMPLETION_INDEX picks the shard; merged shards hold every case")
    func kubernetes() throws {
        let out = temporaryDirectory("k8s")
        for i in 0..<3 { #expect(try runShard(["JOB_COMPLETION_INDEX": "\(i)", "SHARDS": "3"], out: out) == 0) }
        #expect(try mergedCount(out, shards: 3) == 6)
        let manifest = try String(contentsOfFile: cluster + "/kubernetes-indexed-job.yaml", encoding: .utf8)
        #expect(manifest.contains("completionMode: Indexed") && manifest.contains("shard.sh") && manifest.contains("microgrid merge"))
    }

    @Test("Slurm job array: SLURM_ARRAY_TASK_ID (from its minimum) picks the shard")
    func slurm() throws {
        let out = temporaryDirectory("slurm")
        for id in 1...3 {
            #expect(try runShard(["SLURM_ARRAY_TASK_ID": "\(id)", "SLURM_ARRAY_TASK_MIN": "1",
                                  "SLURM_ARRAY_TASK_COUNT": "3"], out: out) == 0)
        }
        #expect(try mergedCount(out, shards: 3) == 6)
        let script = try String(contentsOfFile: cluster + "/slurm-array.sbatch", encoding: .utf8)
        #expect(script.contains("#SBATCH --array=0-7") && script.contains("shard.sh"))
    }

    @Test("without a scheduler's index the script refuses to guess")
    func noIndex() throws {
        #expect(try runShard([:], out: temporaryDirectory("none")) == 64)
    }
}
