import Core
import Foundation
import Scheduling
import XCTest

/// A call centre's functional mailbox, set by `terminbuch user add
/// --functional-mailbox` next to the running server: a phone booking its
/// agent makes for that address writes no message to it, one for the
/// caller's own address does; a wrong address is a usage error that adds
/// no account.
final class FunctionalMailboxEndToEndTests: XCTestCase {
    func testAPhoneBookingForTheAgentsFunctionalMailboxWritesItNothing() throws {
        let server = try DemoServer.start()
        defer { server.stop() }
        let db = ["--database", server.databasePath]
        let wrong = try UserCommandTests.terminbuch(["user", "add", "--username", "tel-2", "--role", "agent", "--municipality",
                                                     "bremerhaven", "--functional-mailbox", "kein postfach"] + db,
                                                    input: "Telefon-Passwort-1\n")
        XCTAssertEqual(wrong.status, 64, wrong.errors)
        XCTAssertTrue(wrong.errors.contains("functional mailbox"), wrong.errors)
        let added = try UserCommandTests.terminbuch(["user", "add", "--username", "tel-1", "--role", "agent", "--municipality",
                                                     "bremerhaven", "--functional-mailbox", "telefon@bremerhaven.example"] + db,
                                                    input: "Telefon-Passwort-1\n")
        XCTAssertEqual(added.status, 0, added.errors)
        XCTAssertFalse(try UserCommandTests.terminbuch(["user", "list"] + db).output.contains("tel-2"), "the refused account is not there")

        let client = APIClient(port: server.port)
        let agent = try client.signIn("tel-1", password: "Telefon-Passwort-1")
        let starts = try client.slotStarts(office: "buergerbuero-mitte", date: DemoServer.adding(days: 2, to: server.date))
        for (start, email) in [(starts.last, "Telefon@Bremerhaven.example"), (starts.dropLast().last, "anrufer@example.org")] {
            let booked = try client.post("/api/v1/bookings", json: APIClient.bookingBody(
                office: "buergerbuero-mitte", start: try XCTUnwrap(start), name: "Anrufer", email: email), headers: [("Cookie", agent)])
            XCTAssertEqual(booked.status, 201, booked.text)
        }

        let store = try Store(path: server.databasePath)
        defer { store.close() }
        let recipients = try UseCases(store: store, clock: AdjustableClock(startingAt: Instant(secondsSinceEpoch: 4_000_000_000),
                                                                         running: false))
            .outbox.due(limit: 100_000).map { $0.recipient.lowercased() }
        XCTAssertFalse(recipients.contains("telefon@bremerhaven.example"), "\(recipients)")
        XCTAssertEqual(recipients.filter { $0 == "anrufer@example.org" }.count, 2, "the caller's own address: confirmation and reminder")
    }
}
