// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer entry point: loads one input as a scenario. The loader must
// return a scenario or a ScenarioError for any bytes; a trap, an abort or
// a sanitizer report is a finding. An input holding a line `#csv` is split
// there: the text before is the YAML, the bytes after are written to
// `profiles.csv` beside it (so `timeseries: profiles.csv` reads them).
import Foundation
import Scenario

let folder: String = {
    let dir = NSTemporaryDirectory() + "/microgrid-fuzz-\(getpid())"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Data(bytes: start, count: count)
    let marker = Data("\n#csv\n".utf8)
    var yamlBytes = bytes
    var csvBytes = Data()
    if let r = bytes.range(of: marker) {
        yamlBytes = bytes.subdata(in: bytes.startIndex..<r.lowerBound)
        csvBytes = bytes.subdata(in: r.upperBound..<bytes.endIndex)
    }
    let yamlPath = folder + "/scenario.yaml"
    do {
        try yamlBytes.write(to: URL(fileURLWithPath: yamlPath))
        try csvBytes.write(to: URL(fileURLWithPath: folder + "/profiles.csv"))
    } catch {
        return 0
    }
    _ = try? ScenarioLoader.load(path: yamlPath)
    return 0
}
