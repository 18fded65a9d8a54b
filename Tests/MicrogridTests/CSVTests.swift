// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import Scenario
import Study
import Testing

/// The one CSV reader (`CSVTable`) and writer (`CSVWriter`) every module uses.
@Suite("CSV reading and writing")
struct CSVTests {
    @Test("cells are quoted only when they hold a comma, a quote or a line break; quotes are doubled")
    func writerQuoting() {
        #expect(CSVWriter.cell("2026-07-06T00:00") == "2026-07-06T00:00")
        #expect(CSVWriter.cell("") == "")
        #expect(CSVWriter.cell("a,b") == "\"a,b\"")
        #expect(CSVWriter.cell("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVWriter.cell("two\nlines") == "\"two\nlines\"")
        #expect(CSVWriter.cell("cr\r") == "\"cr\r\"")
        #expect(CSVWriter.record(["id", "a,b", "\"", "x"]) == "id,\"a,b\",\"\"\"\",x\n")
    }

    @Test("a record of commas, quotes, LF and CRLF inside cells reads back cell for cell")
    func roundTrip() throws {
        let header = ["name", "message", "value"]
        let rows = [["a,b", "he said \"no\"", "1"], ["two\nlines", "crlf\r\ninside", ""], ["\"", ",", "x y"]]
        let text = CSVWriter.record(header) + rows.map(CSVWriter.record).joined()
        let table = try CSVTable(text: text, file: "t.csv")
        #expect(table.header == header)
        #expect(table.rows == rows)
        try table.requireHeaderWidth()
    }

    @Test("CRLF, a byte-order mark, spaces around header names and trailing blank lines read like plain LF")
    func dialects() throws {
        let plain = try CSVTable(text: "timestamp,load\n2026-01-01T00:00,1\n2026-01-01T01:00,2\n", file: "a")
        let dressed = try CSVTable(text: "\u{FEFF} timestamp , load\r\n2026-01-01T00:00,1\r\n2026-01-01T01:00,2\r\n\r\n  \n",
                                   file: "b")
        #expect(dressed.header == ["timestamp", "load"] && dressed.header == plain.header)
        #expect(dressed.rows == plain.rows && plain.rows == [["2026-01-01T00:00", "1"], ["2026-01-01T01:00", "2"]])
    }

    @Test(
        "the byte-splitting fast path gives SwiftCSV's cells (the same text with CRLF line ends)",
        arguments: [
            "a,b\n1,2\n3,4",
            "a,b\n 1,\t2 \n,\n",
            "a,b,c\n1,2,\n\n4\n5,6,7,8\n\n\n",
            "a\n\n\n1\n",
            "a,b\n1,2,",
            "x\n\u{0B}y\n\u{0C} z\n",
        ])
    func fastPathEqualsSwiftCSV(_ text: String) throws {
        let fast = try CSVTable(text: text, file: "f")
        let general = try CSVTable(text: text.replacingOccurrences(of: "\n", with: "\r\n"), file: "g")
        #expect(fast.header == general.header)
        #expect(fast.rows == general.rows)
    }

    /// What reading `text` as t.csv throws, or nil when it reads.
    func readError(_ text: String) -> CSVError? {
        do {
            _ = try CSVTable(text: text, file: "t.csv")
            return nil
        } catch {
            return error
        }
    }

    @Test("a NUL byte is refused at its line and column, on both paths")
    func nul() {
        for text in ["load,price\n1,2\n5\u{0}9,3\n", "load,price\r\n1,2\r\n\"5\u{0}9\",3\r\n"] {
            #expect(readError(text)?.description == "t.csv:3, column \"load\": found a NUL byte; expected text without NUL bytes")
        }
    }

    @Test("a quoted cell never closed is refused at the line it opens (3); a stray quote is unparseable")
    func badQuotes() {
        let unclosed = readError("a,b\n1,2\n3,\"four\n5,6\n")
        #expect(unclosed?.line == 3 && unclosed?.found.contains("never closed") == true, "\(String(describing: unclosed))")
        let stray = readError("a,b\n1,x\"y\"z\n")
        #expect(stray?.kind == .malformed && stray?.found.contains("unparseable") == true, "\(String(describing: stray))")
    }

    @Test("no header is refused at line 1; a row narrower than the header is refused where it matters, at its line")
    func shape() throws {
        for text in ["", "\n\n", " \n"] {
            #expect(readError(text)?.description == "t.csv:1: found no header row; expected a header row naming the columns")
        }
        let table = try CSVTable(text: "a,b,c\n1,2,3\n4,5\n", file: "w.csv")
        #expect(table.rows == [["1", "2", "3"], ["4", "5"]])
        do {
            try table.requireHeaderWidth()
            Issue.record("accepted")
        } catch {
            #expect(error.description == "w.csv:3: found 2 cells; expected 3 cells, like the header")
        }
    }

    @Test("a study's cases_csv reads quoted names with commas and quotes; a short row is refused at its line (3)")
    func studyCases() throws {
        let path = try StudyFixture.study("cases_csv: cases.csv\n")
        let csv = (path as NSString).deletingLastPathComponent + "/cases.csv"
        try "name,grid.import_price\n\"flat, dear\",0.9\n\"say \"\"hi\"\"\",0.5\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let study = try Study.load(path: path)
        #expect(study.cases.map(\.name) == ["flat, dear", "say \"hi\""])
        #expect(study.cases.map { $0.overrides.map(\.value.text) } == [["0.9"], ["0.5"]])
        try "name,grid.import_price\na,0.9\nb\n".write(toFile: csv, atomically: true, encoding: .utf8)
        do {
            _ = try Study.load(path: path)
            Issue.record("loaded")
        } catch {
            #expect(error.message.hasSuffix("/cases.csv:3: found 1 cells; expected 2 cells, like the header"), "\(error)")
        }
    }

    @Test("a missing file is unreadable, named as given")
    func unreadable() {
        do {
            _ = try CSVTable(path: "/nonexistent/x.csv", file: "x.csv")
            Issue.record("read")
        } catch {
            #expect(error.kind == .unreadable && error.file == "x.csv" && error.found == "no such file")
        }
    }
}
