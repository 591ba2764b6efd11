@testable import Core
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import HTTPServer
import Scheduling
import XCTest
@testable import WebApp

/// The office pages for closures, counters, the list to contact and the
/// statistics, through the router: who may open them, errors next to the
/// fields, changes that show at once, and charts that are real SVG.
final class OfficeChangePagesTests: XCTestCase {
    static let office: OfficeID = "buergerbuero-mitte"
    static let day = "2026-12-08"  // a Tuesday three weeks after the test Monday: no demo bookings
    var app: PageTestApp!

    override func setUpWithError() throws { app = try PageTestApp() }

    /// A browser with a session of `username` (made straight through `Accounts`, not a sign-in form).
    func browser(_ username: String?) throws -> PageBrowser {
        let browser = PageBrowser(app)
        guard let username else { return browser }
        let account = try XCTUnwrap(try app.application.useCases.accounts.all().first { $0.username == username })
        browser.cookies["__Host-terminbuch-session"] = try app.application.useCases.accounts.startSession(for: account).token
        return browser
    }

    func path(_ page: String, office: OfficeID = office) -> String { "/dienst/\(office)/\(page)" }

    func testOnlyTheOfficesStaffAndAdminsOpenThePages() throws {
        try app.application.useCases.accounts.create(username: "staff-nord", displayName: "Nord", password: "demo", role: .staff,
                                            officeIds: ["buergerbuero-nord"])
        let pages = ["schliesstage", "kapazitaet", "nachfassen", "nicht-zugestellt", "statistik", "statistik.csv"]
        let forms = ["schliesstage", "kapazitaet", "schliesstage/mitte-personalversammlung/entfernen",
                     "kapazitaet/capacity-x/entfernen", "nachfassen/K7M-4QX-9TD/erledigt", "nachfassen/K7M-4QX-9TD/absagen"]
        // The signed-in pages' guard: anonymous → the sign-in page and back, anyone else → the 403 page.
        for (who, expected) in [(nil, 303), ("agent", 403), ("staff-nord", 403), ("staff-mitte", 200), ("admin", 200)] as [(String?, Int)] {
            let browser = try self.browser(who)
            for page in pages {
                let answer = try browser.get(path(page))
                XCTAssertEqual(answer.status, expected, "\(who ?? "anonymous") GET \(page)")
                XCTAssertEqual(answer.header("Cache-Control"), "no-store", "\(who ?? "anonymous") \(page)")
                if expected == 200 { XCTAssertEqual(answer.header("Referrer-Policy"), "no-referrer") }
                if expected == 303 { XCTAssertEqual(answer.location, PageLink.make("/anmelden", [("weiter", path(page))])) }
                if expected == 403 { XCTAssertTrue(answer.contains("Diese Seite ist für Ihr Konto nicht freigegeben"), "the shared 403 page") }
            }
            guard expected != 200 else { continue }
            _ = try browser.get("/")  // the CSRF cookie, so the role is what refuses
            for form in forms {
                let answer = try browser.post(path(form), [("reason", "x")])
                XCTAssertEqual(answer.status, expected, "\(who ?? "anonymous") POST \(form)")
                if expected == 303 { XCTAssertEqual(answer.location, "/anmelden", form) }
            }
        }
        XCTAssertTrue(try app.application.store.catalogue().setup(Self.office)!.closures.contains { $0.id == "mitte-personalversammlung" },
                      "no refused post removed anything")
        XCTAssertEqual(try browser("staff-mitte").get(path("statistik", office: "nirgendwo")).status, 404)
        XCTAssertEqual(try browser("admin").get(path("statistik", office: "nirgendwo")).status, 404)
        let home = try browser("staff-mitte").get("/dienst")
        XCTAssertTrue(home.links.contains(path("schliesstage")) && home.links.contains(path("statistik")), "linked from the staff start page")
    }

    func testClosureFormShowsErrorsNextToTheFieldsAndWritesNothing() throws {
        let browser = try self.browser("staff-mitte")
        let before = try app.application.store.catalogue().setup(Self.office)!.closures
        _ = try browser.get(path("schliesstage"))
        let answer = try browser.post(path("schliesstage"), [("from", "2026-12-09"), ("through", "2026-12-08"),
                                                            ("fromTime", "10:00"), ("toTime", ""), ("reason", "  ")])
        XCTAssertEqual(answer.status, 422)
        XCTAssertTrue(answer.title.hasPrefix("Fehler:"), answer.title)
        XCTAssertEqual(answer.errorSummary, ["Geben Sie beide Uhrzeiten ein oder keine.",
                                             "Das Ende darf nicht vor dem Anfang liegen.", "Geben Sie einen Grund an."])
        XCTAssertTrue(answer.contains(#"<p class="error-message" id="through-error">"#))
        XCTAssertTrue(answer.contains(#"aria-describedby="through-hint through-error""#))
        XCTAssertTrue(answer.contains(#"id="toTime-error""#))
        XCTAssertTrue(answer.contains(#"value="2026-12-09""#), "what was typed stays")
        let past = try browser.post(path("schliesstage"), [("from", "2026-11-01"), ("reason", "Zu spät")])
        XCTAssertEqual(past.errorSummary, ["Das Datum darf nicht in der Vergangenheit liegen."])
        let malformed = try browser.post(path("schliesstage"), [("from", "9.13.2026"), ("fromTime", "25:00"), ("toTime", "26:00"), ("reason", "x")])
        XCTAssertEqual(malformed.errorSummary.count, 3)
        XCTAssertEqual(try app.application.store.catalogue().setup(Self.office)!.closures, before)
    }

    func testCapacityRangeFormShowsErrorsNextToTheLastDayAndWritesNothing() throws {
        let browser = try self.browser("staff-mitte")
        _ = try browser.get(path("kapazitaet"))
        let reversed = try browser.post(path("kapazitaet"), [("date", "2026-12-09"), ("through", "2026-12-08"), ("counters", "2")])
        XCTAssertEqual(reversed.status, 422)
        XCTAssertEqual(reversed.errorSummary, ["Das Ende darf nicht vor dem Anfang liegen."])
        XCTAssertTrue(reversed.contains(#"<p class="error-message" id="through-error">"#), reversed.html)
        XCTAssertTrue(reversed.contains(#"aria-describedby="through-hint through-error""#))
        XCTAssertTrue(reversed.contains(#"value="2026-12-08""#), "what was typed stays")
        // The demo office books 42 days ahead: 17 November to 29 December is 43 days.
        let tooLong = try browser.post(path("kapazitaet"), [("date", "2026-11-17"), ("through", "29.12.2026"), ("counters", "2")])
        XCTAssertEqual(tooLong.status, 422)
        XCTAssertEqual(tooLong.errorSummary, ["Der Zeitraum darf nicht länger sein als der Buchungszeitraum des Standorts."])
        XCTAssertTrue(tooLong.contains(#"id="through-error""#))
        let weekend = try browser.post(path("kapazitaet"), [("date", "2026-12-12"), ("through", "2026-12-13"), ("counters", "2")])
        XCTAssertEqual(weekend.errorSummary, ["In diesem Zeitraum hat der Standort keinen Öffnungstag."])
        let malformed = try browser.post(path("kapazitaet"), [("date", "2026-12-07"), ("through", "bald"), ("counters", "2")])
        XCTAssertEqual(malformed.errorSummary, ["Geben Sie das Datum als Tag.Monat.Jahr ein, z. B. 01.12.2026."])
        XCTAssertEqual(try app.application.useCases.officeChanges.capacityChanges(office: Self.office), [], "nothing written")

        let saved = try browser.post(path("kapazitaet"), [("date", "2026-12-07"), ("through", "2026-12-13"), ("counters", "2")])
        XCTAssertEqual(saved.status, 303)
        let listed = try browser.follow(saved)
        for day in ["7. Dezember", "8. Dezember", "9. Dezember", "10. Dezember", "11. Dezember"] {
            XCTAssertTrue(listed.contains(day), "\(day): \(listed.html)")
        }
        XCTAssertFalse(listed.contains("12. Dezember") || listed.contains("13. Dezember"), "the weekend has no counters")
    }

    func testClosureAndCapacityChangeShowAtOnceAndListTheirBookings() throws {
        let nine = PageTestApp.at("09:00", on: Self.day), ten = PageTestApp.at("10:00", on: Self.day)
        let first = try app.bookElsewhere(ten, person: 1)
        let browser = try self.browser("staff-mitte")
        _ = try browser.get(path("schliesstage"))
        let saved = try browser.post(path("schliesstage"), [("from", "8.12.2026"), ("fromTime", "10:00"), ("toTime", "11:00"),
                                                           ("reason", "Schulung")])
        XCTAssertEqual(saved.status, 303)
        let list = try browser.follow(saved)
        XCTAssertTrue(list.contains("1 gebuchte Termine sind betroffen"), list.html)
        XCTAssertTrue(list.contains("Schulung"))
        XCTAssertTrue(list.contains("10:00 bis 11:00 Uhr"))
        let starts = try app.useCases.availability.starts(office: Self.office, services: [RequestedService(serviceId: "personalausweis")],
                                                 date: LocalDate(Self.day)!, caller: .citizen).starts.map(\.start)
        XCTAssertFalse(starts.contains(ten) || starts.contains(ten.adding(minutes: 45)))

        for person in 2...3 { try app.bookElsewhere(nine, person: person) }
        _ = try browser.post(path("kapazitaet"), [("date", Self.day), ("counters", "-1")])
        let bad = try browser.post(path("kapazitaet"), [("date", Self.day), ("counters", "-1")])
        XCTAssertEqual(bad.status, 422)
        XCTAssertTrue(bad.contains(#"id="counters-error""#))
        let cut = try browser.follow(try browser.post(path("kapazitaet"), [("date", Self.day), ("fromTime", "09:00"), ("toTime", "09:30"),
                                                                          ("counters", "2"), ("reason", "Krankheit")]))
        XCTAssertTrue(cut.contains("1 gebuchte Termine sind betroffen"), cut.html)
        XCTAssertTrue(cut.contains("Krankheit"))

        let todo = try browser.get(path("nachfassen"))
        XCTAssertEqual(todo.status, 200)
        XCTAssertTrue(todo.contains(first.booking.code.value))
        XCTAssertTrue(todo.contains("andere1@example.de"))
        XCTAssertTrue(todo.contains("Schließung") && todo.contains("Zu wenige Schalter") && todo.contains("Online"))
        let listed = matches(#"<td class="booking-code">([^<]*)</td>"#, in: todo.html).map { $0[0] }
        XCTAssertEqual(listed.count, 2)

        _ = try browser.post(path("nachfassen/\(first.booking.code.value)/erledigt"), [])
        let other = try XCTUnwrap(listed.first { $0 != first.booking.code.value })
        _ = try browser.post(path("nachfassen/\(other)/absagen"), [])
        XCTAssertTrue(try browser.get(path("nachfassen")).contains("Keine Termine zum Nachfassen."))
        XCTAssertEqual(try app.useCases.bookings.booking(BookingCode(parsing: other)!, access: .anyOffice).status, .cancelled)
        XCTAssertEqual(try app.useCases.bookings.booking(first.booking.code, access: .anyOffice).status, .confirmed,
                       "handled, not cancelled")
    }

    func testStatisticsChartsAreWellFormedSVGWithTheirData() throws {
        // Online may take two of the three bookable counters at 09:00 (one is the phone's until a day before).
        for person in 1...2 { try app.bookElsewhere(PageTestApp.at("09:00", on: Self.day), person: person) }
        _ = try app.useCases.bookings.book(BookingOrder(officeId: Self.office, services: [RequestedService(serviceId: "personalausweis")],
                                                   start: PageTestApp.at("09:00", on: Self.day),
                                                   contact: Contact(name: "Anruferin", phone: "0471 123456")),
                                      caller: Caller(channel: .phone, username: "agent"))
        let browser = try self.browser("staff-mitte")
        let page = try browser.get(path("statistik") + "?from=2026-12-07&to=2026-12-13")
        XCTAssertEqual(page.status, 200)
        let svgs = matches(#"<svg[\s\S]*?</svg>"#, in: page.html).map { $0[0] }
        XCTAssertEqual(svgs.count, 4, "channels, outcomes, walk-ins, utilisation")
        for svg in svgs {
            let parser = XMLParser(data: Data(svg.utf8))
            XCTAssertTrue(parser.parse(), "not well-formed: \(parser.parserError.map(String.init(describing:)) ?? "") \(svg.prefix(300))")
            XCTAssertTrue(svg.contains(#"role="img""#) && svg.contains("<title id=") && svg.contains("<desc id="))
        }
        XCTAssertTrue(svgs[0].contains("Online: 2, Telefon: 1, Vor Ort: 0"), "the description carries the data")
        XCTAssertTrue(svgs[0].contains(">2</text>") && svgs[0].contains(">1</text>"))
        XCTAssertTrue(svgs[3].contains(">25 %</text>"), "Tuesday 9–10: 3 of 12 bookable counters")
        XCTAssertTrue(page.contains("25 % (3 von 12)"), "the table under the heat map")
        XCTAssertTrue(svgs[2].contains("Wartenummern: 0, Aufgerufen: 0"))

        let csvLink = try XCTUnwrap(page.links.first { $0.contains("statistik.csv") })
        let csv = try browser.get(csvLink)
        XCTAssertEqual(csv.status, 200)
        XCTAssertEqual(csv.header("Content-Type"), "text/csv; charset=utf-8; header=present")
        let lines = csv.html.components(separatedBy: "\r\n")
        XCTAssertEqual(lines.first, "figure,group,value,base")
        XCTAssertTrue(lines.contains("bookings,online,2,3"))
        XCTAssertTrue(lines.contains("walkIns,tickets,0,"))
        XCTAssertTrue(lines.contains("utilisation,tuesday 09:00,3,12"))

        let wrong = try browser.get(path("statistik") + "?from=2026-12-13&to=2026-12-07")
        XCTAssertEqual(wrong.status, 422)
        XCTAssertEqual(wrong.errorSummary, ["Das Ende darf nicht vor dem Anfang liegen."])
        XCTAssertTrue(wrong.contains(#"id="to-error""#))
        browser.acceptLanguage = "en"
        XCTAssertTrue(try browser.get(path("statistik")).contains("Utilisation by weekday and hour"))
    }

    func testWalkInsShowAsAChartOnceTicketsAreRecorded() throws {
        // One ticket of the front desk, called after 12 minutes.
        let issued = PageTestApp.at("08:00", on: Self.day).secondsSinceEpoch
        try app.application.store.write { db in
            try db.run("""
                INSERT INTO walk_in_tickets(office_id, local_date, number, services, issued_at, start, end, estimated_call_at,
                    status, called_at) VALUES (?, ?, 1, 'personalausweis', ?, ?, ?, ?, 'done', ?)
                """, [Self.office, Self.day, issued, issued, issued + 900, issued, issued + 12 * 60])
        }
        let page = try browser("admin").get(path("statistik") + "?from=\(Self.day)&to=\(Self.day)")
        let svgs = matches(#"<svg[\s\S]*?</svg>"#, in: page.html).map { $0[0] }
        XCTAssertEqual(svgs.count, 4)
        let walkIns = try XCTUnwrap(svgs.first { $0.contains(#"id="chart-walk-ins""#) })
        XCTAssertTrue(XMLParser(data: Data(walkIns.utf8)).parse())
        XCTAssertTrue(walkIns.contains("Wartenummern: 1, Aufgerufen: 1"))
        XCTAssertTrue(page.contains("12 Min."), "the mean wait in the table")
        XCTAssertTrue(page.contains("Zahlen als CSV herunterladen"))
    }
}
