import Booking
import Foundation
import HTTPServer
import XCTest

/// Every desk endpoint and page: anonymous 401, agents 403, staff of
/// another office 403, the office's staff (and admins) through.
final class DeskRoleTests: XCTestCase {
    func testAPIEndpointsCheckTheRole() throws {
        let app = try PageTestApp()
        let code = try app.bookMonday("10:00", person: 1).value
        app.clock.set(PageTestApp.at("10:05"))
        let agent = try app.session("agent")
        let nord = try app.session("staff-nord", staffOf: "buergerbuero-nord")
        let mitte = try app.session("staff-mitte")
        let office = "/api/v1/offices/buergerbuero-mitte"
        let walkIn = #"{"services":[{"id":"personalausweis","quantity":1}]}"#
        let endpoints: [(HTTPMethod, String, String?, Int)] = [
            (.get, office + "/schedule?date=2026-11-16", nil, 200),
            (.get, office + "/schedule.csv?date=2026-11-16", nil, 200),
            (.get, office + "/schedule.ics?date=2026-11-16", nil, 200),
            (.post, office + "/walk-ins", walkIn, 201),
            (.get, office + "/walk-ins", nil, 200),
            (.get, office + "/queue", nil, 200),
            (.post, office + "/queue/call-next", nil, 200),
            (.post, office + "/walk-ins/W-001/done", nil, 200),
            (.post, office + "/feeds", nil, 201),
            (.delete, office + "/feeds", nil, 204),
            (.post, "/api/v1/bookings/\(code)/check-in", nil, 200),
            (.post, "/api/v1/bookings/\(code)/complete", nil, 200),
            (.post, "/api/v1/bookings/\(code)/no-show", nil, 409),
        ]
        for (method, path, body, expected) in endpoints {
            let label = "\(method) \(path)"
            let anonymous = try app.send(method, path, json: body)
            XCTAssertEqual(anonymous.status, 401, label)
            XCTAssertEqual(anonymous.headers["Content-Type"], "application/problem+json", label)
            XCTAssertEqual(try app.send(method, path, bearer: agent, json: body).status, 403, "agent: " + label)
            XCTAssertEqual(try app.send(method, path, bearer: nord, json: body).status, 403, "staff of Nord: " + label)
            let staff = try app.send(method, path, bearer: mitte, json: body)
            XCTAssertEqual(staff.status, expected, "staff of Mitte: \(label): \(staff.body)")
        }
        let refused = try app.send(.post, "/api/v1/bookings/\(code)/no-show", bearer: mitte)
        XCTAssertTrue(refused.body.contains("booking-not-changeable"), refused.body)
        XCTAssertEqual(try app.send(.post, "/api/v1/bookings/AAA-AAA-AAA/check-in", bearer: mitte).status, 404)
        XCTAssertEqual(try app.send(.get, "/api/v1/offices/nowhere/queue", bearer: mitte).status, 404)
        // Public: the walk-in board.
        let board = try app.send(.get, office + "/walk-in-status")
        XCTAssertEqual(board.status, 200)
        let object = try JSONSerialization.jsonObject(with: Data(board.body.utf8)) as? [String: Any]
        XCTAssertEqual(Set(object?.keys ?? [:].keys).isSuperset(of: ["open", "acceptingWalkIns", "waiting", "estimatedWaitMinutes"]), true)
    }

    func testDeskPagesCheckTheRole() throws {
        let app = try PageTestApp()
        let code = try app.bookMonday("10:00", person: 1).value
        let paths = ["/dienst/buergerbuero-mitte/tagesplan", "/dienst/buergerbuero-mitte/tagesplan/druck",
                     "/dienst/buergerbuero-mitte/wartenummer", "/dienst/buergerbuero-mitte/warteschlange"]
        let posts = ["/dienst/buergerbuero-mitte/termine/\(code)/ankunft", "/dienst/buergerbuero-mitte/wartenummer",
                     "/dienst/buergerbuero-mitte/warteschlange/aufrufen", "/dienst/buergerbuero-mitte/kalender-abo",
                     "/dienst/buergerbuero-mitte/kalender-abo/widerrufen", "/dienst/buergerbuero-mitte/wartenummern/W-001/erledigt"]
        for (session, expected) in [(nil, 401), (try app.session("agent"), 403),
                                    (try app.session("staff-nord", staffOf: "buergerbuero-nord"), 403)] {
            let browser = PageBrowser(app)
            if let session { browser.cookies["__Host-terminbuch-session"] = session }
            _ = try browser.get("/")
            for path in paths {
                let page = try browser.get(path)
                XCTAssertEqual(page.status, expected, "\(session == nil ? "anonymous" : "other") \(path)")
                XCTAssertFalse(page.contains("Anna Schmidt") || page.contains("Andere Person"), path)
            }
            for path in posts {
                XCTAssertEqual(try browser.post(path, [("services", "personalausweis")]).status, expected, path)
            }
        }
        XCTAssertEqual(try app.appointments.appointment(BookingCode(parsing: code)!, access: .anyOffice).status, .confirmed)
        XCTAssertTrue(try app.appointments.feeds(office: "buergerbuero-mitte").isEmpty)
        XCTAssertEqual(try PageBrowser(app).get("/warten/buergerbuero-mitte").status, 200, "the board is public")
    }
}
