// SPDX-License-Identifier: GPL-3.0-or-later
import Yams

extension ValueRule {
    static let celsius = ValueRule(expected: "a temperature in °C above -273.15") { $0 > -273.15 }
}

/// Heat-pump COP from temperatures: a fraction of the Carnot COP of the lift.
public enum CarnotCOP {
    /// `min(maxCOP, fraction · (sink + 273.15) / (sink - source))` for a
    /// positive lift, else `maxCOP`; never below 1.
    public static func cop(carnotFraction: Double, sinkC: Double, sourceC: Double, maxCOP: Double) -> Double {
        let lift = sinkC - sourceC
        let value = lift > 0 ? min(maxCOP, carnotFraction * (sinkC + 273.15) / lift) : maxCOP
        return max(1, value)
    }
}

extension ScenarioReader {
    /// `cop`: a series (>= 1), or the mapping `{carnot_fraction, sink_c,
    /// source_c, max}` turned into one COP per step by ``CarnotCOP``.
    func readCOP(_ r: MappingReader) -> [Double] {
        guard let node = r.node("cop"), node.mapping != nil else { return series(r, "cop", rule: .cop) }
        let ones = [Double](repeating: 1, count: steps)
        guard let m = MappingReader(node, path: r.sub("cop"), log: log) else { return ones }
        let fraction = m.number("carnot_fraction", required: true, expected: "a fraction in (0, 1]",
                                valid: { $0 > 0 && $0 <= 1 })
        let sink = series(m, "sink_c", rule: .celsius)
        let source = series(m, "source_c", rule: .celsius)
        let maxCOP = m.number("max", default: 10, expected: "a COP >= 1", valid: { $0 >= 1 }) ?? 10
        m.rejectUnknownKeys(allowed: ["carnot_fraction", "sink_c", "source_c", "max"])
        guard let fraction else { return ones }
        return (0..<steps).map {
            CarnotCOP.cop(carnotFraction: fraction, sinkC: sink[$0], sourceC: source[$0], maxCOP: maxCOP)
        }
    }

    /// A `flexible_load`, with its periods laid on the horizon and each
    /// period checked against what `max_kw` can deliver.
    func readFlexibleLoad(_ r: MappingReader, name: String) -> FlexibleLoad {
        var carrier = Carrier.electricity
        if let text = r.string("carrier") {
            if let c = Carrier(rawValue: text) { carrier = c } else {
                r.problem("carrier", found: "\"\(text)\"", expected: "electricity or heat")
            }
        }
        let energy = r.number("energy_per_period_kwh", required: true, expected: "a number of kWh > 0",
                              valid: { $0 > 0 }) ?? 0
        let periodSteps = readPeriodSteps(r)
        let problemsBefore = log.problems.count
        let maxKW = series(r, "max_kw", rule: .nonNegative)
        let maxKWRead = log.problems.count == problemsBefore
        let load = FlexibleLoad(name: name, carrier: carrier, energyPerPeriodKWh: energy,
                                periodSteps: periodSteps ?? 1, maxKW: maxKW)
        if periodSteps != nil, energy > 0, maxKWRead { checkPeriodsCanBeFilled(load, r) }
        return load
    }

    /// `period_hours` (default 24) as a whole, positive number of steps.
    private func readPeriodSteps(_ r: MappingReader) -> Int? {
        let expected = "a positive whole number of steps of \(stepHours) h"
        guard let hours = r.number("period_hours", default: 24, expected: "a number of hours > 0 (\(expected))",
                                   valid: { $0 > 0 }) else { return nil }
        let ratio = hours / stepHours
        let whole = ratio.rounded()
        guard whole >= 1, whole <= Double(Self.maxSteps) * 10, abs(ratio - whole) <= 1e-9 * ratio else {
            r.problem("period_hours", found: "\(hours) h, \(ratio) steps of \(stepHours) h", expected: expected)
            return nil
        }
        return Int(whole)
    }

    /// A period whose `Σ max_kw·Δ` falls short of its need (beyond 1e-9
    /// relative) is an error naming its first row.
    private func checkPeriodsCanBeFilled(_ load: FlexibleLoad, _ r: MappingReader) {
        var column: String?
        if let s = r.node("max_kw")?.scalar, case .string(let c) = ScalarValue(s) { column = c }
        for p in load.periods {
            var deliverable = 0.0
            for t in p.steps { deliverable += load.maxKW[t] * stepHours }
            guard deliverable < p.minKWh * (1 - 1e-9) else { continue }
            let first = p.steps.lowerBound, last = p.steps.upperBound - 1
            var found = "at most \(deliverable) kWh (Σ max_kw·Δ) in the period of steps \(first)...\(last)"
            if let table, let c = table.index(of: "timestamp"), window.lowerBound + first < table.rows.count,
               c < table.rows[window.lowerBound + first].count {
                found += " (from \(table.rows[window.lowerBound + first][c]))"
            }
            let expected = "at least the period's \(p.minKWh) kWh of energy_per_period_kwh"
                + (p.steps.count < load.periodSteps ? " (its share as a shorter last period)" : "")
            if let table {
                // The period's first row of the CSV, and the max_kw column when it is one.
                log.add(ScenarioProblem(file: table.file, keyPath: r.sub("max_kw"),
                                        line: window.lowerBound + first + 2, column: column ?? "",
                                        found: found + ", from this row on", expected: expected))
            } else {
                r.problem("max_kw", found: found, expected: expected)
            }
        }
    }
}
