// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// A point of an x–y chart.
struct XYPoint {
    var x: Double
    var y: Double
    /// Written beside the marker (e.g. the Pareto point's number).
    var label: String? = nil
    /// Hover text.
    var title: String? = nil
    /// Drawn in `XYSeries.highlightColor` (e.g. a point that sheds load).
    var highlight = false
}

struct XYSeries {
    var name: String
    var color: String
    var points: [XYPoint]
    var line = true
    var dashed = false
    var markers = true
    var markerRadius = 4.0
    var highlightColor = Palette.unserved
}

/// Lines and markers on numeric axes, or on categories along x (then each
/// point's `x` is the category's index).
struct XYChart {
    var id: String
    var label: String
    var xTitle: String
    var xUnit: String
    var yTitle: String
    var yUnit: String
    var series: [XYSeries]
    var categories: [String]? = nil
    var width = 1000.0
    var height = 360.0
    var yIncludeZero = false
    /// Points above this are drawn at the top edge, their label marked "↑".
    var yClipTop: Double? = nil

    var legend: [LegendKey] {
        series.map { LegendKey(name: $0.name, color: $0.color, mark: $0.line ? ($0.dashed ? .dashed : .line) : .dot) }
    }

    func svg() -> String {
        let all = series.flatMap(\.points)
        let xs = all.map(\.x)
        var ys = all.map(\.y).filter { $0 <= (yClipTop ?? .infinity) }
        if let top = yClipTop, all.contains(where: { $0.y > top }) { ys.append(top) }  // headroom for the clipped
        let yUnitScaled = ScaledUnit.choose(yUnit, maxAbs: ys.map(abs).max() ?? 0)
        let xUnitScaled = categories == nil ? ScaledUnit.choose(xUnit, maxAbs: xs.map(abs).max() ?? 0) : ScaledUnit(factor: 1, label: xUnit)
        let yScale = NiceScale((ys.min() ?? 0) / yUnitScaled.factor, (ys.max() ?? 1) / yUnitScaled.factor,
                               ticks: max(3, Int(height / 60)), includeZero: yIncludeZero)
        let left = 74.0, right = width - 26, top = 28.0, bottom = height - 46
        var canvas = SVGCanvas(width: width, height: height)
        canvas.valueAxis(yScale, left: left, right: right, top: top, bottom: bottom)
        let yAxisTitle = yTitle.isEmpty ? yUnitScaled.label : "\(yTitle), \(yUnitScaled.label)"
        canvas.text(yAxisTitle, left - 6, top - 11, cls: "ttl")
        let xMap = xAxis(on: &canvas, xs: xs, unit: xUnitScaled, left: left, right: right, bottom: bottom)
        func y(_ v: Double) -> Double {
            bottom - (min(v / yUnitScaled.factor, yScale.hi) - yScale.lo) / (yScale.hi - yScale.lo) * (bottom - top)
        }
        for s in series where s.line && s.points.count > 1 {
            let d = s.points.enumerated().map { k, p in "\(k == 0 ? "M" : "L")\(c(xMap(p.x))) \(c(y(p.y)))" }.joined()
            canvas.path(d, stroke: s.color, width: 2, dash: s.dashed ? "6 4" : nil)
        }
        // Label boxes (x0, y0, x1, y1), starting with the axis title's.
        var placed: [(Double, Double, Double, Double)] = [(left - 6, top - 24, left + Double(yAxisTitle.count) * 7.2, top - 6)]
        for s in series where s.markers {  // and every marker's, when there are few enough to label
            for p in s.points where p.label != nil {
                placed.append((xMap(p.x) - s.markerRadius, y(p.y) - s.markerRadius, xMap(p.x) + s.markerRadius, y(p.y) + s.markerRadius))
            }
        }
        for s in series where s.markers {
            for p in s.points {
                canvas.circle(xMap(p.x), y(p.y), r: s.markerRadius, fill: p.highlight ? s.highlightColor : s.color, title: p.title)
                guard let l = p.label else { continue }
                let text = p.y > (yClipTop ?? .infinity) ? l + " ↑" : l
                placeLabel(text, at: (xMap(p.x), y(p.y)), bounds: (left, top, right, bottom), placed: &placed, on: &canvas)
            }
        }
        canvas.line(left, bottom, right, bottom, stroke: Palette.axis)
        return canvas.render(id: id, label: label)
    }

    /// Writes a point's label beside it where it overlaps no other label
    /// (right above, right below, left above, left below); else leaves it out.
    private func placeLabel(_ text: String, at p: (Double, Double), bounds: (Double, Double, Double, Double),
                            placed: inout [(Double, Double, Double, Double)], on canvas: inout SVGCanvas) {
        let w = Double(text.count) * 6.7, h = 13.0
        for (dx, dy, anchor) in [(7.0, -7.0, "start"), (7.0, 16.0, "start"), (-7.0, -7.0, "end"), (-7.0, 16.0, "end")] {
            let x0 = anchor == "start" ? p.0 + dx : p.0 + dx - w
            let box = (x0, p.1 + dy - h + 2, x0 + w, p.1 + dy + 2)
            guard box.0 >= bounds.0 - 60, box.2 <= bounds.2 + 20, box.1 >= 0 else { continue }
            if placed.contains(where: { $0.0 < box.2 && box.0 < $0.2 && $0.1 < box.3 && box.1 < $0.3 }) { continue }
            placed.append(box)
            canvas.text(text, p.0 + dx, p.1 + dy, anchor: anchor, cls: "value")
            return
        }
    }

    /// Draws the x ticks and title; returns the x mapping.
    private func xAxis(on canvas: inout SVGCanvas, xs: [Double], unit: ScaledUnit,
                       left: Double, right: Double, bottom: Double) -> (Double) -> Double {
        let title = xTitle.isEmpty ? unit.label : (unit.label.isEmpty ? xTitle : "\(xTitle), \(unit.label)")
        canvas.text(title, right, bottom + 36, anchor: "end", cls: "note")
        if let cats = categories {
            let slot = (right - left) / Double(max(1, cats.count))
            let every = max(1, Int(ceil(Double(cats.count) * 64 / (right - left))))
            for (i, name) in cats.enumerated() where i % every == 0 {
                canvas.text(name, left + slot * (Double(i) + 0.5), bottom + 17, anchor: "middle")
            }
            return { left + slot * ($0 + 0.5) }
        }
        let scale = NiceScale((xs.min() ?? 0) / unit.factor, (xs.max() ?? 1) / unit.factor,
                              ticks: max(3, Int((right - left) / 110)), includeZero: false)
        let map: (Double) -> Double = { left + ($0 / unit.factor - scale.lo) / (scale.hi - scale.lo) * (right - left) }
        for v in scale.ticks {
            let x = map(v * unit.factor)
            canvas.line(x, bottom, x, bottom + 5, stroke: Palette.axis)
            // The last label ends at the axis end rather than past the chart's edge.
            let label = scale.label(v)
            let overhang = x + Double(label.count) * 3.6 > width - 2
            canvas.text(label, overhang ? x + 4 : x, bottom + 18, anchor: overhang ? "end" : "middle")
        }
        return map
    }
}
