// swift-tools-version: 6.1
// Microgrid fuzzing — a package of its own (libFuzzer needs every module
// built with -sanitize=fuzzer). Run: Fuzz/run.sh SECONDS
// SPDX-License-Identifier: GPL-3.0-or-later
import PackageDescription

let package = Package(
    name: "MicrogridFuzz",
    dependencies: [
        .package(name: "Microgrid", path: "..")
    ],
    targets: [
        // The scenario loader on arbitrary bytes: YAML, and a CSV after a `#csv` line.
        .executableTarget(
            name: "ScenarioFuzz",
            dependencies: [.product(name: "MicrogridCore", package: "Microgrid")]
        )
    ],
    swiftLanguageModes: [.v6]
)
