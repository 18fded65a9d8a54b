// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import MicrogridKit
import Study
import Testing

/// cases.csv is written from the rows as they are recorded; these tests hold
/// it to what study.sqlite gives, and a killed sweep to a clean resume.
@Suite("Study output and resume", .serialized)
struct StudyResumeTests {
    /// Cases whose names, values and messages need quoting or hold tabs,
    /// line breaks and a NUL (which SQLite ends a text at), failing cases,
    /// and two cases with the same overrides (one key: the later row wins).
    static let awkward = """
        cases:
          - {name: plain, assets.roof-pv.capacity_kw: 3000}
          - {name: "comma, \\"quoted\\"", assets.roof-pv.capacity_kw: 3100, objective.carbon_price_per_t: 10}
          - {name: "tab\\there", assets.bess.energy_kwh: 2000}
          - {name: "line\\nbreak", assets.roof-pv.profile: "no\\tsuch\\ncolumn"}
          - {name: "nul\\0name", assets.roof-pv.profile: "nul\\0column"}
          - {name: bad-number, assets.roof-pv.capacity_kw: -5}
          - {name: same-a, assets.bess.energy_kwh: 777}
          - {name: same-b, assets.bess.energy_kwh: 777}
          - {name: windows, assets.roof-pv.profile: "cr\\r\\nlf"}
        """

    @Test("cases.csv written from memory equals cases.csv exported from study.sqlite, byte for byte, also after a resume")
    func csvEqualsStoreExport() throws {
        let study = try Study.load(path: try StudyFixture.study(Self.awkward))
        for interrupted in [false, true] {
            let out = temporaryDirectory("export")
            if interrupted {
                var first = StudyFixture.options()
                first.maxCases = 4
                _ = try study.sweep(into: out, options: first, progress: false)
            }
            let summary = try study.sweep(into: out, options: StudyFixture.options(), progress: false)
            #expect(summary.failed == 4 && !summary.interrupted)
            let written = try Data(contentsOf: URL(fileURLWithPath: out + "/cases.csv"))
            try StudyStore(directory: out).exportCSV()
            let exported = try Data(contentsOf: URL(fileURLWithPath: out + "/cases.csv"))
            #expect(written == exported, "interrupted: \(interrupted)")
            let text = String(decoding: written, as: UTF8.self)
            // Eight rows (the two cases with the same overrides share one), the header and quoted cells.
            #expect(text.contains("\n1,\"comma, \"\"quoted\"\"\",3100,"))
            #expect(text.contains("\n4,nul,"))
            #expect(text.contains("\"line\nbreak\""))
            #expect(text.filter { $0 == "\n" }.count >= 9)
        }
    }

    @Test("case keys are what earlier versions stored: the base's hashes, then the overrides joined in key-path order")
    func caseKeysUnchanged() throws {
        let study = try Study.load(path: try StudyFixture.study("""
            cases:
              - {name: base}
              - {name: two, objective.carbon_price_per_t: 10, assets.bess.energy_kwh: 2000}
              - {name: quoted, assets.roof-pv.profile: "pv_cf", assets.roof-pv.capacity_kw: 100}
            """))
        // The key as versions before FNV1a.Stream computed it, from joined strings.
        let yaml = try Data(contentsOf: URL(fileURLWithPath: study.base.fileName))
        let csv = try Data(contentsOf: URL(fileURLWithPath: StudyFixture.csv))
        let baseKey = FNV1a.hex(String(FNV1a.hash(yaml)) + "\n" + String(FNV1a.hash(csv)))
        #expect(study.cases.count == 3)
        for c in study.cases {
            let canonical = c.overrides.sorted { $0.0 < $1.0 }
                .map { "\($0.0)=\($0.1.quoted ? "\"" : "")\($0.1.text)" }.joined(separator: "\n")
            #expect(c.key == FNV1a.hex(baseKey + "\n" + canonical), "\(c.name)")
        }
    }

    @Test("a sweep killed (SIGKILL) after recording its first cases resumes: those are skipped, the rest run, the table is whole")
    func killedSweepResumes() throws {
        let binary = try #require(microgridBinary, "build the microgrid executable first")
        let path = try StudyFixture.study("""
            vary:
              assets.roof-pv.capacity_kw: [0, 1000, 2000, 3000]
              assets.bess.energy_kwh: [0, 1000, 2000, 3000, 4000]
              objective.carbon_price_per_t: [0, 25, 50, 75, 100, 150, 200, 300]
            """)
        let out = temporaryDirectory("killed")
        let killed = try runProcess(binary, ["sweep", path, "--out", out, "--jobs", "2"],
                                    environment: ["MICROGRID_FAULT_AFTER_WRITES": "0"])
        #expect(killed.killed, "the sweep was to die after its first batch: \(killed.err)")
        #expect(!FileManager.default.fileExists(atPath: out + "/cases.csv"))
        let resumed = try runProcess(binary, ["sweep", path, "--out", out, "--jobs", "2"])
        #expect(resumed.code == 0, "\(resumed.err)")
        // "160 cases (N already done, 160 - N run) in ..."
        let counts = resumed.out.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        #expect(counts.count >= 3 && counts[0] == 160 && counts[1] > 0 && counts[1] + counts[2] == 160,
                "\(resumed.out)")
        let fresh = temporaryDirectory("unkilled")
        #expect(try runProcess(binary, ["sweep", path, "--out", fresh, "--jobs", "2"]).code == 0)
        let a = try StudyFixture.table(out), b = try StudyFixture.table(fresh)
        #expect(a.count == 160 && b.count == 160)
        for (name, row) in b {
            #expect(a[name]?.0 == "optimal" && relativeError(a[name]?.1 ?? .nan, row.1 ?? .nan) < 1e-6, "\(name)")
        }
        let lines = try String(contentsOfFile: out + "/cases.csv", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 161)
    }
}
