import Core
import Foundation
import Mail
import Scheduling
@testable import WebApp
import XCTest

/// The double opt-in's message: the confirm link in the message's
/// language, the deadline in words, the appointment; no manage link and no
/// calendar entry before the booking is confirmed.
extension MailComposerTests {
    func testTheOptInCarriesTheConfirmLinkAndTheDeadlineButNoManageLink() throws {
        let app = try APIRouterApp()
        let start = TimeZoneRules.europeBerlin.instant(on: LocalDate("2026-11-17")!, at: LocalTime(hour: 9, minute: 0)!)!
        let made = try app.application.useCases.bookings.book(
            BookingOrder(officeId: "buergerservice-mobil", services: [RequestedService(serviceId: "personalausweis")], start: start,
                         contact: Contact(name: "Erika", email: "erika@example.org"), language: "en"),
            caller: .citizen).value
        let message = try XCTUnwrap(try app.application.useCases.outbox.due(limit: 1000).first { $0.bookingId == made.booking.id })
        XCTAssertEqual(message.kind, .optIn)
        let mail = try composer(app).compose(message, at: PageTestApp.now)
        let token = try XCTUnwrap(message.facts.confirmToken)
        let link = "https://termine.stadt.example/termin/bestaetigen/\(made.booking.code.value)?token=\(token)&lang=en"
        XCTAssertTrue(mail.subject.hasPrefix("Please confirm: appointment on Tuesday 17 November 2026"), mail.subject)
        XCTAssertFalse(mail.subject.contains("Erika"))
        XCTAssertTrue(mail.text.contains(link), mail.text)
        let html = try XCTUnwrap(mail.html)
        XCTAssertTrue(html.contains("href=\"\(link.replacingOccurrences(of: "&", with: "&amp;"))\""), html)
        XCTAssertTrue(mail.text.contains("within 30 minutes, by Monday 16 November 2026 at 8:00"), mail.text)
        XCTAssertTrue(mail.text.contains(made.booking.code.value))
        XCTAssertTrue(mail.text.contains("Stadtbibliothek Leherheide"), "the appointment with its place: \(mail.text)")
        XCTAssertFalse(mail.text.contains("/termin/verwalten/"), "no manage link before it is confirmed")
        XCTAssertTrue(mail.attachments.isEmpty, "no calendar entry for a booking that may lapse")
        XCTAssertEqual(mail.replyTo?.mailbox, "buergerservice-mobil@bremerhaven.example")
    }
}
