import Core
import Foundation
import Mail
import Scheduling
import Templating
@testable import WebApp
import XCTest

/// The confirmation as the citizen gets it: composed from the outbox row
/// of a real booking, in the booking's language, with the project's templates.
final class MailComposerTests: XCTestCase {
    func composer(_ app: APIRouterApp) throws -> MailComposer { try app.mailComposer() }

    func book(_ app: APIRouterApp, language: String, name: String) throws -> BookingConfirmation {
        let useCases = app.application.useCases
        let start = TimeZoneRules.europeBerlin.instant(on: LocalDate("2026-11-24")!, at: LocalTime(hour: 9, minute: 0)!)!
        return try useCases.bookings.book(
            BookingOrder(officeId: "buergerbuero-mitte", services: [RequestedService(serviceId: "personalausweis", quantity: 1)], start: start,
                         contact: Contact(name: name, email: "erika@example.org"), language: language),
            caller: .citizen).value
    }

    func testTheConfirmationCarriesTheBookingItsLinkAndItsCalendarEntry() throws {
        let app = try APIRouterApp()
        let made = try book(app, language: "de", name: "Erika <Müller>")
        let message = try XCTUnwrap(try app.application.useCases.outbox.due(limit: 1000).first { $0.bookingId == made.booking.id })
        let mail = try composer(app).compose(message, at: PageTestApp.now)
        let office = try XCTUnwrap(try app.application.useCases.catalogue().office(made.booking.officeId))

        XCTAssertEqual(mail.messageID, "\(message.messageID)@stadt.example")
        XCTAssertEqual(mail.to.map(\.mailbox), ["erika@example.org"])
        XCTAssertTrue(mail.subject.contains(office.name), mail.subject)
        XCTAssertFalse(mail.subject.contains("Erika"), "no personal data in the subject: \(mail.subject)")
        let link = "https://termine.stadt.example/termin/verwalten/\(made.booking.code.value)?token=\(made.manageToken)"
        for body in [mail.text, try XCTUnwrap(mail.html)] {
            XCTAssertTrue(body.contains(made.booking.code.value), body)
            XCTAssertTrue(body.contains("Personalausweis"), body)
        }
        XCTAssertTrue(mail.text.contains(link), mail.text)
        XCTAssertTrue(mail.text.contains("Guten Tag Erika <Müller>,"), "plain text is not escaped: \(mail.text)")
        XCTAssertTrue(try XCTUnwrap(mail.html).contains("Erika &lt;Müller&gt;"), "HTML is escaped")
        XCTAssertTrue(try XCTUnwrap(mail.html).contains("href=\"\(link)\""))
        let ics = String(decoding: try XCTUnwrap(mail.attachments.first { $0.filename == "termin.ics" }).data, as: UTF8.self)
        XCTAssertTrue(ics.contains("UID:\(made.booking.code.value)@terminbuch"), ics)
        XCTAssertTrue(ics.contains("STATUS:CONFIRMED"), ics)
        XCTAssertEqual(mail.replyTo?.mailbox, office.mailbox)
    }

    func testTheMessageIsInTheLanguageOfTheBooking() throws {
        let app = try APIRouterApp()
        let made = try book(app, language: "en", name: "Erika")
        let message = try XCTUnwrap(try app.application.useCases.outbox.due(limit: 1000).first { $0.bookingId == made.booking.id })
        let mail = try composer(app).compose(message, at: PageTestApp.now)
        XCTAssertTrue(mail.subject.hasPrefix("Your appointment on"), mail.subject)
        XCTAssertTrue(mail.text.contains("Hello Erika,"), mail.text)
        XCTAssertTrue(mail.headers.contains { $0.name == "Content-Language" && $0.value == "en" })
    }
}
