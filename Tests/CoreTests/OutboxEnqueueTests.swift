@testable import Core
import Scheduling
import XCTest

/// A message is written in the transaction of the change that causes it:
/// there when the booking committed, absent when it was refused. (The
/// demo's own bookings have theirs in the outbox already.)
final class OutboxEnqueueTests: XCTestCase {
    func testABookingWithAnEmailWritesItsConfirmationDueAtOnce() throws {
        let env = try TestEnvironment()
        let made = try env.bookings.book(
            BookingOrder(officeId: TestEnvironment.mitte, services: [RequestedService(serviceId: "personalausweis", quantity: 2)],
                         start: env.at("2026-11-24", "09:00"), contact: Contact(name: "Erika Mustermann", email: "erika@example.org"),
                         language: "en"),
            caller: .citizen).value
        let due = try env.useCases.outbox.due(limit: 1000).filter { $0.bookingId == made.booking.id }
        XCTAssertEqual(due.count, 1)
        let message = try XCTUnwrap(due.first)
        XCTAssertEqual(message.kind, .confirmation)
        XCTAssertEqual(message.status, .pending)
        XCTAssertEqual(message.recipient, "erika@example.org")
        XCTAssertEqual(message.language, "en")
        XCTAssertEqual(message.bookingId, made.booking.id)
        XCTAssertEqual(message.nextAttemptAt, TestEnvironment.start)
        XCTAssertTrue(message.messageID.hasPrefix("tb."), message.messageID)
        let facts = try XCTUnwrap(message.facts.booking)
        XCTAssertEqual(facts.code, made.booking.code.value)
        XCTAssertEqual(facts.services, [.init(id: "personalausweis", quantity: 2)])
        XCTAssertEqual(facts.start, made.booking.start.secondsSinceEpoch)
        XCTAssertEqual(facts.end, made.booking.end.secondsSinceEpoch)
        XCTAssertEqual(facts.name, "Erika Mustermann")
        // The message's link is the booking's own: it opens the booking.
        let token = try XCTUnwrap(facts.manageToken)
        XCTAssertEqual(token, made.manageToken)
        XCTAssertEqual(try env.bookings.booking(made.booking.code, access: .manageToken(token)).id, made.booking.id)
    }

    func testNoAddressNoMessageAndARefusedBookingWritesNone() throws {
        let env = try TestEnvironment()
        let before = try env.useCases.outbox.due(limit: 1000)
        _ = try env.book(env.at("2026-11-24", "09:00"), contact: Contact(name: "Nur Telefon", phone: "0471 590 0"))
        XCTAssertRefused(.outsideOpeningHours, try env.book(env.at("2026-11-24", "12:30")))
        XCTAssertEqual(try env.useCases.outbox.due(limit: 1000), before)
    }

    func testAMessageIsDueOnlyFromItsTimeAndEachHasItsOwnMessageID() throws {
        let env = try TestEnvironment()
        let before = try env.useCases.outbox.due(limit: 1000).count
        let first = try env.book(env.at("2026-11-24", "09:00")).booking.id
        let second = try env.book(env.at("2026-11-24", "09:15")).booking.id
        let store = env.store
        try store.write { db in
            try store.enqueue(db, MessageDraft(kind: .reminder, language: "de", recipient: "later@example.org",
                                                   officeId: TestEnvironment.mitte, bookingId: nil, facts: MessageFacts(),
                                                   dueAt: TestEnvironment.start.adding(hours: 2)), now: TestEnvironment.start)
        }
        let now = try env.useCases.outbox.due(limit: 1000)
        XCTAssertEqual(now.count, before + 2)
        XCTAssertEqual(now.suffix(2).map(\.bookingId), [first, second], "oldest due first, then in order written")
        XCTAssertEqual(Set(now.map(\.messageID)).count, now.count)
        env.clock.set(TestEnvironment.start.adding(hours: 2))
        XCTAssertEqual(try env.useCases.outbox.due(limit: 1000).map(\.recipient).last, "later@example.org")
        XCTAssertEqual(try env.useCases.outbox.due(limit: 1).count, 1)
    }

    /// A minted token opens the booking like its first; the first keeps working.
    func testMintedManageTokensOpenTheBooking() throws {
        let env = try TestEnvironment()
        let made = try env.book(env.at("2026-11-24", "09:00"))
        let bookingId = made.booking.id
        let minted = try env.store.write { db in
            try ManageTokens.mint(db, bookingId: bookingId, now: TestEnvironment.start)
        }
        XCTAssertNotEqual(minted, made.manageToken)
        for token in [minted, made.manageToken] {
            XCTAssertEqual(try env.bookings.booking(made.booking.code, access: .manageToken(token)).id, made.booking.id)
        }
        XCTAssertThrows(.notFound, try env.bookings.booking(made.booking.code, access: .manageToken(minted + "x")))
        let other = try env.book(env.at("2026-11-24", "09:15"))
        XCTAssertThrows(.notFound, try env.bookings.booking(other.booking.code, access: .manageToken(minted)))
    }
}
