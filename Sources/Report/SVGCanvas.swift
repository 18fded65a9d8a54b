// SPDX-License-Identifier: GPL-3.0-or-later

/// Accumulates SVG elements in a viewBox of `width` × `height` user units.
/// Text styles come from the page's CSS (`.chart text`, `.tick`, `.ttl`),
/// so the markup stays small and printing can restyle it.
struct SVGCanvas {
    var width: Double
    var height: Double
    private(set) var body = ""

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
        body.reserveCapacity(8192)
    }

    mutating func raw(_ s: String) { body += s }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String,
                       width w: Double = 1, dash: String? = nil) {
        body += "<line x1=\"\(c(x1))\" y1=\"\(c(y1))\" x2=\"\(c(x2))\" y2=\"\(c(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(c(w))\""
        if let dash { body += " stroke-dasharray=\"\(dash)\"" }
        body += "/>"
    }

    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String,
                       opacity: Double? = nil, title: String? = nil, stroke: String? = nil) {
        body += "<rect x=\"\(c(x))\" y=\"\(c(y))\" width=\"\(c(max(0, w)))\" height=\"\(c(max(0, h)))\" fill=\"\(fill)\""
        if let opacity { body += " fill-opacity=\"\(opacity)\"" }
        if let stroke { body += " stroke=\"\(stroke)\" stroke-width=\"1\"" }
        if let title { body += "><title>\(esc(title))</title></rect>" } else { body += "/>" }
    }

    mutating func circle(_ x: Double, _ y: Double, r: Double, fill: String, stroke: String = "#ffffff", title: String? = nil) {
        body += "<circle cx=\"\(c(x))\" cy=\"\(c(y))\" r=\"\(c(r))\" fill=\"\(fill)\" stroke=\"\(stroke)\" stroke-width=\"1.2\""
        if let title { body += "><title>\(esc(title))</title></circle>" } else { body += "/>" }
    }

    mutating func path(_ d: String, fill: String = "none", stroke: String? = nil, width w: Double = 1.5,
                       dash: String? = nil, opacity: Double? = nil) {
        body += "<path d=\"\(d)\" fill=\"\(fill)\""
        if let stroke { body += " stroke=\"\(stroke)\" stroke-width=\"\(c(w))\" stroke-linejoin=\"round\"" }
        if let dash { body += " stroke-dasharray=\"\(dash)\"" }
        if let opacity { body += " fill-opacity=\"\(opacity)\"" }
        body += "/>"
    }

    /// Text; `anchor` is "start", "middle" or "end"; `cls` a CSS class.
    mutating func text(_ s: String, _ x: Double, _ y: Double, anchor: String = "start", cls: String = "tick",
                       rotate: Double? = nil, fill: String? = nil) {
        body += "<text x=\"\(c(x))\" y=\"\(c(y))\" class=\"\(cls)\""
        if anchor != "start" { body += " text-anchor=\"\(anchor)\"" }
        if let fill { body += " fill=\"\(fill)\"" }
        if let rotate { body += " transform=\"rotate(\(c(rotate)) \(c(x)) \(c(y)))\"" }
        body += ">\(esc(s))</text>"
    }

    /// Horizontal gridlines and left tick labels of a value axis spanning
    /// `top...bottom` between `left` and `right`; a darker line at zero.
    mutating func valueAxis(_ scale: NiceScale, left: Double, right: Double, top: Double, bottom: Double) {
        for v in scale.ticks {
            let y = bottom - (v - scale.lo) / (scale.hi - scale.lo) * (bottom - top)
            line(left, y, right, y, stroke: v == 0 ? Palette.axis : Palette.gridLine, width: v == 0 ? 1.2 : 1)
            text(scale.label(v), left - 6, y + 4, anchor: "end")
        }
    }

    /// The complete `<svg>` element.
    func render(id: String, label: String) -> String {
        "<svg id=\"\(esc(id))\" class=\"chart\" viewBox=\"0 0 \(c(width)) \(c(height))\" role=\"img\" aria-label=\"\(esc(label))\"><title>\(esc(label))</title>\(body)</svg>"
    }
}

/// A legend entry: a filled area, a line or a translucent band.
struct LegendKey: Equatable {
    enum Mark: Equatable { case area, line, dashed, band, dot }
    var name: String
    var color: String
    var mark: Mark
}

/// The HTML legend under a chart (outside the plot, so it never covers data).
func legendHTML(_ keys: [LegendKey]) -> String {
    var seen = Set<String>()
    var out = "<div class=\"legend\">"
    for k in keys where seen.insert(k.name + k.color).inserted {
        let swatch: String
        switch k.mark {
        case .area: swatch = "<rect x=\"1\" y=\"1\" width=\"16\" height=\"10\" rx=\"1.5\" fill=\"\(k.color)\"/>"
        case .line: swatch = "<line x1=\"1\" y1=\"6\" x2=\"17\" y2=\"6\" stroke=\"\(k.color)\" stroke-width=\"2.5\"/>"
        case .dashed: swatch = "<line x1=\"1\" y1=\"6\" x2=\"17\" y2=\"6\" stroke=\"\(k.color)\" stroke-width=\"2.5\" stroke-dasharray=\"4 2\"/>"
        case .band: swatch = "<rect x=\"1\" y=\"1\" width=\"16\" height=\"10\" fill=\"\(k.color)\" fill-opacity=\"0.3\"/><line x1=\"1\" y1=\"6\" x2=\"17\" y2=\"6\" stroke=\"\(k.color)\" stroke-width=\"2\"/>"
        case .dot: swatch = "<circle cx=\"9\" cy=\"6\" r=\"4\" fill=\"\(k.color)\"/>"
        }
        out += "<span class=\"key\"><svg class=\"swatch\" width=\"18\" height=\"12\" viewBox=\"0 0 18 12\">\(swatch)</svg>\(esc(k.name))</span>"
    }
    return out + "</div>"
}
