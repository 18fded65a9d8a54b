// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// Why a report could not be made.
public struct ReportError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable {
        /// The directory's files are missing or malformed (exit code 2).
        case input
        /// report.html could not be written (exit code 6).
        case output
    }
    public var kind: Kind
    public var message: String
    public init(_ kind: Kind, _ message: String) { self.kind = kind; self.message = message }
    public var description: String { message }
}

/// Escapes text for XHTML element content and attribute values.
func esc(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for ch in s.unicodeScalars {
        switch ch {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default:
            // XML 1.0 forbids most control characters, even escaped.
            if ch.value < 0x20 && ch != "\n" && ch != "\t" { out += " " } else { out.unicodeScalars.append(ch) }
        }
    }
    return out
}

/// A coordinate for SVG: one decimal, no trailing ".0".
func c(_ v: Double) -> String {
    let r = (v * 10).rounded() / 10
    if r == r.rounded() { return String(Int(r)) }
    return String(format: "%.1f", r)
}

/// `v` with `decimals` digits and thousands separators ("12,345.6"); a
/// minus sign that is typographically one ("−").
func fmt(_ v: Double, _ decimals: Int = 0) -> String {
    guard v.isFinite else { return "–" }
    let rounded = String(format: "%.\(max(0, decimals))f", abs(v))
    let parts = rounded.split(separator: ".", maxSplits: 1)
    var intPart = String(parts[0])
    var grouped = ""
    while intPart.count > 3 {
        grouped = "," + intPart.suffix(3) + grouped
        intPart.removeLast(3)
    }
    grouped = intPart + grouped
    if parts.count > 1 { grouped += "." + parts[1] }
    let isZero = Double(rounded) == 0
    return (v < 0 && !isZero ? "−" : "") + grouped
}

/// A number with about three significant digits, for labels of any size.
func fmtSig(_ v: Double) -> String {
    let a = abs(v)
    if a >= 100 { return fmt(v, 0) }
    if a >= 10 { return fmt(v, 1) }
    if a >= 1 { return fmt(v, 2) }
    if a == 0 { return "0" }
    return fmt(v, min(6, Int(-floor(log10(a))) + 2))
}

/// A duration in hours as people write it: "1 h", "0.5 h", "15 min".
func hours(_ h: Double) -> String {
    if h < 1, (h * 60).rounded() == h * 60 { return String(format: "%.0f min", h * 60) }
    return (h == h.rounded() ? String(format: "%.0f", h) : fmtSig(h)) + " h"
}

/// A fraction as a percentage, or "n/a".
func pct(_ v: Double?, _ decimals: Int = 1) -> String {
    guard let v, v.isFinite else { return "n/a" }
    return fmt(v * 100, decimals) + " %"
}

/// Evenly spaced "nice" ticks (1, 2, 2.5, 5 × 10^k) covering `lo...hi`.
struct NiceScale {
    var lo: Double
    var hi: Double
    var step: Double

    /// With `tightLow`, a minimum below zero that is small next to the
    /// range is padded a little instead of rounded down a whole step.
    init(_ minValue: Double, _ maxValue: Double, ticks: Int = 5, includeZero: Bool = true, tightLow: Bool = false) {
        var a = minValue.isFinite ? minValue : 0, b = maxValue.isFinite ? maxValue : 1
        if includeZero { a = min(a, 0); b = max(b, 0) }
        if b - a < 1e-12 {
            let pad = max(abs(a) * 0.1, 1)
            (a, b) = (a == 0 && includeZero ? 0 : a - pad, b + pad)
        }
        // Of the nice steps near the raw one, the one whose axis has about
        // `ticks` intervals and wastes the least room beyond the data.
        let raw = (b - a) / Double(max(1, ticks))
        let mag = pow(10, floor(log10(raw)))
        var best = (score: Double.infinity, step: 1.0)
        for nice in [0.5, 1, 2, 2.5, 5, 10, 20] {
            let s = nice * mag
            let n = ceil(b / s - 1e-9) - floor(a / s + 1e-9)
            let score = abs(n - Double(ticks)) + 3 * (1 - (b - a) / (n * s))
            if n >= 2, score < best.score - 1e-9 { best = (score, s) }
        }
        step = best.step
        lo = floor(a / step + 1e-9) * step
        hi = ceil(b / step - 1e-9) * step
        if hi - lo < step { hi = lo + step }
        if tightLow, a < 0, lo < a - 0.05 * (hi - a) { lo = a - 0.03 * (hi - a) }
    }

    var ticks: [Double] {
        var out: [Double] = []
        var v = ceil(lo / step - 1e-9) * step
        while v <= hi + step * 1e-6 {
            out.append(abs(v) < step * 1e-9 ? 0 : v)
            v += step
        }
        return out
    }

    /// Decimals that tell the ticks apart.
    var decimals: Int {
        var d = 0
        var s = step
        while d < 6, abs(s - s.rounded()) > 1e-9 * max(1, s) { s *= 10; d += 1 }
        return d
    }

    func label(_ v: Double) -> String { fmt(v, decimals) }
}

/// A unit and the factor values are divided by to show them in it.
struct ScaledUnit {
    var factor: Double
    var label: String

    /// Switches kW to MW, kWh to MWh, t to kt and a currency to
    /// "k CNY"/"M CNY" when the largest value has five or more digits.
    /// `base` is what the values are in; `suffix` follows it ("/day").
    static func choose(_ base: String, suffix: String = "", maxAbs: Double) -> ScaledUnit {
        let ladders: [String: [String]] = [
            "kW": ["kW", "MW", "GW"], "kWh": ["kWh", "MWh", "GWh"], "MWh": ["MWh", "GWh", "TWh"],
            "kg": ["kg", "t", "kt"], "t": ["t", "kt", "Mt"],
        ]
        let isMoney = base == "money" || (base.count == 3 && base == base.uppercased())
        let ladder = ladders[base] ?? (isMoney ? [base, "k " + base, "M " + base] : [base])
        var k = 0
        var m = maxAbs
        while k + 1 < ladder.count, m >= 10_000 { m /= 1000; k += 1 }
        return ScaledUnit(factor: pow(1000, Double(k)), label: ladder[k] + suffix)
    }
}

/// Identifier-safe form of a name ("roof-pv.capacity_kw" -> "roof-pv-capacity-kw").
func slug(_ s: String) -> String {
    var out = ""
    for ch in s.lowercased().unicodeScalars {
        if CharacterSet.alphanumerics.contains(ch) && ch.isASCII { out.unicodeScalars.append(ch) }
        else if !out.hasSuffix("-") { out += "-" }
    }
    while out.hasSuffix("-") { out.removeLast() }
    return out.isEmpty ? "x" : out
}
