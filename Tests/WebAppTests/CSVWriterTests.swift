import XCTest
@testable import WebApp

/// RFC 4180 quoting, the German Excel dialect, and formula neutralisation.
final class CSVWriterTests: XCTestCase {
    func write(_ rows: [[String]], _ dialect: CSVWriter.Dialect = .standard) -> String {
        var writer = CSVWriter(dialect: dialect)
        for row in rows { writer.row(row) }
        return writer.text
    }

    func testRFC4180QuotingAndCRLF() {
        XCTAssertEqual(write([["a", "b"], ["1", "2"]]), "a,b\r\n1,2\r\n")
        XCTAssertEqual(write([["Müller, Anna", "sagt \"hallo\"", "Zeile 1\nZeile 2", "x\ry", "a;b", ""]]),
                       "\"Müller, Anna\",\"sagt \"\"hallo\"\"\",\"Zeile 1\nZeile 2\",\"x\ry\",a;b,\r\n")
        XCTAssertEqual(write([["a\r\nb"]]), "\"a\r\nb\"\r\n", "a CRLF inside a value stays inside its quotes")
        XCTAssertFalse(write([["ä"]]).hasPrefix("\u{FEFF}"), "no byte-order mark in the standard dialect")
    }

    func testExcelDialectUsesSemicolonsAndAByteOrderMark() {
        let text = write([["Name", "Ort"], ["Jürgen; Sohn", "Köln, Rhein"]], .excel)
        XCTAssertEqual(Array(text.utf8.prefix(3)), [0xEF, 0xBB, 0xBF])
        XCTAssertEqual(String(text.dropFirst()), "Name;Ort\r\n\"Jürgen; Sohn\";Köln, Rhein\r\n")
    }

    func testFormulaStartsAreNeutralised() {
        let writer = CSVWriter(dialect: .standard)
        XCTAssertEqual(writer.field("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"")
        XCTAssertEqual(writer.field("+49 471 123"), "'+49 471 123")
        XCTAssertEqual(writer.field("-2+3"), "'-2+3")
        XCTAssertEqual(writer.field("@SUM(A1)"), "'@SUM(A1)")
        XCTAssertEqual(writer.field("\tTab"), "'\tTab")
        XCTAssertEqual(writer.field("\rCR"), "\"'\rCR\"")
        XCTAssertEqual(writer.field("Anna = Ute"), "Anna = Ute", "only the first character counts")
        XCTAssertEqual(writer.field("'quoted"), "'quoted")
        XCTAssertEqual(CSVWriter(dialect: .excel).field("=1;2"), "\"'=1;2\"")
    }
}
