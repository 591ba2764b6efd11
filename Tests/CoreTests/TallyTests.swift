@testable import Core
import Scheduling
import XCTest

/// What the use cases count for metrics (`Tally`): each committed change
/// once, by channel and office; a refusal, a replay or a kept hold not.
final class TallyTests: XCTestCase {
    let mitte = TestEnvironment.mitte

    /// The counts of what the demo data booked through the same use cases.
    var seeded: [Tally.Key: Int] = [:]

    func environment() throws -> TestEnvironment {
        let env = try TestEnvironment()
        seeded = env.store.tally.snapshot
        return env
    }

    /// The count since the environment was made.
    func count(_ env: TestEnvironment, _ event: Tally.Event, _ channel: Channel, office: OfficeID = TestEnvironment.mitte) -> Int {
        let key = Tally.Key(event: event, channel: channel, officeId: office)
        return (env.store.tally.snapshot[key] ?? 0) - (seeded[key] ?? 0)
    }

    func testBookingsAreCountedByChannelAndOfficeOnceCommitted() throws {
        let env = try environment()
        let start = env.at("2026-11-24", "10:00")
        let online = try env.book(start, person: 1)
        try env.book(start, person: 2, caller: TestEnvironment.phone)
        try env.book(start, person: 3, caller: TestEnvironment.phone)
        XCTAssertRefused(.slotTaken, try env.book(start, person: 4, caller: TestEnvironment.phone))
        XCTAssertEqual(count(env, .bookingCreated, .online), 1)
        XCTAssertEqual(count(env, .bookingCreated, .phone), 2, "the refused fourth not counted")

        let access = Access.manageToken(online.manageToken)
        _ = try env.bookings.reschedule(online.booking.code, to: env.at("2026-11-24", "11:00"), access: access, caller: .citizen)
        XCTAssertThrowsError(try env.bookings.reschedule(online.booking.code, to: env.at("2026-11-24", "11:07"), access: access,
                                                         caller: .citizen), "no start at 11:07")
        _ = try env.bookings.cancel(online.booking.code, access: access, caller: .citizen)
        XCTAssertThrows(.notChangeable(status: .cancelled), try env.bookings.cancel(online.booking.code, access: access, caller: .citizen))
        XCTAssertEqual(count(env, .bookingMoved, .online), 1)
        XCTAssertEqual(count(env, .bookingCancelled, .online), 1)
        XCTAssertEqual(env.store.tally.snapshot.values.reduce(0, +) - seeded.values.reduce(0, +), 5, "nothing else counted")
    }

    func testAReplayedBookingIsNotCountedAgain() throws {
        let env = try environment()
        let order = BookingOrder(officeId: mitte, services: [RequestedService(serviceId: "personalausweis")],
                                 start: env.at("2026-11-24", "10:00"), contact: Contact(name: "Eine", email: "eine@example.org"))
        let key = IdempotencyKey(key: "retry", fingerprint: Array("the order".utf8))
        XCTAssertFalse(try env.bookings.book(order, caller: .citizen, idempotency: key).isReplayed)
        XCTAssertTrue(try env.bookings.book(order, caller: .citizen, idempotency: key).isReplayed)
        XCTAssertEqual(count(env, .bookingCreated, .online), 1)
    }

    func testHoldsAndWalkInTicketsAreCounted() throws {
        let env = try environment()
        let services = [RequestedService(serviceId: "personalausweis")]
        let start = env.at("2026-11-24", "10:00")
        let hold = try env.bookings.hold(office: mitte, services: services, start: start, caller: .citizen, client: "client-a").value
        let kept = try env.bookings.hold(office: mitte, services: services, start: start, caller: .citizen, client: "client-a",
                                         replacing: hold.id).value
        XCTAssertEqual(kept.id, hold.id, "the same hold, kept")
        XCTAssertEqual(count(env, .holdMade, .online), 1, "a kept hold is no new one")

        env.setClock("2026-11-16", "09:00")
        _ = try env.walkIns.issue(office: mitte, services: services, caller: TestEnvironment.desk)
        XCTAssertEqual(count(env, .walkInTicketIssued, .desk), 1)
    }
}
