import XCTest
@testable import Templating

/// `{{> name}}`: resolved at load time, rendered in the current context.
final class PartialTests: XCTestCase {
    func testPartialUsesTheCurrentContext() throws {
        let output = try render("{{#fields}}{{> field}}{{/fields}}", ["fields": [["id": "name"], ["id": "email"]]],
                                partials: ["field": "<input id=\"{{id}}\">"])
        XCTAssertEqual(output, "<input id=\"name\"><input id=\"email\">")
    }

    func testPartialsInSubfoldersAndNesting() throws {
        let output = try render("{{> parts/a}}", ["x": "1"], partials: ["parts/a": "a{{> parts/b}}", "parts/b": "b{{x}}"])
        XCTAssertEqual(output, "ab1")
    }

    func testUnknownPartialIsALoadError() {
        assertLoadError("line\n  {{> nowhere}}", at: (2, 3), .unknownPartial("nowhere"))
    }

    /// Recursion that the data ends is fine: a tree rendered by a partial.
    func testRecursivePartialOverData() throws {
        let tree: TemplateValue = ["name": "a", "children": [["name": "b", "children": [["name": "c", "children": []]]]]]
        let node = "{{name}}{{#children}}({{> node}}){{/children}}"
        XCTAssertEqual(try render("{{> node}}", tree, partials: ["node": node]), "a(b(c))")
    }

    /// Recursion the data does not end stops at the depth limit with an error
    /// pointing at the partial tag, instead of overflowing the stack.
    func testTooDeepRecursionIsAnError() throws {
        var deep: TemplateValue = ["name": "leaf"]
        for _ in 0..<(TemplateLibrary.maximumDepth + 5) { deep = ["child": deep] }
        let library = try TemplateLibrary(templates: ["page": "{{> node}}", "node": "{{#child}}\n {{> node}}{{/child}}"])
        XCTAssertThrowsError(try library.render("page", deep)) { error in
            let error = error as! TemplateError
            XCTAssertEqual(error.reason, .recursionTooDeep(limit: TemplateLibrary.maximumDepth))
            XCTAssertEqual([error.file, "\(error.line):\(error.column)"], ["node", "2:2"])
        }
    }

    /// A partial that includes itself whatever the data would loop on every
    /// request: refused at load time, naming the chain.
    func testUnconditionalCycleIsALoadError() {
        // Reported where the loop closes: b's include of a.
        assertLoadError("{{> a}}", partials: ["a": "A {{> b}}", "b": "\n\nB {{> a}}"], at: (3, 3),
                        .includeCycle(["a", "b", "a"]))
        XCTAssertEqual(loadError("{{> a}}", partials: ["a": "A {{> b}}", "b": "\n\nB {{> a}}"])?.file, "b")
        let error = loadError("x", partials: ["self": "{{>self}}"])
        XCTAssertEqual(error?.reason, .includeCycle(["self", "self"]))
        XCTAssertEqual(error?.file, "self")
    }

    /// Mustache spec: a standalone partial's indentation is added to each of
    /// its lines, but not to lines inside interpolated values.
    func testStandalonePartialIsIndented() throws {
        let output = try render("\\\n {{>partial}}\n/\n", ["content": "<\n->"], partials: ["partial": "|\n{{{content}}}\n|\n"])
        XCTAssertEqual(output, "\\\n |\n <\n->\n |\n/\n")
    }

    func testNestedIndentationAccumulates() throws {
        let output = try render("<ul>\n  {{> items}}\n</ul>\n", ["l": ["a", "b"]],
                                partials: ["items": "{{#l}}\n  {{> item}}\n{{/l}}\n", "item": "<li>{{.}}</li>\n"])
        XCTAssertEqual(output, "<ul>\n    <li>a</li>\n    <li>b</li>\n</ul>\n")
    }

    func testInlinePartialIsNotIndented() throws {
        XCTAssertEqual(try render("  a {{>p}} b", partials: ["p": "1\n2"]), "  a 1\n2 b")
    }
}
