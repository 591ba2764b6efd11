import Core
import Foundation
import HTTPServer
import XCTest

/// Sessions over the API with the clock moved: idle and absolute timeouts,
/// a new token at every sign-in, sign-out that ends the session on the
/// server, and the demo accounts outside demo mode.
final class SessionLifecycleTests: XCTestCase {
    func testIdleTimeoutEndsASessionThatIsNotUsed() throws {
        let app = try APIRouterApp()
        let cookie = try app.session("staff-mitte")
        XCTAssertEqual(try app.whoAmI(cookie), 200)
        app.clock.advance(minutes: 29)
        XCTAssertEqual(try app.whoAmI(cookie), 200, "29 minutes idle is fine, and slides the timeout")
        app.clock.advance(minutes: 29)
        XCTAssertEqual(try app.whoAmI(cookie), 200)
        app.clock.advance(minutes: 31)
        XCTAssertEqual(try app.whoAmI(cookie), 401, "31 minutes idle ends it")
        app.clock.advance(minutes: -31)
        XCTAssertEqual(try app.whoAmI(cookie), 401, "ended on the server, not merely refused while late")
    }

    func testAbsoluteTimeoutEndsEvenABusySession() throws {
        let app = try APIRouterApp()
        let cookie = try app.session("agent")
        for _ in 0..<(12 * 60 / 20 - 1) {  // a request every 20 minutes for almost 12 hours
            app.clock.advance(minutes: 20)
            XCTAssertEqual(try app.whoAmI(cookie), 200)
        }
        app.clock.advance(minutes: 21)
        XCTAssertEqual(try app.whoAmI(cookie), 401, "12 hours after sign-in, however busy")
        XCTAssertNotNil(try app.signIn("agent").sessionCookie, "signing in again works")
    }

    func testSignInGivesANewTokenAndEndsThePlantedOne() throws {
        let app = try APIRouterApp()
        let first = try app.session("staff-mitte")
        let again = try app.signIn("staff-mitte", cookie: first)
        let second = try XCTUnwrap(again.sessionCookie)
        XCTAssertNotEqual(first, second)
        XCTAssertEqual(try app.whoAmI(first), 401, "the token sent along at sign-in (perhaps planted) is worthless")
        XCTAssertEqual(try app.whoAmI(second), 200)
    }

    func testSignOutEndsTheSessionOnTheServer() throws {
        let app = try APIRouterApp()
        let cookie = try app.session("admin")
        let token = String(cookie.dropFirst("__Host-terminbuch-session=".count))
        XCTAssertEqual(try app.send(.get, "/api/v1/session", headers: [("Authorization", "Bearer \(token)")]).status, 200)
        let out = try app.send(.delete, "/api/v1/session", cookie: cookie)
        XCTAssertEqual(out.status, 204)
        XCTAssertTrue(out.headers.values("Set-Cookie").contains { $0.contains("Max-Age=0") })
        // A client that ignores the cleared cookie, or kept the token, gets nowhere.
        XCTAssertEqual(try app.whoAmI(cookie), 401)
        XCTAssertEqual(try app.send(.get, "/api/v1/session", headers: [("Authorization", "Bearer \(token)")]).status, 401)
        XCTAssertEqual(try app.send(.get, "/api/v1/offices/buergerbuero-mitte/callbacks", cookie: cookie).status, 401)
    }

    func testDemoAccountsCannotSignInWithoutDemoMode() throws {
        let app = try APIRouterApp()
        let demoSession = try app.session("agent")
        try app.application.useCases.accounts.add(username: "k.albers", displayName: nil, password: "Korrekt-Pferd-7", role: .staff,
                                         officeIds: ["buergerbuero-mitte"])
        try app.restart(demo: false)
        for name in ["agent", "staff-mitte", "admin"] {
            XCTAssertEqual(try app.signIn(name).status, 401, "\(name) outside demo mode")
        }
        XCTAssertEqual(try app.whoAmI(demoSession), 401, "a session from the demo run ends too")
        XCTAssertEqual(try app.signIn("k.albers", password: "Korrekt-Pferd-7").status, 200, "real accounts sign in")
        try app.restart(demo: true)
        XCTAssertEqual(try app.signIn("agent").status, 200, "and in demo mode the demo accounts are back")
    }
}
