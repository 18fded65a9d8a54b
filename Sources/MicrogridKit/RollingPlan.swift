// SPDX-License-Identifier: GPL-3.0-or-later
import Scenario

/// `WINDOW/COMMIT` in hours, e.g. `48/24`: optimise 48 hours, keep the first 24.
public struct RollingPlan: Sendable, Equatable, CustomStringConvertible {
    public var windowHours: Double
    public var commitHours: Double

    public init(windowHours: Double, commitHours: Double) throws(RollingError) {
        guard windowHours.isFinite, commitHours.isFinite, commitHours > 0, windowHours >= commitHours,
              windowHours <= 876_600 else {
            throw .badPlan("window \(windowHours) h and commit \(commitHours) h: expected 0 < COMMIT <= WINDOW (hours)")
        }
        self.windowHours = windowHours
        self.commitHours = commitHours
    }

    /// Parses `WINDOW/COMMIT`, e.g. `48/24`.
    public init(_ text: String) throws(RollingError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let w = Double(parts[0].trimmingCharacters(in: .whitespaces)),
              let c = Double(parts[1].trimmingCharacters(in: .whitespaces)) else {
            throw .badPlan("\"\(text)\": expected WINDOW/COMMIT in hours, e.g. 48/24")
        }
        try self.init(windowHours: w, commitHours: c)
    }

    /// Window and commit lengths in steps of `stepHours`.
    public func steps(stepHours: Double) throws(RollingError) -> (window: Int, commit: Int) {
        func count(_ hours: Double, _ what: String) throws(RollingError) -> Int {
            let n = hours / stepHours
            guard n.isFinite, n >= 1, abs(n - n.rounded()) < 1e-9 * max(1, n) else {
                throw .badPlan("\(what) of \(Self.format(hours)) h is not a whole number of \(Self.format(stepHours))-hour steps")
            }
            return Int(n.rounded())
        }
        return (try count(windowHours, "a window"), try count(commitHours, "a commit"))
    }

    public var description: String { "\(Self.format(windowHours))/\(Self.format(commitHours))" }

    /// Hours as written: `48`, `0.5`.
    public static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
    }
}

/// Why a rolling or day-ahead run cannot start.
public enum RollingError: Error, CustomStringConvertible, Equatable {
    /// A malformed `WINDOW/COMMIT` or lookahead (a command-line error).
    case badPlan(String)
    /// The scenario has whole-horizon constraints, which windows cannot honour.
    case wholeHorizonConstraints([String])
    /// A planning scenario (the key paths of its invest blocks).
    case planning([String])

    public var description: String {
        switch self {
        case .badPlan(let s): return "--rolling \(s)"
        case .wholeHorizonConstraints(let keys):
            return "\(keys.joined(separator: " and ")) \(keys.count > 1 ? "are whole-horizon constraints" : "is a whole-horizon constraint"):"
                + " a window cannot know how much of it the rest of the horizon will use, so rolling and day-ahead"
                + " runs refuse it. Remove it, or solve the whole horizon at once (microgrid solve without --rolling)"
        case .planning(let keys):
            return "\(keys.joined(separator: ", ")): a planning scenario sizes its capacities for the whole horizon at once;"
                + " a window cannot decide what to build, so rolling and day-ahead runs refuse it. Solve it whole"
                + " (microgrid solve without --rolling), then dispatch the built site (capacities from results.json)"
        }
    }

    /// The whole-horizon constraints a scenario has (empty: none).
    public static func wholeHorizonKeys(_ s: Scenario) -> [String] {
        var keys: [String] = []
        if s.maxEmissionsTonnes != nil { keys.append("constraints.max_emissions_t") }
        if s.minRenewableShareElectricity != nil { keys.append("constraints.min_renewable_share_electricity") }
        return keys
    }
}
