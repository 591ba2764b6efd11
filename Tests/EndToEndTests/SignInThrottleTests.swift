import Foundation
import XCTest

/// Password guessing is slowed per client and username: after five wrong
/// passwords the client waits (429 with Retry-After) — while the right user
/// on another account, or the same username guessed elsewhere, is not locked out.
final class SignInThrottleTests: XCTestCase {
    func testWrongPasswordsAreThrottledPerClientAndUsername() throws {
        let server = try DemoServer.start()
        defer { server.stop() }
        let client = APIClient(port: server.port)
        for attempt in 1...5 {
            assertProblem(try client.post("/api/v1/session", json: ["username": "agent", "password": "wrong-\(attempt)"]), 401,
                          "wrong password \(attempt)")
        }
        let throttled = try client.post("/api/v1/session", json: ["username": "agent", "password": "demo"])
        assertProblem(throttled, 429, "the sixth try, even with the right password, waits")
        let wait = try XCTUnwrap(throttled.header("Retry-After").flatMap { Int($0) })
        XCTAssertGreaterThan(wait, 0)
        XCTAssertLessThanOrEqual(wait, 15 * 60 + 1)

        // Another account from the same client is not affected.
        let staff = try client.post("/api/v1/session", json: ["username": "staff-mitte", "password": "demo"])
        XCTAssertEqual(staff.status, 200)
    }

    func testContactNamesMustBeMoreThanSpacesAndFreeOfControlCharacters() throws {
        let server = try DemoServer.start()
        defer { server.stop() }
        let client = APIClient(port: server.port)
        let start = try XCTUnwrap(client.slotStarts(office: "buergerbuero-mitte", date: server.date).last)
        for name in ["   ", "X\u{0}Y", "Tab\tName", "Line\nBreak"] {
            let body = APIClient.bookingBody(office: "buergerbuero-mitte", start: start, name: name, email: "n@example.org")
            assertProblem(try client.post("/api/v1/bookings", json: body), 422, field: "contact.name", "name \(name.debugDescription)")
        }
        let days = try client.get("/api/v1/offices/buergerbuero-mitte/days?services=personalausweis&from=2026-12-10&to=2026-12-01")
        assertProblem(days, 422, field: "to", "from after to")
    }
}
