// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Yams

extension ScenarioProblem {
    /// A YAML syntax error as a problem with the line it is on. A key given
    /// twice in one mapping is reported at its second occurrence.
    static func yamlSyntax(_ error: Error, text: String, file: String) -> ScenarioProblem {
        let expected = "a YAML (or JSON) document"
        guard let yamlError = error as? YamlError else {
            return ScenarioProblem(file: file, found: "invalid YAML: \(error)", expected: expected)
        }
        switch yamlError {
        case let .duplicatedKeysInMapping(duplicates, context):
            let key = duplicates.first ?? "?"
            let first = context.mark.line
            let again = secondOccurrence(of: key, in: text, from: first)
            return ScenarioProblem(
                file: file, keyPath: key, line: again ?? first,
                found: "the key \"\(key)\" twice in one mapping (first at line \(first))",
                expected: "each key once per mapping")
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return ScenarioProblem(
                file: file, line: mark.line,
                found: "invalid YAML at column \(mark.column): \(problem)", expected: expected)
        case let .reader(problem, offset, _, _):
            let line = offset.map { o in text.unicodeScalars.prefix(max(0, o)).reduce(1) { $1 == "\n" ? $0 + 1 : $0 } }
            return ScenarioProblem(
                file: file, line: line, found: "unreadable YAML text: \(problem)", expected: expected)
        default:
            return ScenarioProblem(file: file, found: "invalid YAML: \(yamlError)", expected: expected)
        }
    }

    /// The line of the second `key:` (as a whole key, plain or quoted) from
    /// line `from` on.
    private static func secondOccurrence(of key: String, in text: String, from: Int) -> Int? {
        var seen = 0
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() where index + 1 >= from {
            seen += keyOccurrences(key, in: Substring(line))
            if seen >= 2 { return index + 1 }
        }
        return nil
    }

    /// How many times `key` (bare or quoted) stands as a mapping key in `line`.
    private static func keyOccurrences(_ key: String, in line: Substring) -> Int {
        var count = 0
        for spelled in [key, "\"\(key)\"", "'\(key)'"] {
            var rest = line[...]
            while let r = rest.range(of: spelled) {
                let before = r.lowerBound == line.startIndex ? " " : line[line.index(before: r.lowerBound)]
                let after = line[r.upperBound...].drop { $0 == " " }
                if " {,-\t".contains(before), after.hasPrefix(":") { count += 1 }
                rest = line[r.upperBound...]
            }
        }
        return count
    }
}
