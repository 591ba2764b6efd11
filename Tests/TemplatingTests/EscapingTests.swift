import XCTest
@testable import Templating

/// Everything `{{name}}` writes is escaped; only `{{{name}}}`, `{{& name}}`
/// and values the Swift code marked `.html` are not.
final class EscapingTests: XCTestCase {
    func testTheFiveCharactersAreEscaped() throws {
        XCTAssertEqual(try render("{{x}}", ["x": "& < > \" '"]), "&amp; &lt; &gt; &quot; &#39;")
        XCTAssertEqual(HTML.escape("a&b<c>d\"e'f"), "a&amp;b&lt;c&gt;d&quot;e&#39;f")
        XCTAssertEqual(HTML.escape("nothing to do"), "nothing to do")
    }

    func testScriptTagIsInert() throws {
        let output = try render("<p>{{name}}</p>", ["name": "<script>alert(1)</script>"])
        XCTAssertEqual(output, "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")
        XCTAssertFalse(output.contains("<script"))
    }

    func testQuotesCannotBreakOutOfAttributes() throws {
        let double = try render("<input value=\"{{v}}\">", ["v": "\" onfocus=\"alert(1)\" x=\""])
        XCTAssertEqual(double, "<input value=\"&quot; onfocus=&quot;alert(1)&quot; x=&quot;\">")
        let single = try render("<input value='{{v}}'>", ["v": "' autofocus onfocus='alert(1)"])
        XCTAssertEqual(single, "<input value='&#39; autofocus onfocus=&#39;alert(1)'>")
    }

    /// Text that already looks escaped is text: `&amp;` shows as `&amp;`.
    func testEntitiesAreEscapedAgainNotTrusted() throws {
        XCTAssertEqual(try render("{{x}}", ["x": "&amp; &lt;b&gt;"]), "&amp;amp; &amp;lt;b&amp;gt;")
    }

    func testMultiByteTextPassesUnchanged() throws {
        XCTAssertEqual(try render("{{x}}", ["x": "Führerscheinstelle – Straße 1 ✓ 🚗 <"]),
                       "Führerscheinstelle – Straße 1 ✓ 🚗 &lt;")
    }

    func testTripleMustacheAndAmpersandAreRaw() throws {
        let context: TemplateValue = ["x": "<b>&</b>"]
        XCTAssertEqual(try render("{{{x}}}|{{&x}}|{{& x }}|{{ x }}", context), "<b>&</b>|<b>&</b>|<b>&</b>|&lt;b&gt;&amp;&lt;/b&gt;")
    }

    func testHTMLMarkerIsWrittenAsItIs() throws {
        XCTAssertEqual(try render("{{x}}", ["x": .html("<em>ok</em>")]), "<em>ok</em>")
    }

    /// Template text is the author's HTML and is never touched.
    func testTemplateTextIsNotEscaped() throws {
        XCTAssertEqual(try render("<a href=\"/?a=1&b=2\">'x'</a>"), "<a href=\"/?a=1&b=2\">'x'</a>")
    }

    func testImplicitIteratorAndDottedNamesEscapeToo() throws {
        XCTAssertEqual(try render("{{#list}}{{.}}{{/list}}", ["list": ["<", ">"]]), "&lt;&gt;")
        XCTAssertEqual(try render("{{a.b}}", ["a": ["b": "\"q\""]]), "&quot;q&quot;")
    }

    /// Sections pushing a string make it the current item, still escaped.
    func testSectionOnStringEscapesItsValue() throws {
        XCTAssertEqual(try render("{{#error}}<p>{{.}}</p>{{/error}}", ["error": "<x>"]), "<p>&lt;x&gt;</p>")
    }

    /// The escaper finds special bytes with C's `strcspn`, which stops at
    /// NUL: a NUL inside a value must not end it.
    func testEmbeddedNULDoesNotEndTheValue() throws {
        XCTAssertEqual(try render("{{x}}", ["x": "a\u{0}<b\u{0}"]), "a\u{0}&lt;b\u{0}")
    }

    /// Escaping then unescaping gives the text back, and no escaped output
    /// holds a character that could open a tag or close an attribute.
    func testRandomTextRoundTrips() {
        let alphabet = Array("ab <>&\"'/=;#\u{0}\nä€🚗&amp;")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let length = Int.random(in: 0..<40, using: &generator)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            let escaped = HTML.escape(text)
            XCTAssertFalse(escaped.contains { "<>\"'".contains($0) }, escaped)
            let unescaped = escaped.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&amp;", with: "&")
            XCTAssertEqual(unescaped, text)
        }
    }
}
