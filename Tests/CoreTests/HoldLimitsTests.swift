import Core
import Foundation
import Scheduling
import Synchronization
import XCTest

/// Holds are scarce (`BookingPolicy.holdRefusal`) through the real use case
/// and a real database file: a few live ones per client and per contact, a
/// few new ones per client and window, no holding a start again within the
/// cooldown, and a hold made for one contact is no pass for another. The
/// demo policy: 3 live, 10 per 10 minutes, holds of 10 minutes, a 30-minute
/// cooldown.
final class HoldLimitsTests: XCTestCase {
    static let tuesday = "2026-11-24"
    static let ausweis = [RequestedService(serviceId: "personalausweis")]

    func hold(_ env: TestEnvironment, _ time: String, client: String = "client-a", contact: Contact? = nil,
              replacing previous: String? = nil) throws -> Hold {
        try env.bookings.hold(office: TestEnvironment.mitte, services: Self.ausweis, start: env.at(Self.tuesday, time),
                              caller: .citizen, client: client, contact: contact, replacing: previous).value
    }

    func contact(_ email: String, name: String = "Erika Mustermann") -> Contact {
        Contact(name: name, email: email)
    }

    func testAClientHoldsAtMostThreeLiveHoldsAndExpiredOnesDoNotCount() throws {
        let env = try TestEnvironment()
        _ = try hold(env, "10:00")
        env.clock.advance(minutes: 2)
        _ = try hold(env, "10:15")
        _ = try hold(env, "10:30")
        // The first of the three runs out 8 minutes from now.
        XCTAssertThrows(.holdRefused(.clientHoldsTooMany(limit: 3, retryAfter: 480)), try hold(env, "10:45"))
        XCTAssertNoThrow(try hold(env, "10:45", client: "client-b"), "another client is not held back")
        env.clock.advance(minutes: 8)
        XCTAssertNoThrow(try hold(env, "11:00"), "the expired hold no longer counts")
        XCTAssertThrows(.holdRefused(.clientHoldsTooMany(limit: 3, retryAfter: 120)), try hold(env, "11:15"))
    }

    func testAgentsAndStaffCountByTheirAccountNotTheAddressTheyShare() throws {
        let env = try TestEnvironment()
        let agents = [Caller(channel: .phone, username: "agent-1", accountId: 101),
                      Caller(channel: .phone, username: "agent-2", accountId: 102)]
        func hold(_ time: String, by caller: Caller) throws -> Hold {
            try env.bookings.hold(office: TestEnvironment.mitte, services: Self.ausweis, start: env.at(Self.tuesday, time),
                                  caller: caller, client: "call-centre-proxy").value
        }
        for caller in agents {
            for time in ["10:00", "10:15", "10:30"] { _ = try hold(time, by: caller) }
        }
        XCTAssertThrows(.holdRefused(.clientHoldsTooMany(limit: 3, retryAfter: 600)), try hold("10:45", by: agents[0]))
        XCTAssertNoThrow(try hold("10:45", by: .citizen), "a citizen at the same address is someone else")
    }

    func testReleasingAHoldFreesAPlaceAtOnce() throws {
        let env = try TestEnvironment()
        let first = try hold(env, "10:00")
        _ = try hold(env, "10:15")
        _ = try hold(env, "10:30")
        try env.bookings.releaseHold(first.id)
        XCTAssertNoThrow(try hold(env, "10:45"))
    }

    func testAClientMakesAtMostTenHoldsInTenMinutes() throws {
        let env = try TestEnvironment()
        let times = ["08:00", "08:15", "08:30", "08:45", "09:00", "09:15", "09:30", "09:45", "10:00", "10:15", "10:30"]
        for time in times.prefix(10) {
            try env.bookings.releaseHold(try hold(env, time).id)
            env.clock.set(env.clock.now().adding(seconds: 30))
        }
        // Ten made since 07:30:00, the first of them leaves the window at 07:40:00; it is 07:35:00.
        XCTAssertThrows(.holdRefused(.holdingTooOften(limit: 10, minutes: 10, retryAfter: 300)), try hold(env, times[10]))
        XCTAssertNoThrow(try hold(env, times[10], client: "client-b"))
        env.clock.set(env.clock.now().adding(seconds: 299))
        XCTAssertThrows(.holdRefused(.holdingTooOften(limit: 10, minutes: 10, retryAfter: 1)), try hold(env, "10:45"))
        env.clock.set(env.clock.now().adding(seconds: 1))
        XCTAssertNoThrow(try hold(env, "10:45"))
    }

    func testAContactIsHeldForAtMostThreeTimesWhateverTheClient() throws {
        let env = try TestEnvironment()
        let erika = contact("erika@example.org")
        for (index, time) in ["10:00", "10:15", "10:30"].enumerated() {
            _ = try hold(env, time, client: "client-\(index)", contact: erika)
        }
        XCTAssertThrows(.holdRefused(.contactHoldsTooMany(limit: 3, retryAfter: 600)),
                        try hold(env, "10:45", client: "client-9", contact: contact(" Erika@Example.org ", name: "E. M.")))
        let anonymous = try hold(env, "10:45", client: "client-9")
        XCTAssertThrows(.holdRefused(.contactHoldsTooMany(limit: 3, retryAfter: 600)), try env.bookings.holdFor(erika, hold: anonymous.id),
                        "giving the contact later counts the same")
        XCTAssertNoThrow(try env.bookings.holdFor(contact("max@example.org"), hold: anonymous.id))
    }

    func testAStartGivenUpCannotBeHeldAgainByTheSameClientWithinTheCooldown() throws {
        let env = try TestEnvironment()
        let first = try hold(env, "10:00")
        env.clock.advance(minutes: 9)
        try env.bookings.releaseHold(first.id)
        XCTAssertThrows(.holdRefused(.heldAgainTooSoon(retryAfter: 1800)), try hold(env, "10:00"))
        let other = try hold(env, "10:00", client: "client-b")
        XCTAssertNoThrow(try hold(env, "10:15"), "another start is not affected")
        env.clock.advance(minutes: 1)
        try env.bookings.releaseHold(other.id)
        env.clock.advance(minutes: 28)
        XCTAssertThrows(.holdRefused(.heldAgainTooSoon(retryAfter: 60)), try hold(env, "10:00"))
        env.clock.advance(minutes: 1)
        XCTAssertThrows(.holdRefused(.heldAgainTooSoon(retryAfter: 60)), try hold(env, "10:00", client: "client-b"),
                        "client-b gave it up a minute after client-a")
        XCTAssertNoThrow(try hold(env, "10:00"))
    }

    func testLettingAHoldRunOutCountsAsGivingItUp() throws {
        let env = try TestEnvironment()
        _ = try hold(env, "10:00")
        env.clock.advance(minutes: 10)
        XCTAssertThrows(.holdRefused(.heldAgainTooSoon(retryAfter: 1800)), try hold(env, "10:00"))
        env.clock.advance(minutes: 30)
        XCTAssertNoThrow(try hold(env, "10:00"))
    }

    func testAStartGivenUpCannotBeHeldAgainForTheSameContactFromAnotherClient() throws {
        let env = try TestEnvironment()
        let erika = contact("erika@example.org")
        try env.bookings.releaseHold(try hold(env, "10:00", client: "client-a", contact: erika).id)
        XCTAssertThrows(.holdRefused(.heldAgainTooSoon(retryAfter: 1800)), try hold(env, "10:00", client: "client-b", contact: erika))
        let anonymous = try hold(env, "10:00", client: "client-b")
        XCTAssertThrows(.holdRefused(.heldAgainTooSoon(retryAfter: 1800)), try env.bookings.holdFor(erika, hold: anonymous.id))
    }

    func testABookedHoldIsNoReasonToWait() throws {
        let env = try TestEnvironment()
        let start = env.at(Self.tuesday, "10:00")
        let held = try hold(env, "10:00")
        try env.book(start, person: 1, holdId: held.id)
        XCTAssertNoThrow(try hold(env, "10:00"), "the hold became a booking; it was not given up")
    }

    func testABookingOnAHoldMustBeTheContactsItWasMadeFor() throws {
        let env = try TestEnvironment()
        let start = env.at(Self.tuesday, "10:00")
        let held = try hold(env, "10:00", contact: contact("erika@example.org"))
        XCTAssertThrows(.holdForAnotherContact, try env.book(start, contact: contact("buyer@example.org"), holdId: held.id))
        XCTAssertEqual(try env.capacity(at: start).held, 1, "the refused booking left the hold as it was")
        let made = try env.book(start, contact: Contact(name: "Erika M.", email: "ERIKA@example.org", phone: "0471 12345"),
                                holdId: held.id)
        XCTAssertEqual(made.booking.start, start)
        XCTAssertEqual(try env.capacity(at: start).held, 0)
    }

    func testAContactGivenLaterBindsTheHoldToo() throws {
        let env = try TestEnvironment()
        let start = env.at(Self.tuesday, "10:00")
        let held = try hold(env, "10:00")
        try env.bookings.holdFor(contact("erika@example.org"), hold: held.id)
        XCTAssertNoThrow(try env.bookings.holdFor(contact("erika@example.org", name: "Erika"), hold: held.id), "the same contact again")
        XCTAssertThrows(.holdForAnotherContact, try env.bookings.holdFor(contact("buyer@example.org"), hold: held.id))
        XCTAssertThrows(.holdForAnotherContact, try env.book(start, contact: contact("buyer@example.org"), holdId: held.id))
        XCTAssertNoThrow(try env.book(start, contact: contact("erika@example.org"), holdId: held.id))
    }

    func testAHoldWithoutAContactTakesTheBookingsContact() throws {
        let env = try TestEnvironment()
        let start = env.at(Self.tuesday, "10:00")
        let held = try hold(env, "10:00")
        XCTAssertNoThrow(try env.book(start, contact: contact("anyone@example.org"), holdId: held.id))
    }

    func testChoosingTheSameTimeAgainKeepsTheHoldAndAnotherTimeGivesItUp() throws {
        let env = try TestEnvironment()
        let first = try hold(env, "10:00")
        env.clock.advance(minutes: 3)
        XCTAssertEqual(try hold(env, "10:00", replacing: first.id), first, "kept, not given up and held again")
        let second = try hold(env, "10:15", replacing: first.id)
        XCTAssertNotEqual(second.id, first.id)
        XCTAssertThrows(.holdNotFound, try env.bookings.releaseHold(first.id), "the earlier hold was given back")
        XCTAssertThrows(.holdRefused(.heldAgainTooSoon(retryAfter: 1800)), try hold(env, "10:00", replacing: second.id))
        XCTAssertNoThrow(try env.bookings.releaseHold(second.id), "a refused hold leaves the one it would replace")
    }

    func testTheScheduleCountsHeldCapacity() throws {
        let env = try TestEnvironment()
        let start = env.at(Self.tuesday, "10:00")
        let before = try env.capacity(at: start)
        XCTAssertEqual(before.held, 0)
        _ = try hold(env, "10:00")
        _ = try hold(env, "10:00", client: "client-b")
        let after = try env.capacity(at: start)
        XCTAssertEqual(after.held, 2)
        XCTAssertEqual(after.booked, 0)
        XCTAssertEqual(after.free, before.free - 2)
        env.clock.advance(minutes: 10)
        XCTAssertEqual(try env.capacity(at: start).held, 0, "expired holds are not shown")
    }

    func testConcurrentHoldsOfOneClientNeverPassTheLimit() throws {
        let env = try TestEnvironment()
        let starts = (0..<16).map { env.at(Self.tuesday, "08:00").adding(minutes: 15 * $0) }
        let made = Mutex(0)
        let refused = Mutex(0)
        let unexpected = Mutex<[String]>([])
        let bookings = env.bookings
        onThreads(starts.count) { thread in
            do {
                _ = try bookings.hold(office: TestEnvironment.mitte, services: Self.ausweis, start: starts[thread],
                                      caller: .citizen, client: "client-a")
                made.withLock { $0 += 1 }
            } catch BookingError.holdRefused(.clientHoldsTooMany) {
                refused.withLock { $0 += 1 }
            } catch {
                unexpected.withLock { $0.append("\(error)") }
            }
        }
        XCTAssertEqual(unexpected.withLock { $0 }, [])
        XCTAssertEqual(made.withLock { $0 }, 3)
        XCTAssertEqual(refused.withLock { $0 }, 13)
    }
}
