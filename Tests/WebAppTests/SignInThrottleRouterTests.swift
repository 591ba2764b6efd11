import Foundation
import HTTPServer
import XCTest

/// The sign-in throttle from several client addresses: per client and
/// username, per client, and per account across clients — and never a
/// lock-out of the real user signing in from a client that has not failed.
final class SignInThrottleRouterTests: XCTestCase {
    func testFiveWrongPasswordsHoldThatClientForThatUsernameOnly() throws {
        let app = try APIRouterApp()
        for attempt in 1...5 { XCTAssertEqual(try app.signIn("agent", password: "wrong-\(attempt)", client: "198.51.100.7").status, 401) }
        let held = try app.signIn("agent", client: "198.51.100.7")
        XCTAssertEqual(held.status, 429, "even the right password waits")
        XCTAssertNotNil(held.headers["Retry-After"])
        XCTAssertEqual(try app.signIn("staff-mitte", client: "198.51.100.7").status, 200, "another username from that client")
        XCTAssertEqual(try app.signIn("agent", client: "203.0.113.9").status, 200, "the real user, from their own client")
        app.clock.advance(minutes: 16)
        XCTAssertEqual(try app.signIn("agent", client: "198.51.100.7").status, 200, "after the window")
    }

    func testTwentyFailuresHoldTheClientForEveryUsername() throws {
        let app = try APIRouterApp()
        for attempt in 0..<20 {
            XCTAssertEqual(try app.signIn("user\(attempt % 5)", password: "x", client: "198.51.100.8").status, 401)
        }
        XCTAssertEqual(try app.signIn("admin", client: "198.51.100.8").status, 429, "a new username does not help")
        XCTAssertEqual(try app.signIn("admin", client: "198.51.100.99").status, 200)
    }

    func testGuessingFromManyClientsHoldsOnlyClientsThatFailed() throws {
        let app = try APIRouterApp()
        // 49 addresses each guess once: under the account's limit, nobody waits.
        for index in 0..<49 { XCTAssertEqual(try app.signIn("agent", password: "guess", client: "10.0.0.\(index)").status, 401) }
        XCTAssertEqual(try app.signIn("agent", password: "guess-2", client: "10.0.0.0").status, 401, "still below 50 for the account")
        // The 50th failure for the account: now each client that failed on it waits …
        XCTAssertEqual(try app.signIn("agent", password: "guess-3", client: "10.0.0.1").status, 429)
        XCTAssertEqual(try app.signIn("agent", client: "10.0.0.2").status, 429, "a guessing client, even with the right password")
        // … a new address gets one try, then waits too …
        XCTAssertEqual(try app.signIn("agent", password: "guess", client: "10.0.1.1").status, 401)
        XCTAssertEqual(try app.signIn("agent", password: "guess", client: "10.0.1.1").status, 429)
        // … while the real user, from a client that has not failed, signs in.
        XCTAssertEqual(try app.signIn("agent", client: "192.0.2.50").status, 200)
        XCTAssertEqual(try app.signIn("staff-mitte", client: "10.0.0.3").status, 200, "other accounts are untouched")
        app.clock.advance(minutes: 16)
        XCTAssertEqual(try app.signIn("agent", client: "10.0.0.2").status, 200, "the window passes")
    }
}
