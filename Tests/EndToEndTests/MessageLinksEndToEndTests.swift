import Core
import Foundation
import Mail
import Scheduling
import Templating
@testable import WebApp
import XCTest

/// The links in the messages about a booking do what they say, followed
/// over HTTP on the real server: the reminder's cancel link leads to the
/// cancel question and cancelling from it cancels; the moved message's
/// manage link opens the booking at its new time. The messages are the
/// outbox rows the server wrote into its database, composed in this
/// process as its delivery worker would (not yet on main).
final class MessageLinksEndToEndTests: XCTestCase {
    let office = "buergerbuero-mitte"

    func testTheRemindersCancelLinkCancelsAndTheMovedMessagesManageLinkOpensTheMovedBooking() throws {
        let server = try DemoServer.start()
        defer { server.stop() }
        let client = APIClient(port: server.port)
        let tuesday = DemoServer.adding(days: 1, to: server.date)
        let thursday = DemoServer.adding(days: 3, to: server.date)
        let starts = try client.slotStarts(office: office, date: tuesday)
        let (remindMe, moveMe) = try (book(client, start: XCTUnwrap(starts.last), email: "erinnerung@example.org"),
                                      book(client, start: XCTUnwrap(starts.dropLast().last), email: "verlegt@example.org"))
        let newStart = try XCTUnwrap(try client.slotStarts(office: office, date: thursday).last)
        let moved = try client.send("POST", "/api/v1/bookings/\(moveMe.code)/reschedule",
                                    body: Array(try JSONSerialization.data(withJSONObject: ["start": newStart])),
                                    headers: [("Content-Type", "application/json"), ("Authorization", "Bearer \(moveMe.token)")])
        XCTAssertEqual(moved.status, 200, moved.text)

        // What the server wrote into its outbox, read from its database file.
        let store = try Store(path: server.databasePath)
        defer { store.close() }
        let useCases = UseCases(store: store, clock: AdjustableClock(startingAt: Instant(secondsSinceEpoch: 4_000_000_000), running: false))
        let outbox = try useCases.outbox.due(limit: 100_000)
        let templates = ServerProcess.packageRoot.appendingPathComponent("Templates").path
        let composer = MailComposer(templates: try TemplateLibrary(directory: templates),
                                    translations: try Translations(directory: templates + "/i18n"),
                                    sender: try MailAddress("termine@stadt.example"),
                                    publicURL: try PublicURL(parsing: "http://127.0.0.1:\(server.port)"),
                                    catalogue: { try useCases.catalogue() })
        func mail(_ kind: OutboxMessage.Kind, to recipient: String) throws -> MailMessage {
            let row = try XCTUnwrap(outbox.last { $0.kind == kind && $0.recipient == recipient }, "no \(kind) to \(recipient)")
            return try composer.compose(row, at: row.createdAt)
        }

        // The reminder: its link leads to the question, and the answer cancels.
        let reminder = try mail(.reminder, to: "erinnerung@example.org")
        let cancelLink = try XCTUnwrap(link(in: reminder.text, server: server, containing: "/absagen?token="), reminder.text)
        let manage = "/termin/verwalten/\(remindMe.code)"
        let (question, cookies) = try open(client, cancelLink, landingAt: manage + "/absagen")
        XCTAssertTrue(question.text.contains(remindMe.code), question.text)
        let csrf = try XCTUnwrap(SecretsEndToEndTests.first(#"name="_csrf" value="([^"]+)""#, in: question.text), question.text)
        let cancelled = try SecretsEndToEndTests.post(client, manage + "/absagen", [("_csrf", csrf)], cookies: cookies)
        XCTAssertEqual(cancelled.status, 200, cancelled.text)
        let status = try client.get("/api/v1/bookings/\(remindMe.code)", headers: [("Authorization", "Bearer \(remindMe.token)")])
        XCTAssertEqual(status.object["status"] as? String, "cancelled")

        // The moved message: its manage link (a token of its own) opens the booking at its new time.
        let movedMail = try mail(.moved, to: "verlegt@example.org")
        let manageLink = try XCTUnwrap(link(in: movedMail.text, server: server, containing: "?token="), movedMail.text)
        let movedToken = try XCTUnwrap(manageLink.split(separator: "=").last.map(String.init))
        XCTAssertNotEqual(movedToken, moveMe.token)
        let (page, _) = try open(client, manageLink, landingAt: "/termin/verwalten/\(moveMe.code)")
        XCTAssertTrue(page.text.contains(moveMe.code), page.text)
        let opened = try client.get("/api/v1/bookings/\(moveMe.code)", headers: [("Authorization", "Bearer \(movedToken)")])
        XCTAssertEqual(opened.status, 200, opened.text)
        XCTAssertEqual(RFC3339Instant(try XCTUnwrap(opened.object["start"] as? String)), RFC3339Instant(newStart))
        XCTAssertTrue(try calendar(of: movedMail).contains("UID:\(moveMe.code)@terminbuch"))
    }

    func book(_ client: APIClient, start: String, email: String) throws -> (code: String, token: String) {
        var body = APIClient.bookingBody(office: office, start: start, name: "Erika Mustermann", email: email)
        body["language"] = "de"
        let booked = try client.post("/api/v1/bookings", json: body)
        XCTAssertEqual(booked.status, 201, booked.text)
        return (try XCTUnwrap((booked.object["booking"] as? [String: Any])?["code"] as? String),
                try XCTUnwrap(booked.object["manageToken"] as? String))
    }

    /// The path of the message's first link to this server containing `part`.
    func link(in text: String, server: DemoServer, containing part: String) -> String? {
        let origin = "http://127.0.0.1:\(server.port)"
        return text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .first { $0.hasPrefix(origin) && $0.contains(part) }.map { String($0.dropFirst(origin.count)) }
    }

    /// Follows a manage link as a browser does: the token traded for the
    /// booking's cookie with a 303 to `landing`, which then answers 200.
    /// Answers that page and the cookies its forms need.
    func open(_ client: APIClient, _ path: String, landingAt landing: String) throws -> (RawClient.Response, String) {
        let traded = try client.get(path)
        XCTAssertEqual(traded.status, 303, traded.text)
        XCTAssertEqual(traded.header("Location"), landing)
        let manageCookie = try XCTUnwrap(traded.header("Set-Cookie")?.split(separator: ";").first.map(String.init))
        let page = try client.get(landing, headers: [("Cookie", manageCookie)])
        XCTAssertEqual(page.status, 200, page.text)
        let csrf = SecretsEndToEndTests.csrfCookie(page).map { "; " + $0 } ?? ""
        return (page, manageCookie + csrf)
    }

    func calendar(of mail: MailMessage) throws -> String {
        String(decoding: try XCTUnwrap(mail.attachments.first { $0.filename == "termin.ics" }).data, as: UTF8.self)
    }
}
