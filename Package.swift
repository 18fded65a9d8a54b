// swift-tools-version: 6.1
// Microgrid — dispatch optimiser for industrial green microgrids.
// SPDX-License-Identifier: GPL-3.0-or-later
import PackageDescription

let package = Package(
    name: "Microgrid",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "microgrid", targets: ["microgrid"]),
        .library(name: "MicrogridCore", targets: ["LP", "GLPK", "Scenario", "Formulation", "Results", "MicrogridKit", "Study", "Report"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        // GLPK itself, from Debian's libglpk-dev (no pkg-config file).
        .systemLibrary(name: "CGLPK", providers: [.apt(["libglpk-dev"])]),
        // setjmp/longjmp-guarded GLPK calls: what Swift cannot do itself.
        .target(name: "CGLPKGuard", dependencies: ["CGLPK"],
                linkerSettings: [.linkedLibrary("glpk")]),
        // Solver-neutral linear program: column blocks, row triplets, solutions.
        .target(name: "LP"),
        // The only Swift module that touches the C library.
        .target(name: "GLPK", dependencies: ["LP", "CGLPKGuard"]),
        // Scenario types, loading and validation.
        .target(name: "Scenario", dependencies: ["Yams", "SwiftCSV"]),
        // Scenario -> LP, LP solution -> schedule.
        .target(name: "Formulation", dependencies: ["Scenario", "LP"]),
        // KPIs, costs, emissions from a schedule; writers.
        .target(name: "Results", dependencies: ["Scenario", "Formulation"]),
        // Pipelines shared by the CLI, tests and benchmarks (load -> build -> solve -> results).
        .target(name: "MicrogridKit", dependencies: ["Scenario", "Formulation", "Results", "LP", "GLPK"]),
        // Batch what-if studies: sweeps, shards, merge, Pareto fronts.
        .target(name: "Study", dependencies: [
            "MicrogridKit", "Scenario", "Formulation", "Results", "LP", "GLPK", "Yams",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // HTML reports of solves, sweeps and Pareto fronts (inline SVG; no GLPK).
        .target(name: "Report", dependencies: ["Results", "Scenario"]),
        .executableTarget(name: "microgrid", dependencies: [
            "MicrogridKit", "Study", "Report",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "MicrogridTests", dependencies: [
            "MicrogridKit", "Study", "Scenario", "Formulation", "Results", "LP", "GLPK", "CGLPKGuard", "Report",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
