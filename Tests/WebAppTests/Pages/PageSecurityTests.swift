import Core
import Foundation
import XCTest

/// CSRF (double submit without a server session), the headers of every
/// page, and the secret link: only POST acts, and no page that carries the
/// token lets it leak through `Referer` or a cache.
final class PageSecurityTests: XCTestCase {
    func testFormPagesSetTheCSRFCookieAndTheSameValueInEveryForm() throws {
        let app = try PageTestApp()
        let page = try PageBrowser(app).get("/termin/personalausweis/standort")
        let cookie = try XCTUnwrap(page.headers.values("Set-Cookie").first { $0.hasPrefix("__Host-csrf=") })
        XCTAssertEqual(Set(cookie.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }),
                       ["Path=/", "Secure", "HttpOnly", "SameSite=Strict"])
        let value = String(cookie.split(separator: ";")[0].dropFirst("__Host-csrf=".count))
        XCTAssertEqual(value.count, 43)
        XCTAssertTrue(page.contains(#"<input type="hidden" name="_csrf" value="\#(value)">"#))
    }

    func testACookieOnceSetIsKeptNotReplaced() throws {
        let app = try PageTestApp()
        let browser = PageBrowser(app)
        _ = try browser.get("/")
        let first = browser.csrf
        let again = try browser.get("/termin/personalausweis/standort")
        XCTAssertTrue(again.headers.values("Set-Cookie").allSatisfy { !$0.hasPrefix("__Host-csrf=") })
        XCTAssertEqual(browser.csrf, first)
    }

    func testPostsWithoutOrWithAWrongTokenAreRefusedWithThe403Page() throws {
        let app = try PageTestApp()
        let browser = PageBrowser(app)
        _ = try browser.get("/termin/personalausweis/standort")
        let form = [("office", "buergerbuero-mitte")]
        let missing = try browser.post("/termin/personalausweis/standort", form, csrf: .some(nil))
        XCTAssertEqual(missing.status, 403)
        XCTAssertTrue(missing.contains("Das Formular ist abgelaufen"))
        XCTAssertTrue(missing.contains(#"<html lang="de">"#))
        let wrong = try browser.post("/termin/personalausweis/standort", form, csrf: String(repeating: "A", count: 43))
        XCTAssertEqual(wrong.status, 403)
        let other = PageBrowser(app)
        _ = try other.get("/")
        XCTAssertEqual(try browser.post("/termin/personalausweis/standort", form, csrf: other.csrf).status, 403,
                       "another browser's token does not fit this browser's cookie")
        // Without any cookie (a forged cross-site post: SameSite=Strict keeps it at home).
        let stranger = PageBrowser(app)
        XCTAssertEqual(try stranger.post("/termin/personalausweis/standort", form, csrf: browser.csrf).status, 403)
        XCTAssertEqual(try browser.post("/termin/personalausweis/standort", form).status, 303)
    }

    func testEveryFormChangingStateIsRefusedWithoutTheToken() throws {
        let app = try PageTestApp()
        let browser = PageBrowser(app)
        let (confirmation, code, manage) = try browser.book()
        let token = String(manage.split(separator: "=", maxSplits: 1)[1])
        let forged = PageBrowser(app)
        for action in ["/termin/verwalten/\(code)/absagen", "/termin/verwalten/\(code)/zeit", "/termin/verwalten/\(code)/kalender"] {
            XCTAssertEqual(try forged.post(action, [("token", token)], csrf: "x").status, 403, action)
            XCTAssertEqual(try browser.post(action, [("token", token)], csrf: .some(nil)).status, 403, action)
        }
        XCTAssertEqual(try forged.post("/termin/personalausweis/buchen",
                                       confirmation.hiddenFields(of: "/termin/verwalten/\(code)/kalender"), csrf: "x").status, 403)
        XCTAssertEqual(try app.useCases.bookings.booking(BookingCode(parsing: code)!, access: .manageToken(token)).status, .confirmed)
    }

    func testEveryPageCarriesTheSecurityHeaders() throws {
        let app = try PageTestApp()
        let page = try PageBrowser(app).get("/")
        XCTAssertEqual(page.header("X-Content-Type-Options"), "nosniff")
        XCTAssertTrue(page.header("Content-Security-Policy")?.contains("frame-ancestors 'none'") ?? false)
        XCTAssertTrue(page.header("Content-Security-Policy")?.contains("default-src 'self'") ?? false)
        XCTAssertEqual(page.header("Content-Type"), "text/html; charset=utf-8")
        XCTAssertEqual(page.header("Referrer-Policy"), "same-origin")
        XCTAssertFalse(page.html.contains("<script"), "the pages need no JavaScript")
        XCTAssertFalse(page.html.contains(" style="))
    }

    func testTheSecretLinkPagesSendNoReferrerAndAreNotStored() throws {
        let app = try PageTestApp()
        let browser = PageBrowser(app)
        let (_, code, manage) = try browser.book()
        let page = try browser.follow(try browser.get(manage))
        var pages = [page]
        for link in page.links where link.hasPrefix("/termin/verwalten/\(code)/") { pages.append(try browser.get(link)) }
        XCTAssertGreaterThanOrEqual(pages.count, 3)
        for page in pages {
            XCTAssertEqual(page.status, 200)
            XCTAssertEqual(page.header("Referrer-Policy"), "no-referrer", page.title)
            XCTAssertEqual(page.header("Cache-Control"), "no-store", page.title)
        }
        // A wrong token and an unknown code look the same.
        let wrong = try browser.get("/termin/verwalten/\(code)?token=falsch")
        let unknown = try browser.get("/termin/verwalten/222-222-222?token=falsch")
        XCTAssertEqual(wrong.status, 404)
        XCTAssertEqual(unknown.status, 404)
        XCTAssertEqual(wrong.html, unknown.html)
        XCTAssertEqual(try PageBrowser(app).get("/termin/verwalten/\(code)").status, 404, "no token, no cookie, no booking")
        // The cookie opens its own booking only.
        let other = PageBrowser(app)
        let (_, otherCode, otherManage) = try other.book(email: "max@example.de")
        _ = try other.get(otherManage)
        other.cookies["__Secure-terminbuch-manage"] = browser.cookies["__Secure-terminbuch-manage"]
        XCTAssertEqual(try other.get("/termin/verwalten/\(otherCode)").status, 404, "another booking's cookie")
    }

    func testTheManagePagesActOnlyOnPost() throws {
        let app = try PageTestApp()
        let router = app.application.router
        for path in ["/termin/verwalten/222-222-222/kalender"] {
            XCTAssertEqual(router.resolveStatus(.get, path), 405, path)
        }
        XCTAssertEqual(router.resolveStatus(.delete, "/termin/verwalten/222-222-222/absagen"), 405)
    }
}

import HTTPServer

extension Router {
    /// What the router answers for a method and path, before any handler.
    func resolveStatus(_ method: HTTPMethod, _ path: String) -> Int {
        switch resolve(method, path: Substring(path)) {
        case .matched: 200
        case .methodNotAllowed: 405
        case .notFound: 404
        }
    }
}
