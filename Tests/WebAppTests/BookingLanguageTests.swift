@testable import Core
import Foundation
import Scheduling
import XCTest

/// The language a booking's messages are written in: the citizen page's,
/// the API body's `language`, else the request's `Accept-Language`, else
/// German; an unsupported one is refused with the field named.
final class BookingLanguageTests: XCTestCase {
    func body(_ person: Int, _ start: String, language: String? = nil) -> [String: Any] {
        var body: [String: Any] = [
            "officeId": "buergerbuero-mitte", "services": [["id": "personalausweis", "quantity": 1]], "start": start,
            "contact": ["name": "Person \(person)", "email": "person\(person)@example.org"],
        ]
        if let language { body["language"] = language }
        return body
    }

    /// The language of the confirmation the API's booking wrote.
    func languageOfBooking(_ app: APIRouterApp, _ response: APIRouterApp.Response) throws -> String? {
        XCTAssertEqual(response.status, 201, response.text)
        let booking = try XCTUnwrap(response.object["booking"] as? [String: Any])
        let code = try XCTUnwrap(BookingCode(parsing: try XCTUnwrap(booking["code"] as? String)))
        let token = try XCTUnwrap(response.object["manageToken"] as? String)
        let id = try app.application.useCases.bookings.booking(code, access: .manageToken(token)).id
        return try app.application.useCases.outbox.due(limit: 10_000).first { $0.bookingId == id }?.language
    }

    func testTheAPITakesTheBodysLanguageElseAcceptLanguageElseGerman() throws {
        let app = try APIRouterApp()
        XCTAssertEqual(try languageOfBooking(app, try app.send(.post, "/api/v1/bookings",
                                                               json: body(1, "2026-11-24T09:00:00+01:00", language: "en"))), "en")
        XCTAssertEqual(try languageOfBooking(app, try app.send(.post, "/api/v1/bookings", json: body(2, "2026-11-24T09:15:00+01:00"),
                                                               headers: [("Accept-Language", "fr, en-GB;q=0.8, de;q=0.5")])), "en")
        XCTAssertEqual(try languageOfBooking(app, try app.send(.post, "/api/v1/bookings",
                                                               json: body(3, "2026-11-24T09:30:00+01:00"))), "de")
        XCTAssertEqual(try languageOfBooking(app, try app.send(.post, "/api/v1/bookings",
                                                               json: body(4, "2026-11-24T09:45:00+01:00", language: "de"),
                                                               headers: [("Accept-Language", "en")])), "de", "the body's choice wins")
    }

    func testAnUnsupportedLanguageIsRefusedNamingTheFieldAndBooksNothing() throws {
        let app = try APIRouterApp()
        let before = try app.application.store.read { try $0.scalar("SELECT count(*) FROM bookings", as: Int.self) }
        for language: Any in ["fr", "", 7] {
            var refusedBody = body(1, "2026-11-24T09:00:00+01:00")
            refusedBody["language"] = language
            let refused = try app.send(.post, "/api/v1/bookings", json: refusedBody)
            XCTAssertEqual(refused.status, 422, refused.text)
            XCTAssertEqual(refused.headers["Content-Type"], "application/problem+json")
            let fields = (refused.object["errors"] as? [[String: Any]])?.compactMap { $0["field"] as? String }
            XCTAssertEqual(fields, ["language"], refused.text)
        }
        XCTAssertEqual(try app.application.store.read { try $0.scalar("SELECT count(*) FROM bookings", as: Int.self) }, before)
    }

    func testTheCitizenPagesBookInThePagesLanguage() throws {
        let app = try PageTestApp()
        let browser = PageBrowser(app)
        browser.acceptLanguage = "en"
        let (_, code, manage) = try browser.book()
        let token = String(manage.split(separator: "=", maxSplits: 1)[1])
        let booking = try app.useCases.bookings.booking(try XCTUnwrap(BookingCode(parsing: code)), access: .manageToken(token))
        let confirmation = try app.useCases.outbox.due(limit: 10_000).first { $0.bookingId == booking.id }
        XCTAssertEqual(confirmation?.language, "en")
    }
}
