@testable import Core
import Scheduling
import XCTest

/// "Nicht zugestellt" from Core: an office's failed messages, newest
/// first, with the booking as it stands now; for the office's staff only.
final class UndeliveredTests: XCTestCase {
    func testTheOfficesFailedMessagesNewestFirstWithTheirBookingsForItsStaffOnly() throws {
        let env = try TestEnvironment()
        let first = try env.book(env.at("2026-11-24", "09:00"), person: 1)
        let second = try env.book(env.at("2026-11-24", "09:15"), person: 2)
        _ = try env.book(env.at("2026-11-24", "09:30"), person: 3)
        let store = env.store
        for (made, settled) in [(first, 100), (second, 200)] {
            let id = made.booking.id
            try store.write { db in
                try db.run("UPDATE outbox SET status = 'failed', settled_at = ?, last_error = '550 no such user' WHERE booking_id = ?",
                           [TestEnvironment.start.secondsSinceEpoch + Int64(settled), id])
            }
        }
        let staff = try XCTUnwrap(env.accounts.account(username: "staff-mitte"))
        let listed = try env.useCases.outbox.undelivered(office: TestEnvironment.mitte, for: staff)
        XCTAssertEqual(listed.map(\.booking?.code), [second, first].map(\.booking.code), "newest first, only the failed")
        XCTAssertEqual(listed.map(\.message.lastError), ["550 no such user", "550 no such user"])
        XCTAssertEqual(listed.first?.booking?.contact.name, "Person 2")
        XCTAssertEqual(try env.useCases.outbox.undeliveredCount(office: TestEnvironment.mitte, for: staff), 2)
        XCTAssertEqual(try env.useCases.outbox.undelivered(office: "buergerbuero-nord", for: XCTUnwrap(env.accounts.account(username: "admin"))),
                       [], "another office's list is its own")

        let agent = try XCTUnwrap(env.accounts.account(username: "agent"))
        XCTAssertThrows(.forbidden(.runDay), try env.useCases.outbox.undelivered(office: TestEnvironment.mitte, for: agent))
        XCTAssertThrows(.forbidden(.runDay), try env.useCases.outbox.undelivered(office: "buergerbuero-nord", for: staff))
        XCTAssertThrows(.unknownOffice("nirgendwo"), try env.useCases.outbox.undeliveredCount(office: "nirgendwo", for: staff))
    }
}
