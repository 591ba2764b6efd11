import XCTest
@testable import Templating

/// The layout: a page says `{{< layout}}` and fills the layout's
/// `{{$block}}`s (Mustache template inheritance).
final class InheritanceTests: XCTestCase {
    static let layout = """
        <html lang="{{lang}}">
        <title>{{$title}}Default{{/title}} – Terminbuch</title>
        <main>
        {{$main}}
        <p>nothing here</p>
        {{/main}}
        </main>
        </html>
        """

    func testPageFillsTheLayoutsBlocks() throws {
        let page = """
            {{< layout}}
            {{$title}}{{heading}}{{/title}}
            {{$main}}
            <h1>{{heading}}</h1>
            {{/main}}
            {{/layout}}
            """
        let output = try render(page, ["lang": "de", "heading": "Uhrzeit <wählen>"], partials: ["layout": Self.layout])
        XCTAssertEqual(output, """
            <html lang="de">
            <title>Uhrzeit &lt;wählen&gt; – Terminbuch</title>
            <main>
            <h1>Uhrzeit &lt;wählen&gt;</h1>
            </main>
            </html>
            """)
    }

    func testBlocksNotFilledKeepTheirDefaults() throws {
        let output = try render("{{<layout}}{{/layout}}", ["lang": "en"], partials: ["layout": Self.layout])
        XCTAssertTrue(output.contains("<title>Default – Terminbuch</title>"))
        XCTAssertTrue(output.contains("<main>\n<p>nothing here</p>\n</main>"))
    }

    /// Text inside `{{< layout}}` outside any block is ignored (as in the spec).
    func testTextOutsideBlocksIsIgnored() throws {
        XCTAssertEqual(try render("{{<p}}ignored {{x}}{{$b}}B{{/b}}{{/p}}", ["x": "X"], partials: ["p": "[{{$b}}{{/b}}]"]), "[B]")
    }

    /// Three levels: the page beats the section layout, which beats the base.
    func testMultiLevelInheritanceOutermostWins() throws {
        let base = "<title>{{$title}}base{{/title}}</title><nav>{{$nav}}base-nav{{/nav}}</nav>{{$main}}{{/main}}"
        let admin = "{{<base}}{{$title}}admin{{/title}}{{$nav}}admin-nav{{/nav}}{{/base}}"
        let page = "{{<admin}}{{$title}}page{{/title}}{{$main}}body{{/main}}{{/admin}}"
        XCTAssertEqual(try render(page, partials: ["base": base, "admin": admin]),
                       "<title>page</title><nav>admin-nav</nav>body")
    }

    /// Blocks render in the context where the layout is included.
    func testBlocksSeeTheContextStack() throws {
        let output = try render("{{#office}}{{<l}}{{$b}}{{name}}{{/b}}{{/l}}{{/office}}", ["office": ["name": "Mitte"]],
                                partials: ["l": "<{{$b}}{{/b}}>"])
        XCTAssertEqual(output, "<Mitte>")
    }

    func testUnknownLayoutIsALoadError() {
        assertLoadError("\n\n   {{< nolayout}}{{/nolayout}}", at: (3, 4), .unknownPartial("nolayout"))
    }

    /// A layout including the page that extends it loops forever: refused.
    func testLayoutCycleIsALoadError() {
        let error = loadError("{{<layout}}{{/layout}}", partials: ["layout": "{{>page}}"])
        XCTAssertEqual(error?.reason, .includeCycle(["layout", "page", "layout"]))
    }

    /// The spec's recursion case: an include inside a block default is not a
    /// cycle, because the including page overrides that block.
    func testIncludeInsideOverriddenBlockIsNotACycle() throws {
        let partials = [
            "parent": "{{$foo}}default content{{/foo}} {{$bar}}{{<parent2}}{{/parent2}}{{/bar}}",
            "parent2": "{{$foo}}parent2 default content{{/foo}} {{<parent}}{{$bar}}don't recurse{{/bar}}{{/parent}}",
        ]
        XCTAssertEqual(try render("{{<parent}}{{$foo}}override{{/foo}}{{/parent}}", partials: partials),
                       "override override override don't recurse")
    }
}
