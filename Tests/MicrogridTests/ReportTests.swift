// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import LP
import MicrogridKit
import Report
import Scenario
import Study
import Testing

/// Checks shared by every report: it parses as XML (so every tag is
/// closed and balanced), references nothing outside itself, and has the
/// charts it should.
enum ReportCheck {
    /// Whether `text` is well-formed XML: the strict SAX parser stops at
    /// the first unclosed or misnested tag, bad entity or stray `&`/`<`
    /// (XMLDocument alone recovers from those).
    static func wellFormed(_ text: String) -> (Bool, String) {
        let parser = XMLParser(data: Data(text.utf8))
        let ok = parser.parse() && parser.parserError == nil  // corelibs may return true and set the error
        if !ok { return (false, "\(parser.parserError.map { "\($0)" } ?? "") at line \(parser.lineNumber), column \(parser.columnNumber)") }
        return tagsBalance(text)
    }

    /// An independent tag-balance check: every `<tag>` closed by its own
    /// `</tag>` in order (`<x/>`, `<!DOCTYPE>` and comments stand alone).
    static func tagsBalance(_ text: String) -> (Bool, String) {
        var stack: [Substring] = []
        var rest = text[...]
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { return (false, "a < that never closes") }
            let tag = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            if tag.hasPrefix("!") || tag.hasPrefix("?") || tag.hasSuffix("/") { continue }
            let name = tag.drop { $0 == "/" }.prefix { !$0.isWhitespace }
            if tag.hasPrefix("/") {
                guard stack.popLast() == name else { return (false, "</\(name)> closes the wrong element") }
            } else {
                stack.append(name)
            }
        }
        return stack.isEmpty ? (true, "") : (false, "unclosed: \(stack.joined(separator: ", "))")
    }

    /// Parses `html` as XML; records an issue and returns nil when it is not well-formed.
    static func parse(_ html: String) -> XMLDocument? {
        let (ok, why) = wellFormed(html)
        guard ok else {
            Issue.record("report.html is not well-formed XML: \(why)")
            return nil
        }
        do {
            return try XMLDocument(xmlString: html, options: [])
        } catch {
            Issue.record("report.html does not parse: \(error)")
            return nil
        }
    }

    /// No scripts, no URLs, no `src`, `href` only to `#` anchors, no CSS
    /// `url(...)` or `@import`: the file opens offline as it is.
    static func selfContained(_ html: String, _ doc: XMLDocument) throws {
        let lower = html.lowercased()
        for banned in ["<script", "http:", "https:", "src=", "url(", "@import", "<link", "<img", "<iframe", "<object", "javascript:"] {
            #expect(!lower.contains(banned), "report.html contains \(banned)")
        }
        let hrefs = try doc.nodes(forXPath: "//@href").compactMap(\.stringValue)
        #expect(hrefs.allSatisfy { $0.hasPrefix("#") }, "external href: \(hrefs)")
        #expect(try doc.nodes(forXPath: "//script").isEmpty)
    }

    /// The ids of the `<svg>` charts in the report.
    static func chartIDs(_ doc: XMLDocument) throws -> Set<String> {
        Set(try doc.nodes(forXPath: "//svg/@id").compactMap(\.stringValue))
    }

    /// Writes and checks a report of `dir`; returns its text and chart ids.
    static func check(_ dir: String, scenario: Scenario? = nil, expecting charts: [String]) throws -> (String, Set<String>) {
        let path = try HTMLReport.write(directory: dir, scenario: scenario)
        #expect(path == dir + "/report.html")
        let html = try String(contentsOfFile: path, encoding: .utf8)
        let doc = try #require(parse(html))
        try selfContained(html, doc)
        let ids = try chartIDs(doc)
        for id in charts { #expect(ids.contains(id), "missing \(id); has \(ids.sorted())") }
        // Every chart has a legend right after it, and units on its axes.
        let figures = try doc.nodes(forXPath: "//figure")
        for f in figures {
            let text = f.xmlString
            #expect(text.contains("class=\"legend\""), "a figure without a legend")
        }
        return (html, ids)
    }
}

/// Solves `s` and writes its outputs to a fresh directory.
private func solvedDirectory(_ s: Scenario, method: SolveMethod = .simplex) throws -> String {
    let run = try SolveRun(scenario: s, options: SolveOptions(method: method))
    #expect(run.results != nil, "not optimal: \(run.failureMessage ?? "?")")
    let dir = temporaryDirectory("report")
    try run.writeOutputs(to: dir)
    return dir
}

@Suite("HTML reports")
struct ReportTests {
    static let dispatchCharts = ["chart-electricity", "chart-heat", "chart-storage", "chart-grid", "chart-prices", "chart-cost"]

    @Test("a 24-step report: well-formed, self-contained, every chart, with and without the scenario")
    func day() throws {
        let s = try scenario(StudyFixture.day)
        let dir = try solvedDirectory(s)
        let (html, ids) = try ReportCheck.check(dir, scenario: s, expecting: ReportTests.dispatchCharts)
        #expect(!ids.contains("chart-electricity-week") && !ids.contains("chart-monthly-electricity"))
        #expect(html.contains("Scope 2 net (GB/T 32150)") && html.contains("Green certificates still needed"))
        #expect(html.contains("import price, CNY/kWh") && html.contains("grid carbon intensity"))
        // From the files alone: types read from results.json, marginal price instead of the tariff.
        let (bare, _) = try ReportCheck.check(dir, expecting: ReportTests.dispatchCharts)
        #expect(bare.contains("roof-pv (PV)") && bare.contains("bess discharge") && bare.contains("air-hp (heat pump)"))
        #expect(bare.contains("marginal electricity price") && bare.contains("asset types from results.json"))
    }

    @Test("flexible loads: their own colour in the dispatch chart and a load-shifting panel against price and PV")
    func loadShifting() throws {
        let s = try ScenarioLoader.load(path: repositoryDirectory + "/Scenarios/auto-parts-plant/flexible-furnace.yaml")
        let dir = try solvedDirectory(s)
        let (html, ids) = try ReportCheck.check(dir, scenario: s, expecting: ["chart-electricity", "chart-load-shifting"])
        #expect(html.contains("tempering-furnace (flexible load)") && html.contains("PV output"))
        #expect(html.contains("average import price of 0.251 "), "the furnace ran in the valley")
        let (bare, bareIDs) = try ReportCheck.check(dir, expecting: ["chart-load-shifting"])
        #expect(bare.contains("marginal electricity price") && bareIDs == ids)
    }

    @Test("results.json without asset types: the report says so and draws no asset it would have to guess")
    func untypedResults() throws {
        let s = try scenario(StudyFixture.day)
        let dir = try solvedDirectory(s)
        let path = dir + "/results.json"
        let data = try #require(FileManager.default.contents(atPath: path))
        var root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let assets = try #require(root["assets"] as? [String: [String: Any]])
        #expect(assets["bess"]?["type"] as? String == "battery")
        root["assets"] = assets.mapValues { $0.filter { $0.key != "type" } }
        try JSONSerialization.data(withJSONObject: root).write(to: URL(fileURLWithPath: path))
        let (bare, _) = try ReportCheck.check(dir, expecting: ["chart-electricity", "chart-prices", "chart-cost"])
        #expect(bare.contains("results.json states no asset types"))
        #expect(!bare.contains("roof-pv (PV)") && !bare.contains("bess discharge"))
    }

    @Test("a 168-step report (the bundled week) draws every step")
    func week() throws {
        let s = try ScenarioLoader.load(path: repositoryDirectory + "/Scenarios/battery-plant/week.yaml")
        let dir = try solvedDirectory(s)
        let (html, ids) = try ReportCheck.check(dir, scenario: s, expecting: ReportTests.dispatchCharts)
        #expect(!ids.contains("chart-electricity-week"))
        #expect(html.contains("Mon") && html.contains("6 Jul"))  // day ticks
        // The tank is told from the battery by results.json's types.
        let (bare, _) = try ReportCheck.check(dir, expecting: ReportTests.dispatchCharts)
        #expect(bare.contains("hot-water-tank (thermal storage)") && bare.contains("bess (battery)"))
        #expect(bare.contains("wind-turbine (wind)"))
    }

    @Test("an 8,760-step report: days, a detailed week, months; under 2 MB", .tags(.slow))
    func slowYearReport() throws {
        let s = try ScenarioLoader.load(path: repositoryDirectory + "/Scenarios/battery-plant/scenario.yaml")
        let dir = try solvedDirectory(s, method: .auto)
        let week = ReportTests.dispatchCharts.map { $0 + "-week" }.filter { $0 != "chart-cost-week" }
        let (html, _) = try ReportCheck.check(dir, scenario: s, expecting: ReportTests.dispatchCharts + week
                                              + ["chart-monthly-electricity", "chart-monthly-heat"])
        #expect(html.utf8.count < 2_000_000, "\(html.utf8.count) bytes")
        #expect(html.contains("MWh/day") && html.contains("the week of the peak grid import"))
    }

    @Test("a sweep's report: the cost–emissions cloud, each parameter's effect, sorted tables")
    func study() throws {
        let path = try StudyFixture.study("""
            vary:
              assets.roof-pv.capacity_kw: [0, 4000]
              objective.carbon_price_per_t: [0, 200]
            """)
        let out = temporaryDirectory("study-report")
        _ = try Study.load(path: path).sweep(into: out, options: StudyFixture.options(), progress: false)
        #expect(HTMLReport.kind(of: out) == .study)
        var charts = ["chart-study-tradeoff"]
        for key in ["assets-roof-pv-capacity-kw", "objective-carbon-price-per-t"] {
            charts += ["cost", "emissions", "renewable"].map { "chart-effect-\(key)-\($0)" }
        }
        let (html, _) = try ReportCheck.check(out, expecting: charts)
        #expect(html.contains("id=\"table-by-objective\"") && html.contains("id=\"table-by-emissions\""))
        #expect(html.contains("money in CNY"))
    }

    @Test("a study of named cases compares them side by side")
    func namedCases() throws {
        let path = try StudyFixture.study("cases:\n  - {name: as-built}\n  - {name: big-pv, assets.roof-pv.capacity_kw: 8000}\n")
        let out = temporaryDirectory("cases-report")
        _ = try Study.load(path: path).sweep(into: out, options: StudyFixture.options(), progress: false)
        let (html, _) = try ReportCheck.check(out, expecting: ["chart-study-tradeoff", "chart-cases-cost", "chart-cases-emissions", "chart-cases-renewable"])
        #expect(html.contains("big-pv"))
    }

    @Test("a Pareto run's report: the front and the marginal abatement cost")
    func pareto() throws {
        let dir = temporaryDirectory("pareto-report")
        try StudyFixture.day.write(toFile: dir + "/day.yaml", atomically: true, encoding: .utf8)
        let front = try ParetoFront.compute(scenarioPath: dir + "/day.yaml", points: 4, directory: dir + "/out",
                                            options: StudyFixture.options())
        try front.csv().write(toFile: dir + "/out/front.csv", atomically: true, encoding: .utf8)
        #expect(HTMLReport.kind(of: dir + "/out") == .pareto)
        let (html, _) = try ReportCheck.check(dir + "/out", expecting: ["chart-pareto-front", "chart-pareto-mac"])
        #expect(html.contains("id=\"table-front\"") && html.contains("CNY/t"))
    }

    @Test("the well-formedness check itself rejects unbalanced tags")
    func checkerRejects() {
        #expect(ReportCheck.wellFormed("<!DOCTYPE html>\n<html><body><p>x<br/></p></body></html>").0)
        #expect(!ReportCheck.wellFormed("<html><body><div><p>x</div></body></html>").0)
        #expect(!ReportCheck.wellFormed("<html><body>a &nbsp; b</body></html>").0)
        #expect(!ReportCheck.wellFormed("<html><body>a & b</body></html>").0)
        #expect(!ReportCheck.tagsBalance("<svg><g><rect/></svg></g>").0 && ReportCheck.tagsBalance("<svg><g><rect/></g></svg>").0)
    }

    @Test("missing or malformed outputs are clear errors, not crashes")
    func badInput() throws {
        let empty = temporaryDirectory("report-empty")
        #expect(throws: ReportError.self) { try HTMLReport.html(directory: empty) }
        #expect(throws: ReportError.self) { try HTMLReport.html(directory: empty + "/nope") }
        let s = try scenario(StudyFixture.day)
        let dir = try solvedDirectory(s)
        let csv = try String(contentsOfFile: dir + "/schedule.csv", encoding: .utf8)
        var lines = csv.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[3] = lines[3].replacingOccurrences(of: ",0,", with: ",zero,")
        try lines.joined(separator: "\n").write(toFile: dir + "/schedule.csv", atomically: true, encoding: .utf8)
        let error = #expect(throws: ReportError.self) { try HTMLReport.html(directory: dir) }
        #expect(error?.kind == .input)
        #expect(error?.message.contains("schedule.csv:4") == true && error?.message.contains("zero") == true, "\(String(describing: error))")
        try "{not json".write(toFile: dir + "/results.json", atomically: true, encoding: .utf8)
        #expect(throws: ReportError.self) { try HTMLReport.html(directory: dir) }
    }

    @Test("microgrid report exits 2 on a bad directory; solve --report writes report.html")
    func command() throws {
        _ = try #require(microgridBinary, "build the microgrid executable first")
        let empty = temporaryDirectory("report-cli")
        let (code, _, err) = try runCLI(["report", empty])
        #expect(code == 2 && err.contains("found no schedule.csv"))
        let dir = temporaryDirectory("report-cli")
        try "name: r\nhorizon: {steps: 4}\nloads: {electricity: 5}\ngrid: {import_price: 1}\n"
            .write(toFile: dir + "/s.yaml", atomically: true, encoding: .utf8)
        let (solved, out, _) = try runCLI(["solve", dir + "/s.yaml", "--out", dir + "/out", "--report"])
        #expect(solved == 0 && out.contains("report.html"))
        let html = try String(contentsOfFile: dir + "/out/report.html", encoding: .utf8)
        #expect(ReportCheck.parse(html) != nil)
        let (again, _, _) = try runCLI(["report", dir + "/out", "--scenario", dir + "/s.yaml"])
        #expect(again == 0)
    }
}
