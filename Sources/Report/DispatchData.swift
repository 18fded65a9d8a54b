// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Scenario

/// Asset types as the report groups and colours them: the scenario's
/// `type` keys, as results.json states them for every asset.
enum AssetRole: String, CaseIterable {
    case pv, wind, greenPower = "green_power", battery, thermalStorage = "thermal_storage", heatPump = "heat_pump"
    case wasteHeat = "waste_heat", electricBoiler = "electric_boiler", fuelBoiler = "fuel_boiler", chp
    case flexibleLoad = "flexible_load"
}

/// An asset of the schedule: its name, role, and its number among the
/// assets of that role (0 for the first), which shades its colour; the
/// carrier of a flexible load (`electricity` or `heat`).
struct AssetInfo {
    var name: String
    var role: AssetRole
    var instance: Int
    var carrier: String? = nil
}

/// results.json, read with Foundation and looked up by dotted path.
struct ResultsJSON {
    let root: [String: Any]

    func value(_ path: String) -> Any? {
        var node: Any? = root
        for key in path.split(separator: ".") {
            node = (node as? [String: Any])?[String(key)]
        }
        return node
    }

    /// A number at `path` ("cost.total"); nil when absent or null.
    func number(_ path: String) -> Double? {
        guard let v = value(path), !(v is NSNull) else { return nil }
        if let n = v as? NSNumber { return n.doubleValue }
        return v as? Double
    }

    func string(_ path: String) -> String? { value(path) as? String }
}

/// What a dispatch report draws: schedule.csv's columns, results.json, each
/// asset's role, and — when the scenario is at hand — the grid's import
/// price and carbon intensity per step.
struct DispatchData {
    var name: String
    var currency: String
    var steps: Int
    var stepHours: Double
    var timestamps: [String]?
    var columnOrder: [String]
    var columns: [String: [Double]]
    var assets: [AssetInfo]
    var results: ResultsJSON
    /// Import price per kWh and grid carbon intensity (kg/kWh), from the scenario.
    var importPrice: [Double]?
    var carbonIntensity: [Double]?
    /// Where the asset types came from ("results.json", "the scenario"), or
    /// why there are none; a report never guesses a type from column names.
    var typesSource: String
    var scenarioPath: String?

    /// A column's values, zeros when the schedule lacks it.
    func values(_ column: String) -> [Double] {
        columns[column] ?? [Double](repeating: 0, count: steps)
    }

    func assets(_ roles: AssetRole...) -> [AssetInfo] { assets.filter { roles.contains($0.role) } }

    /// Reads `directory/schedule.csv` and `directory/results.json`.
    init(directory: String, scenario: Scenario?) throws(ReportError) {
        let results = try DispatchData.readResults(directory + "/results.json")
        let csv = try CSVTable.reportInput(path: directory + "/schedule.csv")
        guard let first = csv.header.first, first == "timestamp" || first == "step" else {
            throw ReportError(.input, "\(csv.file): first column is \"\(csv.header.first ?? "")\"; expected timestamp or step (OUTPUTS.md)")
        }
        guard csv.column("load.electricity_kw") != nil else {
            throw ReportError(.input, "\(csv.file): no column load.electricity_kw; expected the columns of OUTPUTS.md")
        }
        guard !csv.rows.isEmpty else { throw ReportError(.input, "\(csv.file): no rows; expected one row per step") }
        var columns: [String: [Double]] = [:]
        for (i, name) in csv.header.enumerated().dropFirst() {
            columns[name] = try csv.numbers(i, allowEmpty: false).map { $0 ?? 0 }
        }
        self.results = results
        self.name = results.string("scenario") ?? PathText.lastComponent(directory)
        self.currency = results.string("currency") ?? scenario?.currency ?? ""
        self.steps = csv.rows.count
        self.stepHours = results.number("step_hours") ?? scenario?.stepHours ?? 1
        guard stepHours >= 1e-4, stepHours <= 1e5 else {
            throw ReportError(.input, "\(directory)/results.json: step_hours \(stepHours); expected a step length in hours")
        }
        if let n = results.number("steps"), Int(exactly: n) != steps {
            throw ReportError(.input, "\(csv.file) has \(steps) rows but results.json says \(n) steps; are they from the same run?")
        }
        self.timestamps = first == "timestamp" ? csv.rows.map { $0[0] } : nil
        self.columnOrder = Array(csv.header.dropFirst())
        self.columns = columns
        self.assets = []
        self.typesSource = "results.json"
        self.scenarioPath = scenario?.sourcePath
        if let scenario {
            guard scenario.steps == steps else {
                throw ReportError(.input, "the scenario has \(scenario.steps) steps but \(csv.file) has \(steps); pass the scenario that produced it")
            }
            importPrice = scenario.grid?.importPricePerKWh
            carbonIntensity = scenario.grid?.carbonIntensityKgPerKWh
        }
        if let typed = DispatchData.typedAssets(results, columnOrder: columnOrder) {
            assets = typed
        } else if let scenario {
            assets = DispatchData.roles(of: scenario)
            typesSource = "the scenario (results.json states none)"
        } else {
            typesSource = "none: results.json states no asset types (an older version wrote it), so assets are not drawn one by one"
        }
    }

    private static func readResults(_ path: String) throws(ReportError) -> ResultsJSON {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReportError(.input, "\(path): no readable file")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data), let root = object as? [String: Any] else {
            throw ReportError(.input, "\(path): not a JSON object; expected results.json as OUTPUTS.md lays it out")
        }
        return ResultsJSON(root: root)
    }

    /// The assets of results.json's `assets` (one entry per asset with its
    /// `type`), in the order their columns come in schedule.csv (scenario
    /// order); nil when there are none or an entry lacks a type.
    private static func typedAssets(_ results: ResultsJSON, columnOrder: [String]) -> [AssetInfo]? {
        guard let entries = results.value("assets") as? [String: Any], !entries.isEmpty else { return nil }
        var list: [(name: String, type: String, carrier: String?)] = []
        for (name, value) in entries {
            guard let entry = value as? [String: Any], let type = entry["type"] as? String else { return nil }
            list.append((name, type, entry["carrier"] as? String))
        }
        func position(_ name: String) -> Int {
            columnOrder.firstIndex { $0.hasPrefix(name + ".") } ?? columnOrder.count
        }
        list.sort { (position($0.name), $0.name) < (position($1.name), $1.name) }
        return typedAssets(list)
    }

    /// Roles straight from the scenario's asset types (for study and Pareto
    /// reports given `--scenario`, and solves whose results.json has none).
    static func roles(of scenario: Scenario) -> [AssetInfo] {
        typedAssets(scenario.assets.map {
            var carrier: String?
            if case .flexibleLoad(let f) = $0 { carrier = f.carrier.rawValue }
            return ($0.name, $0.typeName, carrier)
        })
    }

    /// Assets of a known type, numbered within their role (an unknown type
    /// is left out rather than guessed).
    private static func typedAssets(_ list: [(name: String, type: String, carrier: String?)]) -> [AssetInfo] {
        var counts: [AssetRole: Int] = [:]
        return list.compactMap { a in
            guard let role = AssetRole(rawValue: a.type) else { return nil }
            defer { counts[role, default: 0] += 1 }
            return AssetInfo(name: a.name, role: role, instance: counts[role, default: 0], carrier: a.carrier)
        }
    }
}
