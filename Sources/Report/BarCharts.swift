// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// Vertical bars per category, stacked: positive values up, negative down;
/// `markers` are drawn as a short horizontal line per category (e.g. the load).
struct ColumnChart {
    var id: String
    var label: String
    /// Drawn above the value axis, before the unit.
    var title = ""
    var categories: [String]
    var unit: String
    var stacks: [Layer]
    var markers: [Layer] = []
    var height = 300.0
    var width = 1000.0

    var legend: [LegendKey] {
        stacks.filter(\.inLegend).map(\.legendKey) + markers.map { LegendKey(name: $0.name, color: $0.color, mark: .line) }
    }

    func html(caption: String) -> String {
        "<figure>\(svg())\(legendHTML(legend))<figcaption>\(caption)</figcaption></figure>"
    }

    func svg() -> String {
        guard !categories.isEmpty else { return SVGCanvas(width: width, height: height).render(id: id, label: label) }
        let n = categories.count
        var pos = [Double](repeating: 0, count: n), neg = pos
        var boxes: [(Layer, Int, Double, Double, Double)] = []  // layer, category, lo, hi, value
        for layer in stacks {
            for i in 0..<min(n, layer.values.count) {
                let v = layer.values[i]
                if v >= 0 { boxes.append((layer, i, pos[i], pos[i] + v, v)); pos[i] += v }
                else { boxes.append((layer, i, neg[i] + v, neg[i], v)); neg[i] += v }
            }
        }
        let markerMax = markers.flatMap(\.values).max() ?? 0
        let unit = ScaledUnit.choose(self.unit, maxAbs: max(pos.max() ?? 0, markerMax, -(neg.min() ?? 0)))
        let scale = NiceScale((neg.min() ?? 0) / unit.factor, max(pos.max() ?? 0, markerMax) / unit.factor,
                              ticks: max(3, Int(height / 55)))
        let left = 70.0, right = width - 14, top = 26.0, bottom = height - 40
        var canvas = SVGCanvas(width: width, height: height)
        canvas.valueAxis(scale, left: left, right: right, top: top, bottom: bottom)
        canvas.text(title.isEmpty ? unit.label : "\(title), \(unit.label)", left - 6, top - 10, cls: "ttl")
        func y(_ v: Double) -> Double {
            bottom - (min(max(v / unit.factor, scale.lo), scale.hi) - scale.lo) / (scale.hi - scale.lo) * (bottom - top)
        }
        let slot = (right - left) / Double(n)
        let barWidth = min(64, slot * 0.72)
        func xMid(_ i: Int) -> Double { left + slot * (Double(i) + 0.5) }
        for (layer, i, lo, hi, v) in boxes where abs(v) > 0 {
            canvas.rect(xMid(i) - barWidth / 2, y(hi), barWidth, y(lo) - y(hi), fill: layer.color,
                        title: "\(categories[i]): \(layer.name) \(fmtSig(v / unit.factor)) \(unit.label)")
        }
        for m in markers {
            for i in 0..<min(n, m.values.count) {
                canvas.line(xMid(i) - barWidth / 2 - 4, y(m.values[i]), xMid(i) + barWidth / 2 + 4, y(m.values[i]),
                            stroke: m.color, width: 2.5)
            }
        }
        canvas.line(left, bottom, right, bottom, stroke: Palette.axis)
        let every = max(1, Int(ceil(Double(n) * 70 / (right - left))))  // labels ~70 units apart at least
        for i in stride(from: 0, to: n, by: every) {
            canvas.text(categories[i], xMid(i), bottom + 18, anchor: "middle")
        }
        return canvas.render(id: id, label: label)
    }
}

/// Horizontal bars from a zero line, one row per item, with its value
/// written beside the bar; `emphasis` rows are totals (bold, dark). A row
/// with a `base` draws it first (in `baseColor`) and `value` on top of it.
struct BarRow {
    var label: String
    var value: Double
    var color: String
    var emphasis = false
    /// Text after the value ("sheds load").
    var note = ""
    /// A segment under the value (e.g. the capacity that already exists).
    var base = 0.0
    var baseColor = Palette.gridExport
    var baseName = ""
    /// Replaces the value written beside the bar.
    var valueText: String? = nil

    /// Where the bar ends.
    var end: Double { base + value }
}

struct HBarChart {
    var id: String
    var label: String
    var unit: String
    var rows: [BarRow]
    /// Bars beyond this magnitude are cut at it (drawn with a break mark).
    var clipAt: Double? = nil
    var width = 1000.0
    var labelWidth = 240.0
    /// Write the unit after each value (else only under the axis).
    var unitInValues = true

    func svg() -> String {
        let rowHeight = 26.0, top = 12.0
        let height = top + rowHeight * Double(rows.count) + 42
        let values = rows.map(\.end) + rows.map(\.base)
        var lo = min(0, values.min() ?? 0), hi = max(0, values.max() ?? 0)
        if let clip = clipAt { lo = max(lo, -clip); hi = min(hi, clip) }
        let unit = ScaledUnit.choose(self.unit, maxAbs: max(abs(lo), abs(hi)))
        let texts = rows.map { row in
            row.valueText ?? fmt(row.value, abs(row.value) < 100 ? 1 : 0) + (unitInValues ? " " + self.unit : "") + (row.note.isEmpty ? "" : "  " + row.note)
        }
        let widest = Double(texts.map(\.count).max() ?? 0) * 6.9
        let left = labelWidth, right = width - max(60, widest + 16)
        let scale = NiceScale(lo / unit.factor, hi / unit.factor, ticks: max(2, min(6, Int((right - left) / 75))), tightLow: true)
        func x(_ v: Double) -> Double {
            left + (min(max(v / unit.factor, scale.lo), scale.hi) - scale.lo) / (scale.hi - scale.lo) * (right - left)
        }
        var canvas = SVGCanvas(width: width, height: height)
        let bottom = top + rowHeight * Double(rows.count)
        for v in scale.ticks {
            canvas.line(x(v * unit.factor), top - 4, x(v * unit.factor), bottom, stroke: v == 0 ? Palette.axis : Palette.gridLine,
                        width: v == 0 ? 1.2 : 1)
            canvas.text(scale.label(v), x(v * unit.factor), bottom + 16, anchor: "middle")
        }
        canvas.text(unit.label, right, bottom + 33, anchor: "end", cls: "note")
        for (k, row) in rows.enumerated() {
            let yMid = top + rowHeight * (Double(k) + 0.5)
            if row.base != 0 {
                let (a0, b0) = (x(min(0, row.base)), x(max(0, row.base)))
                canvas.rect(a0, yMid - 8, b0 - a0, 16, fill: row.baseColor,
                            title: "\(row.label): \(row.baseName) \(fmt(row.base, 0)) \(self.unit)")
            }
            let (a, b) = (x(min(row.base, row.end)), x(max(row.base, row.end)))
            canvas.rect(a, yMid - 8, b - a, 16, fill: row.color, title: "\(row.label): \(fmt(row.value, 0)) \(self.unit)")
            let cut = clipAt.map { abs(row.end) > $0 } ?? false
            if cut {  // a white zig-zag near the bar's end: the bar goes on
                let xe = row.value > 0 ? b - 10 : a + 10
                canvas.path("M\(c(xe - 3)) \(c(yMid - 10))L\(c(xe + 3)) \(c(yMid + 10))", stroke: "#ffffff", width: 3)
            }
            canvas.text(row.label, left - 8, yMid + 4, anchor: "end", cls: row.emphasis ? "tick strong" : "tick")
            // Right of the bar, or of the zero line for a negative one (never into the labels).
            canvas.text(texts[k], x(max(0, row.base, row.end)) + 6, yMid + 4, cls: row.emphasis ? "value strong" : "value")
        }
        return canvas.render(id: id, label: label)
    }
}
