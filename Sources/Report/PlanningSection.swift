// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// "What to build", the first section of a planning result's report: the
/// investment and payback, the capacities existing and new, and the site
/// as it stands beside the plan. Every figure is read from results.json
/// (its `planning` object and the plan's own cost, emissions and KPIs).
extension DispatchReport {
    /// What already stands, drawn under the new capacity.
    static let existingColor = "#bcccdc"
    static let baselineColor = Palette.gridImport
    static let planColor = Palette.greenPower

    func planningSection(_ p: PlanningData) -> String {
        investmentCards(p) + capacityCharts(p) + capacityTable(p)
            + "<h3>The site as it stands against the plan</h3>" + siteComparison(p)
    }

    private func investmentCards(_ p: PlanningData) -> String {
        let cur = data.currency
        func money(_ v: Double?) -> String { v.map { fmt($0, 0) } ?? "–" }
        var html = "<div class=\"cards\">"
        html += card("Capex of the new capacity", money(p.capex), unit: cur, detail: "overnight: price × new capacity, summed", cls: "co")
        let rate = p.discountRate.map { "at a discount rate of \(pct($0, 1))" } ?? "discount rate not given"
        html += card("Annualised investment", money(p.annualisedInvestment), unit: "\(cur)/yr",
                     detail: "capex × CRF + fixed O&M, \(rate)", cls: "co")
        html += card("Investment in this horizon", money(data.results.number("cost.investment")), unit: cur,
                     detail: "year share \(p.yearShare.map(fmtSig) ?? "–") of the above; part of cost total", cls: "co")
        let savings = p.annualOperatingSavings
        html += card("Annual operating savings", money(savings), unit: "\(cur)/yr",
                     detail: "against the site as it stands; money only", cls: (savings ?? 0) < 0 ? "alert" : "co")
        if let years = p.simplePaybackYears {
            html += card("Simple payback", fmt(years, 1), unit: "years", detail: "capex ÷ (savings − fixed O&M)", cls: "zc")
        } else {
            html += card("Simple payback", "none", detail: "no saving to pay the build back; see below", cls: "alert")
        }
        if p.baselineShedsLoad {
            html += card("The site as it stands", "sheds load", detail: "unserved-energy penalty \(fmt(p.baselinePenalty ?? 0, 0)) \(cur) in this horizon",
                         cls: "alert")
        }
        if let b = p.baseline, !b.isOptimal {
            html += card("The site as it stands", b.status, detail: b.status == "infeasible" ? "cannot meet the constraints without new capacity"
                         : "no optimum to compare with", cls: "alert")
        }
        return html + "</div><p class=\"note-box\">" + paybackSentence(p) + "</p>"
    }

    private func paybackSentence(_ p: PlanningData) -> String {
        let cur = esc(data.currency)
        let basis = " Operating cost is cost total less the investment: carbon cost and unserved-energy penalty are not money saved, and savings are per year (the horizon's difference ÷ its year share)."
        if let reason = p.noPaybackReason(currency: data.currency) {
            return "<strong>No simple payback:</strong> \(esc(reason))." + basis
        }
        guard let years = p.simplePaybackYears, let capex = p.capex, let savings = p.annualOperatingSavings else { return "" }
        let om = p.impliedFixedOMPerYear.map { " − fixed O&amp;M of the new capacity \(fmt($0, 0)) \(cur)/yr" } ?? ""
        return "<strong>Simple payback \(fmt(years, 1)) years:</strong> capex \(fmt(capex, 0)) \(cur) ÷ (annual operating savings \(fmt(savings, 0)) \(cur)/yr\(om))." + basis
    }

    /// Existing capacity and new capacity on top, one bar per sized
    /// quantity: power (kW) in one chart, storage energy (kWh) in another.
    private func capacityCharts(_ p: PlanningData) -> String {
        let existing = LegendKey(name: "existing", color: DispatchReport.existingColor, mark: .area)
        var power: [BarRow] = [], energy: [BarRow] = []
        var powerKeys = [existing], energyKeys = [existing]
        for a in p.assets {
            let color = planningColor(a)
            let key = LegendKey(name: "\(a.name) new", color: color, mark: .area)
            if a.existingKW != nil || a.newKW != nil {
                power.append(capacityRow("\(a.name) \(a.powerMeaning)", a.existingKW, a.newKW, unit: "kW", color: color))
                powerKeys.append(key)
            }
            if a.isStorage, a.existingKWh != nil || a.newKWh != nil {
                energy.append(capacityRow("\(a.name) energy", a.existingKWh, a.newKWh, unit: "kWh", color: color))
                energyKeys.append(key)
            }
        }
        guard !power.isEmpty || !energy.isEmpty else { return "<p>results.json lists no investable asset.</p>" }
        let labelWidth = min(300, Double((power + energy).map(\.label.count).max() ?? 10) * 7 + 16)
        var html = ""
        for (rows, keys, unit, id, what) in [(power, powerKeys, "kW", "chart-plan-power", "Power"),
                                             (energy, energyKeys, "kWh", "chart-plan-energy", "Storage energy")]
        where !rows.isEmpty {
            let chart = HBarChart(id: id, label: "\(what) capacity: existing and new", unit: unit, rows: rows, labelWidth: labelWidth)
            html += "<figure>\(chart.svg())\(legendHTML(keys))<figcaption>\(what) capacity per investable asset: what exists (grey) and what the plan adds (in the asset's colour), written as existing + new = total \(unit).</figcaption></figure>"
        }
        return html
    }

    private func capacityRow(_ label: String, _ existing: Double?, _ new: Double?, unit: String, color: String) -> BarRow {
        let e = existing ?? 0, n = new ?? 0
        let text = "\(capacity(existing)) + \(capacity(new)) = \(capacity(e + n)) \(unit)"
        return BarRow(label: label, value: n, color: color, base: e, baseColor: DispatchReport.existingColor,
                      baseName: "existing", valueText: text)
    }

    /// A capacity as people read it: whole kW, one decimal below 100.
    func capacity(_ v: Double?) -> String {
        guard let v else { return "–" }
        return fmt(v, abs(v) < 100 && v != v.rounded() ? 1 : 0)
    }

    /// The asset's colour in the rest of the report, else its type's.
    private func planningColor(_ a: PlanningData.Asset) -> String {
        if let info = data.assets.first(where: { $0.name == a.name }) { return Palette.color(info.role, instance: info.instance) }
        return a.role.map { Palette.color($0) } ?? Palette.muted
    }

    private func capacityTable(_ p: PlanningData) -> String {
        let cur = data.currency.isEmpty ? "" : " (\(data.currency))"
        let header = ["asset", "type", "quantity", "existing", "new", "total", "unit", "capex\(cur)",
                      "annualised\(data.currency.isEmpty ? "" : " (\(data.currency)/yr)")"]
        var rows: [[String]] = []
        for a in p.assets {
            let money = [a.capex.map { fmt($0, 0) } ?? "–", a.annualised.map { fmt($0, 0) } ?? "–"]
            var lines: [[String]] = []
            if a.isStorage, a.existingKWh != nil || a.newKWh != nil || a.totalKWh != nil {
                lines.append(["energy", capacity(a.existingKWh), capacity(a.newKWh), capacity(a.totalKWh), "kWh"])
            }
            if a.existingKW != nil || a.newKW != nil || a.totalKW != nil {
                lines.append([a.powerMeaning, capacity(a.existingKW), capacity(a.newKW), capacity(a.totalKW), "kW"])
            }
            for (k, line) in lines.enumerated() {
                rows.append([k == 0 ? a.name : "", k == 0 ? typeName(a.type) : ""] + line + (k == 0 ? money : ["", ""]))
            }
        }
        rows.append(["all new capacity", "", "", "", "", "", "", p.capex.map { fmt($0, 0) } ?? "–",
                     p.annualisedInvestment.map { fmt($0, 0) } ?? "–"])
        return table(header, rows, numeric: [3, 4, 5, 7, 8], id: "table-plan-capacities")
            + "<p class=\"note-box\">Annualised = capex × CRF (from the discount rate and the asset's lifetime) + fixed O&amp;M per year. A storage's power is its charge power; new power adds to charge and discharge alike.</p>"
    }

    func typeName(_ t: String) -> String {
        switch t {
        case "pv": return "PV"
        case "chp": return "CHP"
        default: return t.replacingOccurrences(of: "_", with: " ")
        }
    }
}
