import XCTest
@testable import Templating

/// Every broken template names the file, line and column of the tag to fix.
final class ParseErrorTests: XCTestCase {
    func testUnclosedSectionPointsAtItsOpeningTag() {
        assertLoadError("<ul>\n  {{#slots}}\n  <li>{{time}}</li>\n</ul>\n", at: (2, 3), .unclosedSection("#slots"))
        assertLoadError("{{^empty}}", at: (1, 1), .unclosedSection("^empty"))
        assertLoadError("a\n{{$block}}", at: (2, 1), .unclosedSection("$block"))
        assertLoadError("{{<layout}}", partials: ["layout": ""], at: (1, 1), .unclosedSection("<layout"))
    }

    func testMismatchedClosePointsAtTheCloseAndNamesTheOpening() {
        let template = "{{#days}}\n  {{#slots}}\n  {{/days}}\n{{/slots}}"
        assertLoadError(template, at: (3, 3), .mismatchedClose(
            expected: "#slots", found: "days", openedAt: .init(line: 2, column: 3)))
        let error = loadError(template)
        XCTAssertEqual(error?.description, "page:3:3: {{/days}} closes {{#slots}} opened at 2:3: close the inner section first")
    }

    func testCloseWithNothingOpen() {
        assertLoadError("text {{/a}}", at: (1, 6), .unexpectedClose("a"))
    }

    func testUnclosedTags() {
        assertLoadError("Hallo {{name", at: (1, 7), .unclosedTag)
        assertLoadError("a\nb {{name\n {{x}}", at: (2, 3), .unclosedTag)
        assertLoadError("x\n\n{{name {{other}}", at: (3, 1), .unclosedTag)
        assertLoadError("{{{raw}}", at: (1, 1), .unclosedTag)
        assertLoadError("{{{raw}} x}", at: (1, 1), .unclosedTag)
    }

    func testEmptyNames() {
        assertLoadError("a {{}}", at: (1, 3), .emptyName)
        assertLoadError("{{# }}{{/ }}", at: (1, 1), .emptyName)
        assertLoadError("{{>}}", at: (1, 1), .emptyName)
        assertLoadError("{{{ }}}", at: (1, 1), .emptyName)
    }

    func testInvalidNames() {
        assertLoadError("{{t \"booking.title\"}}", at: (1, 1), .invalidName("t \"booking.title\""))
        assertLoadError("\n {{a..b}}", at: (2, 2), .invalidName("a..b"))
        assertLoadError("{{.a}}", at: (1, 1), .invalidName(".a"))
        assertLoadError("{{#a.}}{{/a.}}", at: (1, 1), .invalidName("a."))
    }

    func testDelimiterChangesAreRefused() {
        assertLoadError("x {{=<% %>=}}", at: (1, 3), .delimitersNotSupported)
    }

    /// Columns count characters, as an editor shows them, not UTF-8 bytes.
    func testColumnsCountCharactersNotBytes() {
        assertLoadError("Führerschein – ä {{/x}}", at: (1, 18), .unexpectedClose("x"))
        assertLoadError("🚗🚗\r\n\t{{#a}}", at: (2, 2), .unclosedSection("#a"))
    }

    /// The error text says where, what and what to do.
    func testDescriptionNamesFileLineAndColumn() {
        let error = TemplateError(file: "Templates/a.html", line: 3, column: 7, reason: .unknownPartial("x"))
        XCTAssertEqual(error.description, "Templates/a.html:3:7: no template named \"x\" (looked for x.html)")
        XCTAssertEqual(TemplateError(file: "a", line: 0, column: 0, reason: .unknownTemplate("b")).description,
                       "a: no template named \"b\"")
    }

    func testRenderingAnUnknownTemplateThrows() throws {
        let library = try TemplateLibrary(templates: ["a": "a"])
        XCTAssertThrowsError(try library.render("b", [:])) { error in
            XCTAssertEqual((error as? TemplateError)?.reason, .unknownTemplate("b"))
        }
    }

    /// Comments may span lines and hold anything but `{{`, which is taken
    /// as a sign that the comment was never closed.
    func testCommentsAreNotParsed() throws {
        XCTAssertEqual(try render("a{{! #x /y > {z} \n more }} b"), "a b")
        assertLoadError("a{{! {{x}} }}", at: (1, 2), .unclosedTag)
    }
}
