// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// One drawn quantity of a time chart.
struct Layer {
    enum Style { case stack, line, dashed, band }
    var name: String
    var color: String
    /// Stack: signed values (supplies positive, consumptions negative);
    /// line: the values; band: the lower edge.
    var values: [Double]
    /// Band: the upper edge.
    var upper: [Double]? = nil
    var style: Style
    var inLegend = true

    static func stack(_ name: String, _ color: String, _ values: [Double]) -> Layer {
        Layer(name: name, color: color, values: values, style: .stack)
    }
    static func line(_ name: String, _ color: String, _ values: [Double], dashed: Bool = false) -> Layer {
        Layer(name: name, color: color, values: values, style: dashed ? .dashed : .line)
    }
    static func band(_ name: String, _ color: String, lower: [Double], upper: [Double]) -> Layer {
        Layer(name: name, color: color, values: lower, upper: upper, style: .band)
    }

    var legendKey: LegendKey {
        switch style {
        case .stack: return LegendKey(name: name, color: color, mark: .area)
        case .line: return LegendKey(name: name, color: color, mark: .line)
        case .dashed: return LegendKey(name: name, color: color, mark: .dashed)
        case .band: return LegendKey(name: name, color: color, mark: .band)
        }
    }

    /// Largest magnitude drawn.
    var peak: Double { max(values.map(abs).max() ?? 0, upper?.map(abs).max() ?? 0) }
}

/// A value axis band of a time chart, with its own unit.
struct Panel {
    var title: String
    /// The unit values are in ("kW", "kWh", "CNY/kWh"); kW, kWh, t and a
    /// currency code are rescaled (MW, MWh, ...) when large.
    var unit: String
    var unitSuffix = ""
    var layers: [Layer]
    var height: Double = 250
    /// Values above this are drawn at it (a robust top for spiky prices).
    var clipAbove: Double? = nil
    var includeZero = true
}

/// Time series on a shared time axis, one panel or several stacked
/// vertically; steps are drawn as steps (each value holds for its interval).
struct TimeChart {
    var id: String
    var label: String
    var timeline: Timeline
    var panels: [Panel]

    static let width = 1000.0, left = 70.0, right = 18.0, panelTop = 24.0, gap = 16.0, axisHeight = 42.0

    /// Drops stacked layers that are zero throughout; true when something is left.
    mutating func pruneEmpty() -> Bool {
        for p in panels.indices {
            let scale = max(1e-9, panels[p].layers.map(\.peak).max() ?? 0)
            panels[p].layers.removeAll { $0.style == .stack && $0.peak <= 1e-6 * scale }
        }
        panels.removeAll { $0.layers.isEmpty }
        return !panels.isEmpty
    }

    var legend: [LegendKey] { panels.flatMap { $0.layers.filter(\.inLegend).map(\.legendKey) } }

    func html(caption: String) -> String {
        "<figure>\(svg())\(legendHTML(legend))<figcaption>\(caption)</figcaption></figure>"
    }

    func svg() -> String {
        let total = panels.reduce(0) { $0 + TimeChart.panelTop + $1.height + TimeChart.gap } - TimeChart.gap + TimeChart.axisHeight
        var canvas = SVGCanvas(width: TimeChart.width, height: total)
        let x0 = TimeChart.left, x1 = TimeChart.width - TimeChart.right
        let n = max(1, timeline.count)
        let xs = (0...n).map { x0 + (x1 - x0) * Double($0) / Double(n) }
        let ticks = timeline.ticks()
        var top = 0.0
        for panel in panels {
            let plotTop = top + TimeChart.panelTop
            let bottom = plotTop + panel.height
            for t in ticks { canvas.line(xs[min(n, t.index)], plotTop, xs[min(n, t.index)], bottom, stroke: Palette.gridLine) }
            draw(panel, on: &canvas, xs: xs, top: plotTop, bottom: bottom)
            canvas.line(x0, bottom, x1, bottom, stroke: Palette.axis)
            top = bottom + TimeChart.gap
        }
        let axisY = top - TimeChart.gap
        var lastEnd = -Double.infinity
        for t in ticks {
            let x = xs[min(n, t.index)]
            canvas.line(x, axisY, x, axisY + 5, stroke: Palette.axis)
            let widest = Double(t.lines.map(\.count).max() ?? 0) * 6.6
            guard x - widest / 2 > lastEnd + 4 else { continue }  // never overlap labels
            lastEnd = x + widest / 2
            for (k, line) in t.lines.enumerated() {
                canvas.text(line, x, axisY + 18 + Double(k) * 14, anchor: "middle", cls: k == 0 ? "tick" : "tick sub")
            }
        }
        canvas.text(timeline.axisNote, x1, axisY + 18 + 14 * 1.5, anchor: "end", cls: "note")
        return canvas.render(id: id, label: label)
    }

    /// One panel: value axis, stacks, bands, lines.
    private func draw(_ panel: Panel, on canvas: inout SVGCanvas, xs: [Double], top: Double, bottom: Double) {
        let n = timeline.count
        var pos = [Double](repeating: 0, count: n), neg = pos
        var stacked: [(Layer, [Double], [Double])] = []
        for layer in panel.layers where layer.style == .stack {
            var lo = [Double](repeating: 0, count: n), hi = lo
            for i in 0..<min(n, layer.values.count) {
                let v = layer.values[i]
                if v >= 0 { lo[i] = pos[i]; pos[i] += v; hi[i] = pos[i] } else { hi[i] = neg[i]; neg[i] += v; lo[i] = neg[i] }
            }
            stacked.append((layer, lo, hi))
        }
        var vmin = neg.min() ?? 0, vmax = pos.max() ?? 0
        for layer in panel.layers where layer.style != .stack {
            vmin = min(vmin, layer.values.min() ?? 0)
            vmax = max(vmax, layer.upper?.max() ?? layer.values.max() ?? 0)
        }
        if !panel.includeZero, let lineMin = panel.layers.compactMap({ $0.values.min() }).min() { vmin = lineMin }
        if let clip = panel.clipAbove { vmax = min(vmax, clip) }
        let unit = ScaledUnit.choose(panel.unit, suffix: panel.unitSuffix, maxAbs: max(abs(vmin), abs(vmax)))
        let scale = NiceScale(vmin / unit.factor, vmax / unit.factor, ticks: max(3, Int(panel.height / 55)),
                              includeZero: panel.includeZero, tightLow: true)
        canvas.valueAxis(scale, left: TimeChart.left, right: TimeChart.width - TimeChart.right, top: top, bottom: bottom)
        let title = panel.title.isEmpty ? unit.label : "\(panel.title), \(unit.label)"
        canvas.text(title, TimeChart.left - 6, top - 9, cls: "ttl")
        func y(_ v: Double) -> Double {
            let s = min(max(v / unit.factor, scale.lo), scale.hi)
            return bottom - (s - scale.lo) / (scale.hi - scale.lo) * (bottom - top)
        }
        for (layer, lo, hi) in stacked {
            canvas.path(TimeChart.area(xs, hi.map(y), lo.map(y)), fill: layer.color)
        }
        for layer in panel.layers where layer.style == .band {
            canvas.path(TimeChart.area(xs, (layer.upper ?? layer.values).map(y), layer.values.map(y)), fill: layer.color, opacity: 0.28)
        }
        for layer in panel.layers where layer.style == .line || layer.style == .dashed {
            canvas.path(TimeChart.steps(xs, layer.values.map(y)), stroke: layer.color, width: 1.8,
                        dash: layer.style == .dashed ? "5 3" : nil)
        }
    }

    /// A step line: each value held over its interval `xs[i]...xs[i+1]`.
    static func steps(_ xs: [Double], _ ys: [Double]) -> String {
        let ys = ys.prefix(max(0, xs.count - 1))  // never more values than intervals
        guard let first = ys.first else { return "" }
        var d = "M\(c(xs[0])) \(c(first))"
        var current = c(first)
        for i in 1..<ys.count {
            let next = c(ys[i])
            if next != current { d += "H\(c(xs[i]))V\(next)"; current = next }
        }
        return d + "H\(c(xs[ys.count]))"
    }

    /// A step area between an upper and a lower edge: one closed subpath
    /// per run of steps where it has thickness, so that no zero-width
    /// sliver prints as a hairline.
    static func area(_ xs: [Double], _ upper: [Double], _ lower: [Double]) -> String {
        var d = ""
        var i = 0
        let n = min(upper.count, lower.count)
        while i < n {
            guard abs(upper[i] - lower[i]) > 0.05 else { i += 1; continue }
            var e = i
            while e < n, abs(upper[e] - lower[e]) > 0.05 { e += 1 }
            d += run(Array(xs[i...e]), Array(upper[i..<e]), Array(lower[i..<e]))
            i = e
        }
        return d
    }

    /// One closed step outline: the upper edge left to right, the lower back.
    private static func run(_ xs: [Double], _ upper: [Double], _ lower: [Double]) -> String {
        var d = steps(xs, upper)
        let n = lower.count
        var current = c(lower[n - 1])
        d += "V\(current)"
        for i in stride(from: n - 1, through: 1, by: -1) {
            let next = c(lower[i - 1])
            if next != current { d += "H\(c(xs[i]))V\(next)"; current = next }
        }
        return d + "H\(c(xs[0]))Z"
    }
}
