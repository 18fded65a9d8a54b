// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Testing

/// What a stranger's fresh clone needs: one list of system packages, and
/// nothing read from outside the repository.
@Suite("Repository is self-contained")
struct RepositoryTests {
    /// The words after `apt-get install -y` on the README's install line.
    static func readmeInstallPackages() throws -> [String] {
        let readme = try String(contentsOfFile: repositoryDirectory + "/README.md", encoding: .utf8)
        let marker = "apt-get install -y "
        let line = try #require(
            readme.split(separator: "\n").first { $0.contains(marker) },
            "README has no `\(marker)` line")
        let tail = try #require(line.range(of: marker)).upperBound
        return line[tail...].split(whereSeparator: { " `".contains($0) }).prefix { $0.hasPrefix("lib") }.map(
            String.init)
    }

    @Test("README's install line names exactly .ci/apt-packages (libglpk-dev libsqlite3-dev)")
    func installLineMatchesCI() throws {
        let list = try String(contentsOfFile: repositoryDirectory + "/.ci/apt-packages", encoding: .utf8)
        let ci = list.split(separator: "\n").filter { !$0.hasPrefix("#") }
            .flatMap { $0.split(separator: " ") }.map(String.init)
        #expect(ci.sorted() == ["libglpk-dev", "libsqlite3-dev"])
        #expect(try Self.readmeInstallPackages().sorted() == ci.sorted())
        let run = try String(contentsOfFile: repositoryDirectory + "/.ci/run", encoding: .utf8)
        #expect(run.contains(".ci/apt-packages") && run.contains("-warnings-as-errors"))
    }

    @Test("no source, test, benchmark or scenario names a file outside the repository")
    func nothingOutside() throws {
        let needles = ["../", ""].map { $0 + "shared" + "/" }  // built, so this file is no offender
        var offenders: [String] = []
        for folder in ["Sources", "Tests/MicrogridTests", "Benchmarks", "Scenarios", "Tests/Fixtures"] {
            let root = repositoryDirectory + "/" + folder
            let files = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
            for file in files where [".swift", ".yaml", ".md", ".sh"].contains(where: file.hasSuffix) {
                let text = (try? String(contentsOfFile: root + "/" + file, encoding: .utf8)) ?? ""
                if text.contains(needles[0])
                    || ["reference", "data", "spec"].contains(where: { text.contains(needles[1] + $0) })
                {
                    offenders.append(folder + "/" + file)
                }
            }
        }
        #expect(offenders.isEmpty, "\(offenders)")
    }
}
