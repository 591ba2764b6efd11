import Core
import Foundation
import HTTPServer
import Scheduling
import XCTest

/// The double opt-in's pages at the demo's Mobiler Bürgerservice (its
/// policy asks for it): the link shows one button and changes nothing, the
/// form confirms with a 303 to the manage page, and a used, lapsed or
/// unknown link gets a page of its own in the citizen's language.
final class OptInPageTests: XCTestCase {
    static let mobil: OfficeID = "buergerservice-mobil"
    static let tuesday = "2026-11-17"

    /// A booking made online through the use case, and its opt-in link's path.
    private func waiting(_ app: PageTestApp) throws -> (BookingConfirmation, String) {
        let made = try app.useCases.bookings.book(
            BookingOrder(officeId: Self.mobil, services: [RequestedService(serviceId: "personalausweis")],
                         start: PageTestApp.at("09:00", on: Self.tuesday), contact: Contact(name: "Erika", email: "erika@example.de")),
            caller: .citizen).value
        let message = try XCTUnwrap(try app.useCases.outbox.due(limit: 1000).first { $0.bookingId == made.booking.id })
        let token = try XCTUnwrap(message.facts.confirmToken)
        return (made, "/termin/bestaetigen/\(made.booking.code.value)?token=\(token)")
    }

    private func status(_ app: PageTestApp, _ made: BookingConfirmation) throws -> Booking.Status {
        try app.useCases.bookings.booking(made.booking.code, access: .manageToken(made.manageToken)).status
    }

    func testTheBookingPagesSayItWaitsAndUntilWhen() throws {
        let app = try PageTestApp()
        let browser = PageBrowser(app)
        let (confirmation, _, manage) = try browser.book(date: Self.tuesday, office: Self.mobil)
        XCTAssertTrue(confirmation.contains("Bitte bestätigen Sie Ihre Buchung"), confirmation.html)
        XCTAssertTrue(confirmation.contains("bis Montag, 16. November 2026, 8:00 Uhr"), confirmation.html)
        let page = try browser.follow(try browser.get(manage))
        XCTAssertTrue(page.contains("Noch nicht bestätigt"), page.html)
        XCTAssertTrue(page.contains("Bestätigen Sie bis Montag, 16. November 2026, 8:00 Uhr"), page.html)
    }

    func testWithoutAnAddressTheFormSaysWhyNextToTheField() throws {
        let app = try PageTestApp()
        let browser = PageBrowser(app)
        let before = try app.useCases.outbox.due(limit: 1000).count
        let check = try browser.checkPage(email: "", phone: "0471 590 0", date: Self.tuesday, office: Self.mobil)
        let refused = try browser.submit(check, "/termin/\(PageBrowser.service)/buchen")
        XCTAssertEqual(refused.status, 422, refused.html)
        XCTAssertTrue(refused.contains(#"id="email-error""#), refused.html)
        XCTAssertTrue(refused.contains("Dieser Standort bestätigt Online-Buchungen per E-Mail."), refused.html)
        XCTAssertEqual(try app.useCases.outbox.due(limit: 1000).count, before, "nothing booked")
    }

    func testTheLinkShowsOneButtonChangesNothingAndThePostConfirmsOnce() throws {
        let app = try PageTestApp()
        let (made, link) = try waiting(app)
        let browser = PageBrowser(app)
        let action = "/termin/bestaetigen/\(made.booking.code.value)"
        let shown = try browser.get(link)
        XCTAssertEqual(shown.status, 200, shown.html)
        XCTAssertTrue(shown.contains("Buchung bestätigen</button>"), shown.html)
        XCTAssertNotNil(shown.form(action))
        XCTAssertEqual(shown.header("Cache-Control"), "no-store")
        XCTAssertEqual(try status(app, made), .pendingConfirmation, "a GET changes nothing")
        XCTAssertEqual(try browser.get(link).status, 200, "and can be opened again")

        let confirmed = try browser.submit(shown, action)
        XCTAssertEqual(confirmed.status, 303)
        XCTAssertEqual(confirmed.location, "/termin/verwalten/\(made.booking.code.value)")
        XCTAssertEqual(try status(app, made), .confirmed)
        let manage = try browser.follow(confirmed)
        XCTAssertEqual(manage.status, 200, "the cookie of the confirmation's manage link opens it")
        XCTAssertTrue(manage.contains("Gebucht"), manage.html)
        XCTAssertFalse(manage.contains("Noch nicht bestätigt"))
        XCTAssertEqual(try app.useCases.outbox.due(limit: 1000).filter { $0.bookingId == made.booking.id }.map(\.kind),
                       [.optIn, .confirmation])

        for used in [try browser.get(link), try browser.submit(shown, action)] {
            XCTAssertEqual(used.status, 404, "the link works once")
            XCTAssertTrue(used.contains("Dieser Link gilt nicht mehr"), used.html)
        }
    }

    func testALapsedLinkGetsTheLapsedPageInTheCitizensLanguage() throws {
        let app = try PageTestApp()
        let (made, link) = try waiting(app)
        let browser = PageBrowser(app)
        let shown = try browser.get(link)
        app.clock.set(PageTestApp.now.adding(minutes: 30))
        let lapsed = try browser.get(link + "&lang=en")
        XCTAssertEqual(lapsed.status, 410, lapsed.html)
        XCTAssertTrue(lapsed.contains("This booking has lapsed"), lapsed.html)
        XCTAssertTrue(lapsed.contains("Lapsed (not confirmed)"), lapsed.html)
        XCTAssertFalse(lapsed.contains("<button"), "nothing left to confirm")
        let posted = try browser.submit(shown, "/termin/bestaetigen/\(made.booking.code.value)")
        XCTAssertEqual(posted.status, 410)
        XCTAssertTrue(posted.contains("Diese Buchung ist verfallen"), posted.html)
        XCTAssertNotEqual(try status(app, made), .confirmed)
        let manage = try browser.follow(try browser.get("/termin/verwalten/\(made.booking.code.value)?token=\(made.manageToken)"))
        XCTAssertTrue(manage.contains("The booking was not confirmed by Monday 16 November 2026 at 8:00."), "in the language chosen: \(manage.html)")
    }

    func testAnUnknownOrWrongLinkGetsTheInvalidPage() throws {
        let app = try PageTestApp()
        let (made, link) = try waiting(app)
        let browser = PageBrowser(app)
        for target in [link + "x", "/termin/bestaetigen/\(made.booking.code.value)", "/termin/bestaetigen/AAA-AAA-AAA?token=x",
                       "/termin/bestaetigen/kein-code?token=x"] {
            let page = try browser.get(target)
            XCTAssertEqual(page.status, 404, target)
            XCTAssertTrue(page.contains("Dieser Link gilt nicht mehr"), target)
        }
        XCTAssertEqual(try status(app, made), .pendingConfirmation)
    }
}
