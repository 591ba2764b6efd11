import Core
import Scheduling
import XCTest

/// One time API for every office: "today" in the office's own zone, and
/// one rule for whether a booking can still be changed.
final class OfficeTimeTests: XCTestCase {
    static let harbour: OfficeID = "hafenbuero-utc"

    /// The demo, plus an office that keeps UTC (the one other zone offices may name).
    private func environment(now: Instant) throws -> TestEnvironment {
        let env = try TestEnvironment(now: now)
        try env.store.changeCatalogue { writer in
            try writer.insert(Office(id: Self.harbour, name: "Hafenbüro", kind: .citizensOffice, municipalityId: "bremerhaven",
                                     address: Address(street: "Am Hafen 1", postalCode: "27568", city: "Bremerhaven"),
                                     land: .bremen, timeZoneId: "UTC"),
                              policy: BookingPolicy(minNoticeMinutes: 0, horizonDays: 42, releaseTime: LocalTime(hour: 0, minute: 0)!,
                                                    holdMinutes: 10, cancelCooldownMinutes: 0, maxActiveBookingsPerContact: 2,
                                                    phoneReleaseHours: 24))
        }
        return env
    }

    func testTodayIsTheOfficesOwnDateAroundMidnight() throws {
        // 23:30 UTC on Monday: already Tuesday in Bremerhaven (CET, +1), still Monday at the UTC office.
        let env = try environment(now: RFC3339.parse("2026-11-16T23:30:00Z")!)
        let time = env.time
        XCTAssertEqual(try time.zone(office: Self.harbour), .utc)
        XCTAssertEqual(try time.zone(office: TestEnvironment.mitte), .europeBerlin)
        XCTAssertEqual(try time.today(office: Self.harbour), LocalDate("2026-11-16"))
        XCTAssertEqual(try time.today(office: TestEnvironment.mitte), LocalDate("2026-11-17"))
        XCTAssertEqual(time.now(), RFC3339.parse("2026-11-16T23:30:00Z"))
        // The use cases' "today" is the same answer.
        XCTAssertEqual(try env.time.today(office: Self.harbour), LocalDate("2026-11-16"))
        let changes = env.officeChanges
        XCTAssertEqual(try changes.today(at: Self.harbour), LocalDate("2026-11-16"))
        XCTAssertEqual(try changes.today(at: TestEnvironment.mitte), LocalDate("2026-11-17"))
        // A minute before midnight in Berlin both offices still have Monday.
        env.clock.set(RFC3339.parse("2026-11-16T22:59:00Z")!)
        XCTAssertEqual(try time.today(office: TestEnvironment.mitte), LocalDate("2026-11-16"))
        XCTAssertEqual(try time.today(office: Self.harbour), LocalDate("2026-11-16"))
    }

    func testTodayFollowsSummerTime() throws {
        // 22:30 UTC on 1 July is 00:30 CEST (+2) on 2 July; in winter the same UTC hour is still the same day.
        let env = try environment(now: RFC3339.parse("2026-07-01T22:30:00Z")!)
        XCTAssertEqual(try env.time.today(office: TestEnvironment.mitte), LocalDate("2026-07-02"))
        XCTAssertEqual(try env.time.today(office: Self.harbour), LocalDate("2026-07-01"))
        env.clock.set(RFC3339.parse("2026-12-01T22:30:00Z")!)
        XCTAssertEqual(try env.time.today(office: TestEnvironment.mitte), LocalDate("2026-12-01"))
    }

    func testAnUnknownOfficeHasNoZone() throws {
        let env = try TestEnvironment()
        XCTAssertThrowsError(try env.time.today(office: "nowhere")) { error in
            XCTAssertEqual(error as? BookingError, .unknownOffice("nowhere"))
        }
    }

    func testChangeableUntilTheSecondBeforeItBegins() throws {
        let env = try TestEnvironment()
        let start = env.at("2026-11-17", "09:00")
        var booking = try env.book(start).booking
        XCTAssertTrue(booking.isChangeable(at: start.adding(seconds: -1)))
        XCTAssertFalse(booking.isChangeable(at: start), "at its start it has begun")
        XCTAssertFalse(booking.isChangeable(at: start.adding(seconds: 1)))
        booking.status = .pendingConfirmation
        XCTAssertTrue(booking.isChangeable(at: start.adding(seconds: -1)))
        for status in [Booking.Status.cancelled, .checkedIn, .noShow, .completed] {
            booking.status = status
            XCTAssertFalse(booking.isChangeable(at: start.adding(seconds: -1)), "\(status)")
        }
    }

    func testTheUseCasesAndThePagesQuestionFollowTheSameRule() throws {
        let env = try TestEnvironment()
        let start = env.at("2026-11-17", "09:00")
        let early = try env.book(start, person: 1)
        let late = try env.book(start, person: 2)
        env.clock.set(start.adding(seconds: -1))
        XCTAssertTrue(env.bookings.isChangeable(early.booking))
        let cancelled = try env.bookings.cancel(early.booking.code, access: .manageToken(early.manageToken), caller: .citizen)
        XCTAssertFalse(env.bookings.isChangeable(cancelled), "a cancelled booking is not changed again")
        env.clock.set(start)
        XCTAssertFalse(env.bookings.isChangeable(late.booking))
        XCTAssertThrowsError(try env.bookings.cancel(late.booking.code, access: .manageToken(late.manageToken),
                                                         caller: .citizen)) { error in
            XCTAssertEqual(error as? BookingError, .notChangeable(status: .confirmed))
        }
    }
}
