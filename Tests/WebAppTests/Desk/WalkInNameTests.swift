@testable import Core
import Foundation
import Scheduling
import WebApp
import XCTest

/// The name a walk-in visitor may give: taken by the desk's form and the
/// API, shown where the clerk calls people (the queue, the day's tables),
/// never where the public sees it (the ticket's answer, the waiting-room
/// screen); refused next to the field or as a problem when it is no name.
final class WalkInNameTests: XCTestCase {
    let base = "/dienst/buergerbuero-mitte"
    let api = "/api/v1/offices/buergerbuero-mitte/walk-ins"

    func testTheDeskFormTakesANameTheQueueShowsItAndThePublicNever() throws {
        let app = try PageTestApp()
        app.clock.set(PageTestApp.at("09:00"))
        let browser = PageBrowser(app)
        browser.cookies["__Host-terminbuch-session"] = try app.session("staff-mitte")
        let form = try browser.get(base + "/wartenummer")
        XCTAssertTrue(form.contains("Name (freiwillig, wird am Ende des Tages gelöscht)"), form.html)

        let issued = try browser.submit(form, base + "/wartenummer",
                                        [("services", "personalausweis"), ("quantity", "1"), ("name", "  Jana Nowak  ")])
        XCTAssertEqual(issued.status, 201, issued.html)
        XCTAssertFalse(issued.contains("Jana Nowak"), "the answer may be shown across the counter")
        let stored = try app.useCases.walkIns.tickets(office: "buergerbuero-mitte", date: LocalDate(PageTestApp.monday)!)
        XCTAssertEqual(stored.map(\.name), ["Jana Nowak"])

        let queue = try browser.get(base + "/warteschlange")
        XCTAssertTrue(queue.contains(#"<td class="desk-code">W-001</td><td>Jana Nowak</td>"#), queue.html)
        let call = try browser.submit(queue, base + "/warteschlange/aufrufen")
        XCTAssertEqual(call.header("Location"), base + "/warteschlange?called=W-001", "the name is never in an address")
        let called = try browser.follow(call)
        XCTAssertTrue(called.contains("<strong>W-001 – Jana Nowak</strong>"), called.html)
        let schedule = try browser.get(base + "/tagesplan?date=\(PageTestApp.monday)")
        XCTAssertTrue(schedule.contains("<td>Jana Nowak</td>"), schedule.html)
        let board = try PageBrowser(app).get("/warten/buergerbuero-mitte")
        XCTAssertTrue(board.contains(#"id="board-last-called">W-001</p>"#), board.html)
        XCTAssertFalse(board.contains("Jana"), "never on the waiting-room screen")
        XCTAssertFalse(try app.send(.get, "/api/v1/offices/buergerbuero-mitte/walk-in-status").body.contains("Jana"))
    }

    func testANameThatIsNoNameIsRefusedNextToTheFieldAndNothingIssued() throws {
        let app = try PageTestApp()
        app.clock.set(PageTestApp.at("09:00"))
        let browser = PageBrowser(app)
        browser.cookies["__Host-terminbuch-session"] = try app.session("staff-mitte")
        for name in [String(repeating: "x", count: WalkInName.maximumLength + 1), "Jana\u{202E}Nowak"] {
            let refused = try browser.submit(try browser.get(base + "/wartenummer"), base + "/wartenummer",
                                             [("services", "personalausweis"), ("quantity", "1"), ("name", name)])
            XCTAssertEqual(refused.status, 422, refused.html)
            XCTAssertEqual(refused.errorSummary, ["Geben Sie einen Namen mit höchstens 80 Zeichen ein, in einer Zeile und ohne unsichtbare Zeichen."])
            XCTAssertTrue(refused.contains(#"id="name-error""#) && refused.contains(#"aria-invalid="true""#), refused.html)
            XCTAssertTrue(refused.contains(#"id="services-personalausweis" name="services" value="personalausweis" checked"#),
                          "the rest of the form as it was")
        }
        XCTAssertEqual(try app.useCases.walkIns.tickets(office: "buergerbuero-mitte", date: LocalDate(PageTestApp.monday)!), [])
    }

    func testTheAPITakesAnOptionalNameAndAnswersItOnlyToTheDesk() throws {
        let app = try PageTestApp()
        app.clock.set(PageTestApp.at("09:00"))
        let staff = try app.session("staff-mitte")
        let named = try app.send(.post, api, bearer: staff, json: #"{"services":[{"id":"personalausweis"}],"name":" Jana Nowak "}"#)
        XCTAssertEqual(named.status, 201, named.body)
        XCTAssertEqual(try object(named.body)["name"] as? String, "Jana Nowak")
        for body in [#"{"services":[{"id":"personalausweis"}]}"#, #"{"services":[{"id":"personalausweis"}],"name":null}"#,
                     #"{"services":[{"id":"personalausweis"}],"name":"  "}"#] {
            let unnamed = try app.send(.post, api, bearer: staff, json: body)
            XCTAssertEqual(unnamed.status, 201, unnamed.body)
            XCTAssertNil(try object(unnamed.body)["name"], "no name, no member: \(body)")
        }
        let listed = try object(try app.send(.get, api, bearer: staff).body)["walkIns"] as? [[String: Any]]
        XCTAssertEqual(listed?.map { $0["name"] as? String }, ["Jana Nowak", nil, nil, nil])

        let long = String(repeating: "x", count: WalkInName.maximumLength + 1)
        for (body, message) in [(#"{"services":[{"id":"personalausweis"}],"name":"\#(long)"}"#, "must be at most 80 characters long"),
                                (#"{"services":[{"id":"personalausweis"}],"name":"Jana\nNowak"}"#,
                                 "must not contain control characters or line breaks"),
                                (#"{"services":[{"id":"personalausweis"}],"name":7}"#, "must be a string, not an integer")] {
            let refused = try app.send(.post, api, bearer: staff, json: body)
            XCTAssertEqual(refused.status, 422, refused.body)
            XCTAssertEqual(refused.headers["Content-Type"], "application/problem+json")
            XCTAssertTrue(refused.body.contains(#""name""#) && refused.body.contains(message), refused.body)
        }
        XCTAssertEqual(try app.useCases.walkIns.tickets(office: "buergerbuero-mitte", date: LocalDate(PageTestApp.monday)!).count, 4,
                       "nothing issued for a refused name")
    }

    func object(_ body: String) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any], body)
    }
}
