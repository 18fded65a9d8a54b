// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Results
import Scenario

/// `report.html` for an output directory: a solve's (schedule.csv and
/// results.json), a sweep's (cases.csv) or a Pareto run's (front.csv).
/// One self-contained XHTML-compatible file: inline SVG and CSS, no
/// scripts, nothing fetched, legible printed.
public enum HTMLReport {
    /// What a directory holds.
    public enum Kind: String, Sendable {
        case dispatch, study, pareto
    }

    /// The kind of report `directory` supports: Pareto (front.csv) before
    /// study (cases.csv; a Pareto run writes one too) before a solve.
    public static func kind(of directory: String) -> Kind? {
        let fm = FileManager.default
        if fm.fileExists(atPath: directory + "/front.csv") { return .pareto }
        if fm.fileExists(atPath: directory + "/cases.csv") { return .study }
        if fm.fileExists(atPath: directory + "/schedule.csv") || fm.fileExists(atPath: directory + "/results.json") { return .dispatch }
        return nil
    }

    /// The report's HTML. `scenario` (the one that was solved) adds the
    /// grid's import price and carbon intensity and the exact asset types
    /// to a dispatch report, and the currency to a study report.
    public static func html(directory: String, scenario: Scenario? = nil) throws(ReportError) -> String {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
            throw ReportError(.input, "\(directory): no such directory")
        }
        switch kind(of: directory) {
        case .dispatch:
            return DispatchReport(data: try DispatchData(directory: directory, scenario: scenario)).html()
        case .study:
            return try StudyReport(directory: directory, currency: scenario?.currency,
                                   assets: scenario.map(DispatchData.roles(of:)) ?? []).html()
        case .pareto:
            return try ParetoReport(directory: directory, currency: scenario?.currency,
                                    assets: scenario.map(DispatchData.roles(of:)) ?? []).html()
        case nil:
            throw ReportError(.input, "\(directory): found no schedule.csv and results.json (a solve), cases.csv (a sweep) or front.csv (a Pareto run)")
        }
    }

    /// Writes the report to `output` (default `directory/report.html`)
    /// through a temporary file renamed into place; returns its path.
    @discardableResult
    public static func write(directory: String, scenario: Scenario? = nil, to output: String? = nil) throws(ReportError) -> String {
        let text = try html(directory: directory, scenario: scenario)
        let path = output ?? directory + "/report.html"
        do {
            try AtomicFile.write(text, to: path)
        } catch {
            throw ReportError(.output, error.description)
        }
        return path
    }
}
