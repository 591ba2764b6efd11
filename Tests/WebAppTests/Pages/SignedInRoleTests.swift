@testable import Core
import Foundation
import Scheduling
import XCTest

/// Every signed-in page against every kind of visitor: anonymous → the
/// sign-in page, a wrong role → 403, staff of another office → 403, an
/// agent of another municipality refused; each page in both languages and
/// never kept by a cache.
final class SignedInRoleTests: XCTestCase {
    /// Each page with the demo accounts that may open it.
    static let pages: [(path: String, allowed: Set<String>)] = [
        ("/konsole", ["agent", "admin"]),
        ("/konsole?municipality=bremerhaven&services=personalausweis&quantity=1", ["agent", "admin"]),
        ("/konsole/auskunft?service=personalausweis", ["agent", "admin"]),
        ("/konsole/rueckruf", ["agent", "admin"]),
        ("/konsole/vermerk", ["agent", "admin"]),
        ("/buchungen?q=Muster", ["agent", "staff-mitte", "admin"]),
        ("/dienst", ["staff-mitte", "admin"]),
        ("/dienst/buergerbuero-mitte/rueckrufe", ["staff-mitte", "admin"]),
        ("/dienst/buergerbuero-mitte/vermerke", ["staff-mitte", "admin"]),
        ("/verwaltung/konten", ["admin"]),
        ("/verwaltung/konten/agent", ["admin"]),
        ("/verwaltung/katalog/standorte/buergerbuero-mitte/zeiten", ["admin"]),
        ("/verwaltung/katalog/standorte/buergerbuero-mitte/zeiten/formular", ["admin"]),
        ("/verwaltung/katalog/standorte/buergerbuero-mitte/schliesstage", ["admin"]),
        ("/verwaltung/katalog/standorte/buergerbuero-mitte/schliesstage/formular?id=mitte-personalversammlung", ["admin"]),
        ("/verwaltung/protokoll", ["admin"]),
        ("/verwaltung/katalog", ["admin"]),
        ("/verwaltung/katalog/neu/kommunen", ["admin"]),
        ("/verwaltung/katalog/kommunen/bremerhaven", ["admin"]),
        ("/verwaltung/katalog/neu/standorte", ["admin"]),
        ("/verwaltung/katalog/standorte/buergerbuero-mitte", ["admin"]),
        ("/verwaltung/katalog/neu/dienstleistungen", ["admin"]),
        ("/verwaltung/katalog/dienstleistungen/personalausweis", ["admin"]),
    ]

    func testEveryPageAgainstEveryRoleInBothLanguages() throws {
        let app = try PageTestApp()
        let browsers = try ["agent", "staff-mitte", "admin"].map { ($0, try app.browser(signedInAs: $0)) }
        for (path, allowed) in Self.pages {
            let anonymous = try PageBrowser(app).get(path)
            XCTAssertEqual(anonymous.status, 303, path)
            XCTAssertTrue(anonymous.location?.hasPrefix("/anmelden?weiter=") ?? false, path)
            for (username, browser) in browsers {
                for language in ["de", "en"] {
                    let page = try browser.get(path + (path.contains("?") ? "&" : "?") + "lang=\(language)")
                    XCTAssertEqual(page.status, allowed.contains(username) ? 200 : 403, "\(username) \(path)")
                    XCTAssertEqual(page.header("Cache-Control"), "no-store", path)
                    XCTAssertTrue(page.contains(#"<html lang="\#(language)">"#), path)
                    XCTAssertEqual(page.untranslatedKeys, [], "\(path) \(language)")
                    XCTAssertFalse(page.title.isEmpty)
                    if page.status == 403 {
                        XCTAssertTrue(page.contains(language == "de" ? "Diese Seite ist für Ihr Konto nicht freigegeben"
                                                                     : "This page is not open to your account"), path)
                    }
                }
            }
        }
    }

    /// Every administration page the router serves has its row above: a
    /// new page under `/verwaltung` cannot be left out of this table.
    func testEveryAdministrationPageIsInTheTable() throws {
        let app = try PageTestApp()
        let pages = app.application.router.routes.filter { $0.method == .get && $0.pattern.hasPrefix("/verwaltung") }
        XCTAssertFalse(pages.isEmpty)
        for route in pages {
            let pattern = route.pattern.split(separator: "/")
            let listed = Self.pages.contains { page in
                let segments = page.path.split(separator: "?")[0].split(separator: "/")
                return segments.count == pattern.count && zip(segments, pattern).allSatisfy { $1.hasPrefix(":") || $0 == $1 }
            }
            XCTAssertTrue(listed, "\(route.pattern) has no row in SignedInRoleTests.pages")
        }
    }

    func testTheHeaderSaysWhoIsSignedIn() throws {
        let app = try PageTestApp()
        let page = try app.browser(signedInAs: "staff-mitte").get("/dienst")
        XCTAssertTrue(page.contains("Angemeldet als <strong>Bürgerbüro Mitte (Demo-Sachbearbeiterin)</strong> (Sachbearbeitung)"))
        XCTAssertFalse(try PageBrowser(app).get("/").contains("Angemeldet als"), "no header without a session")
        let staff = try app.browser(signedInAs: "staff-mitte")
        let desk = try staff.get("/dienst/buergerbuero-mitte/tagesplan?date=2026-11-16")
        XCTAssertEqual(desk.status, 200)
        XCTAssertTrue(desk.contains(#"<form method="post" action="/abmelden""#), "the desk's pages show who is signed in too")
        let out = try staff.post("/abmelden", [])
        XCTAssertEqual(out.status, 303)
        XCTAssertFalse(try staff.get("/").contains("Angemeldet als"), "an ended session shows no header")
    }

    func testStaffOfAnotherOfficeAreRefused() throws {
        let app = try PageTestApp()
        try app.addBoundaryAccounts()
        let callback = try app.application.useCases.callCentre.requestCallback(
            CallbackOrder(officeId: "buergerbuero-mitte", name: "Erika Muster", phone: "0471 123456", topic: "Ausweis", note: ""),
            by: try XCTUnwrap(app.application.useCases.accounts.all().first { $0.username == "agent" })).value
        let nord = try app.browser(signedInAs: PageTestApp.nordStaff)
        XCTAssertEqual(try nord.get("/dienst/buergerbuero-nord/rueckrufe").status, 200)
        XCTAssertEqual(try nord.get("/dienst/buergerbuero-mitte/rueckrufe").status, 403)
        XCTAssertEqual(try nord.get("/dienst/buergerbuero-mitte/vermerke").status, 403)
        XCTAssertEqual(try nord.post("/dienst/buergerbuero-mitte/rueckrufe/\(callback.id)/erledigt", [("note", "x")]).status, 403)
        // The same callback through Nord's address: the use case refuses it too.
        XCTAssertEqual(try nord.post("/dienst/buergerbuero-nord/rueckrufe/\(callback.id)/erledigt", [("note", "x")]).status, 403)
        XCTAssertEqual(try app.application.useCases.callCentre.callbacks(office: "buergerbuero-mitte", status: .open).count, 1)
        let home = try nord.get("/dienst")
        XCTAssertTrue(home.contains("Bürgerbüro Nord"))
        XCTAssertFalse(home.contains("/dienst/buergerbuero-mitte/"))
    }

    func testAnAgentOfAnotherMunicipalityIsRefused() throws {
        let app = try PageTestApp()
        try app.addBoundaryAccounts()
        let booked = try app.bookElsewhere(PageTestApp.at("10:00", on: "2026-11-19"), person: 1)
        let agent = try app.browser(signedInAs: PageTestApp.luebeckAgent)
        let console = try agent.get("/konsole")
        XCTAssertTrue(console.contains("Hansestadt Lübeck"))
        XCTAssertFalse(console.contains("Stadt Bremerhaven"))
        XCTAssertEqual(try agent.get("/konsole?municipality=bremerhaven&services=personalausweis").status, 403)
        let slot = "buergerbuero-mitte|2026-11-19T10:15:00+01:00"
        let book = try agent.post("/konsole/buchen", [("municipality", "luebeck"), ("services", "personalausweis"),
                                                      ("quantity", "1"), ("slot", slot), ("name", "Max Muster"), ("phone", "0471 1")])
        XCTAssertEqual(book.status, 403)
        XCTAssertEqual(try agent.get("/buchungen/\(booked.booking.code.value)").status, 404)
        XCTAssertTrue(try agent.get("/buchungen?q=Andere").contains("0 Termine gefunden"))
        let memo = try agent.post("/konsole/vermerk", [("office", "buergerbuero-mitte"), ("subject", "x"), ("text", "y")])
        XCTAssertEqual(memo.status, 403)
        XCTAssertEqual(try app.application.useCases.callCentre.memos(office: "buergerbuero-mitte").count, 0)
        XCTAssertEqual(try app.useCases.bookings.search("Max Muster", office: nil, date: nil, access: .anyOffice).count, 0)
    }

    func testABookingsPagesAgainstEveryRoleInBothLanguages() throws {
        let app = try PageTestApp()
        try app.addBoundaryAccounts()
        let code = try app.bookElsewhere(PageTestApp.at("10:00", on: "2026-11-19"), person: 4).booking.code.value
        let paths = ["/buchungen/\(code)", "/buchungen/\(code)/vorlesen", "/buchungen/\(code)/verschieben", "/buchungen/\(code)/absagen"]
        // Staff of another office and agents of another municipality do not learn the booking exists.
        let expected = ["agent": 200, "staff-mitte": 200, "admin": 200, PageTestApp.nordStaff: 404, PageTestApp.luebeckAgent: 404]
        for (username, status) in expected {
            let browser = try app.browser(signedInAs: username)
            for path in paths {
                for language in ["de", "en"] {
                    let page = try browser.get(path + "?lang=\(language)")
                    XCTAssertEqual(page.status, status, "\(username) \(path)")
                    XCTAssertEqual(page.header("Cache-Control"), "no-store")
                    XCTAssertTrue(page.contains(#"<html lang="\#(language)">"#))
                    XCTAssertEqual(page.untranslatedKeys, [], "\(path) \(language)")
                }
            }
            if status == 404 {
                for action in ["/buchungen/\(code)/absagen", "/buchungen/\(code)/verschieben"] {
                    XCTAssertEqual(try browser.post(action, [("start", "2026-11-19T10:30:00+01:00")]).status, 404, "\(username) \(action)")
                }
            }
        }
        for path in paths { XCTAssertEqual(try PageBrowser(app).get(path).status, 303, path) }
        XCTAssertEqual(try app.useCases.bookings.booking(BookingCode(parsing: code)!, access: .anyOffice).status, .confirmed)
    }

    func testEveryFormOfTheConsoleRefusesAPostWithoutItsToken() throws {
        let app = try PageTestApp()
        let agent = try app.browser(signedInAs: "agent")
        let staff = try app.browser(signedInAs: "staff-mitte")
        let code = try app.bookElsewhere(PageTestApp.at("10:00", on: "2026-11-19"), person: 5).booking.code.value
        let forms: [(PageBrowser, String, [(String, String)])] = [
            (agent, "/konsole/buchen", [("municipality", "bremerhaven"), ("services", "personalausweis"),
                                        ("slot", "buergerbuero-mitte|2026-11-19T10:30:00+01:00"), ("name", "Max"), ("phone", "0471 1")]),
            (agent, "/konsole/rueckruf", [("office", "buergerbuero-mitte"), ("name", "Max"), ("phone", "0471 1"), ("topic", "T")]),
            (agent, "/konsole/vermerk", [("office", "buergerbuero-mitte"), ("subject", "S"), ("text", "T")]),
            (agent, "/buchungen/\(code)/verschieben", [("start", "2026-11-19T10:30:00+01:00")]),
            (agent, "/buchungen/\(code)/absagen", []),
            (staff, "/abmelden", []),
        ]
        for (browser, action, fields) in forms {
            XCTAssertEqual(try browser.post(action, fields, csrf: .some(nil)).status, 403, action)
            XCTAssertEqual(try browser.post(action, fields, csrf: String(repeating: "A", count: 43)).status, 403, action)
        }
        let booking = try app.useCases.bookings.booking(BookingCode(parsing: code)!, access: .anyOffice)
        XCTAssertEqual(booking.status, .confirmed)
        XCTAssertEqual(RFC3339.format(booking.start, in: .europeBerlin), "2026-11-19T10:00:00+01:00")
        XCTAssertEqual(try app.useCases.bookings.search("Max", office: nil, date: nil, access: .anyOffice).count, 0)
        XCTAssertEqual(try app.application.useCases.callCentre.callbacks(office: "buergerbuero-mitte").count, 0)
        XCTAssertEqual(try app.application.useCases.callCentre.memos(office: "buergerbuero-mitte").count, 0)
        XCTAssertNotNil(staff.sessionToken.flatMap { try? app.application.useCases.accounts.account(forSession: $0) })
    }
}
