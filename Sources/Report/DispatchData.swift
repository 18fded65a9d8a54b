// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Scenario

/// Asset types as the report groups and colours them.
enum AssetRole: String, CaseIterable {
    case pv, wind, renewable, greenPower, battery, thermalStorage, heatPump, wasteHeat, electricBoiler, fuelBoiler, chp
}

/// An asset of the schedule: its name, role, and its number among the
/// assets of that role (0 for the first), which shades its colour.
struct AssetInfo {
    var name: String
    var role: AssetRole
    var instance: Int
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
    /// Where the roles came from: "scenario" or "inferred from schedule.csv".
    var rolesFromScenario: Bool
    var scenarioPath: String?

    /// A column's values, zeros when the schedule lacks it.
    func values(_ column: String) -> [Double] {
        columns[column] ?? [Double](repeating: 0, count: steps)
    }

    func assets(_ roles: AssetRole...) -> [AssetInfo] { assets.filter { roles.contains($0.role) } }

    /// Reads `directory/schedule.csv` and `directory/results.json`.
    init(directory: String, scenario: Scenario?) throws(ReportError) {
        let results = try DispatchData.readResults(directory + "/results.json")
        let csv = try CSVText(path: directory + "/schedule.csv")
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
        self.rolesFromScenario = scenario != nil
        self.scenarioPath = scenario?.sourcePath
        if let scenario {
            guard scenario.steps == steps else {
                throw ReportError(.input, "the scenario has \(scenario.steps) steps but \(csv.file) has \(steps); pass the scenario that produced it")
            }
            assets = DispatchData.roles(of: scenario)
            importPrice = scenario.grid?.importPricePerKWh
            carbonIntensity = scenario.grid?.carbonIntensityKgPerKWh
        } else {
            assets = inferRoles()
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

    /// Roles straight from the scenario's asset types.
    private static func roles(of s: Scenario) -> [AssetInfo] {
        var counts: [AssetRole: Int] = [:]
        return s.assets.map { a in
            let role: AssetRole
            switch a {
            case .pv: role = .pv
            case .wind: role = .wind
            case .greenPower: role = .greenPower
            case .battery: role = .battery
            case .thermalStorage: role = .thermalStorage
            case .heatPump: role = .heatPump
            case .wasteHeat: role = .wasteHeat
            case .electricBoiler: role = .electricBoiler
            case .fuelBoiler: role = .fuelBoiler
            case .chp: role = .chp
            }
            defer { counts[role, default: 0] += 1 }
            return AssetInfo(name: a.name, role: role, instance: counts[role, default: 0])
        }
    }
}
