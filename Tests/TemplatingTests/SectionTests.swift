import XCTest
@testable import Templating

/// `{{#name}}` and `{{^name}}` over every kind of value.
final class SectionTests: XCTestCase {
    func testListsRepeatWithEachItemOnTop() throws {
        let context: TemplateValue = ["slots": [["time": "09:00"], ["time": "09:15"]]]
        XCTAssertEqual(try render("{{#slots}}<li>{{time}}</li>{{/slots}}", context), "<li>09:00</li><li>09:15</li>")
    }

    func testEmptyListFalseNullAndEmptyTextHide() throws {
        for value: TemplateValue in [[], false, nil, ""] {
            XCTAssertEqual(try render("[{{#x}}shown{{/x}}]", ["x": value]), "[]", "\(value)")
            XCTAssertEqual(try render("[{{^x}}shown{{/x}}]", ["x": value]), "[shown]", "\(value)")
        }
        XCTAssertEqual(try render("[{{#missing}}shown{{/missing}}{{^missing}}no{{/missing}}]"), "[no]")
    }

    func testTrueShowsWithoutChangingContext() throws {
        XCTAssertEqual(try render("{{#ok}}{{name}}{{/ok}}", ["ok": true, "name": "n"]), "n")
        XCTAssertEqual(try render("{{^ok}}x{{/ok}}", ["ok": true]), "")
    }

    func testObjectsBecomeTheContext() throws {
        let context: TemplateValue = ["office": ["name": "Mitte"], "name": "outer"]
        XCTAssertEqual(try render("{{#office}}{{name}}{{/office}} {{name}}", context), "Mitte outer")
        XCTAssertEqual(try render("{{^office}}x{{/office}}", context), "", "an object, even empty, is true")
        XCTAssertEqual(try render("{{#o}}y{{/o}}", ["o": [:]]), "y")
    }

    func testNonEmptyTextShowsAndBecomesCurrent() throws {
        XCTAssertEqual(try render("{{#hint}}<p>{{.}}</p>{{/hint}}", ["hint": "Bring your ID"]), "<p>Bring your ID</p>")
    }

    func testNestedListsAndDottedSectionNames() throws {
        let context: TemplateValue = ["week": ["days": [
            ["label": "Mo", "times": ["9", "10"]],
            ["label": "Di", "times": []],
        ]]]
        let template = "{{#week.days}}{{label}}:{{#times}}{{.}},{{/times}}{{^times}}none{{/times}};{{/week.days}}"
        XCTAssertEqual(try render(template, context), "Mo:9,10,;Di:none;")
    }

    func testListOfListsAndSameNamedNestedSections() throws {
        XCTAssertEqual(try render("{{#l}}[{{#.}}{{.}}{{/.}}]{{/l}}", ["l": [["a", "b"], ["c"]]]), "[ab][c]")
        XCTAssertEqual(try render("{{#a}}{{#a}}{{b}}{{/a}}{{/a}}", ["a": ["a": ["b": "deep"]]]), "deep")
    }

    /// The typical form page: an error summary only when there are errors.
    func testErrorSummaryPattern() throws {
        let template = "{{#hasErrors}}<div>{{#errors}}<a href=\"#{{field}}\">{{message}}</a>{{/errors}}</div>{{/hasErrors}}"
        let none = try render(template, ["hasErrors": false, "errors": []])
        XCTAssertEqual(none, "")
        let some = try render(template, ["hasErrors": true, "errors": [["field": "email", "message": "E-Mail fehlt"]]])
        XCTAssertEqual(some, "<div><a href=\"#email\">E-Mail fehlt</a></div>")
    }
}
