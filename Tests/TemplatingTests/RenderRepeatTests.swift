import XCTest
@testable import Templating

/// A page with a 200-row list, rendered 1,000 times: every row is there,
/// escaped, and every render gives the same bytes (the engine keeps no
/// state between renders). How fast it renders is a benchmark's question,
/// not a test's: a CPU-time bound here failed on a busy 2-core machine.
final class RenderRepeatTests: XCTestCase {
    func testTwoHundredRowsAThousandTimes() throws {
        let library = try TemplateLibrary(templates: [
            "layout": "<!doctype html><html lang=\"{{lang}}\"><title>{{$title}}{{/title}}</title><main>{{$main}}{{/main}}</main></html>",
            "page": """
                {{<layout}}{{$title}}{{t.title}}{{/title}}{{$main}}
                <fieldset><legend>{{t.legend}}</legend>
                {{#slots}}
                <div class="radios"><input type="radio" id="slot-{{id}}" name="slot" value="{{id}}"{{#checked}} checked{{/checked}}>
                <label for="slot-{{id}}">{{time}} – {{office.name}}</label>{{^free}} {{t.full}}{{/free}}</div>
                {{/slots}}
                </fieldset>{{/main}}{{/layout}}
                """,
        ])
        let slots = TemplateValue(0..<200) { index in
            ["id": TemplateValue(index), "time": .string("\(8 + index / 12):\(index % 12 * 5)"),
             "checked": .bool(index == 3), "free": .bool(index % 7 != 0)]
        }
        let context: TemplateValue = [
            "lang": "de", "slots": slots, "office": ["name": "Bürgerbüro Mitte & Süd"],
            "t": ["title": "Uhrzeit wählen", "legend": "Freie Zeiten", "full": "(ausgebucht)"],
        ]
        let once = try library.renderString("page", context)
        XCTAssertTrue(once.contains("<label for=\"slot-199\">24:35 – Bürgerbüro Mitte &amp; Süd</label></div>"), once)
        XCTAssertEqual(once.components(separatedBy: "type=\"radio\"").count - 1, 200)

        let first = try library.render("page", context)
        for _ in 0..<1_000 { XCTAssertEqual(try library.render("page", context), first) }
    }
}
