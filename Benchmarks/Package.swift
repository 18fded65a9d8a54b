// swift-tools-version: 6.1
// Microgrid benchmarks — a package of its own, so that the main package does
// not depend on ordo-one/benchmark. Run from this folder:
//     swift package benchmark
// SPDX-License-Identifier: GPL-3.0-or-later
import PackageDescription

let package = Package(
    name: "MicrogridBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "Microgrid", path: ".."),
        // Only the MallocInterposer trait: this also leaves out the default
        // RuntimeInterposer trait, whose package is not needed here.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0",
                 traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "DispatchBenchmarks",
            dependencies: [
                .product(name: "MicrogridCore", package: "Microgrid"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/DispatchBenchmarks",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
