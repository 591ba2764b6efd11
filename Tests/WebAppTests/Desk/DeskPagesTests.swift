@testable import Core
import Foundation
import Scheduling
import WebApp
import XCTest

/// The desk pages as staff use them, without JavaScript: buttons on the
/// schedule, the walk-in form, the queue, the feed, the print view.
final class DeskPagesTests: XCTestCase {
    let base = "/dienst/buergerbuero-mitte"

    func staffBrowser(_ app: PageTestApp) throws -> PageBrowser {
        let browser = PageBrowser(app)
        browser.cookies["__Host-terminbuch-session"] = try app.session("staff-mitte")
        return browser
    }

    /// The desk is behind the same sign-in as every signed-in page: a clerk
    /// who opens a day's schedule without a session signs in and lands on
    /// that day's schedule, not on the start page.
    func testSigningInLeadsBackToTheScheduleAsked() throws {
        let app = try PageTestApp()
        _ = try app.bookMonday("10:00", person: 1)
        let browser = PageBrowser(app)
        let asked = base + "/tagesplan?date=2026-11-16"
        let refused = try browser.get(asked)
        XCTAssertEqual(refused.status, 303)
        let form = try browser.follow(refused)
        XCTAssertEqual(form.status, 200)
        XCTAssertEqual(form.hiddenFields(of: "/anmelden").first { $0.0 == "weiter" }?.1, asked)
        let back = try browser.submit(form, "/anmelden", [("username", "staff-mitte"), ("password", "demo")])
        XCTAssertEqual(back.location, asked)
        let schedule = try browser.follow(back)
        XCTAssertEqual(schedule.status, 200)
        XCTAssertTrue(schedule.contains("Andere Person 1"))
    }

    /// The desk switches language like every page, the services' texts with it.
    func testTheScheduleInEnglishNamesServicesAndDocumentsInEnglish() throws {
        let app = try PageTestApp()
        _ = try app.bookMonday("10:00", person: 1)
        let browser = try staffBrowser(app)
        let german = try browser.get(base + "/tagesplan?date=2026-11-16")
        XCTAssertTrue(german.contains("Personalausweis beantragen") && german.contains("Bisheriger Personalausweis"))
        let english = try browser.get(base + "/tagesplan?date=2026-11-16&lang=en")
        XCTAssertEqual(english.status, 200)
        XCTAssertTrue(english.contains("Apply for an identity card"), english.html)
        XCTAssertTrue(english.contains("Your current identity card or passport, even if expired"))
        XCTAssertFalse(english.contains("Bisheriger Personalausweis"))
    }

    func testScheduleButtonsCheckInAndRefuseANoShowBeforeTheStart() throws {
        let app = try PageTestApp()
        let early = try app.bookMonday("10:00", person: 1).value
        let later = try app.bookMonday("11:00", person: 2).value
        app.clock.set(PageTestApp.at("09:50"))
        let browser = try staffBrowser(app)
        let schedule = try browser.get(base + "/tagesplan?date=2026-11-16")
        XCTAssertEqual(schedule.status, 200)
        XCTAssertTrue(schedule.title.hasPrefix("Tagesplan Montag, 16. November 2026"), schedule.title)
        XCTAssertTrue(schedule.contains(#"id="checkIn-\#(early)""#))
        XCTAssertFalse(schedule.contains(#"id="noShow-\#(early)""#), "no-show is offered only once the appointment has begun")
        XCTAssertEqual(schedule.header("Cache-Control"), "no-store")

        let checkedIn = try browser.follow(try browser.submit(schedule, base + "/termine/\(early)/ankunft"))
        XCTAssertTrue(checkedIn.contains("\(early) ist angekommen."))
        XCTAssertTrue(checkedIn.contains(#"id="complete-\#(early)""#))
        let refused = try browser.post(base + "/termine/\(later)/nicht-erschienen", [("date", "2026-11-16")])
        XCTAssertEqual(refused.status, 409)
        XCTAssertTrue(refused.contains("Der Termin beginnt erst um 11:00 Uhr"), refused.html)
        XCTAssertEqual(try app.useCases.bookings.booking(BookingCode(parsing: later)!, access: .anyOffice).status, .confirmed)
    }

    func testWalkInFormIssuesATicketAndSaysWhenTheQuotaIsUsedUp() throws {
        let app = try PageTestApp()
        app.clock.set(PageTestApp.at("11:00"))
        let browser = try staffBrowser(app)
        let form = try browser.get(base + "/wartenummer")
        XCTAssertTrue(form.contains(#"id="walk-in-form""#) && form.contains(#"id="services-personalausweis""#))
        let empty = try browser.submit(form, base + "/wartenummer", [("quantity", "1")])
        XCTAssertEqual(empty.status, 422)
        XCTAssertEqual(empty.errorSummary, ["Wählen Sie mindestens eine Dienstleistung aus."])

        let issued = try browser.submit(form, base + "/wartenummer", [("services", "personalausweis"), ("quantity", "1")])
        XCTAssertEqual(issued.status, 201)
        XCTAssertTrue(issued.contains(#"<p class="panel__code" id="walk-in-number">W-001</p>"#), issued.html)
        XCTAssertTrue(issued.contains("Voraussichtlicher Aufruf: 11:00 Uhr"), issued.html)
        let again = try browser.submit(form, base + "/wartenummer", [("services", "personalausweis"), ("quantity", "1")])
        XCTAssertTrue(again.contains(#"id="walk-in-number">W-001</p>"#), "a second click shows the same ticket: \(again.html)")
        XCTAssertEqual(try app.useCases.walkIns.tickets(office: "buergerbuero-mitte", date: LocalDate("2026-11-16")!).count, 1)
        let changed = try browser.submit(form, base + "/wartenummer", [("services", "reisepass"), ("quantity", "1")])
        XCTAssertEqual(changed.status, 409)
        XCTAssertEqual(changed.errorSummary, ["Dieses Formular hat schon eine andere Wartenummer ausgegeben. Bitte wählen Sie die Dienstleistungen noch einmal."])
        let next = try browser.submit(try browser.get(base + "/wartenummer"), base + "/wartenummer",
                                      [("services", "personalausweis"), ("quantity", "1")])
        XCTAssertTrue(next.contains(#"id="walk-in-number">W-002</p>"#), "a new form draws the next number: \(next.html)")

        while (try? app.useCases.walkIns.issue(office: "buergerbuero-mitte", services: [RequestedService(serviceId: "personalausweis")],
                                                 caller: Caller(channel: .desk)).value) != nil {}
        let exhausted = try browser.submit(try browser.get(base + "/wartenummer"), base + "/wartenummer",
                                           [("services", "personalausweis"), ("quantity", "1")])
        XCTAssertEqual(exhausted.status, 409)
        XCTAssertTrue(exhausted.contains("Nächster Tag mit Wartenummern: Dienstag, 17. November 2026."), exhausted.html)
    }

    func testQueueCallsNextAndTheBoardShowsTheNumber() throws {
        let app = try PageTestApp()
        app.clock.set(PageTestApp.at("09:00"))
        let ticket = try app.useCases.walkIns.issue(office: "buergerbuero-mitte", services: [RequestedService(serviceId: "personalausweis")],
                                                      caller: Caller(channel: .desk)).value
        let browser = try staffBrowser(app)
        let queue = try browser.get(base + "/warteschlange")
        XCTAssertTrue(queue.contains(#"id="walk-in-W-001""#))
        let called = try browser.follow(try browser.submit(queue, base + "/warteschlange/aufrufen"))
        XCTAssertTrue(called.contains("Aufgerufen: \(ticket.label)"), called.html)
        XCTAssertTrue(called.contains(#"id="done-W-001""#))
        let board = try PageBrowser(app).get("/warten/buergerbuero-mitte")
        XCTAssertTrue(board.contains(#"<meta http-equiv="refresh" content="30">"#))
        XCTAssertTrue(board.contains(#"id="board-last-called">W-001</p>"#), board.html)
        let nobody = try browser.follow(try browser.submit(called, base + "/warteschlange/aufrufen"))
        XCTAssertTrue(nobody.contains("Niemand wartet."))
        let done = try browser.follow(try browser.submit(nobody, base + "/wartenummern/W-001/erledigt"))
        XCTAssertFalse(done.contains(#"id="done-W-001""#))
    }

    func testACalledAppointmentIsCompletedFromTheQueue() throws {
        let app = try PageTestApp()
        let code = try app.bookMonday("09:00", person: 1)
        app.clock.set(PageTestApp.at("09:02"))
        _ = try app.useCases.frontDesk.checkIn(code, access: .anyOffice, caller: Caller(channel: .desk, username: "staff-mitte"))
        let browser = try staffBrowser(app)
        let called = try browser.follow(try browser.submit(try browser.get(base + "/warteschlange"), base + "/warteschlange/aufrufen"))
        XCTAssertTrue(called.contains("Aufgerufen: \(code.value)"), called.html)
        let completed = try browser.submit(called, base + "/termine/\(code.value)/erledigt")
        XCTAssertEqual(completed.location, base + "/warteschlange")
        XCTAssertEqual(try app.useCases.bookings.booking(code, access: .anyOffice).status, .completed)
        XCTAssertFalse(try browser.follow(completed).contains("id=\"complete-\(code.value)\""))
    }

    func testCalendarFeedIsCreatedShownOnceAndRevoked() throws {
        let app = try PageTestApp()
        _ = try app.bookMonday("10:00", person: 1)
        let browser = try staffBrowser(app)
        let schedule = try browser.get(base + "/tagesplan")
        XCTAssertTrue(schedule.contains("Aktive Abo-Adressen: 0"))
        let created = try browser.submit(schedule, base + "/kalender-abo")
        let path = try XCTUnwrap(matches(#"id="feed-url" href="(/feeds/[A-Za-z0-9_-]{43}\.ics)""#, in: created.html).first?.first)
        // In full, for a calendar program: without a public URL, on the address the request reached.
        XCTAssertTrue(created.contains(">http://localhost\(path)</a>"), created.html)
        XCTAssertTrue(created.contains("id=\"feed-webcal\" href=\"webcal://localhost\(path)\""), "a click subscribes: \(created.html)")
        XCTAssertTrue(created.contains("id=\"feed-no-public-url\">Für diesen Server ist keine öffentliche Adresse eingestellt"),
                      "says the address may not reach other machines: \(created.html)")
        let feed = try PageBrowser(app).get(path)
        XCTAssertEqual(feed.status, 200)
        XCTAssertEqual(feed.header("Content-Type"), "text/calendar; charset=utf-8")
        XCTAssertTrue(feed.contains("SUMMARY:Andere Person 1 – Personalausweis beantragen"), feed.html)
        XCTAssertTrue(feed.contains("BEGIN:VTIMEZONE"))
        let stored = try app.application.store.read { try $0.scalar("SELECT count(*) FROM feed_tokens", as: Int.self) }
        XCTAssertEqual(stored, 1)
        XCTAssertFalse(try browser.get(base + "/tagesplan").contains(path), "the address is shown once")
        _ = try browser.submit(try browser.get(base + "/tagesplan"), base + "/kalender-abo/widerrufen")
        XCTAssertEqual(try PageBrowser(app).get(path).status, 404)
    }

    /// Behind a proxy the request's `Host` is whatever reached us (here
    /// `localhost`): the address a calendar program is given is the public one.
    func testTheNewFeedAddressIsOnThePublicURLNotTheRequestsHost() throws {
        let app = try PageTestApp(publicURL: try PublicURL(parsing: "https://termine.example.de"))
        let browser = try staffBrowser(app)
        let created = try browser.submit(try browser.get(base + "/tagesplan"), base + "/kalender-abo")
        let path = try XCTUnwrap(matches(#"id="feed-url" href="(/feeds/[A-Za-z0-9_-]{43}\.ics)""#, in: created.html).first?.first)
        XCTAssertTrue(created.contains(">https://termine.example.de\(path)</a>"), created.html)
        XCTAssertTrue(created.contains("id=\"feed-webcal\" href=\"webcal://termine.example.de\(path)\""), created.html)
        XCTAssertFalse(created.contains("feed-no-public-url"), "nothing to warn about: \(created.html)")
        XCTAssertFalse(created.contains("localhost"), created.html)
        XCTAssertEqual(created.header("Strict-Transport-Security"), "max-age=31536000; includeSubDomains")
    }

    func testCalendarFeedsSayWhenTheyExpireAndAreRenewedFromTheSchedule() throws {
        let app = try PageTestApp()
        let browser = try staffBrowser(app)
        let created = try browser.submit(try browser.get(base + "/tagesplan"), base + "/kalender-abo")
        let path = try XCTUnwrap(matches(#"id="feed-url" href="(/feeds/[A-Za-z0-9_-]{43}\.ics)""#, in: created.html).first?.first)
        let schedule = try browser.get(base + "/tagesplan")
        XCTAssertTrue(schedule.contains("die erste am Dienstag, 16. November 2027"), schedule.html)
        XCTAssertNotNil(schedule.form(base + "/kalender-abo/verlaengern"))

        app.clock.set(PageTestApp.now.adding(seconds: 300 * 86_400))  // Sunday 12 September 2027; the session is long gone: sign in again
        let later = try staffBrowser(app)
        let renewed = try later.submit(try later.get(base + "/tagesplan"), base + "/kalender-abo/verlaengern")
        XCTAssertEqual(renewed.status, 303)
        let after = try later.follow(renewed)
        XCTAssertTrue(after.contains("die erste am Montag, 11. September 2028"), after.html)
        app.clock.set(PageTestApp.now.adding(seconds: CalendarFeeds.lifetimeSeconds + 86_400))
        XCTAssertEqual(try PageBrowser(app).get(path).status, 200, "renewed: past its first year")
    }

    func testPrintViewHasNoNavigationAndOnePagePerDay() throws {
        let app = try PageTestApp()
        _ = try app.bookMonday("10:00", person: 1)
        _ = try app.bookMonday("10:15", person: 2)
        let browser = try staffBrowser(app)
        let print = try browser.get(base + "/tagesplan/druck?date=2026-11-16&days=2")
        XCTAssertEqual(print.status, 200)
        XCTAssertFalse(print.contains("site-header") || print.contains("<nav"))
        XCTAssertEqual(matches(#"<section class="print-day">"#, in: print.html).count, 2)
        XCTAssertTrue(print.contains("Andere Person 1") && print.contains("Andere Person 2"))
        let documents = try XCTUnwrap(app.useCases.catalogue().service("personalausweis")?.documents)
        let monday = print.html.components(separatedBy: #"<section class="print-day">"#)[1]
        XCTAssertEqual(matches(NSRegularExpression.escapedPattern(for: documents.joined(separator: "; ")), in: monday).count, 1,
                       "what to bring is listed once per service and day, not in every row: \(monday)")
        let css = try String(contentsOf: PageTestApp.root.appendingPathComponent("Public/css/terminbuch.css"), encoding: .utf8)
        XCTAssertTrue(css.contains("@page { size: A4") && css.contains("break-after: page"))
        browser.acceptLanguage = "en"
        let english = try browser.get(base + "/tagesplan?lang=en")
        XCTAssertTrue(english.title.hasPrefix("Day schedule"), english.title)
    }
}
