// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

extension DispatchResults {
    /// A short human summary of the run for the terminal.
    public func summary() -> String {
        func f(_ v: Double, _ digits: Int = 0) -> String { String(format: "%.\(digits)f", v) }
        func pct(_ v: Double?) -> String { v.map { f($0 * 100, 1) + " %" } ?? "n/a" }
        var lines = [
            "\(scenario): optimal, \(steps) steps of \(f(stepHours, stepHours == stepHours.rounded() ? 0 : 2)) h",
            "  objective        \(f(objective, 2)) \(currency)",
            "  cost             \(f(cost.total, 2)) \(currency)  (\(planning == nil ? "" : "investment \(f(cost.investment)), ")import \(f(cost.energyImport)), export -\(f(cost.exportRevenue)), fuel \(f(cost.fuel)), green power \(f(cost.greenPower)), O&M \(f(cost.om)), cycling \(f(cost.batteryCycling)), demand \(f(cost.demandCharge)))",
            "  carbon cost      \(f(carbonCost, 2)) \(currency);  unserved penalty \(f(unservedPenalty, 2)) \(currency)",
            "  emissions        \(f(emissionsKg.optimised / 1000, 2)) t CO2  (scope 1 \(f(emissionsKg.scope1 / 1000, 2)) t, scope 2 location \(f(emissionsKg.scope2Location / 1000, 2)) t, official net \(f(emissionsKg.scope2OfficialNet / 1000, 2)) t)",
            "  renewable share  \(pct(kpis.renewableShareElectricity)) of electricity; renewable fraction \(pct(kpis.renewableFraction)); self-sufficiency \(pct(kpis.selfSufficiency))",
            "  energy           import \(f(energyKWh.importKWh / 1000, 1)) MWh, export \(f(energyKWh.exportKWh / 1000, 1)) MWh, renewables \(f(energyKWh.renewableGeneration / 1000, 1)) MWh, curtailed \(f(energyKWh.curtailed / 1000, 1)) MWh, peak import \(f(kpis.peakImportKW)) kW",
            "  zero-carbon gap  \(f(certificatesNeededMWh, 1)) MWh of green certificates, \(f(offsetsNeededTonnes, 2)) t of offsets",
        ]
        if let planning { lines += planningSummaryLines(planning) }
        if energyKWh.unservedElectricity + energyKWh.unservedHeat >= 0.05 {
            lines.append("  UNSERVED         electricity \(f(energyKWh.unservedElectricity, 1)) kWh, heat \(f(energyKWh.unservedHeat, 1)) kWh")
        }
        if let s = solver {
            var method = s.method
            if let c = s.crossoverSeconds {
                method += s.vertex == true ? " + crossover (\(f(c * 1000, 1)) ms)" : " (crossover failed: not a vertex)"
            }
            lines.append("  solver           \(s.name) \(s.version) \(method), \(s.variables) variables, \(s.constraints) rows; build \(f(s.buildSeconds * 1000, 1)) ms, solve \(f(s.solveSeconds * 1000, 1)) ms")
        }
        return lines.joined(separator: "\n")
    }
}
