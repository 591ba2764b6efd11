import XCTest
@testable import Templating

/// A sanity bound, not a benchmark: a page with a 200-row list rendered
/// 1,000 times must stay well under a second even in a debug build.
final class RenderPerformanceTests: XCTestCase {
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

        var bytes = 0
        let cpuStart = Self.threadCPUTime()
        let elapsed = try ContinuousClock().measure {
            for _ in 0..<1_000 { bytes += try library.render("page", context).count }
        }
        let cpu = Self.threadCPUTime() - cpuStart
        XCTAssertGreaterThan(bytes, 1_000 * 200 * 100)
        print("rendered 1,000 pages of \(bytes / 1_000) bytes in \(elapsed) (CPU \(cpu) s)")
        // CPU time of this thread, not wall time: other test targets and
        // builds share the machine, and the bound is about the engine.
        XCTAssertLessThan(cpu, 1.0)
    }

    private static func threadCPUTime() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
