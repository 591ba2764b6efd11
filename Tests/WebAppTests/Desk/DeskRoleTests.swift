import Core
import Foundation
import HTTPServer
import Scheduling
import XCTest
@testable import WebApp

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
            (.post, office + "/feeds/renew", nil, 200),
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
            // Another office's booking code is not found, as an unknown code is;
            // another office's own routes are forbidden.
            let nordExpected = path.hasPrefix("/api/v1/bookings/") ? 404 : 403
            XCTAssertEqual(try app.send(method, path, bearer: nord, json: body).status, nordExpected, "staff of Nord: " + label)
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

    /// The desk's pages answer as every signed-in page does (`Pages.staffGet`):
    /// anonymous → the sign-in page with the way back, agents and staff of
    /// another office → the shared 403 page; nothing is changed by a refused post.
    func testDeskPagesCheckTheRole() throws {
        let app = try PageTestApp()
        let code = try app.bookMonday("10:00", person: 1).value
        let paths = ["/dienst/buergerbuero-mitte", "/dienst/buergerbuero-mitte/tagesplan", "/dienst/buergerbuero-mitte/tagesplan/druck",
                     "/dienst/buergerbuero-mitte/wartenummer", "/dienst/buergerbuero-mitte/warteschlange"]
        let posts = ["/dienst/buergerbuero-mitte/termine/\(code)/ankunft", "/dienst/buergerbuero-mitte/termine/\(code)/erledigt",
                     "/dienst/buergerbuero-mitte/wartenummer", "/dienst/buergerbuero-mitte/warteschlange/aufrufen",
                     "/dienst/buergerbuero-mitte/kalender-abo", "/dienst/buergerbuero-mitte/kalender-abo/widerrufen",
                     "/dienst/buergerbuero-mitte/wartenummern/W-001/erledigt"]
        let anonymous = PageBrowser(app)
        _ = try anonymous.get("/")
        for path in paths {
            let page = try anonymous.get(path)
            XCTAssertEqual(page.status, 303, path)
            XCTAssertEqual(page.location, PageLink.make("/anmelden", [("weiter", path)]), path)
            XCTAssertEqual(page.header("Cache-Control"), "no-store", path)
        }
        for path in posts {
            let page = try anonymous.post(path, [("services", "personalausweis")])
            XCTAssertEqual(page.status, 303, path)
            XCTAssertEqual(page.location, "/anmelden", "a form's post is not repeated after sign-in: \(path)")
        }
        try app.addBoundaryAccounts()
        for username in ["agent", PageTestApp.nordStaff] {
            let browser = try app.browser(signedInAs: username)
            for path in paths {
                let page = try browser.get(path)
                XCTAssertEqual(page.status, 403, "\(username) \(path)")
                XCTAssertTrue(page.contains("Diese Seite ist für Ihr Konto nicht freigegeben"), "the shared 403 page: \(path)")
                XCTAssertFalse(page.contains("Anna Schmidt") || page.contains("Andere Person"), path)
                XCTAssertEqual(page.header("Cache-Control"), "no-store", path)
            }
            for path in posts {
                XCTAssertEqual(try browser.post(path, [("services", "personalausweis")]).status, 403, "\(username) \(path)")
            }
        }
        XCTAssertEqual(try app.useCases.bookings.booking(BookingCode(parsing: code)!, access: .anyOffice).status, .confirmed)
        XCTAssertTrue(try app.useCases.feeds.list(office: "buergerbuero-mitte").isEmpty)
        XCTAssertTrue(try app.useCases.walkIns.tickets(office: "buergerbuero-mitte", date: LocalDate("2026-11-16")!).isEmpty)
        XCTAssertEqual(try PageBrowser(app).get("/warten/buergerbuero-mitte").status, 200, "the board is public")
        let staff = try app.browser(signedInAs: "staff-mitte")
        XCTAssertEqual(try staff.get("/dienst/nirgendwo/tagesplan").status, 404, "an office that does not exist")
        XCTAssertEqual(try staff.get("/dienst/buergerbuero-mitte/tagesplan?date=2026-11-16").status, 200)
        XCTAssertEqual(try app.browser(signedInAs: "admin").get("/dienst/buergerbuero-nord/tagesplan").status, 200, "admins run every office")
    }
}
