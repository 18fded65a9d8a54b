// SPDX-License-Identifier: GPL-3.0-or-later

/// One asset of the site, in scenario order.
public enum Asset: Sendable {
    case pv(Renewable)
    case wind(Renewable)
    case greenPower(GreenPower)
    case battery(Storage)
    case thermalStorage(Storage)
    case heatPump(HeatPump)
    case wasteHeat(WasteHeat)
    case electricBoiler(ElectricBoiler)
    case fuelBoiler(FuelBoiler)
    case chp(CHP)
    /// v2: energy per period, timing free.
    case flexibleLoad(FlexibleLoad)

    public var name: String {
        switch self {
        case .pv(let a), .wind(let a): return a.name
        case .greenPower(let a): return a.name
        case .battery(let a), .thermalStorage(let a): return a.name
        case .heatPump(let a): return a.name
        case .wasteHeat(let a): return a.name
        case .electricBoiler(let a): return a.name
        case .fuelBoiler(let a): return a.name
        case .chp(let a): return a.name
        case .flexibleLoad(let a): return a.name
        }
    }

    /// The `type` key of SCENARIO.md.
    public var typeName: String {
        switch self {
        case .pv: return "pv"
        case .wind: return "wind"
        case .greenPower: return "green_power"
        case .battery: return "battery"
        case .thermalStorage: return "thermal_storage"
        case .heatPump: return "heat_pump"
        case .wasteHeat: return "waste_heat"
        case .electricBoiler: return "electric_boiler"
        case .fuelBoiler: return "fuel_boiler"
        case .chp: return "chp"
        case .flexibleLoad: return "flexible_load"
        }
    }
}

/// PV or wind: output `<= capacityKW * profile[t]`, the rest curtailed.
public struct Renewable: Sendable {
    public var name: String
    public var capacityKW: Double
    /// Output per kW of capacity, 0..1, per step.
    public var profile: [Double]
    public var omCostPerKWh: Double
    /// New capacity that may be built on top of the existing one (nil: none).
    public var invest: Investment?
    public init(name: String, capacityKW: Double, profile: [Double], omCostPerKWh: Double = 0) {
        self.name = name; self.capacityKW = capacityKW; self.profile = profile; self.omCostPerKWh = omCostPerKWh
    }
}

/// A contracted renewable supply (direct green-power line or PPA).
public struct GreenPower: Sendable {
    public var name: String
    public var availableKW: [Double]
    public var pricePerKWh: [Double]
    /// Take all that is available.
    public var mustTake: Bool
    public init(name: String, availableKW: [Double], pricePerKWh: [Double], mustTake: Bool = false) {
        self.name = name; self.availableKW = availableKW; self.pricePerKWh = pricePerKWh; self.mustTake = mustTake
    }
}

/// End condition on a storage's last level.
public enum SocFinal: Sendable, Equatable {
    /// `soc[T-1] >= soc_initial * E`.
    case atLeastInitial
    /// No end condition.
    case free
    /// The start level is optimised and the end equals it.
    case cyclic
    /// `soc[T-1] >= fraction * E`.
    case atLeast(Double)
}

/// A battery (electricity) or thermal storage (heat).
public struct Storage: Sendable {
    public var name: String
    public var energyKWh: Double
    public var chargeKW: Double
    public var dischargeKW: Double
    public var chargeEfficiency: Double
    public var dischargeEfficiency: Double
    /// Fractions of `energyKWh`.
    public var socMin: Double
    public var socMax: Double
    public var socInitial: Double
    public var socFinal: SocFinal
    /// Fraction of the stored energy lost per hour (`self_discharge_per_hour`
    /// for batteries, `loss_per_hour` for thermal storage).
    public var lossPerHour: Double
    /// Per kWh discharged (batteries only; 0 for thermal storage).
    public var cycleCostPerKWh: Double

    /// New capacity that may be built on top of the existing one (nil: none).
    public var invest: StorageInvestment?
    public init(name: String, energyKWh: Double, chargeKW: Double, dischargeKW: Double? = nil,
                chargeEfficiency: Double = 0.95, dischargeEfficiency: Double = 0.95,
                socMin: Double = 0, socMax: Double = 1, socInitial: Double = 0.5,
                socFinal: SocFinal = .atLeastInitial, lossPerHour: Double = 0, cycleCostPerKWh: Double = 0) {
        self.name = name; self.energyKWh = energyKWh; self.chargeKW = chargeKW
        self.dischargeKW = dischargeKW ?? chargeKW
        self.chargeEfficiency = chargeEfficiency; self.dischargeEfficiency = dischargeEfficiency
        self.socMin = socMin; self.socMax = socMax; self.socInitial = socInitial
        self.socFinal = socFinal; self.lossPerHour = lossPerHour; self.cycleCostPerKWh = cycleCostPerKWh
    }
}

/// Where a heat pump takes its low-temperature heat from.
public enum HeatSource: Sendable, Equatable {
    case ambient
    /// The name of a `waste_heat` asset.
    case wasteHeat(String)
}

/// A heat pump: heat output `heat[t] <= heatCapacityKW`, electricity `heat/cop`.
public struct HeatPump: Sendable {
    public var name: String
    public var heatCapacityKW: Double
    public var cop: [Double]
    public var source: HeatSource
    /// New capacity that may be built on top of the existing one (nil: none).
    public var invest: Investment?
    public init(name: String, heatCapacityKW: Double, cop: [Double], source: HeatSource = .ambient) {
        self.name = name; self.heatCapacityKW = heatCapacityKW; self.cop = cop; self.source = source
    }
}

/// Recoverable waste heat, used directly or lifted by heat pumps.
public struct WasteHeat: Sendable {
    public var name: String
    public var availableKW: [Double]
    public var directUse: Bool
    /// nil = unlimited.
    public var exchangerCapacityKW: Double?
    public init(name: String, availableKW: [Double], directUse: Bool = true, exchangerCapacityKW: Double? = nil) {
        self.name = name; self.availableKW = availableKW; self.directUse = directUse
        self.exchangerCapacityKW = exchangerCapacityKW
    }
}

/// An electric (resistive or electrode) boiler.
public struct ElectricBoiler: Sendable {
    public var name: String
    public var heatCapacityKW: Double
    public var efficiency: Double
    /// New capacity that may be built on top of the existing one (nil: none).
    public var invest: Investment?
    public init(name: String, heatCapacityKW: Double, efficiency: Double = 0.99) {
        self.name = name; self.heatCapacityKW = heatCapacityKW; self.efficiency = efficiency
    }
}

/// A fuel-fired boiler.
public struct FuelBoiler: Sendable {
    public var name: String
    public var heatCapacityKW: Double
    public var efficiency: Double
    public var fuelPricePerKWh: [Double]
    /// kg CO2 per kWh of fuel.
    public var fuelEmissionFactor: Double
    /// New capacity that may be built on top of the existing one (nil: none).
    public var invest: Investment?
    public init(name: String, heatCapacityKW: Double, efficiency: Double = 0.9, fuelPricePerKWh: [Double],
                fuelEmissionFactor: Double = 0.202) {
        self.name = name; self.heatCapacityKW = heatCapacityKW; self.efficiency = efficiency
        self.fuelPricePerKWh = fuelPricePerKWh; self.fuelEmissionFactor = fuelEmissionFactor
    }
}

/// Combined heat and power: electricity `el`, heat `el * heatEff/elEff`.
public struct CHP: Sendable {
    public var name: String
    public var electricCapacityKW: Double
    public var electricEfficiency: Double
    public var heatEfficiency: Double
    public var fuelPricePerKWh: [Double]
    public var fuelEmissionFactor: Double
    /// New capacity that may be built on top of the existing one (nil: none).
    public var invest: Investment?
    public init(name: String, electricCapacityKW: Double, electricEfficiency: Double = 0.35,
                heatEfficiency: Double = 0.45, fuelPricePerKWh: [Double], fuelEmissionFactor: Double = 0.202) {
        self.name = name; self.electricCapacityKW = electricCapacityKW
        self.electricEfficiency = electricEfficiency; self.heatEfficiency = heatEfficiency
        self.fuelPricePerKWh = fuelPricePerKWh; self.fuelEmissionFactor = fuelEmissionFactor
    }
}
