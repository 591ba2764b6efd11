import Core
import Foundation
import HTTPServer
import XCTest

/// The sign-in form: labels and autocomplete, errors next to the fields,
/// the throttle it shares with `POST /api/v1/session`, a new session at
/// every sign-in, the start page by role, and a sign-out that ends the
/// session on the server.
final class SignInPageTests: XCTestCase {
    func testTheFormInBothLanguages() throws {
        let app = try PageTestApp()
        let german = try PageBrowser(app).get("/anmelden")
        XCTAssertEqual(german.status, 200)
        XCTAssertEqual(german.title, "Anmelden – Terminbuch")
        XCTAssertTrue(german.contains(#"autocomplete="username""#))
        XCTAssertTrue(german.contains(#"type="password" id="password" name="password" autocomplete="current-password""#))
        XCTAssertTrue(german.contains(#"<label for="username">Benutzername</label>"#))
        XCTAssertEqual(german.header("Cache-Control"), "no-store")
        let english = try PageBrowser(app).get("/anmelden?lang=en")
        XCTAssertTrue(english.contains(#"<html lang="en">"#))
        XCTAssertTrue(english.contains(#"<label for="password">Password</label>"#))
        XCTAssertEqual(german.untranslatedKeys + english.untranslatedKeys, [])
    }

    func testMissingAndWrongCredentialsAreShownNextToTheFields() throws {
        let app = try PageTestApp()
        let browser = PageBrowser(app)
        _ = try browser.get("/anmelden")
        let empty = try browser.post("/anmelden", [("username", " "), ("password", "")])
        XCTAssertEqual(empty.status, 422)
        XCTAssertEqual(empty.errorSummary, ["Geben Sie Ihren Benutzernamen ein.", "Geben Sie Ihr Passwort ein."])
        XCTAssertTrue(empty.contains(#"aria-invalid="true" aria-describedby="username-error""#))
        let wrong = try browser.post("/anmelden", [("username", "agent"), ("password", "falsch")])
        XCTAssertEqual(wrong.status, 401)
        XCTAssertEqual(wrong.errorSummary, ["Benutzername oder Passwort stimmt nicht."])
        XCTAssertTrue(wrong.contains(#"<p class="error-message" id="password-error">"#))
        XCTAssertTrue(wrong.contains(#"value="agent""#), "the username stays, the password does not")
        XCTAssertFalse(wrong.contains("falsch"))
        XCTAssertNil(browser.sessionToken)
        XCTAssertEqual(try browser.post("/anmelden", [("username", "agent"), ("password", "demo")], csrf: .some(nil)).status, 403)
        XCTAssertNil(browser.sessionToken, "no sign-in without the form's CSRF token")
    }

    func testThePageAndTheAPIShareOneThrottle() throws {
        let app = try PageTestApp()
        let browser = PageBrowser(app)
        _ = try browser.get("/anmelden")
        for _ in 0..<5 {  // SignInThrottle.perUsername
            XCTAssertEqual(try browser.post("/anmelden", [("username", "agent"), ("password", "falsch")]).status, 401)
        }
        let throttled = try browser.post("/anmelden", [("username", "agent"), ("password", "demo")])
        XCTAssertEqual(throttled.status, 429)
        XCTAssertNotNil(throttled.header("Retry-After"))
        XCTAssertTrue(throttled.errorSummary.first?.hasPrefix("Zu viele Versuche.") ?? false, "\(throttled.errorSummary)")
        XCTAssertNil(browser.sessionToken)
        let api = try app.send(.post, "/api/v1/session", json: #"{"username":"agent","password":"demo"}"#)
        XCTAssertEqual(api.status.code, 429, "failures on the page count at the API's door too")
        // Another username from the same client is not locked by the first one's failures.
        XCTAssertEqual(try browser.post("/anmelden", [("username", "staff-mitte"), ("password", "demo")]).status, 303)
    }

    func testEachRoleLandsOnItsStartPage() throws {
        let app = try PageTestApp()
        for (username, home) in [("agent", "/konsole"), ("staff-mitte", "/dienst"), ("admin", "/dienst")] {
            let browser = PageBrowser(app)
            let answer = try browser.signIn(username)
            XCTAssertEqual(answer.location, home, username)
            let cookie = try XCTUnwrap(answer.headers.values("Set-Cookie").first { $0.hasPrefix("__Host-terminbuch-session=") })
            XCTAssertTrue(cookie.contains("HttpOnly") && cookie.contains("Secure") && cookie.contains("Path=/"), cookie)
            let start = try browser.follow(answer)
            XCTAssertEqual(start.status, 200, username)
            XCTAssertTrue(start.contains(#"<form method="post" action="/abmelden""#), username)
        }
    }

    func testSignInStartsANewSessionAndEndsThePreviousOne() throws {
        let app = try PageTestApp()
        let browser = PageBrowser(app)
        try browser.signIn("agent")
        let first = try XCTUnwrap(browser.sessionToken)
        XCTAssertEqual(try browser.post("/anmelden", [("username", "staff-mitte"), ("password", "demo")]).status, 303)
        let second = try XCTUnwrap(browser.sessionToken)
        XCTAssertNotEqual(first, second)
        XCTAssertNil(try app.application.useCases.accounts.account(forSession: first), "the earlier session is over")
        XCTAssertEqual(try app.application.useCases.accounts.account(forSession: second)?.username, "staff-mitte")
    }

    func testSignOutEndsTheSessionOnTheServer() throws {
        let app = try PageTestApp()
        let browser = PageBrowser(app)
        try browser.signIn("agent")
        let token = try XCTUnwrap(browser.sessionToken)
        XCTAssertEqual(try browser.post("/abmelden", [], csrf: .some(nil)).status, 403)
        XCTAssertNotNil(try app.application.useCases.accounts.account(forSession: token), "no sign-out without the CSRF token")
        let out = try browser.post("/abmelden", [])
        XCTAssertEqual(out.status, 303)
        XCTAssertEqual(out.location, "/anmelden?abgemeldet=1")
        XCTAssertNil(try app.application.useCases.accounts.account(forSession: token))
        XCTAssertNil(browser.sessionToken, "the cookie is cleared")
        XCTAssertTrue(try browser.follow(out).contains("Sie sind abgemeldet."))
        // Even a copy of the old cookie opens nothing any more.
        browser.cookies["__Host-terminbuch-session"] = token
        XCTAssertEqual(try browser.get("/konsole").location, "/anmelden?weiter=%2Fkonsole")
    }

    func testAnonymousVisitorsComeBackAfterSignInButNeverToAnotherSite() throws {
        let app = try PageTestApp()
        let browser = PageBrowser(app)
        let refused = try browser.get("/konsole/auskunft?service=reisepass")
        XCTAssertEqual(refused.status, 303)
        XCTAssertEqual(refused.location, "/anmelden?weiter=%2Fkonsole%2Fauskunft%3Fservice%3Dreisepass")
        let form = try browser.follow(refused)
        XCTAssertEqual(form.hiddenFields(of: "/anmelden").first { $0.0 == "weiter" }?.1, "/konsole/auskunft?service=reisepass")
        let back = try browser.submit(form, "/anmelden", [("username", "agent"), ("password", "demo")])
        XCTAssertEqual(back.location, "/konsole/auskunft?service=reisepass")
        for foreign in ["//evil.example/", "https://evil.example/", "/\\evil.example"] {
            let other = PageBrowser(app)
            _ = try other.get("/anmelden")
            XCTAssertEqual(try other.post("/anmelden", [("username", "agent"), ("password", "demo"), ("weiter", foreign)]).location,
                           "/konsole", foreign)
        }
    }
}
