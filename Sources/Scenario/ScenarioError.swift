// SPDX-License-Identifier: GPL-3.0-or-later

/// One problem found in a scenario: where it is, what was found, what was
/// expected.
public struct ScenarioProblem: Sendable, Equatable, CustomStringConvertible {
    /// The file the problem is in (the YAML or the CSV).
    public var file: String
    /// Key path in the YAML (`assets[3].energy_kwh`), or nil for a CSV cell
    /// or a whole-file problem.
    public var keyPath: String?
    /// 1-based line of the file (YAML line, or CSV line with the header as line 1).
    public var line: Int?
    /// CSV column name, for cell problems.
    public var column: String?
    public var found: String
    public var expected: String

    public init(file: String, keyPath: String? = nil, line: Int? = nil, column: String? = nil,
                found: String, expected: String) {
        self.file = file; self.keyPath = keyPath; self.line = line; self.column = column
        self.found = found; self.expected = expected
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let keyPath { place += ": \(keyPath)" }
        if let column { place += column.isEmpty ? "" : ", column \"\(column)\"" }
        return "\(place): found \(found); expected \(expected)"
    }
}

/// A scenario that cannot be loaded, with every problem found in it.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    public var problems: [ScenarioProblem]
    public init(_ problems: [ScenarioProblem]) { self.problems = problems }
    public var description: String {
        let head = problems.count == 1 ? "1 problem in the scenario:" : "\(problems.count) problems in the scenario:"
        return ([head] + problems.map { "  - \($0)" }).joined(separator: "\n")
    }
}

/// Collects problems while a scenario is read, so all of them are reported at once.
final class ProblemLog {
    let yamlFile: String
    private(set) var problems: [ScenarioProblem] = []
    init(yamlFile: String) { self.yamlFile = yamlFile }

    func add(_ p: ScenarioProblem) { problems.append(p) }

    /// A problem at a YAML key path.
    func key(_ path: String, line: Int?, found: String, expected: String) {
        add(ScenarioProblem(file: yamlFile, keyPath: path, line: line, found: found, expected: expected))
    }

    var isEmpty: Bool { problems.isEmpty }
}
