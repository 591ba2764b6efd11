@testable import Core
import Foundation
import HTTPServer
import Scheduling
import XCTest
@testable import WebApp

/// "Resend my links" as citizens and clients see it: the same answer
/// whether or not the address has bookings (a redirect on the page, 202 in
/// the API), the field's message or 422 for no address; and the office's
/// "Nicht zugestellt" page with what staff need to call instead.
final class BookingLinksPagesTests: XCTestCase {
    var app: PageTestApp!

    override func setUpWithError() throws { app = try PageTestApp() }
    override func tearDown() { app = nil }

    func links() throws -> [OutboxMessage] {
        try app.useCases.outbox.due(limit: 10_000).filter { $0.kind == .bookingLinks }
    }

    func bytes(_ response: HTTPResponse) -> [UInt8] {
        switch response.body {
        case .bytes(let bytes): bytes
        case .chunks(let chunks): chunks.flatMap { $0 }
        }
    }

    func testThePageAnswersTheSameWithAndWithoutBookings() throws {
        _ = try app.bookElsewhere(PageTestApp.at("09:00", on: "2026-11-24"), person: 1)
        let browser = PageBrowser(app)
        XCTAssertTrue(try browser.get("/").links.contains("/termin/links?lang=de"), "linked from the start page")
        XCTAssertTrue(try browser.get("/termin/verwalten/K7M-4QX-9TD?token=wrong").links.contains("/termin/links?lang=de"),
                      "and from the page a wrong link ends on")
        let form = try browser.get("/termin/links")
        XCTAssertEqual(form.status, 200)
        var answers: [String?] = []
        for email in ["andere1@example.de", "niemand@example.de"] {
            let answer = try browser.submit(form, "/termin/links", [("email", email)])
            XCTAssertEqual(answer.status, 303)
            answers.append(answer.location)
        }
        XCTAssertEqual(answers, ["/termin/links/gesendet?lang=de", "/termin/links/gesendet?lang=de"])
        XCTAssertEqual(try links().map(\.recipient), ["andere1@example.de"])
        let sent = try browser.get("/termin/links/gesendet?lang=de")
        XCTAssertEqual(sent.status, 200)
        XCTAssertTrue(sent.contains("Wenn wir anstehende Termine für diese Adresse haben"), sent.html)

        let wrong = try browser.submit(form, "/termin/links", [("email", "nicht-gültig")])
        XCTAssertEqual(wrong.status, 422)
        XCTAssertTrue(wrong.contains("id=\"email-error\""), wrong.html)
        XCTAssertTrue(wrong.contains("value=\"nicht-gültig\""), "what was typed stays")
        XCTAssertEqual(try links().count, 1)
    }

    func testTheAPIAcceptsEveryValidAddressAlikeAndRefusesOthers() throws {
        _ = try app.bookElsewhere(PageTestApp.at("09:00", on: "2026-11-24"), person: 2)
        let known = try app.send(.post, "/api/v1/booking-links", json: #"{"email": "andere2@example.de", "language": "en"}"#)
        let unknown = try app.send(.post, "/api/v1/booking-links", json: #"{"email": "niemand@example.de"}"#)
        for answer in [known, unknown] {
            XCTAssertEqual(answer.status.code, 202)
            XCTAssertTrue(answer.headers["Content-Type"]?.hasPrefix("application/json") == true)
        }
        XCTAssertEqual(bytes(known), bytes(unknown), "nothing tells the two apart")
        XCTAssertEqual(try links().map(\.language), ["en"])
        for body in [#"{"email": "kein-at"}"#, #"{}"#, #"{"email": "a@b.de", "language": "fr"}"#] {
            let refused = try app.send(.post, "/api/v1/booking-links", json: body)
            XCTAssertEqual(refused.status.code, 422, body)
            XCTAssertTrue(refused.headers["Content-Type"]?.hasPrefix("application/problem+json") == true, body)
        }
    }

    func testUndeliveredMessagesShowWhomToCallAndOnlyToTheOffice() throws {
        let made = try app.bookElsewhere(PageTestApp.at("09:00", on: "2026-11-24"), person: 3)
        let store = app.application.store
        try store.write { db in
            try db.run("""
                UPDATE outbox SET status = 'failed', attempts = 1, settled_at = ?, last_error = '550 5.1.1 mailbox unknown'
                WHERE booking_id = ?
                """, [PageTestApp.now.secondsSinceEpoch, made.booking.id])
        }
        let staff = PageBrowser(app)
        try staff.signIn("staff-mitte")
        let page = try staff.get("/dienst/buergerbuero-mitte/nicht-zugestellt")
        XCTAssertEqual(page.status, 200)
        for fact in [made.booking.code.value, "Buchungsbestätigung", "Andere Person 3", "andere3@example.de", "550 5.1.1 mailbox unknown",
                     "Dienstag, 24. November 2026"] {
            XCTAssertTrue(page.contains(fact), "\(fact) in \(page.html)")
        }
        XCTAssertTrue(try staff.get("/dienst/buergerbuero-mitte/nachfassen").links
            .contains("/dienst/buergerbuero-mitte/nicht-zugestellt"), "in the office's navigation")
        XCTAssertFalse(try staff.get("/dienst/buergerbuero-mitte/nicht-zugestellt").contains("Alle Nachrichten wurden zugestellt."))
        XCTAssertTrue(try staff.get("/dienst").contains("Nicht zugestellt: 1"), "counted on the staff's start page")

        try app.addBoundaryAccounts()
        let nord = try app.browser(signedInAs: PageTestApp.nordStaff)
        XCTAssertEqual(try nord.get("/dienst/buergerbuero-mitte/nicht-zugestellt").status, 403)
        let own = try nord.get("/dienst/buergerbuero-nord/nicht-zugestellt")
        XCTAssertEqual(own.status, 200)
        XCTAssertFalse(own.contains(made.booking.code.value), "another office's failures are not listed")
        XCTAssertTrue(own.contains("Alle Nachrichten wurden zugestellt."))
        XCTAssertFalse(try nord.get("/dienst").contains("Nicht zugestellt:"), "no count where nothing failed")
    }
}
