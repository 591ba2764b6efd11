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

    /// An account under pressure (50 failures from all clients) shrinks each
    /// client's own allowance from 5 to 2 — it never refuses a client for
    /// others' failures: the real user's one typo costs them nothing.
    func testGuessingFromManyClientsOnlyTightensEachClientsOwnAllowance() throws {
        let app = try APIRouterApp()
        for index in 0..<49 { XCTAssertEqual(try app.signIn("agent", password: "guess", client: "10.0.0.\(index)").status, 401) }
        XCTAssertEqual(try app.signIn("agent", password: "guess", client: "10.0.0.0").status, 401, "the 50th for the account")
        XCTAssertEqual(try app.signIn("agent", client: "10.0.0.0").status, 429, "two of its own: even the right password waits")
        XCTAssertEqual(try app.signIn("agent", password: "guess", client: "10.0.0.1").status, 401, "a second try per client")
        XCTAssertEqual(try app.signIn("agent", password: "guess", client: "10.0.0.1").status, 429, "then it waits")
        XCTAssertEqual(try app.signIn("agent", client: "10.0.0.2").status, 200, "one failure of its own is forgiven")
        // A new address gets two tries, then waits …
        XCTAssertEqual(try app.signIn("agent", password: "guess", client: "10.0.1.1").status, 401)
        XCTAssertEqual(try app.signIn("agent", password: "guess", client: "10.0.1.1").status, 401)
        XCTAssertEqual(try app.signIn("agent", password: "guess", client: "10.0.1.1").status, 429)
        // … while the real user's typo is only a typo.
        XCTAssertEqual(try app.signIn("agent", password: "typo", client: "192.0.2.50").status, 401)
        XCTAssertEqual(try app.signIn("agent", client: "192.0.2.50").status, 200)
        XCTAssertEqual(try app.signIn("staff-mitte", client: "10.0.0.3").status, 200, "other accounts are untouched")
        app.clock.advance(minutes: 16)
        XCTAssertEqual(try app.signIn("agent", client: "10.0.0.0").status, 200, "the window passes")
    }
}
