@testable import Core
import Scheduling
import SQLite
import XCTest

/// What a booking's own changes write to its recipient, in the change's
/// transaction: the reminder `reminderHours` before, withdrawn or written
/// anew when the booking is cancelled or moved, and word of the move or
/// the cancellation, with who did it, in the booking's language — and
/// nothing to the call centre's own functional mailbox.
final class BookingMessagesTests: XCTestCase {
    let service = [RequestedService(serviceId: "personalausweis", quantity: 1)]

    func book(_ env: TestEnvironment, _ start: Instant, email: String = "erika@example.org", language: String = "en",
              caller: Caller = .citizen) throws -> BookingConfirmation {
        try env.bookings.book(BookingOrder(officeId: TestEnvironment.mitte, services: service, start: start,
                                           contact: Contact(name: "Erika Mustermann", email: email), language: language),
                              caller: caller).value
    }

    func testAReminderIsDueReminderHoursBeforeTheStartWithALinkOfItsOwn() throws {
        let env = try TestEnvironment()
        let made = try book(env, env.at("2026-11-24", "09:00"))
        let messages = try env.messages(about: made.booking.id)
        XCTAssertEqual(messages.map(\.kind), [.confirmation, .reminder])
        let reminder = try XCTUnwrap(messages.last)
        XCTAssertEqual(reminder.nextAttemptAt, env.at("2026-11-23", "09:00"))
        XCTAssertEqual(reminder.status, .pending)
        XCTAssertEqual(reminder.recipient, "erika@example.org")
        XCTAssertEqual(reminder.language, "en")
        XCTAssertEqual(reminder.facts.booking?.start, made.booking.start.secondsSinceEpoch)
        let token = try XCTUnwrap(reminder.facts.booking?.manageToken)
        XCTAssertNotEqual(token, made.manageToken, "a token minted for the reminder")
        XCTAssertEqual(try env.bookings.booking(made.booking.code, access: .manageToken(token)).id, made.booking.id)

        XCTAssertFalse(try env.useCases.outbox.due(limit: 1000).contains { $0.id == reminder.id }, "not due before its time")
        env.setClock("2026-11-23", "09:00")
        XCTAssertTrue(try env.useCases.outbox.due(limit: 1000).contains { $0.id == reminder.id })
    }

    func testNoReminderForABookingMadeCloserThanReminderHoursNorAtZeroHours() throws {
        let env = try TestEnvironment()
        env.setClock("2026-11-16", "09:00")
        let soon = try book(env, env.at("2026-11-17", "08:00"))
        XCTAssertEqual(try env.messages(about: soon.booking.id).map(\.kind), [.confirmation], "23 hours ahead: too late for one")

        let store = env.store
        try store.write { db in try db.run("UPDATE offices SET reminder_hours = 0 WHERE id = ?", [TestEnvironment.mitte]) }
        store.reloadCatalogue()
        let later = try book(env, env.at("2026-11-24", "09:00"))
        XCTAssertEqual(try env.messages(about: later.booking.id).map(\.kind), [.confirmation])
    }

    func testCancellingWithdrawsTheReminderAndSaysWhoCancelled() throws {
        let env = try TestEnvironment()
        let made = try book(env, env.at("2026-11-24", "09:00"))
        env.setClock("2026-11-18", "12:00")
        _ = try env.bookings.cancel(made.booking.code, access: .offices([TestEnvironment.mitte]), caller: TestEnvironment.desk)

        let messages = try env.messages(about: made.booking.id)
        XCTAssertEqual(messages.map(\.kind), [.confirmation, .reminder, .cancelled])
        XCTAssertEqual(messages[1].status, .withdrawn)
        XCTAssertEqual(messages[1].settledAt, env.at("2026-11-18", "12:00"))
        let cancelled = messages[2]
        XCTAssertEqual(cancelled.status, .pending)
        XCTAssertEqual(cancelled.nextAttemptAt, env.at("2026-11-18", "12:00"), "due at once")
        XCTAssertEqual(cancelled.facts.actor, "staff")
        XCTAssertEqual(cancelled.language, "en")
        XCTAssertEqual(cancelled.recipient, "erika@example.org")
        XCTAssertEqual(cancelled.facts.booking?.start, made.booking.start.secondsSinceEpoch)
        XCTAssertNil(cancelled.facts.booking?.manageToken, "a cancelled booking has nothing left to manage")
    }

    func testMovingSaysTheTimesBeforeAndAfterAndTheReminderFollowsTheNewTime() throws {
        let env = try TestEnvironment()
        let made = try book(env, env.at("2026-11-24", "09:00"), language: "de")
        _ = try env.bookings.reschedule(made.booking.code, to: env.at("2026-11-25", "09:00"),
                                        access: .manageToken(made.manageToken), caller: .citizen)

        var messages = try env.messages(about: made.booking.id)
        XCTAssertEqual(messages.map(\.kind), [.confirmation, .reminder, .reminder, .moved])
        XCTAssertEqual(messages[1].status, .withdrawn)
        XCTAssertEqual(messages[2].status, .pending)
        XCTAssertEqual(messages[2].nextAttemptAt, env.at("2026-11-24", "09:00"))
        XCTAssertEqual(messages[2].facts.booking?.start, env.at("2026-11-25", "09:00").secondsSinceEpoch)
        let moved = messages[3]
        XCTAssertEqual(moved.facts.actor, "citizen")
        XCTAssertEqual(moved.language, "de")
        XCTAssertEqual(moved.facts.previousStart, made.booking.start.secondsSinceEpoch)
        XCTAssertEqual(moved.facts.previousEnd, made.booking.end.secondsSinceEpoch)
        XCTAssertEqual(moved.facts.booking?.start, env.at("2026-11-25", "09:00").secondsSinceEpoch)
        let token = try XCTUnwrap(moved.facts.booking?.manageToken)
        XCTAssertEqual(try env.bookings.booking(made.booking.code, access: .manageToken(token)).start, env.at("2026-11-25", "09:00"))

        // Moved by an agent to less than a day ahead: the reminder is withdrawn and none is written.
        env.setClock("2026-11-24", "08:00")
        _ = try env.bookings.reschedule(made.booking.code, to: env.at("2026-11-24", "11:00"), access: .anyOffice,
                                        caller: TestEnvironment.phone)
        messages = try env.messages(about: made.booking.id)
        XCTAssertEqual(messages.map(\.kind), [.confirmation, .reminder, .reminder, .moved, .moved])
        XCTAssertEqual(messages.filter { $0.kind == .reminder }.map(\.status), [.withdrawn, .withdrawn])
        XCTAssertEqual(messages.last?.facts.actor, "agent")
        XCTAssertEqual(messages.last?.facts.previousStart, env.at("2026-11-25", "09:00").secondsSinceEpoch)
    }

    func testNothingGoesToTheFunctionalMailboxOfTheAgentWhoBooked() throws {
        let env = try TestEnvironment()
        let agent = try env.accounts.add(username: "telefon-1", displayName: nil, password: "lang genug, sicher", role: .agent,
                                         municipalityIds: ["bremerhaven"])
        try env.accounts.setFunctionalMailbox("buergertelefon@bremerhaven.example", username: agent.username)
        XCTAssertEqual(try env.accounts.functionalMailbox(username: agent.username), "buergertelefon@bremerhaven.example")
        let caller = Caller(channel: .phone, username: agent.username, accountId: agent.id)

        // However the agent writes the address, it is the call centre's own.
        let forCaller = try book(env, env.at("2026-11-24", "09:00"), email: "Buergertelefon@Bremerhaven.example", caller: caller)
        _ = try env.bookings.reschedule(forCaller.booking.code, to: env.at("2026-11-25", "09:00"), access: .anyOffice, caller: caller)
        _ = try env.bookings.cancel(forCaller.booking.code, access: .anyOffice, caller: caller)
        XCTAssertEqual(try env.messages(about: forCaller.booking.id), [])

        // The caller's own address hears of everything; so does a citizen booking online with the shared address.
        let own = try book(env, env.at("2026-11-24", "09:15"), caller: caller)
        XCTAssertEqual(try env.messages(about: own.booking.id).map(\.kind), [.confirmation, .reminder])
        let online = try book(env, env.at("2026-11-24", "09:30"), email: "buergertelefon@bremerhaven.example")
        XCTAssertEqual(try env.messages(about: online.booking.id).map(\.kind), [.confirmation, .reminder])

        XCTAssertThrowsError(try env.accounts.setFunctionalMailbox("kein postfach", username: agent.username))
        XCTAssertEqual(try env.accounts.functionalMailbox(username: agent.username), "buergertelefon@bremerhaven.example")
    }
}

extension TestEnvironment {
    /// Every message about the booking, whatever its status, in the order written.
    func messages(about bookingId: Int64) throws -> [OutboxMessage] {
        try store.read { db in
            try db.query("SELECT \(OutboxRows.columns) FROM outbox WHERE booking_id = ? ORDER BY id", [bookingId])
                .map(OutboxRows.message)
        }
    }
}
