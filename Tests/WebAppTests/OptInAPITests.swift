import Core
import HTTPServer
import Scheduling
@testable import WebApp
import XCTest

/// `POST /api/v1/bookings/{code}/confirm`: the token of the opt-in message
/// confirms a waiting booking once and answers with a manage token; a
/// lapsed booking is a conflict, a wrong or used token not found, a body
/// without a token a 422.
final class OptInAPITests: XCTestCase {
    private func waiting(_ app: APIRouterApp) throws -> (code: String, token: String) {
        let created = try app.send(.post, "/api/v1/bookings", json: [
            "officeId": "buergerservice-mobil", "services": [["id": "personalausweis", "quantity": 1]],
            "start": "2026-11-17T09:00:00+01:00", "contact": ["name": "Erika", "email": "erika@example.org"],
        ] as [String: Any])
        XCTAssertEqual(created.status, 201, created.text)
        let booking = try XCTUnwrap(created.object["booking"] as? [String: Any])
        XCTAssertEqual(booking["status"] as? String, "pendingConfirmation")
        let code = try XCTUnwrap(booking["code"] as? String)
        let message = try XCTUnwrap(try app.application.useCases.outbox.due(limit: 1000)
            .first { $0.facts.booking?.code == code && $0.kind == .optIn })
        return (code, try XCTUnwrap(message.facts.confirmToken))
    }

    func testTheTokenConfirmsOnceAndAnswersWithAManageToken() throws {
        let app = try APIRouterApp()
        let (code, token) = try waiting(app)
        let path = "/api/v1/bookings/\(code)/confirm"
        XCTAssertEqual(try app.send(.post, path, json: ["token": token + "x"]).status, 404)
        let missing = try app.send(.post, path, json: [:] as [String: Any])
        XCTAssertEqual(missing.status, 422, missing.text)

        let confirmed = try app.send(.post, path, json: ["token": token])
        XCTAssertEqual(confirmed.status, 200, confirmed.text)
        XCTAssertEqual((confirmed.object["booking"] as? [String: Any])?["status"] as? String, "confirmed")
        XCTAssertEqual(confirmed.headers["Cache-Control"], "no-store")
        let manageToken = try XCTUnwrap(confirmed.object["manageToken"] as? String)
        let read = try app.send(.get, "/api/v1/bookings/\(code)", headers: [("Authorization", "Bearer \(manageToken)")])
        XCTAssertEqual(read.object["status"] as? String, "confirmed", read.text)
        let again = try app.send(.post, path, json: ["token": token])
        XCTAssertEqual(again.status, 404, "the token works once: \(again.text)")
    }

    func testALapsedBookingIsAConflict() throws {
        let app = try APIRouterApp()
        let (code, token) = try waiting(app)
        app.clock.set(app.clock.now().adding(minutes: 30))
        let lapsed = try app.send(.post, "/api/v1/bookings/\(code)/confirm", json: ["token": token])
        XCTAssertEqual(lapsed.status, 409, lapsed.text)
        XCTAssertEqual(lapsed.object["type"] as? String, ProblemType.bookingNotChangeable.uri)
        XCTAssertTrue((lapsed.object["detail"] as? String)?.contains("lapsed") == true, lapsed.text)
    }
}
