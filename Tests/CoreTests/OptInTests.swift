@testable import Core
import Scheduling
import SQLite
import XCTest

/// The double opt-in at the demo's Mobiler Bürgerservice, whose policy asks
/// for it (two counters, 20-minute slots; Tuesday 17 November 2026 in
/// Leherheide): a waiting booking holds its capacity, confirmed in time it
/// is confirmed and its link is spent, unconfirmed past its time it lapses
/// and its capacity is free again.
final class OptInTests: XCTestCase {
    static let mobil: OfficeID = "buergerservice-mobil"
    let tuesday = TestEnvironment.at("2026-11-17", "09:00")

    private func book(_ env: TestEnvironment, person: Int, caller: Caller = .citizen,
                      contact: Contact? = nil) throws -> BookingConfirmation {
        try env.book(tuesday, office: Self.mobil, person: person, contact: contact, caller: caller)
    }

    /// The opt-in message written with the booking, and its link's token.
    private func optInMessage(_ env: TestEnvironment, _ made: BookingConfirmation) throws -> OutboxMessage {
        let messages = try env.useCases.outbox.due(limit: 1000).filter { $0.bookingId == made.booking.id }
        XCTAssertEqual(messages.map(\.kind), [.optIn], "the opt-in instead of the confirmation")
        return try XCTUnwrap(messages.first)
    }

    private func status(_ env: TestEnvironment, _ made: BookingConfirmation) throws -> Booking.Status {
        try env.bookings.booking(made.booking.code, access: .manageToken(made.manageToken)).status
    }

    private func freeAtNine(_ env: TestEnvironment) throws -> Bool {
        try env.availability.starts(office: Self.mobil, services: [RequestedService(serviceId: "personalausweis")],
                                    date: LocalDate("2026-11-17")!, caller: .citizen).starts.contains { $0.start == tuesday }
    }

    func testAWaitingBookingHoldsItsCapacityAndItsMessageCarriesTheLinkAndTheDeadline() throws {
        let env = try TestEnvironment()
        let first = try book(env, person: 1)
        XCTAssertEqual(first.booking.status, .pendingConfirmation)
        XCTAssertEqual(first.booking.confirmBy, TestEnvironment.start.adding(minutes: 30))
        XCTAssertTrue(first.booking.awaitsConfirmation(at: TestEnvironment.start))
        XCTAssertEqual(try status(env, first), .pendingConfirmation)
        _ = try book(env, person: 2)
        XCTAssertFalse(try freeAtNine(env), "both counters held by waiting bookings")
        XCTAssertRefused(.slotTaken, try book(env, person: 3))

        let message = try optInMessage(env, first)
        XCTAssertEqual(message.recipient, "person1@example.org")
        XCTAssertEqual(message.facts.confirmBy, TestEnvironment.start.adding(minutes: 30).secondsSinceEpoch)
        XCTAssertEqual(message.facts.booking?.code, first.booking.code.value)
        XCTAssertNil(message.facts.booking?.manageToken, "the manage link comes with the confirmation")
        let token = try XCTUnwrap(message.facts.confirmToken)
        XCTAssertEqual(try env.bookings.optIn(first.booking.code, token: token), .awaiting(try first.booking.withStoredFields(env)))
        XCTAssertEqual(try env.bookings.nextLapse(), first.booking.confirmBy)
        let stamp = try env.availability.starts(office: Self.mobil, services: [RequestedService(serviceId: "personalausweis")],
                                                date: LocalDate("2026-11-17")!, caller: .citizen).stamp
        XCTAssertEqual(stamp.validUntil, first.booking.confirmBy, "a cached answer ends when the waiting booking may lapse")
    }

    func testConfirmedInTimeItIsConfirmedWithItsConfirmationAndTheLinkWorksOnce() throws {
        let env = try TestEnvironment()
        let made = try book(env, person: 1)
        let token = try XCTUnwrap(try optInMessage(env, made).facts.confirmToken)
        XCTAssertThrows(.notFound, try env.bookings.confirm(made.booking.code, token: token + "x"))
        XCTAssertEqual(try status(env, made), .pendingConfirmation, "a wrong token changes nothing")

        env.clock.set(TestEnvironment.start.adding(minutes: 29))
        guard case .confirmed(let confirmed) = try env.bookings.confirm(made.booking.code, token: token) else {
            return XCTFail("not confirmed")
        }
        XCTAssertEqual(confirmed.booking.status, .confirmed)
        XCTAssertEqual(try status(env, made), .confirmed)
        XCTAssertNil(try env.bookings.booking(made.booking.code, access: .manageToken(made.manageToken)).confirmBy)
        let (_, events) = try env.bookings.history(made.booking.code, access: .anyOffice)
        XCTAssertEqual(events.map(\.action), [.created, .confirmed])

        let confirmation = try XCTUnwrap(try env.useCases.outbox.due(limit: 1000)
            .first { $0.bookingId == made.booking.id && $0.kind == .confirmation })
        let manageToken = try XCTUnwrap(confirmation.facts.booking?.manageToken)
        XCTAssertEqual(manageToken, confirmed.manageToken)
        XCTAssertEqual(try env.bookings.booking(made.booking.code, access: .manageToken(manageToken)).id, made.booking.id)

        XCTAssertThrows(.notFound, try env.bookings.confirm(made.booking.code, token: token), "the link works once")
        XCTAssertThrows(.notFound, try env.bookings.optIn(made.booking.code, token: token))
        env.clock.set(TestEnvironment.start.adding(minutes: 60))
        XCTAssertEqual(try env.bookings.lapseUnconfirmed(), 0)
        XCTAssertEqual(try status(env, made), .confirmed, "a confirmed booking never lapses")
    }

    func testUnconfirmedPastItsTimeItLapsesAndANewBookingGetsTheSlot() throws {
        let env = try TestEnvironment()
        let first = try book(env, person: 1)
        let second = try book(env, person: 2)
        let token = try XCTUnwrap(try optInMessage(env, first).facts.confirmToken)
        env.clock.set(TestEnvironment.start.adding(minutes: 30))

        XCTAssertTrue(try freeAtNine(env), "offered again at once, before any sweep")
        XCTAssertTrue(try env.bookings.booking(first.booking.code, access: .manageToken(first.manageToken))
            .hasLapsed(at: env.clock.now()))
        guard case .lapsed = try env.bookings.optIn(first.booking.code, token: token) else { return XCTFail("not lapsed") }
        XCTAssertThrows(.notChangeable(status: .pendingConfirmation),
                        try env.bookings.cancel(first.booking.code, access: .manageToken(first.manageToken), caller: .citizen))

        // The booking transaction lapses both first, so `slot_usage` has room for two new ones.
        let third = try book(env, person: 3)
        _ = try book(env, person: 4)
        XCTAssertEqual(third.booking.status, .pendingConfirmation)
        XCTAssertEqual(try status(env, first), .cancelled)
        XCTAssertEqual(try status(env, second), .cancelled)
        let (_, events) = try env.bookings.history(first.booking.code, access: .anyOffice)
        XCTAssertEqual(events.map(\.action), [.created, .lapsed])
        guard case .lapsed(let lapsed) = try env.bookings.confirm(first.booking.code, token: token) else {
            return XCTFail("a lapsed link confirms nothing")
        }
        XCTAssertEqual(lapsed.status, .cancelled)
        let (cooldowns, optIns) = try env.store.read { db in
            (try db.scalar("SELECT count(*) FROM cooldowns WHERE office_id = 'buergerservice-mobil'", as: Int.self),
             try db.query("SELECT kind FROM outbox WHERE booking_id = \(first.booking.id) AND status = 'withdrawn' ORDER BY kind")
                .map { try $0["kind"] as String })
        }
        XCTAssertEqual(cooldowns, 0, "never confirmed, so nothing to trade: no cooldown")
        XCTAssertEqual(optIns, ["optIn", "reminder"], "its unsent opt-in and its reminder are withdrawn")
    }

    func testTheSweepLapsesWhatIsDueAndNothingElse() throws {
        let env = try TestEnvironment()
        let early = try book(env, person: 1)
        env.clock.set(TestEnvironment.start.adding(minutes: 10))
        let later = try book(env, person: 2)
        let cancelled = try env.book(tuesday.adding(minutes: 20), office: Self.mobil, person: 3)
        _ = try env.bookings.cancel(cancelled.booking.code, access: .manageToken(cancelled.manageToken), caller: .citizen)

        env.clock.set(TestEnvironment.start.adding(minutes: 30))
        XCTAssertEqual(try env.bookings.lapseUnconfirmed(), 1)
        XCTAssertEqual(try status(env, early), .cancelled)
        XCTAssertEqual(try status(env, later), .pendingConfirmation)
        XCTAssertEqual(try env.bookings.nextLapse(), TestEnvironment.start.adding(minutes: 40))
        let stored = try env.bookings.booking(cancelled.booking.code, access: .manageToken(cancelled.manageToken))
        XCTAssertFalse(stored.hasLapsed(at: env.clock.now()), "cancelled while waiting is cancelled, not lapsed")
        XCTAssertEqual(try env.bookings.lapseUnconfirmed(), 0)
    }

    func testPhoneAndDeskBookingsNeverWait() throws {
        let env = try TestEnvironment()
        for (person, caller) in [(1, TestEnvironment.phone), (2, TestEnvironment.desk)] {
            let made = try book(env, person: person, caller: caller)
            XCTAssertEqual(made.booking.status, .confirmed, "\(caller.channel)")
            XCTAssertNil(made.booking.confirmBy)
            XCTAssertEqual(try env.useCases.outbox.due(limit: 1000).filter { $0.bookingId == made.booking.id }.map(\.kind),
                           [.confirmation])
        }
        XCTAssertEqual(try env.bookings.nextLapse(), nil)
    }

    func testAWaitingBookingNeedsAnAddressToBeSentTheLink() throws {
        let env = try TestEnvironment()
        let before = try env.bookingCount()
        XCTAssertThrowsError(try book(env, person: 1, contact: Contact(name: "Nur Telefon", phone: "0471 590 0"))) { error in
            guard case BookingError.invalid(let field, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(field, "contact.email")
        }
        XCTAssertEqual(try env.bookingCount(), before)
        XCTAssertEqual(try env.book(tuesday, contact: Contact(name: "Nur Telefon", phone: "0471 590 0")).booking.status,
                       .confirmed, "an office that does not ask books at once")
    }
}

private extension Booking {
    /// The booking as a read answers it (documents and place from the catalogue).
    func withStoredFields(_ env: TestEnvironment) throws -> Booking {
        try env.store.read { db in try BookingRows.find(db, code: code, catalogue: try env.store.catalogue())!.0 }
    }
}
