// SPDX-License-Identifier: GPL-3.0-or-later

/// An energy carrier with a balance of its own at every step.
///
/// Electricity must balance exactly; surplus heat may be rejected (vented
/// through a cooler) at no cost, so its balance is `supply >= demand`. A new
/// carrier (hydrogen, steam) is a new case here plus the assets that feed or
/// draw from it: its fixed load is read from `loads.<raw value>` (default
/// 0), and the model gives it a balance row, unserved energy, `load.*`,
/// `unserved.*` and `price.*` schedule columns like the others.
public enum Carrier: String, Sendable, CaseIterable, Hashable {
    case electricity
    case heat

    /// Whether `loads.<carrier>` must be given (only electricity's is required).
    public var loadRequired: Bool { self == .electricity }

    /// True when supply above demand may be thrown away (a `>=` balance);
    /// false when supply must equal demand.
    public var surplusMayBeRejected: Bool {
        switch self {
        case .electricity: return false
        case .heat: return true
        }
    }
}

extension Scenario {
    /// The fixed load on `carrier`, kW per step (`loads.<carrier>`; zeros
    /// when the scenario has none).
    public func fixedLoadKW(_ carrier: Carrier) -> [Double] {
        loadsKW[carrier] ?? [Double](repeating: 0, count: steps)
    }
}
