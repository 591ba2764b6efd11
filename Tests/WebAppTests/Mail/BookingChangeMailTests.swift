import Core
import Foundation
import Mail
import Scheduling
@testable import WebApp
import XCTest

/// The reminder, the moved and the cancelled message as the citizen gets
/// them: composed from the outbox rows a real booking's changes wrote, in
/// the booking's language, with links that lead where they say.
final class BookingChangeMailTests: XCTestCase {
    let start = TimeZoneRules.europeBerlin.instant(on: LocalDate("2026-11-24")!, at: LocalTime(hour: 9, minute: 0)!)!
    let later = TimeZoneRules.europeBerlin.instant(on: LocalDate("2026-11-25")!, at: LocalTime(hour: 10, minute: 0)!)!

    func book(_ app: APIRouterApp, language: String, at start: Instant? = nil) throws -> BookingConfirmation {
        try app.application.useCases.bookings.book(
            BookingOrder(officeId: "buergerbuero-mitte", services: [RequestedService(serviceId: "personalausweis", quantity: 1)],
                         start: start ?? self.start, contact: Contact(name: "Erika <Müller>", email: "erika@example.org"), language: language),
            caller: .citizen).value
    }

    /// The message of `kind` about the booking that is due by now (the clock moved to every message's time).
    func message(_ app: APIRouterApp, _ kind: OutboxMessage.Kind, about booking: Booking) throws -> MailMessage {
        app.clock.set(start)
        let row = try XCTUnwrap(try app.application.useCases.outbox.due(limit: 10_000)
            .last { $0.bookingId == booking.id && $0.kind == kind }, "no \(kind) message")
        let mail = try app.mailComposer().compose(row, at: PageTestApp.now)
        XCTAssertEqual(mail.messageID, "\(row.messageID)@stadt.example")
        XCTAssertEqual(mail.to.map(\.mailbox), ["erika@example.org"])
        XCTAssertFalse(mail.subject.contains("Erika"), "no personal data in the subject: \(mail.subject)")
        XCTAssertFalse(mail.subject.contains(booking.code.value), "no booking code in the subject: \(mail.subject)")
        XCTAssertTrue(mail.subject.contains("Bürgerbüro Mitte"), mail.subject)
        for header in mail.headers {
            XCTAssertFalse(header.value.contains { $0 == "\r" || $0 == "\n" }, "\(header.name) holds a line break")
        }
        XCTAssertTrue(try XCTUnwrap(mail.html).contains("Erika &lt;Müller&gt;"), "HTML is escaped")
        XCTAssertTrue(mail.text.contains("Erika <Müller>"), "plain text is not")
        return mail
    }

    func calendar(_ mail: MailMessage) throws -> String {
        String(decoding: try XCTUnwrap(mail.attachments.first { $0.filename == "termin.ics" }).data, as: UTF8.self)
    }

    func testTheReminderCarriesALinkStraightToCancelling() throws {
        let app = try APIRouterApp()
        let made = try book(app, language: "de")
        let mail = try message(app, .reminder, about: made.booking)
        XCTAssertTrue(mail.subject.hasPrefix("Erinnerung an Ihren Termin am Dienstag, 24. November 2026"), mail.subject)
        XCTAssertTrue(mail.text.contains("Sie können nicht kommen?"), mail.text)
        let link = try XCTUnwrap(Self.link(in: mail.text, containing: "/absagen?token="))
        XCTAssertTrue(link.hasPrefix("https://termine.stadt.example/termin/verwalten/\(made.booking.code.value)/absagen?token="))
        XCTAssertFalse(link.hasSuffix(made.manageToken), "the reminder's own token, not the confirmation's")
        XCTAssertTrue(try XCTUnwrap(mail.html).contains("href=\"\(link)\""))
        XCTAssertTrue(mail.text.contains(made.booking.code.value) && mail.text.contains("Personalausweis"), mail.text)
    }

    func testTheMovedMessageSaysBothTimesAndBringsTheCalendarEntryUnderItsUID() throws {
        let app = try APIRouterApp()
        let made = try book(app, language: "en")
        let moved = try app.application.useCases.bookings.reschedule(made.booking.code, to: later,
                                                                     access: .manageToken(made.manageToken), caller: .citizen)
        let mail = try message(app, .moved, about: moved)
        XCTAssertTrue(mail.subject.hasPrefix("Your appointment was moved: now on Wednesday 25 November 2026"), mail.subject)
        XCTAssertTrue(mail.text.contains("Your appointment was moved by you."), mail.text)
        XCTAssertTrue(mail.text.contains("Before: Tuesday 24 November 2026"), mail.text)
        XCTAssertTrue(mail.text.contains("Now: Wednesday 25 November 2026"), mail.text)
        XCTAssertTrue(mail.headers.contains { $0.name == "Content-Language" && $0.value == "en" })
        let link = try XCTUnwrap(Self.link(in: mail.text, containing: "?token="))
        XCTAssertTrue(link.hasPrefix("https://termine.stadt.example/termin/verwalten/\(made.booking.code.value)?token="), link)
        let ics = try calendar(mail)
        XCTAssertTrue(ics.contains("UID:\(made.booking.code.value)@terminbuch"), ics)
        XCTAssertTrue(ics.contains("STATUS:CONFIRMED"), ics)
        XCTAssertTrue(ics.contains("DTSTART;TZID=Europe/Berlin:20261125T100000"), ics)
    }

    func testTheCancelledMessageSaysWhoCancelledAndCancelsTheCalendarEntry() throws {
        let app = try APIRouterApp()
        let made = try book(app, language: "de")
        let english = try book(app, language: "en", at: later)
        let staff = Caller(channel: .desk, username: "staff-mitte")
        let cancelled = try app.application.useCases.bookings.cancel(made.booking.code, access: .offices(["buergerbuero-mitte"]),
                                                                     caller: staff)
        _ = try app.application.useCases.bookings.cancel(english.booking.code, access: .manageToken(english.manageToken),
                                                         caller: .citizen)
        let mail = try message(app, .cancelled, about: cancelled)
        XCTAssertTrue(mail.subject.hasPrefix("Ihr Termin am Dienstag, 24. November 2026 ist abgesagt"), mail.subject)
        XCTAssertTrue(mail.text.contains("Ihr Termin wurde vom Standort abgesagt."), mail.text)
        XCTAssertFalse(mail.text.contains("token="), "nothing left to manage: \(mail.text)")
        XCTAssertTrue(mail.text.contains("https://termine.stadt.example/termin/personalausweis/standort?lang=de"), mail.text)
        let ics = try calendar(mail)
        XCTAssertTrue(ics.contains("UID:\(made.booking.code.value)@terminbuch"), ics)
        XCTAssertTrue(ics.contains("STATUS:CANCELLED"), ics)

        let inEnglish = try message(app, .cancelled, about: english.booking)
        XCTAssertTrue(inEnglish.subject.hasPrefix("Your appointment on Wednesday 25 November 2026 is cancelled"), inEnglish.subject)
        XCTAssertTrue(inEnglish.text.contains("Your appointment was cancelled by you."), inEnglish.text)
    }

    /// The first line of `text` that is a link containing `part`.
    static func link(in text: String, containing part: String) -> String? {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .first { $0.hasPrefix("https://") && $0.contains(part) }
    }
}
