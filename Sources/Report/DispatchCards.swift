// SPDX-License-Identifier: GPL-3.0-or-later

/// The KPI cards at the top of a dispatch report, all from results.json.
extension DispatchReport {
    func cardsSection() -> String {
        let r = data.results
        func n(_ p: String) -> Double { r.number(p) ?? 0 }
        let cur = data.currency
        var html = "<h3>Renewables</h3><div class=\"cards\">"
        html += card("Renewable share of electricity", pct(r.number("kpis.renewable_share_electricity")),
                     detail: "renewable electricity used on site ÷ electricity consumed", cls: "re")
        html += card("Renewable fraction (HOMER)", pct(r.number("kpis.renewable_fraction")),
                     detail: "electricity and heat served without grid or fuel", cls: "re")
        html += card("Self-sufficiency", pct(r.number("kpis.self_sufficiency")),
                     detail: "electricity consumed not imported", cls: "re")
        html += card("Self-consumption", pct(r.number("kpis.self_consumption")),
                     detail: "renewable generation used on site", cls: "re")
        html += "</div><h3>Emissions (t CO2)</h3><div class=\"cards\">"
        html += card("Optimised emissions", fmt(n("emissions_kg.optimised") / 1000, 1), unit: "t",
                     detail: "scope 1 + scope 2 location-based", cls: "em")
        html += card("Scope 1 (fuel)", fmt(n("emissions_kg.scope1") / 1000, 1), unit: "t", detail: "boilers, CHP", cls: "em")
        html += card("Scope 2, location-based", fmt(n("emissions_kg.scope2_location") / 1000, 1), unit: "t",
                     detail: "imports × hourly grid carbon intensity", cls: "em")
        let factor = r.number("grid_emission_factor_used").map { "imports × \(String(format: "%.4g", $0)) kg/kWh (official factor)" }
        html += card("Scope 2, official factor", fmt(n("emissions_kg.scope2_official") / 1000, 1), unit: "t",
                     detail: factor ?? "imports × official factor", cls: "em")
        html += card("Scope 2 net (GB/T 32150)", fmt(n("emissions_kg.scope2_official_net") / 1000, 1), unit: "t",
                     detail: "(imports − exports) × official factor", cls: "em")
        html += "</div><h3>Zero-carbon balance</h3><div class=\"cards\">"
        let certificates = n("zero_carbon.certificates_needed_mwh"), offsets = n("zero_carbon.offsets_needed_t")
        html += card("Green certificates still needed", fmt(certificates, 1), unit: "MWh",
                     detail: "to cover the net grid import", cls: certificates > 0.05 ? "zc" : "re")
        html += card("Offsets still needed", fmt(offsets, 2), unit: "t CO2",
                     detail: "to cover scope 1", cls: offsets > 0.005 ? "zc" : "re")
        html += "</div><p class=\"note-box\">" + zeroCarbonSentence(certificates, offsets) + "</p>"
        html += "<h3>Cost (\(esc(cur)))</h3><div class=\"cards\">"
        html += card("Cost total", fmt(n("cost.total"), 0), unit: cur, detail: "energy, fuel, O&M, cycling, demand\(r.number("cost.investment") == nil ? "" : ", investment") − export", cls: "co")
        html += card("Objective", fmt(n("objective"), 0), unit: cur, detail: "cost + carbon cost + unserved penalty", cls: "co")
        if let perUnit = r.number("per_unit.cost_per_unit") {
            html += card("Cost per unit produced", fmtSig(perUnit), unit: cur, detail: "\(fmt(n("per_unit.units"), 0)) units", cls: "co")
        }
        if let kg = r.number("per_unit.kg_co2_per_unit") {
            let official = r.number("per_unit.kg_co2_official_per_unit").map { "official factor: \(fmtSig($0)) kg" }
            html += card("CO2 per unit produced", fmtSig(kg), unit: "kg", detail: official, cls: "em")
        }
        html += card("Peak grid import", fmt(n("kpis.peak_import_kw"), 0), unit: "kW", cls: "co")
        html += "</div>" + energyCards()
        return html
    }

    private func energyCards() -> String {
        let r = data.results
        func mwh(_ p: String) -> String { fmt((r.number(p) ?? 0) / 1000, 1) }
        var html = "<h3>Energy (MWh)</h3><div class=\"cards\">"
        html += card("Electricity load", mwh("energy_kwh.electric_load"), unit: "MWh", cls: "en")
        html += card("Heat load", mwh("energy_kwh.heat_load"), unit: "MWh", cls: "en")
        html += card("Grid import", mwh("energy_kwh.import"), unit: "MWh", cls: "en")
        html += card("Grid export", mwh("energy_kwh.export"), unit: "MWh", cls: "en")
        html += card("Renewable generation", mwh("energy_kwh.renewable_generation"), unit: "MWh",
                     detail: "curtailed: \(mwh("energy_kwh.curtailed")) MWh", cls: "en")
        let unserved = (r.number("energy_kwh.unserved_electricity") ?? 0) + (r.number("energy_kwh.unserved_heat") ?? 0)
        if unserved >= 0.05 {
            html += card("UNSERVED energy", fmt(unserved, 1), unit: "kWh",
                         detail: "electricity \(fmt(r.number("energy_kwh.unserved_electricity") ?? 0, 1)) kWh, heat \(fmt(r.number("energy_kwh.unserved_heat") ?? 0, 1)) kWh",
                         cls: "alert")
        }
        return html + "</div>"
    }

    private func zeroCarbonSentence(_ certificates: Double, _ offsets: Double) -> String {
        if certificates <= 0.05 && offsets <= 0.005 {
            return "Over this horizon the site is <strong>zero-carbon</strong> on the GB/T 32150 balance: no net grid import to cover and no scope-1 emissions."
        }
        var parts: [String] = []
        if certificates > 0.05 { parts.append("buy <strong>\(fmt(certificates, 1)) MWh</strong> of green electricity certificates (GECs) for its net grid import") }
        if offsets > 0.005 { parts.append("offset <strong>\(fmt(offsets, 2)) t CO2</strong> of scope-1 emissions") }
        return "To be zero-carbon over this horizon the site must still " + parts.joined(separator: " and ") + "."
    }
}
