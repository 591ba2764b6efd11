import Core
import Foundation
import Scheduling
import XCTest

/// A citizen books, sees the confirmation, opens the secret link, moves and
/// cancels — all through the real router with form posts, as a browser
/// without JavaScript would.
final class BookingPagesFlowTests: XCTestCase {
    func testBookSeeConfirmationManageMoveAndCancel() throws {
        let app = try PageTestApp()
        let browser = PageBrowser(app)
        let (confirmation, codeText, manage) = try browser.book()

        // The confirmation: code, Berlin time, office and address, what to bring, .ics, the manage link.
        let code = try XCTUnwrap(BookingCode(parsing: codeText))
        XCTAssertTrue(confirmation.contains("Ihr Termin ist gebucht"))
        XCTAssertTrue(confirmation.contains("Montag, 16. November 2026, "), confirmation.html)
        XCTAssertTrue(confirmation.contains("Bürgerbüro Mitte"))
        XCTAssertTrue(confirmation.contains("Hinrich-Schmalfeldt-Straße 42, 27576 Bremerhaven"))
        XCTAssertTrue(confirmation.contains("Bitte mitbringen"))
        XCTAssertTrue(confirmation.contains("Bisheriger Personalausweis oder Reisepass"))
        XCTAssertNotNil(confirmation.form("/termin/verwalten/\(code.value)/kalender"))
        XCTAssertEqual(confirmation.header("Referrer-Policy"), "no-referrer")
        XCTAssertEqual(confirmation.header("Cache-Control"), "no-store")
        XCTAssertTrue(manage.hasPrefix("/termin/verwalten/\(code.value)?token="), manage)
        let token = String(manage.split(separator: "=", maxSplits: 1)[1])
        let booked = try app.useCases.bookings.booking(code, access: .manageToken(token))
        XCTAssertEqual(booked.status, .confirmed)
        XCTAssertEqual(booked.contact, Contact(name: "Erika Mustermann", email: "erika@example.de"))

        // The secret link trades its token for the booking's cookie at once
        // and leads to the same page without it.
        let opened = try browser.get(manage)
        XCTAssertEqual(opened.status, 303)
        XCTAssertEqual(opened.location, "/termin/verwalten/\(code.value)")
        XCTAssertEqual(opened.header("Cache-Control"), "no-store")
        XCTAssertEqual(opened.header("Referrer-Policy"), "no-referrer")
        XCTAssertEqual(opened.headers.values("Set-Cookie").filter { $0.hasPrefix("__Secure-terminbuch-manage=") },
                       ["__Secure-terminbuch-manage=\(token); Path=/termin/verwalten/\(code.value); Max-Age=1800; Secure; HttpOnly; SameSite=Lax"])
        // The page shows the booking and changes nothing by being followed.
        let page = try browser.follow(opened)
        XCTAssertEqual(page.status, 200)
        XCTAssertEqual(page.header("Referrer-Policy"), "no-referrer")
        XCTAssertEqual(page.header("Cache-Control"), "no-store")
        XCTAssertTrue(page.contains(code.value))
        XCTAssertFalse(page.html.contains("token="), "no address on the page carries the token")
        let cancelLink = try XCTUnwrap(page.links.first { $0 == "/termin/verwalten/\(code.value)/absagen" })
        let moveLink = try XCTUnwrap(page.links.first { $0 == "/termin/verwalten/\(code.value)/tag" })
        let question = try browser.get(cancelLink)
        XCTAssertEqual(question.status, 200)
        XCTAssertEqual(try app.useCases.bookings.booking(code, access: .manageToken(token)).status, .confirmed,
                       "following a link never cancels")

        // The .ics: a POST with the token in the form, never in an address.
        let ics = try browser.submit(page, "/termin/verwalten/\(code.value)/kalender")
        XCTAssertEqual(ics.status, 200)
        XCTAssertEqual(ics.header("Content-Type"), "text/calendar; charset=utf-8")
        XCTAssertTrue(ics.html.contains("BEGIN:VCALENDAR") && ics.html.contains("UID:\(code.value)@terminbuch"))
        XCTAssertTrue(ics.html.contains("TZID=Europe/Berlin"))
        XCTAssertEqual(ics.header("Cache-Control"), "no-store")

        // Move: another day (Tuesday), its first time.
        let days = try browser.get(moveLink)
        XCTAssertEqual(days.status, 200)
        XCTAssertEqual(days.header("Referrer-Policy"), "no-referrer")
        let tuesday = try XCTUnwrap(days.links.first { $0.contains("/zeit?") && $0.contains("date=2026-11-17") })
        let times = try browser.get(tuesday)
        XCTAssertEqual(times.status, 200)
        let newStart = try XCTUnwrap(times.radioValues("start").first)
        let moved = try browser.submit(times, "/termin/verwalten/\(code.value)/zeit", [("start", newStart)])
        XCTAssertEqual(moved.status, 200, moved.html)
        XCTAssertTrue(moved.contains("Ihr Termin ist verschoben auf Dienstag, 17. November 2026"), moved.html)
        XCTAssertEqual(try app.useCases.bookings.booking(code, access: .manageToken(token)).start, RFC3339.parse(newStart))

        // Cancel, with the confirming POST.
        let cancelPage = try browser.get(cancelLink)
        XCTAssertTrue(cancelPage.contains("Möchten Sie Ihren Termin am Dienstag, 17. November 2026"), cancelPage.html)
        let cancelled = try browser.submit(cancelPage, "/termin/verwalten/\(code.value)/absagen")
        XCTAssertEqual(cancelled.status, 200)
        XCTAssertTrue(cancelled.contains("Ihr Termin ist abgesagt"))
        XCTAssertEqual(try app.useCases.bookings.booking(code, access: .manageToken(token)).status, .cancelled)
        XCTAssertFalse(cancelled.links.contains { $0.contains("/absagen?") }, "a cancelled booking offers no more changes")
    }

    /// A double click posts twice: the idempotency key books once, and both
    /// posts lead to the one booking's confirmation.
    func testADoubleClickBooksOnce() throws {
        let app = try PageTestApp()
        let browser = PageBrowser(app)
        let check = try browser.checkPage()
        let first = try browser.submit(check, "/termin/personalausweis/buchen")
        let again = try browser.submit(check, "/termin/personalausweis/buchen")
        XCTAssertEqual(first.status, 303)
        XCTAssertEqual(again.status, 303)
        XCTAssertNotNil(first.location)
        XCTAssertEqual(first.location, again.location)
        let found = try app.useCases.bookings.search("erika@example.de", office: nil, date: nil, access: .anyOffice)
        XCTAssertEqual(found.count, 1)
    }

    /// Post/Redirect/Get: the booking's POST answers 303 to the confirmation,
    /// which is a GET page read with the booking's cookie, never with the
    /// token in its address, and which Reload shows again unchanged.
    func testBookingRedirectsToAConfirmationThatSurvivesReload() throws {
        let app = try PageTestApp()
        let browser = PageBrowser(app)
        let posted = try browser.submit(try browser.checkPage(), "/termin/personalausweis/buchen")
        XCTAssertEqual(posted.status, 303)
        let location = try XCTUnwrap(posted.location)
        XCTAssertTrue(location.hasPrefix("/termin/verwalten/") && location.contains("/bestaetigung"), location)
        XCTAssertFalse(location.contains("token"))
        XCTAssertEqual(posted.header("Cache-Control"), "no-store")
        let cookie = try XCTUnwrap(posted.headers.values("Set-Cookie").first { $0.hasPrefix("__Secure-terminbuch-manage=") })
        XCTAssertTrue(cookie.contains("HttpOnly") && cookie.contains("Path=/termin/verwalten/"), cookie)
        let confirmation = try browser.get(location)
        XCTAssertEqual(confirmation.status, 200)
        XCTAssertTrue(confirmation.contains("Ihr Termin ist gebucht"))
        XCTAssertEqual(confirmation.header("Referrer-Policy"), "no-referrer")
        let code = try XCTUnwrap(matches(#"panel__code">([^<]*)<"#, in: confirmation.html).first?[0])
        XCTAssertTrue(location.contains(code))
        let reloaded = try browser.get(location)
        XCTAssertEqual(reloaded.status, 200)
        XCTAssertEqual(matches(#"panel__code">([^<]*)<"#, in: reloaded.html).first?[0], code)
        XCTAssertEqual(try app.useCases.bookings.search("erika@example.de", office: nil, date: nil, access: .anyOffice).count, 1)
        // Without the booking's cookie the page is no one's.
        let stranger = PageBrowser(app)
        XCTAssertEqual(try stranger.get(location).status, 404)
    }

    /// Re-sending the details form and confirming again (Back, then the form
    /// once more) is a new request with a new key: refused as a duplicate,
    /// with the page that sends the links again, never the booking itself.
    func testBookingTheSameTimeAgainIsRefusedWithTheLinksPage() throws {
        let app = try PageTestApp()
        let browser = PageBrowser(app)
        let (details, start) = try browser.detailsPage()
        let check = try browser.submit(details, "/termin/personalausweis/angaben",
                                       [("name", "Erika Mustermann"), ("email", "erika@example.de"), ("phone", "")])
        let booked = try browser.follow(try browser.submit(check, "/termin/personalausweis/buchen"))
        let code = try XCTUnwrap(matches(#"panel__code">([^<]*)<"#, in: booked.html).first?[0])
        let again = try browser.submit(details, "/termin/personalausweis/angaben",
                                       [("name", "Erika Mustermann"), ("email", "Erika@Example.de"), ("phone", "")])
        XCTAssertEqual(again.status, 200, again.html)
        let refused = try browser.submit(again, "/termin/personalausweis/buchen")
        XCTAssertEqual(refused.status, 422)
        XCTAssertEqual(refused.errorSummary, ["Mit diesen Angaben ist an diesem Standort zu dieser Zeit schon ein Termin gebucht."])
        XCTAssertTrue(refused.contains(#"id="email-error""#))
        XCTAssertTrue(refused.links.contains("/termin/links?lang=de"), refused.html)
        XCTAssertFalse(refused.contains(code), "whoever typed the address learns nothing of the booking")
        XCTAssertFalse(refused.contains("/termin/verwalten/"))
        XCTAssertFalse(refused.contains("Wir halten diese Uhrzeit"), "the hold went to the booking")
        XCTAssertEqual(try app.useCases.bookings.search("erika@example.de", office: nil, date: nil, access: .anyOffice).map(\.start),
                       [try XCTUnwrap(RFC3339.parse(start))])
    }

    func testTheTimePlacesAHoldAndTheDetailsPageSaysHowLongItIsKept() throws {
        let app = try PageTestApp()
        let browser = PageBrowser(app)
        let (details, start) = try browser.detailsPage()
        XCTAssertTrue(details.contains("Wir halten diese Uhrzeit bis 7:40 Uhr für Sie frei (noch 10 Minuten)"), details.html)
        let hold = try XCTUnwrap(details.hiddenFields(of: "/termin/personalausweis/angaben").first { $0.0 == "hold" }?.1)
        XCTAssertFalse(hold.isEmpty)
        // Nobody else gets the held capacity: fill what is left and see the next one refused.
        var person = 0
        while true {
            person += 1
            do { try app.bookElsewhere(RFC3339.parse(start)!, person: person) } catch BookingError.refused(.slotTaken) { break }
            XCTAssertLessThan(person, 10)
        }
        app.clock.advance(minutes: 11)
        let later = try browser.get(details.hiddenFields(of: "/termin/personalausweis/angaben").reduce("/termin/personalausweis/angaben?") {
            $0 + "\($1.0)=\($1.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&"
        })
        XCTAssertTrue(later.contains("Wir konnten die Uhrzeit nicht länger für Sie freihalten"), later.html)
    }

    func testServicesWithOnePersonOnlySkipTheQuantity() throws {
        let app = try PageTestApp()
        let browser = PageBrowser(app)
        let offices = try browser.get("/termin/fuehrungszeugnis/standort")
        let next = try browser.submit(offices, "/termin/fuehrungszeugnis/standort", [("office", "buergerbuero-mitte")])
        XCTAssertEqual(next.status, 303)
        XCTAssertEqual(next.location, "/termin/fuehrungszeugnis/tag?office=buergerbuero-mitte")
    }

    func testAShortenedAddressLeadsBackToTheMissingStep() throws {
        let app = try PageTestApp()
        let browser = PageBrowser(app)
        let page = try browser.get("/termin/personalausweis/zeit?office=buergerbuero-mitte&quantity=1")
        XCTAssertEqual(page.status, 303)
        XCTAssertEqual(page.location, "/termin/personalausweis/tag?office=buergerbuero-mitte&quantity=1")
        XCTAssertEqual(try browser.get("/termin/personalausweis/tag").location, "/termin/personalausweis/standort")
        XCTAssertEqual(try browser.get("/termin/gibt-es-nicht/standort").status, 404)
        XCTAssertEqual(try browser.get("/termin/personalausweis/tag?office=kfz-zulassung").location,
                       "/termin/personalausweis/standort", "an office that does not offer the service is no answer")
    }
}
