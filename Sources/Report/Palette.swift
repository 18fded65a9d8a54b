// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// One colour per asset type and site quantity, used by every chart and
/// legend; several assets of one type get lighter shades of its colour.
enum Palette {
    static let pv = "#f2c200"            // yellow
    static let wind = "#1a9e96"          // teal
    static let greenPower = "#3f9a3f"    // green: contracted green power
    static let chp = "#5b3a29"           // dark brown: gas engine
    static let battery = "#7b4fb8"       // purple
    static let batteryCharge = "#b9a2e0"
    static let thermalStorage = "#2f7fc1"  // blue: hot water
    static let thermalCharge = "#9cc7ea"
    static let heatPump = "#e4572e"      // orange-red
    static let wasteHeat = "#c99a2e"     // ochre
    static let electricBoiler = "#c2185b"  // crimson
    static let fuelBoiler = "#8d6e63"    // brown: gas boiler
    static let flexibleLoad = "#0f9d58"  // emerald: load moved in time
    static let gridImport = "#7b8794"    // grey
    static let gridExport = "#bcccdc"    // light grey
    static let unserved = "#e02424"      // red: an alarm
    static let load = "#1f2933"          // near black: the line
    static let loadArea = "#d3dce6"      // light slate: the load below the axis
    static let rejected = "#f0d9c4"      // pale: surplus heat rejected
    static let priceElectricity = "#2b6cb0"
    static let priceHeat = "#dd6b20"
    static let carbon = "#4a5568"
    static let ink = "#1f2933"
    static let muted = "#52606d"
    static let gridLine = "#e4e7eb"
    static let axis = "#9aa5b1"

    /// The colour of an asset's main quantity (output, heat, discharge).
    static func color(_ role: AssetRole, instance: Int = 0) -> String {
        let base: String
        switch role {
        case .pv: base = pv
        case .wind: base = wind
        case .greenPower: base = greenPower
        case .chp: base = chp
        case .battery: base = battery
        case .thermalStorage: base = thermalStorage
        case .heatPump: base = heatPump
        case .wasteHeat: base = wasteHeat
        case .electricBoiler: base = electricBoiler
        case .fuelBoiler: base = fuelBoiler
        case .flexibleLoad: base = flexibleLoad
        }
        return shade(base, instance)
    }

    /// Storage charging: a light tint of the storage's colour.
    static func chargeColor(_ role: AssetRole, instance: Int = 0) -> String {
        shade(role == .battery ? batteryCharge : thermalCharge, instance)
    }

    /// `hex` mixed with white by 28 % per instance after the first
    /// (alternately darker for even instances, so neighbours differ).
    static func shade(_ hex: String, _ instance: Int) -> String {
        guard instance > 0, hex.count == 7, let v = UInt32(hex.dropFirst(), radix: 16) else { return hex }
        let rgb = [Double((v >> 16) & 0xff), Double((v >> 8) & 0xff), Double(v & 0xff)]
        let k = Double((instance + 1) / 2) * 0.28
        let lighter = instance % 2 == 1
        let mixed = rgb.map { lighter ? $0 + (255 - $0) * min(0.75, k) : $0 * max(0.35, 1 - k) }
        return "#" + mixed.map { String(format: "%02x", Int($0.rounded())) }.joined()
    }
}
