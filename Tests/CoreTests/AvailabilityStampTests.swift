import Core
import Scheduling
import XCTest

/// An availability answer is current until a write at its office or the
/// instant the allocator names — and never a moment longer.
final class AvailabilityStampTests: XCTestCase {
    let personalausweis = [RequestedService(serviceId: "personalausweis")]
    let wednesday = LocalDate("2026-11-25")!

    func testAWriteAtTheOfficeEndsTheAnswerAndOneElsewhereDoesNot() throws {
        let env = try TestEnvironment()
        let answer = try env.availability.starts(office: TestEnvironment.mitte, services: personalausweis, date: wednesday, caller: .citizen)
        XCTAssertTrue(env.availability.isCurrent(answer.stamp))

        let nordDay = try XCTUnwrap(env.availability.days(office: "buergerbuero-nord", services: personalausweis, from: nil,
                                                          through: nil, caller: .citizen).days.first).date
        let nord = try env.availability.starts(office: "buergerbuero-nord", services: personalausweis, date: nordDay, caller: .citizen)
        try env.book(try XCTUnwrap(nord.starts.first).start, office: "buergerbuero-nord", person: 1)
        XCTAssertTrue(env.availability.isCurrent(answer.stamp), "a booking at another office changes nothing here")
        XCTAssertFalse(env.availability.isCurrent(nord.stamp))

        try env.book(try XCTUnwrap(answer.starts.first).start, person: 2)
        XCTAssertFalse(env.availability.isCurrent(answer.stamp))
        let fresh = try env.availability.starts(office: TestEnvironment.mitte, services: personalausweis, date: wednesday, caller: .citizen)
        XCTAssertTrue(env.availability.isCurrent(fresh.stamp))
    }

    func testARefusedBookingChangesNothingAndKeepsTheAnswer() throws {
        let env = try TestEnvironment()
        let answer = try env.availability.starts(office: TestEnvironment.mitte, services: personalausweis, date: wednesday, caller: .citizen)
        let notASlot = try XCTUnwrap(answer.starts.first).start.adding(minutes: 1)
        XCTAssertThrowsError(try env.book(notASlot, person: 9))
        XCTAssertTrue(env.availability.isCurrent(answer.stamp), "a refusal rolls back: the rush's cached answers stay")
    }

    func testTheAnswerEndsWhenTheClockAloneChangesIt() throws {
        let env = try TestEnvironment()
        env.setClock("2026-11-25", "07:00")
        let answer = try env.availability.starts(office: TestEnvironment.mitte, services: personalausweis, date: wednesday, caller: .citizen)
        let until = answer.stamp.validUntil
        XCTAssertGreaterThan(until, env.clock.now())
        // Just before the named instant the answer is still what a fresh computation says …
        env.clock.set(until.adding(seconds: -1))
        XCTAssertTrue(env.availability.isCurrent(answer.stamp))
        let before = try env.availability.starts(office: TestEnvironment.mitte, services: personalausweis, date: wednesday, caller: .citizen)
        XCTAssertEqual(before.starts, answer.starts)
        // … and at it, the answer is no longer reused.
        env.clock.set(until)
        XCTAssertFalse(env.availability.isCurrent(answer.stamp))
    }

    func testAHoldsExpiryEndsTheAnswerItShaped() throws {
        let env = try TestEnvironment()
        let starts = try env.availability.starts(office: TestEnvironment.mitte, services: personalausweis, date: wednesday, caller: .citizen)
        let hold = try env.bookings.hold(office: TestEnvironment.mitte, services: personalausweis,
                                             start: try XCTUnwrap(starts.starts.first).start, caller: .citizen, client: "client-a").value
        let answer = try env.availability.starts(office: TestEnvironment.mitte, services: personalausweis, date: wednesday, caller: .citizen)
        XCTAssertLessThanOrEqual(answer.stamp.validUntil, hold.expiresAt)
        env.clock.set(hold.expiresAt)
        XCTAssertFalse(env.availability.isCurrent(answer.stamp))
    }
}
