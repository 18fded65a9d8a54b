// SPDX-License-Identifier: GPL-3.0-or-later

extension Asset {
    /// The investment of a single-quantity asset (pv, wind, heat pump,
    /// boilers, CHP), priced per kW of its sized capacity.
    public var investment: Investment? {
        switch self {
        case .pv(let a), .wind(let a): return a.invest
        case .heatPump(let a): return a.invest
        case .electricBoiler(let a): return a.invest
        case .fuelBoiler(let a): return a.invest
        case .chp(let a): return a.invest
        case .battery, .thermalStorage, .greenPower, .wasteHeat, .flexibleLoad: return nil
        }
    }

    /// The investment of a battery or thermal storage.
    public var storageInvestment: StorageInvestment? {
        switch self {
        case .battery(let s), .thermalStorage(let s): return s.invest
        default: return nil
        }
    }

    /// True when the asset has an `invest` block.
    public var isInvestable: Bool { investment != nil || storageInvestment != nil }

    /// The sized capacity that exists (kW): `capacity_kw`, `heat_capacity_kw`,
    /// `electric_capacity_kw`, or a storage's charge power; 0 for the others.
    public var existingKW: Double {
        switch self {
        case .pv(let a), .wind(let a): return a.capacityKW
        case .heatPump(let a): return a.heatCapacityKW
        case .electricBoiler(let a): return a.heatCapacityKW
        case .fuelBoiler(let a): return a.heatCapacityKW
        case .chp(let a): return a.electricCapacityKW
        case .battery(let s), .thermalStorage(let s): return s.chargeKW
        case .greenPower, .wasteHeat, .flexibleLoad: return 0
        }
    }

    /// This asset with `new` added to its capacities and no invest block:
    /// the site as it would stand once built.
    func built(_ new: NewCapacity) -> Asset {
        switch self {
        case .pv(var a): a.capacityKW += new.kw; a.invest = nil; return .pv(a)
        case .wind(var a): a.capacityKW += new.kw; a.invest = nil; return .wind(a)
        case .heatPump(var a): a.heatCapacityKW += new.kw; a.invest = nil; return .heatPump(a)
        case .electricBoiler(var a): a.heatCapacityKW += new.kw; a.invest = nil; return .electricBoiler(a)
        case .fuelBoiler(var a): a.heatCapacityKW += new.kw; a.invest = nil; return .fuelBoiler(a)
        case .chp(var a): a.electricCapacityKW += new.kw; a.invest = nil; return .chp(a)
        case .battery(let s): return .battery(Self.builtStorage(s, new))
        case .thermalStorage(let s): return .thermalStorage(Self.builtStorage(s, new))
        case .greenPower, .wasteHeat, .flexibleLoad: return self
        }
    }

    private static func builtStorage(_ s: Storage, _ new: NewCapacity) -> Storage {
        var s = s
        s.energyKWh += new.kwh
        s.chargeKW += new.kw
        s.dischargeKW += new.kw
        s.invest = nil
        return s
    }
}

extension Scenario {
    /// A planning scenario has at least one `invest` block (PLANNING.md).
    public var isPlanning: Bool { assets.contains { $0.isInvestable } }

    /// The horizon's share of a year, `y = T·Δ / 8760`.
    public var yearShare: Double { Double(steps) * stepHours / 8760 }

    /// The site as it exists: every invest block dropped (the baseline,
    /// where every new capacity is 0).
    public func withoutInvestment() -> Scenario {
        built([:])
    }

    /// The site once `new` capacities (by asset name; missing = 0) are built,
    /// as a dispatch scenario at the total capacities.
    public func built(_ new: [String: NewCapacity]) -> Scenario {
        var s = self
        s.assets = assets.map { $0.built(new[$0.name] ?? NewCapacity()) }
        return s
    }
}
