// SPDX-License-Identifier: GPL-3.0-or-later
import Results

/// A case's figures as study.sqlite stores them and as cases.csv lays them out.
struct EncodedFigures: Sendable {
    /// The `figures` column: `key<TAB>value` lines, a number in its shortest
    /// round-trip text, an empty value for null.
    var stored: String
    /// The keys, in the order of `stored`.
    var keys: [String]
    /// `,value` for each key: the stored text when it reads as a finite
    /// number, else empty (so no cell holds a comma).
    let cells: String

    /// No figures (a case that failed).
    init() {
        stored = ""
        keys = []
        cells = ""
    }

    fileprivate init(stored: String, keys: [String], cells: String) {
        self.stored = stored
        self.keys = keys
        self.cells = cells
    }

    /// Figures read from a stored `figures` column.
    init(stored text: String) {
        stored = text
        var keys: [String] = [], cells = ""
        for line in text.utf8.split(separator: 10) {
            guard let tab = line.firstIndex(of: 9) else { continue }
            keys.append(String(Substring(line[..<tab])))
            let value = Substring(line[line.index(after: tab)...])
            cells += ","
            if let d = Double(value), d.isFinite { cells += value }
        }
        self.keys = keys
        self.cells = cells
    }
}

/// Flattens results.json to its figures, dotted keys such as `cost.total`
/// or `kpis.renewable_fraction` (identity and solver facts left out), and
/// encodes them for the store and cases.csv in one pass over the tree.
///
/// One per worker: it keeps the keys of the case before, which the next
/// case (results of the same scenario shape) mostly shares, so that those
/// keys are compared rather than built again. Not `Sendable`.
final class FigureEncoder {
    /// Top-level keys of results.json that are identity and solver facts, not figures.
    static let unflattened: Set<String> = ["scenario", "status", "steps", "step_hours", "currency", "objective",
                                           "objective_solver", "solver"]

    private var previousKeys: [String] = []

    func encode(_ json: JSONValue) -> EncodedFigures {
        var walk = Walk(previousKeys: previousKeys)
        walk.visit(json)
        previousKeys = walk.keys
        let text = String(decoding: walk.stored, as: UTF8.self)
        // A key with a tab, line break or NUL is read back as the store reads it.
        guard walk.specialBytes == 0 else { return EncodedFigures(stored: StoredCase.cString(text)) }
        return EncodedFigures(stored: text, keys: walk.keys, cells: String(decoding: walk.cells, as: UTF8.self))
    }

    /// One pass over a results.json tree.
    private struct Walk {
        let previousKeys: [String]
        var keys: [String] = []
        var path: [UInt8] = []
        var stored: [UInt8] = []
        var cells: [UInt8] = []
        /// Tabs, line breaks and NULs written by keys (none from asset names).
        var specialBytes = 0

        init(previousKeys: [String]) {
            self.previousKeys = previousKeys
            keys.reserveCapacity(previousKeys.count)
            stored.reserveCapacity(previousKeys.count * 48)
            cells.reserveCapacity(previousKeys.count * 20)
        }

        /// The numbers, integers and nulls of `value`'s objects, under `path`.
        mutating func visit(_ value: JSONValue) {
            guard case .object(let pairs) = value else { return }
            let top = path.isEmpty
            for (k, child) in pairs where top ? !FigureEncoder.unflattened.contains(k) : true {
                let mark = path.count
                if !top { path.append(UInt8(ascii: ".")) }
                path.append(text: k)
                switch child {
                case .number(let d): leaf(d)
                case .int(let i): leaf(Double(i))
                case .null: leaf(nil)
                case .object: visit(child)
                default: break
                }
                path.removeSubrange(mark...)
            }
        }

        /// One figure at `path`: its key, its stored line and its cell.
        mutating func leaf(_ value: Double?) {
            let p = keys.count
            if p < previousKeys.count, Self.equal(previousKeys[p], path) {
                keys.append(previousKeys[p])
            } else {
                keys.append(String(decoding: path, as: UTF8.self))
            }
            for b in path where b == 9 || b == 10 || b == 0 { specialBytes += 1 }
            let text = value?.description ?? ""
            stored.append(contentsOf: path)
            stored.append(9)
            stored.append(text: text)
            stored.append(10)
            cells.append(UInt8(ascii: ","))
            if let value, value.isFinite { cells.append(text: text) }
        }

        /// Whether `key`'s UTF-8 is `bytes` (compared over both buffers at
        /// once: the generic `elementsEqual` costs ~20 instructions a byte).
        static func equal(_ key: String, _ bytes: [UInt8]) -> Bool {
            guard key.utf8.count == bytes.count else { return false }
            let same = key.utf8.withContiguousStorageIfAvailable { k in
                bytes.withUnsafeBufferPointer { b in
                    var differ: UInt8 = 0
                    for i in 0..<min(k.count, b.count) { differ |= k[i] ^ b[i] }
                    return differ == 0
                }
            }
            return same ?? key.utf8.elementsEqual(bytes)
        }
    }
}
