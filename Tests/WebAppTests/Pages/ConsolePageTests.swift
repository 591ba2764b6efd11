import Core
import Foundation
import Scheduling
import XCTest

/// The agent console: next free times per office for the phone channel,
/// booking for a caller, the read-back panel, finding the booking again,
/// moving and cancelling it on the caller's behalf, the catalogue answers.
final class ConsolePageTests: XCTestCase {
    static let thursday = "2026-11-19"
    static let request = "/konsole?municipality=bremerhaven&services=personalausweis&quantity=1&from=\(thursday)"

    func testTheConsoleShowsEveryOfficeSideBySideWithThePhoneReserve() throws {
        let app = try PageTestApp()
        // Two online bookings fill what online may take at 8:00 on Thursday;
        // the third bookable counter is the phone reserve, still unreleased.
        let eight = PageTestApp.at("08:00", on: Self.thursday)
        try app.bookElsewhere(eight, person: 1)
        try app.bookElsewhere(eight, person: 2)
        let online = try app.useCases.availability.starts(office: "buergerbuero-mitte", services: [RequestedService(serviceId: "personalausweis")],
                                                 date: LocalDate(Self.thursday)!, caller: .citizen)
        XCTAssertFalse(online.starts.contains { $0.start == eight }, "precondition: online cannot have 8:00")
        let console = try app.browser(signedInAs: "agent").get(Self.request)
        XCTAssertEqual(console.status, 200)
        XCTAssertEqual(console.title, "Bürgertelefon – Terminbuch")
        XCTAssertTrue(console.contains("<legend>Bürgerbüro Mitte</legend>"))
        XCTAssertTrue(console.contains("<legend>Bürgerbüro Nord</legend>"))
        XCTAssertFalse(console.contains("<legend>Kfz-Zulassungsstelle</legend>"), "only offices offering the service")
        XCTAssertTrue(console.radioValues("slot").contains("buergerbuero-mitte|2026-11-19T08:00:00+01:00"),
                      "the phone channel gets the reserve: \(console.radioValues("slot").prefix(3))")
        XCTAssertTrue(console.contains("Donnerstag, 19. November 2026"))
    }

    func testBookingForACallerEndsWithTheReadBackPanel() throws {
        let app = try PageTestApp()
        let agent = try app.browser(signedInAs: "agent")
        let console = try agent.get(Self.request)
        let slot = try XCTUnwrap(console.radioValues("slot").first { $0.hasPrefix("buergerbuero-mitte|") })
        let readBack = try agent.submit(console, "/konsole/buchen",
                                        [("slot", slot), ("name", "Max Anrufer"), ("phone", "0471 555 12 34"), ("email", "")])
        XCTAssertEqual(readBack.status, 200, String(readBack.html.prefix(600)))
        XCTAssertEqual(readBack.header("Cache-Control"), "no-store")
        let spelled = try XCTUnwrap(matches(#"<span class="read-back__code">([^<]*)</span>"#, in: readBack.html).first?.first)
        XCTAssertNotNil(spelled.range(of: #"^\w \w \w – \w \w \w – \w \w \w$"#, options: .regularExpression), spelled)
        let code = try XCTUnwrap(BookingCode(parsing: spelled.replacingOccurrences(of: " – ", with: "-").replacingOccurrences(of: " ", with: "")))
        XCTAssertTrue(readBack.contains("Donnerstag, 19. November 2026, 8:00 Uhr") || readBack.contains("Donnerstag, 19. November 2026"))
        XCTAssertTrue(readBack.contains("Hinrich-Schmalfeldt-Straße 42, 27576 Bremerhaven"))
        XCTAssertTrue(readBack.contains("Bitte mitbringen"))
        XCTAssertTrue(readBack.contains("Max Anrufer, 0471 555 12 34"))
        let booked = try app.useCases.bookings.booking(code, access: .anyOffice)
        XCTAssertEqual(booked.channel, .phone)
        XCTAssertEqual(booked.createdBy, "agent")
        XCTAssertEqual(RFC3339.format(booked.start, in: .europeBerlin), String(slot.split(separator: "|")[1]))
        // Sent again (a reload), the same idempotency key answers with the same booking.
        let again = try agent.submit(console, "/konsole/buchen",
                                     [("slot", slot), ("name", "Max Anrufer"), ("phone", "0471 555 12 34"), ("email", "")])
        XCTAssertTrue(again.contains(spelled))
        XCTAssertEqual(try app.useCases.bookings.search("Max Anrufer", office: nil, date: nil, access: .anyOffice).count, 1)
        let english = try agent.get("/buchungen/\(code.value)/vorlesen?lang=en")
        XCTAssertTrue(english.contains("Appointment to read out"))
        XCTAssertTrue(english.contains("Thursday 19 November 2026"))
        XCTAssertEqual(english.untranslatedKeys, [])
    }

    /// The caller already has this time here: the agent is told so next to
    /// the contact, with the link to that booking's staff page.
    func testACallersSecondBookingAtTheSameTimeLinksToTheFirst() throws {
        let app = try PageTestApp()
        let agent = try app.browser(signedInAs: "agent")
        let slot = try XCTUnwrap(try agent.get(Self.request).radioValues("slot").first { $0.hasPrefix("buergerbuero-mitte|") })
        let fields = [("slot", slot), ("name", "Max Anrufer"), ("phone", "0471 555 12 34"), ("email", "")]
        _ = try agent.submit(try agent.get(Self.request), "/konsole/buchen", fields)
        let first = try XCTUnwrap(try app.useCases.bookings.search("Max Anrufer", office: nil, date: nil, access: .anyOffice).first)
        // A new console page draws a new idempotency key: a second request.
        let refused = try agent.submit(try agent.get(Self.request), "/konsole/buchen",
                                       [("slot", slot), ("name", "Max Anrufer"), ("phone", "+49 471 5551234"), ("email", "")])
        XCTAssertEqual(refused.status, 409)
        XCTAssertEqual(refused.errorSummary, ["Für diese E-Mail-Adresse oder Telefonnummer ist an diesem Standort zu dieser Zeit schon ein Termin gebucht."])
        XCTAssertTrue(refused.links.contains("/buchungen/\(first.code.value)"), refused.html)
        XCTAssertTrue(refused.contains(#"id="phone-error""#), "next to the phone number the agent typed")
        XCTAssertTrue(refused.contains(#"name="slot" type="radio" value="\#(slot)" checked"#), "the time stays chosen")
        XCTAssertEqual(try app.useCases.bookings.search("Max Anrufer", office: nil, date: nil, access: .anyOffice).count, 1)
    }

    func testProblemsAreShownNextToTheFieldsAndNothingIsBooked() throws {
        let app = try PageTestApp()
        let agent = try app.browser(signedInAs: "agent")
        let console = try agent.get(Self.request)
        let missing = try agent.submit(console, "/konsole/buchen", [("name", ""), ("phone", "abc")])
        XCTAssertEqual(missing.status, 422)
        XCTAssertEqual(missing.errorSummary, ["Wählen Sie eine freie Zeit aus.", "Geben Sie den Namen des Anrufers ein.",
                                              "In der Telefonnummer sind keine Buchstaben erlaubt. Geben Sie nur Ziffern ein, zum Beispiel 0471 590-0."])
        XCTAssertTrue(missing.contains(#"id="slot-error""#))
        XCTAssertTrue(missing.contains(#"id="name-error""#))
        XCTAssertTrue(missing.contains(#"id="phone-error""#))
        XCTAssertTrue(missing.contains(#"value="abc""#), "what was typed stays")
        let noContact = try agent.submit(console, "/konsole/buchen", [("slot", try XCTUnwrap(console.radioValues("slot").first)),
                                                                      ("name", "Max"), ("phone", ""), ("email", "")])
        XCTAssertEqual(noContact.errorSummary, ["Geben Sie eine Telefonnummer oder E-Mail-Adresse des Anrufers ein."])
        XCTAssertTrue(noContact.contains(" checked>"), "the chosen time stays chosen")
        let slot = try XCTUnwrap(console.radioValues("slot").first)
        let forged = try agent.post("/konsole/buchen", console.hiddenFields(of: "/konsole/buchen")
                                    + [("slot", slot), ("name", "Max"), ("phone", "0471 1")], csrf: .some(nil))
        XCTAssertEqual(forged.status, 403)
        XCTAssertEqual(try app.useCases.bookings.search("Max", office: nil, date: nil, access: .anyOffice).count, 0)
    }

    func testFindingMovingAndCancellingOnTheCallersBehalf() throws {
        let app = try PageTestApp()
        let agent = try app.browser(signedInAs: "agent")
        let console = try agent.get(Self.request)
        let slot = try XCTUnwrap(console.radioValues("slot").first { $0.hasPrefix("buergerbuero-nord|") })
        _ = try agent.submit(console, "/konsole/buchen", [("slot", slot), ("name", "Erika Anruferin"), ("phone", "0471 99 88 77")])
        let found = try agent.get("/buchungen?q=0471%2F998877")
        XCTAssertTrue(found.contains("1 Termine gefunden"), String(found.html.prefix(300)))
        let href = try XCTUnwrap(found.links.first { $0.hasPrefix("/buchungen/") && $0.count == "/buchungen/".count + 11 })
        let code = try XCTUnwrap(BookingCode(parsing: String(href.dropFirst("/buchungen/".count))))
        let detail = try agent.get(href)
        XCTAssertTrue(detail.contains("Erika Anruferin"))
        XCTAssertFalse(detail.contains("Verlauf"), "agents do not see the history")
        let move = try agent.get(href + "/verschieben")
        XCTAssertEqual(move.status, 200)
        let target = try XCTUnwrap(move.radioValues("start").first { $0 != String(slot.split(separator: "|")[1]) })
        XCTAssertEqual(try agent.post(href + "/verschieben", move.hiddenFields(of: href + "/verschieben") + [("start", target)],
                                      csrf: .some(nil)).status, 403)
        let moved = try agent.submit(move, href + "/verschieben", [("start", target)])
        XCTAssertEqual(moved.status, 200)
        XCTAssertTrue(moved.contains("Ihr Termin ist verschoben auf") || moved.contains("verschoben"))
        XCTAssertEqual(RFC3339.format(try app.useCases.bookings.booking(code, access: .anyOffice).start, in: .europeBerlin), target)
        let noTime = try agent.submit(move, href + "/verschieben", [])
        XCTAssertEqual(noTime.status, 422)
        let confirm = try agent.get(href + "/absagen")
        XCTAssertTrue(confirm.contains("Termin von Erika Anruferin am"))
        XCTAssertEqual(try agent.post(href + "/absagen", [], csrf: "x").status, 403)
        XCTAssertEqual(try app.useCases.bookings.booking(code, access: .anyOffice).status, .confirmed)
        let cancelled = try agent.submit(confirm, href + "/absagen")
        XCTAssertTrue(cancelled.contains("Der Termin ist abgesagt."))
        XCTAssertEqual(try app.useCases.bookings.booking(code, access: .anyOffice).status, .cancelled)
        // The office's staff see who did what, and for whom.
        let staff = try app.browser(signedInAs: "admin").get(href)
        XCTAssertTrue(staff.contains("<h2 id=\"history-heading\">Verlauf</h2>"))
        for action in ["Gebucht", "Verschoben", "Abgesagt"] { XCTAssertTrue(staff.contains("<td>\(action)</td>"), action) }
        XCTAssertTrue(staff.contains("für Erika Anruferin"))
        XCTAssertTrue(staff.contains("<td>Telefon</td>"))
    }

    func testStaffSeeTheHistoryOfTheirOfficesBookingsOnly() throws {
        let app = try PageTestApp()
        let mitte = try app.bookElsewhere(PageTestApp.at("10:00", on: Self.thursday), person: 3)
        let staff = try app.browser(signedInAs: "staff-mitte")
        let page = try staff.get("/buchungen/\(mitte.booking.code.value)?lang=en")
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.contains("<h2 id=\"history-heading\">History</h2>"))
        XCTAssertTrue(page.contains("The citizen"))
        XCTAssertEqual(page.untranslatedKeys, [])
        let nord = try app.useCases.bookings.book(BookingOrder(officeId: "buergerbuero-nord", services: [RequestedService(serviceId: "personalausweis")],
                                                          start: PageTestApp.at("10:00", on: Self.thursday),
                                                          contact: Contact(name: "Nord Person", email: "nord@example.de")),
                                             caller: .citizen).value
        XCTAssertEqual(try staff.get("/buchungen/\(nord.booking.code.value)").status, 404)
    }

    func testTheCataloguePanelAnswersServiceQuestions() throws {
        let app = try PageTestApp()
        let agent = try app.browser(signedInAs: "agent")
        let german = try agent.get("/konsole/auskunft?service=personalausweis")
        XCTAssertEqual(german.status, 200)
        XCTAssertTrue(german.contains("<h2 id=\"service-heading\">Personalausweis"), String(german.html.prefix(200)))
        XCTAssertTrue(german.contains("Öffnungszeiten"))
        XCTAssertTrue(german.contains("<h4 id=\"office-buergerbuero-mitte\">Bürgerbüro Mitte</h4>"))
        XCTAssertTrue(german.contains("Mo, Di, Do, Fr 8:00–12:00") || german.contains("Mo, Di, Do, Fr 8:00"), "opening hours per office")
        XCTAssertTrue(german.contains("Auch ohne Termin:"), "walk-in times")
        XCTAssertTrue(german.contains("Telefonisch buchbar."))
        let english = try agent.get("/konsole/auskunft?service=personalausweis&lang=en")
        XCTAssertTrue(english.contains("Opening hours"))
        XCTAssertTrue(english.contains("<h2 id=\"service-heading\">Apply for an identity card"), "the service's English texts")
        XCTAssertTrue(english.contains("Your current identity card or passport, even if expired"))
        XCTAssertFalse(english.contains("Bisheriger Personalausweis"))
        XCTAssertEqual(english.untranslatedKeys, [])
        XCTAssertEqual(try agent.get("/konsole/auskunft?service=gibt-es-nicht").status, 404)
    }
}
