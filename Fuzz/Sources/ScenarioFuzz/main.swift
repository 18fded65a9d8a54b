// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer driver for the scenario loader. The loader must return a
// scenario or a ScenarioError for any bytes; a trap, an abort or a sanitizer
// report is a finding. An input holding a line `#csv` is split there: the
// text before is the YAML, the bytes after are written to `profiles.csv`
// beside it (so `timeseries: profiles.csv` reads them).
//
// Linked with -sanitize=fuzzer, libFuzzer's main drives LLVMFuzzerTestOneInput;
// the top-level code below (SwiftPM's entry point) does the same through
// LLVMFuzzerRunDriver should the linker pick it instead.
import Foundation
import Scenario

/// A scratch folder of this process, made on first use.
enum Scratch {
    static let folder: String = {
        let dir = NSTemporaryDirectory() + "/microgrid-fuzz-\(getpid())"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }()
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzer(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// Loads one input as a scenario (also the symbol libFuzzer's own main looks for).
@_cdecl("LLVMFuzzerTestOneInput")
func loadOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let bytes = Data(bytes: start, count: count)
    let marker = Data("\n#csv\n".utf8)
    var yamlBytes = bytes
    var csvBytes = Data()
    if let r = bytes.range(of: marker) {
        yamlBytes = bytes.subdata(in: bytes.startIndex..<r.lowerBound)
        csvBytes = bytes.subdata(in: r.upperBound..<bytes.endIndex)
    }
    let dir = Scratch.folder
    do {
        try yamlBytes.write(to: URL(fileURLWithPath: dir + "/scenario.yaml"))
        try csvBytes.write(to: URL(fileURLWithPath: dir + "/profiles.csv"))
    } catch {
        return 0
    }
    _ = try? ScenarioLoader.load(path: dir + "/scenario.yaml")
    return 0
}

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(runFuzzer(&argc, &argv) { loadOne($0, $1) })
