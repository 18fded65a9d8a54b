// SPDX-License-Identifier: GPL-3.0-or-later
import Yams

/// A rule every value of a series must satisfy, with how to say it.
struct ValueRule: Sendable {
    let expected: String
    let test: @Sendable (Double) -> Bool
    static let any = ValueRule(expected: "a finite number") { _ in true }
    static let nonNegative = ValueRule(expected: "a number >= 0") { $0 >= 0 }
    static let fraction = ValueRule(expected: "a number in 0..1") { $0 >= 0 && $0 <= 1 }
    static let cop = ValueRule(expected: "a COP >= 1") { $0 >= 1 }
}

extension ScenarioReader {
    /// A *series* key: a number (the same every step) or the name of a CSV
    /// column. Missing: `defaultValue` every step, or a problem if required.
    /// Returns an array of `steps` values (zeros after a problem, so reading
    /// goes on and every problem is found).
    func series(_ r: MappingReader, _ key: String, default defaultValue: Double? = nil,
                rule: ValueRule = .any) -> [Double] {
        let zeros = [Double](repeating: defaultValue ?? 0, count: steps)
        guard let node = r.node(key) else {
            if defaultValue == nil {
                r.problem(key, found: "nothing (the key is missing)",
                          expected: "a number or the name of a CSV column (\(rule.expected))")
            }
            return zeros
        }
        guard let scalar = node.scalar else {
            r.problem(key, found: MappingReader.describe(node), expected: "a number or a CSV column name")
            return zeros
        }
        let value = ScalarValue(scalar)
        if let v = value.asDouble {
            guard v.isFinite, rule.test(v), abs(v) <= saneMagnitude else {
                r.problem(key, found: "\(v)", expected: rule.expected + ", at most \(saneMagnitude) in size")
                return zeros
            }
            return [Double](repeating: v, count: steps)
        }
        guard case .string(let column) = value else {
            r.problem(key, found: value.shown, expected: "a number or a CSV column name")
            return zeros
        }
        if ScalarValue.coreNumber(column) != nil {
            r.problem(key, found: "the quoted column name \"\(column)\", which reads as a number",
                      expected: "an unquoted number, or a column name that is not a number")
            return zeros
        }
        guard let table else {
            if horizonKnown {
                r.problem(key, found: "the column name \"\(column)\" but no timeseries file",
                          expected: "a number, or a top-level `timeseries: file.csv` holding that column")
            }
            return zeros
        }
        guard table.index(of: column) != nil, column != "timestamp" else {
            r.problem(key, found: "column \"\(column)\", which \(table.file) does not have",
                      expected: "one of its columns: \(table.dataColumns.joined(separator: ", "))")
            return zeros
        }
        guard window.upperBound <= table.rows.count,
              let values = table.numbers(column, window, log: log) else { return zeros }
        if let bad = values.firstIndex(where: { !rule.test($0) }) {
            let count = values.reduce(0) { $0 + (rule.test($1) ? 0 : 1) }
            log.add(ScenarioProblem(file: table.file, keyPath: r.sub(key), line: window.lowerBound + bad + 2,
                                    column: column,
                                    found: "\(values[bad])" + (count > 1 ? " (and \(count - 1) more rows out of range)" : ""),
                                    expected: rule.expected))
            return zeros
        }
        return values
    }

    func readLoads(_ top: MappingReader, into s: inout Scenario) {
        let zeros = [Double](repeating: 0, count: steps)
        s.loadsKW = Dictionary(uniqueKeysWithValues: Carrier.allCases.map { ($0, zeros) })
        guard let node = top.node("loads") else {
            top.problem("loads", found: "nothing (the key is missing)", expected: "loads.electricity")
            return
        }
        guard let r = MappingReader(node, path: "loads", log: log) else { return }
        for carrier in Carrier.allCases {
            s.loadsKW[carrier] = series(r, carrier.rawValue, default: carrier.loadRequired ? nil : 0, rule: .nonNegative)
        }
        r.rejectUnknownKeys(allowed: Carrier.allCases.map(\.rawValue))
    }

    func readGrid(_ node: Node) -> Grid? {
        guard let r = MappingReader(node, path: "grid", log: log) else { return nil }
        let limit = "a number of kW >= 0 (or null for unlimited)"
        var grid = Grid(importLimitKW: nil, exportLimitKW: 0,
                        importPricePerKWh: series(r, "import_price"),
                        exportPricePerKWh: series(r, "export_price", default: 0),
                        carbonIntensityKgPerKWh: series(r, "carbon_intensity", default: 0, rule: .nonNegative))
        if let v = r.optionalNumber("import_limit_kw", expected: limit, valid: { $0 >= 0 }) { grid.importLimitKW = v }
        if let v = r.optionalNumber("export_limit_kw", expected: limit, valid: { $0 >= 0 }) { grid.exportLimitKW = v }
        grid.demandChargePerKW = r.number("demand_charge_per_kw", expected: "a number >= 0", valid: { $0 >= 0 })
        grid.demandPeakSoFarKW = r.number("demand_peak_so_far_kw", default: 0, expected: "a number of kW >= 0",
                                          valid: { $0 >= 0 }) ?? 0
        r.rejectUnknownKeys(allowed: ["import_limit_kw", "export_limit_kw", "import_price", "export_price",
                                      "carbon_intensity", "demand_charge_per_kw", "demand_peak_so_far_kw"])
        return grid
    }

    func readObjectiveAndConstraints(_ top: MappingReader, into s: inout Scenario) {
        if let node = top.node("objective"), let r = MappingReader(node, path: "objective", log: log) {
            s.carbonPricePerTonne = r.number("carbon_price_per_t", default: 0, expected: "a number >= 0",
                                             valid: { $0 >= 0 }) ?? 0
            r.rejectUnknownKeys(allowed: ["carbon_price_per_t"])
        }
        if let node = top.node("constraints"), let r = MappingReader(node, path: "constraints", log: log) {
            s.maxEmissionsTonnes = r.number("max_emissions_t", expected: "a number of tonnes")
            s.minRenewableShareElectricity = r.number("min_renewable_share_electricity",
                                                      expected: "a fraction in 0..1", valid: { $0 >= 0 && $0 <= 1 })
            r.rejectUnknownKeys(allowed: ["max_emissions_t", "min_renewable_share_electricity"])
        }
        if let node = top.node("accounting"), let r = MappingReader(node, path: "accounting", log: log) {
            s.gridEmissionFactor = r.number("grid_emission_factor", expected: "kg CO2/kWh >= 0", valid: { $0 >= 0 })
            if r.has("production_units") {
                s.productionUnits = series(r, "production_units", rule: .nonNegative)
            }
            r.rejectUnknownKeys(allowed: ["grid_emission_factor", "production_units"])
        }
    }
}
