// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// The "load shifting" panel: when the flexible loads ran, against the
/// electricity price and the PV output, with the price their energy was
/// bought at beside the plain average. Every figure comes from schedule.csv
/// (and the scenario's import price, when it is at hand).
extension DispatchReport {
    /// Nil when the site has no flexible load.
    func loadShifting() -> String? {
        let flexible = data.assets(.flexibleLoad)
        guard !flexible.isEmpty else { return nil }
        let cur = data.currency
        let (price, priceName) = data.importPrice.map { ($0, "import price") }
            ?? (data.values("price.electricity_per_kwh"), "marginal electricity price")
        var pv = [Double](repeating: 0, count: data.steps)
        for a in data.assets(.pv) {
            for (t, v) in data.values("\(a.name).output_kw").enumerated() where t < pv.count { pv[t] += v }
        }
        var html = ""
        for v in views {
            var panels = [Panel(title: "flexible loads", unit: v.flowUnit.unit, unitSuffix: v.flowUnit.suffix,
                                layers: flexible.map { a in
                                    .stack("\(a.name) (\(a.carrier ?? "electricity"))", Palette.color(.flexibleLoad, instance: a.instance),
                                           v.flow(data.values("\(a.name).\(a.carrier ?? "electricity")_kw")))
                                }, height: 150)]
            panels.append(Panel(title: priceName, unit: "\(cur)/kWh", layers: v.level(priceName, Palette.priceElectricity, price),
                                height: 100, clipAbove: DispatchReport.robustTop([price])))
            if !data.assets(.pv).isEmpty {
                panels.append(Panel(title: "PV output", unit: v.flowUnit.unit, unitSuffix: v.flowUnit.suffix,
                                    layers: [.stack("PV output", Palette.pv, v.flow(pv))], height: 100))
            }
            let chart = TimeChart(id: "chart-load-shifting" + v.idSuffix, label: "Load shifting", timeline: v.timeline, panels: panels)
            html += chart.html(caption: viewCaption(v) + " " + shiftingSummary(flexible, price: price, priceName: priceName))
        }
        return html
    }

    /// Per electric flexible load: its energy and the average price it ran
    /// at, beside the horizon's plain average price.
    private func shiftingSummary(_ flexible: [AssetInfo], price: [Double], priceName: String) -> String {
        let dt = data.stepHours
        let mean = price.isEmpty ? 0 : price.reduce(0, +) / Double(price.count)
        var parts: [String] = []
        for a in flexible {
            let carrier = a.carrier ?? "electricity"
            let kw = data.values("\(a.name).\(carrier)_kw")
            let energy = kw.reduce(0, +) * dt
            guard carrier == "electricity", energy > 1e-9 else {
                parts.append("\(esc(a.name)): \(fmt(energy, 0)) kWh of \(esc(carrier))")
                continue
            }
            var paid = 0.0
            for t in kw.indices where t < price.count { paid += kw[t] * dt * price[t] }
            parts.append("\(esc(a.name)): \(fmt(energy, 0)) kWh at an average \(priceName) of \(fmtSig(paid / energy)) \(esc(data.currency))/kWh")
        }
        return parts.joined(separator: "; ") + "; the plain average \(priceName) over the horizon is \(fmtSig(mean)) \(esc(data.currency))/kWh."
    }
}
