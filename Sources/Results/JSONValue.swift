// SPDX-License-Identifier: GPL-3.0-or-later

/// A JSON value with ordered object keys and explicit nulls.
///
/// Written by hand because results.json needs three things Foundation's
/// `JSONEncoder` does not promise together: keys in the documented order,
/// `null` for absent ratios (synthesised `Codable` drops the key), and
/// doubles in their shortest round-trip form.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case int(Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }

    /// A number, or null when absent or not finite.
    public static func num(_ v: Double?) -> JSONValue {
        guard let v, v.isFinite else { return .null }
        return .number(v)
    }
}

extension DispatchResults {
    /// results.json as OUTPUTS.md lays it out (plus a few informative extras).
    public var json: JSONValue {
        var top: [(String, JSONValue)] = [
            ("scenario", .string(scenario)), ("status", .string(status)),
            ("steps", .int(steps)), ("step_hours", .num(stepHours)), ("currency", .string(currency)),
            ("objective", .num(objective)),
            ("cost", .object([("total", .num(cost.total))] + (planning == nil ? [] : [("investment", .num(cost.investment))]) + [
                ("energy_import", .num(cost.energyImport)),
                ("export_revenue", .num(cost.exportRevenue)), ("fuel", .num(cost.fuel)),
                ("green_power", .num(cost.greenPower)), ("om", .num(cost.om)),
                ("battery_cycling", .num(cost.batteryCycling)), ("demand_charge", .num(cost.demandCharge)),
            ])),
            ("carbon_cost", .num(carbonCost)), ("unserved_penalty", .num(unservedPenalty)),
            ("emissions_kg", .object([
                ("optimised", .num(emissionsKg.optimised)), ("scope1", .num(emissionsKg.scope1)),
                ("scope2_location", .num(emissionsKg.scope2Location)),
                ("scope2_official", .num(emissionsKg.scope2Official)),
                ("scope2_official_net", .num(emissionsKg.scope2OfficialNet)),
            ])),
            ("energy_kwh", .object([
                ("electric_load", .num(energyKWh.electricLoad)), ("heat_load", .num(energyKWh.heatLoad)),
                ("electric_load_served", .num(energyKWh.electricLoadServed)),
                ("heat_load_served", .num(energyKWh.heatLoadServed)),
                ("import", .num(energyKWh.importKWh)), ("export", .num(energyKWh.exportKWh)),
                ("renewable_generation", .num(energyKWh.renewableGeneration)),
                ("curtailed", .num(energyKWh.curtailed)), ("consumed", .num(energyKWh.consumed)),
                ("unserved_electricity", .num(energyKWh.unservedElectricity)),
                ("unserved_heat", .num(energyKWh.unservedHeat)),
                ("chp_electricity", .num(energyKWh.chpElectricity)), ("fossil_heat", .num(energyKWh.fossilHeat)),
            ])),
            ("kpis", .object([
                ("renewable_share_electricity", .num(kpis.renewableShareElectricity)),
                ("renewable_fraction", .num(kpis.renewableFraction)),
                ("self_sufficiency", .num(kpis.selfSufficiency)),
                ("self_consumption", .num(kpis.selfConsumption)),
                ("peak_import_kw", .num(kpis.peakImportKW)),
            ])),
            ("zero_carbon", .object([
                ("certificates_needed_mwh", .num(certificatesNeededMWh)),
                ("offsets_needed_t", .num(offsetsNeededTonnes)),
            ])),
            ("assets", assetsJSON),
        ]
        if let p = perUnit {
            top.append(("per_unit", .object([
                ("units", .num(p.units)), ("cost_per_unit", .num(p.costPerUnit)),
                ("objective_per_unit", .num(p.objectivePerUnit)),
                ("kg_co2_per_unit", .num(p.kgCO2PerUnit)),
                ("kg_co2_official_per_unit", .num(p.kgCO2OfficialPerUnit)),
            ])))
        }
        if let planning { top.append(("planning", planning.json)) }
        top.append(("grid_emission_factor_used", .num(gridEmissionFactorUsed)))
        if let o = solverObjective { top.append(("objective_solver", .num(o))) }
        if let s = solver { top.append(("solver", Self.solverJSON(s))) }
        return .object(top)
    }

    /// One entry per asset with its `type`; storages add `equivalent_full_cycles`.
    private var assetsJSON: JSONValue {
        .object(assetTypes.map { a in
            var entry: [(String, JSONValue)] = [("type", .string(a.type))]
            if let c = a.carrier { entry.append(("carrier", .string(c))) }
            if let c = equivalentFullCycles.first(where: { $0.name == a.name }) {
                entry.append(("equivalent_full_cycles", .num(c.cycles)))
            }
            return (a.name, .object(entry))
        })
    }

    /// The `solver` object; timings of the phases and fallbacks only when present.
    static func solverJSON(_ s: SolverInfo) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("name", .string(s.name)), ("version", .string(s.version)), ("method", .string(s.method)),
            ("iterations", .int(s.iterations)), ("build_seconds", .num(s.buildSeconds)),
            ("solve_seconds", .num(s.solveSeconds)), ("variables", .int(s.variables)),
            ("constraints", .int(s.constraints)),
        ]
        if let v = s.vertex { fields.append(("vertex", .bool(v))) }
        if let t = s.interiorSeconds { fields.append(("interior_seconds", .num(t))) }
        if let t = s.crossoverSeconds { fields.append(("crossover_seconds", .num(t))) }
        if let why = s.crossoverFailure { fields.append(("crossover_failure", .string(why))) }
        if !s.notes.isEmpty { fields.append(("notes", .array(s.notes.map { .string($0) }))) }
        return .object(fields)
    }
}

extension JSONValue {
    /// This object with `(key, value)` appended (unchanged if not an object).
    public func appending(_ key: String, _ value: JSONValue) -> JSONValue {
        guard case .object(var pairs) = self else { return self }
        pairs.append((key, value))
        return .object(pairs)
    }

    /// This object without `key` inside the object at `parent` (or at the top
    /// level when `parent` is nil).
    public func removing(_ key: String, in parent: String? = nil) -> JSONValue {
        guard case .object(let pairs) = self else { return self }
        if let parent {
            return .object(pairs.map { $0.0 == parent ? ($0.0, $0.1.removing(key)) : $0 })
        }
        return .object(pairs.filter { $0.0 != key })
    }
}
