@testable import Core
import Foundation
import Mail
import Scheduling
import Templating
@testable import WebApp
import XCTest

/// The messages of a stranded booking, of "resend my links" and for the
/// office's mailbox, composed from the outbox rows real changes wrote; the
/// affected message's link, followed through the router, moves the booking.
final class OfficeMailComposerTests: XCTestCase {
    static let day = "2026-12-08"  // a Tuesday three weeks out: no demo bookings
    var app: PageTestApp!

    override func setUpWithError() throws { app = try PageTestApp() }
    override func tearDown() { app = nil }

    func compose(_ message: OutboxMessage) throws -> MailMessage {
        let templates = PageTestApp.root.appendingPathComponent("Templates").path
        return try MailComposer(templates: try TemplateLibrary(directory: templates),
                                translations: try Translations(directory: templates + "/i18n"),
                                sender: try MailAddress("termine@stadt.example", name: "Terminbuch"),
                                publicURL: try PublicURL(parsing: "https://termine.stadt.example"),
                                catalogue: { [useCases = app.useCases] in try useCases.catalogue() })
            .compose(message, at: PageTestApp.now)
    }

    func message(_ kind: OutboxMessage.Kind) throws -> OutboxMessage {
        try XCTUnwrap(try app.useCases.outbox.due(limit: 10_000).last { $0.kind == kind })
    }

    func book(_ time: String, email: String, language: String = "de") throws -> BookingConfirmation {
        try app.useCases.bookings.book(
            BookingOrder(officeId: "buergerbuero-mitte", services: [RequestedService(serviceId: "personalausweis")],
                         start: PageTestApp.at(time, on: Self.day), contact: Contact(name: "Erika <Müller>", email: email),
                         language: language),
            caller: .citizen).value
    }

    func testTheAffectedMessageSaysWhyAndItsLinkMovesTheBooking() throws {
        let made = try book("10:00", email: "erika@example.org")
        _ = try app.useCases.officeChanges.addClosure(
            ClosureDraft(officeId: "buergerbuero-mitte", from: LocalDate(Self.day)!, band: TimeBand("10:00", "11:00"),
                         reason: "Betriebsversammlung"), by: "staff-mitte")
        let mail = try compose(try message(.affected))
        XCTAssertEqual(mail.to.map(\.mailbox), ["erika@example.org"])
        XCTAssertTrue(mail.subject.contains("Bürgerbüro Mitte") && mail.subject.contains("8. Dezember 2026"), mail.subject)
        XCTAssertFalse(mail.subject.contains("Erika"), "no personal data in the subject: \(mail.subject)")
        XCTAssertEqual(mail.replyTo?.mailbox, "buergerbuero-mitte@bremerhaven.example")
        for body in [mail.text, try XCTUnwrap(mail.html)] {
            XCTAssertTrue(body.contains("Der Standort ist zu dieser Zeit geschlossen."), body)
            XCTAssertTrue(body.contains("Grund: Betriebsversammlung"), body)
            XCTAssertTrue(body.contains(made.booking.code.value), body)
        }
        XCTAssertTrue(mail.text.contains("Guten Tag Erika <Müller>,"), mail.text)
        let prefix = "https://termine.stadt.example"
        let link = try XCTUnwrap(mail.text.split(separator: "\n").first { $0.hasPrefix(prefix + "/termin/verwalten/") })
        XCTAssertTrue(try XCTUnwrap(mail.html).contains("href=\"\(link)\""))

        // Followed: the manage page of the booking, and from there a new time.
        let browser = PageBrowser(app)
        let page = try browser.follow(try browser.get(String(link.dropFirst(prefix.count))))
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.contains(made.booking.code.value))
        let code = made.booking.code.value
        let times = try browser.get("/termin/verwalten/\(code)/zeit?date=2026-12-09")
        let newStart = try XCTUnwrap(times.radioValues("start").first)
        let moved = try browser.submit(times, "/termin/verwalten/\(code)/zeit", [("start", newStart)])
        XCTAssertEqual(moved.status, 200, moved.html)
        XCTAssertEqual(try app.useCases.bookings.booking(made.booking.code, access: .anyOffice).start, RFC3339.parse(newStart))
    }

    func testTheBookingLinksListEveryBookingWithItsOwnLinkInTheLanguageAsked() throws {
        let first = try book("09:00", email: "erika@example.org")
        let second = try book("09:15", email: "erika@example.org")
        try app.useCases.outbox.sendBookingLinks(to: "erika@example.org", language: "en", client: "192.0.2.1")
        let message = try message(.bookingLinks)
        let mail = try compose(message)
        XCTAssertEqual(mail.subject, "Your appointment links – Bürgerbüro Mitte")
        let tokens = try XCTUnwrap(message.facts.bookings).compactMap(\.manageToken)
        XCTAssertEqual(tokens.count, 2)
        for (made, token) in zip([first, second], tokens) {
            let link = "https://termine.stadt.example/termin/verwalten/\(made.booking.code.value)?token=\(token)"
            XCTAssertTrue(mail.text.contains(link), mail.text)
            XCTAssertTrue(try XCTUnwrap(mail.html).contains("href=\"\(link)\""))
        }
        XCTAssertTrue(mail.text.contains("Hello Erika <Müller>,"), mail.text)
    }

    func testTheCallbackForTheOfficeCarriesTheContextAndTheSubjectOnlyOfficeAndDate() throws {
        let agent = try XCTUnwrap(try app.useCases.accounts.all().first { $0.username == "agent" })
        let window = PreferredTime(from: PageTestApp.at("09:00", on: "2026-11-17"), to: PageTestApp.at("11:00", on: "2026-11-17"))
        let callback = try app.useCases.callCentre.requestCallback(
            CallbackOrder(officeId: "buergerbuero-mitte", serviceId: "reisepass", name: "Erika Mustermann", phone: "0471 590-2000",
                          topic: "Rückfrage Reisepass", note: "Antrag vom 2.11.", preferredTime: window), by: agent).value
        let mail = try compose(try message(.officeCallback))
        XCTAssertEqual(mail.to.map(\.mailbox), ["buergerbuero-mitte@bremerhaven.example"])
        XCTAssertEqual(mail.subject, "Rückrufbitte für Bürgerbüro Mitte vom Montag, 16. November 2026")
        for fact in ["Erika Mustermann", "0471 590-2000", "Anliegen: Rückfrage Reisepass", "Antrag vom 2.11.",
                     "Rückruf erwünscht: Dienstag, 17. November 2026, 9:00 Uhr – 11:00 Uhr", "Dienstleistung: Reisepass", "(agent)",
                     "https://termine.stadt.example/dienst/buergerbuero-mitte/rueckrufe#note-\(callback.id)"] {
            XCTAssertTrue(mail.text.contains(fact), "\(fact) in \(mail.text)")
        }
        _ = try app.useCases.callCentre.leaveMemo(
            MemoOrder(officeId: "buergerbuero-mitte", subject: "Unterlagen", text: "Bringt die Urkunde nach.", contact: "Herr B."),
            by: agent)
        let memo = try compose(try message(.officeMemo))
        XCTAssertEqual(memo.subject, "Vermerk für Bürgerbüro Mitte vom Montag, 16. November 2026")
        XCTAssertTrue(memo.text.contains("Anliegen: Unterlagen") && memo.text.contains("Bringt die Urkunde nach."), memo.text)
        XCTAssertTrue(try XCTUnwrap(memo.html).contains("/dienst/buergerbuero-mitte/vermerke#note-"))
    }
}
