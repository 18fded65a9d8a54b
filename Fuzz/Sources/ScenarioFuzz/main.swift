// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer driver for the scenario loader. The loader must return a
// scenario or a ScenarioError for any bytes; a trap, an abort or a sanitizer
// report is a finding. An input holding a line `#csv` is split there: the
// text before is the YAML, the bytes after are written to `profiles.csv`
// beside it (so `timeseries: profiles.csv` reads them).
//
// The executable has its own `main` (SwiftPM links executables through it)
// and hands control to libFuzzer through LLVMFuzzerRunDriver.
import Foundation
import Scenario

let folder = NSTemporaryDirectory() + "/microgrid-fuzz-\(getpid())"
try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzer(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// Loads one input as a scenario.
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
    let dir = NSTemporaryDirectory() + "/microgrid-fuzz-\(getpid())"
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
