import XCTest
@testable import Templating

/// Name lookup: dotted names, the context stack, `{{.}}`, absent values.
final class VariableTests: XCTestCase {
    func testPlainAndDottedNames() throws {
        let context: TemplateValue = ["office": ["name": "Bürgerbüro Mitte", "address": ["city": "Köln"]]]
        XCTAssertEqual(try render("{{office.name}}, {{office.address.city}}", context), "Bürgerbüro Mitte, Köln")
    }

    func testMissingNamesRenderNothing() throws {
        XCTAssertEqual(try render("[{{nope}}][{{a.nope}}][{{{nope}}}]", ["a": ["b": "c"]]), "[][][]")
    }

    func testNullBoolsNumbersListsAndObjects() throws {
        let context: TemplateValue = ["n": nil, "yes": true, "no": false, "count": 42, "list": [1], "object": ["a": 1]]
        XCTAssertEqual(try render("{{n}}|{{yes}}|{{no}}|{{count}}|{{list}}|{{object}}", context), "|true|false|42||")
    }

    func testOptionalStringsBecomeNull() throws {
        let missing: String? = nil
        XCTAssertEqual(TemplateValue(missing), .null)
        XCTAssertEqual(TemplateValue("x" as String?), .string("x"))
        XCTAssertEqual(TemplateValue(7), .string("7"))
    }

    /// A name not found in the current item is looked up in the outer ones.
    func testLookupWalksUpTheContextStack() throws {
        let context: TemplateValue = [
            "lang": "de",
            "office": ["name": "Mitte", "slots": [["time": "09:00"], ["time": "09:30", "lang": "en"]]],
        ]
        let template = "{{#office}}{{#slots}}{{name}} {{time}} {{lang}};{{/slots}}{{/office}}"
        XCTAssertEqual(try render(template, context), "Mitte 09:00 de;Mitte 09:30 en;")
    }

    /// Once the first part of a dotted name is found, the rest must follow
    /// from it: no falling back to an outer `b.c` (Mustache "broken chains").
    func testDottedNamesDoNotWalkUpAfterTheFirstPart() throws {
        let context: TemplateValue = ["a": ["b": [:]], "b": ["c": "ERROR"]]
        XCTAssertEqual(try render("{{#a}}[{{b.c}}]{{/a}}", context), "[]")
    }

    func testImplicitIterator() throws {
        XCTAssertEqual(try render("{{#list}}({{.}}){{/list}}", ["list": ["a", "b", 3]]), "(a)(b)(3)")
    }

    func testSettingAddsToObjects() {
        var page: TemplateValue = ["a": "1"]
        page.set("b", "2")
        XCTAssertEqual(page, ["a": "1", "b": "2"])
        XCTAssertEqual(page.setting("a", to: "x")["a"], "x")
        XCTAssertEqual(TemplateValue.string("s").setting("a", to: "x"), "s")
        XCTAssertEqual(TemplateValue(["x", "y"]) { .string($0.uppercased()) }, ["X", "Y"])
    }

    func testWhitespaceInsideTagsIsIgnored() throws {
        XCTAssertEqual(try render("{{  a  }}{{#  l }}{{ . }}{{/ l  }}", ["a": "A", "l": ["1"]]), "A1")
    }
}
