// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

extension DispatchResults {
    /// The planning part of the terminal summary: a capacity table
    /// (existing, new, total, capex per asset) and the plan beside the
    /// baseline (cost, emissions, renewable share) with the payback.
    func planningSummaryLines(_ p: PlanningResults) -> [String] {
        func f(_ v: Double, _ digits: Int = 0) -> String { String(format: "%.\(digits)f", v) }
        func pct(_ v: Double?) -> String { v.map { f($0 * 100, 1) + " %" } ?? "n/a" }
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
        func row(_ cells: [String]) -> String {
            "  " + cells[0].padding(toLength: 22, withPad: " ", startingAt: 0)
                + cells.dropFirst().map { pad($0, 13) }.joined()
        }
        var lines = ["  build            investment \(f(cost.investment, 2)) \(currency) over the horizon "
                        + "(capex \(f(p.capex)) \(currency), \(f(p.annualisedInvestment)) \(currency)/year at a "
                        + "discount rate of \(f(p.discountRate * 100, 1)) %)",
                     row(["  asset", "existing", "new", "total", "capex " + currency])]
        for a in p.assets {
            if a.isStorage {
                lines.append(row(["  \(a.name) (kWh)", f(a.existingKWh, 1), f(a.newKWh, 1), f(a.totalKWh, 1), f(a.capex)]))
                lines.append(row(["  \(a.name) (kW)", f(a.existingKW, 1), f(a.newKW, 1), f(a.totalKW, 1), ""]))
            } else {
                lines.append(row(["  \(a.name) (kW)", f(a.existingKW, 1), f(a.newKW, 1), f(a.totalKW, 1), f(a.capex)]))
            }
        }
        guard let b = p.baseline else {
            lines.append("  baseline         not solved (planning.baseline: false)")
            return lines
        }
        guard b.status == "optimal" else {
            lines.append("  baseline         \(b.status): the site as it exists cannot be dispatched; no payback")
            return lines
        }
        lines.append(row(["", "baseline", "plan"]))
        lines.append(row(["  operating cost", f(b.costTotal ?? 0, 2), f(cost.operating, 2)]))
        lines.append(row(["  emissions t CO2", f(b.emissionsTonnes ?? 0, 2), f(emissionsKg.optimised / 1000, 2)]))
        lines.append(row(["  renewable share", pct(b.renewableShareElectricity), pct(kpis.renewableShareElectricity)]))
        let savings = p.annualOperatingSavings.map { f($0) + " \(currency)/year" } ?? "n/a"
        let payback = p.simplePaybackYears.map { f($0, 1) + " years" } ?? "none (savings do not cover fixed O&M)"
        lines.append("  savings          \(savings); simple payback \(payback)")
        return lines
    }
}
