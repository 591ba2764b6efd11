@testable import Core
import Scheduling
import XCTest

/// Changed counters over a date range: every opening day of the range is
/// changed in one transaction with the bookings they no longer fit listed,
/// a day the database refuses leaves every day as it was, and a reversed
/// range or one longer than the booking horizon is refused before anything
/// is written.
final class CapacityRangeTests: XCTestCase {
    // Monday 7 to Sunday 13 December 2026, three weeks out: no demo bookings.
    static let monday = LocalDate("2026-12-07")!, sunday = LocalDate("2026-12-13")!
    var env: TestEnvironment!

    override func setUpWithError() throws {
        env = try TestEnvironment()
    }

    /// Three bookings at 09:00 on Tuesday and on Friday (4 counters each).
    private func bookTuesdayAndFriday() throws -> [Booking] {
        try [("2026-12-08", 1), ("2026-12-11", 4)].flatMap { date, first in
            try (first..<(first + 3)).map { try env.book(env.at(date, "09:00"), person: $0, caller: TestEnvironment.desk).booking }
        }
    }

    private func draft(_ from: LocalDate, _ through: LocalDate, counters: Int = 2) -> CapacityChangeDraft {
        CapacityChangeDraft(officeId: TestEnvironment.mitte, date: from, through: through, counters: counters, reason: "Schulung")
    }

    private func rows(_ table: String) throws -> Int {
        try env.store.read { try $0.scalar("SELECT count(*) FROM \(table)", as: Int.self) }
    }

    func testEveryOpeningDayOfTheRangeIsChangedAndItsBookingsListed() throws {
        let made = try bookTuesdayAndFriday()
        let (changes, affected) = try env.officeChanges.addCapacityChange(draft(Self.monday, Self.sunday), by: "staff-mitte")
        XCTAssertEqual(changes.map(\.date.description), ["2026-12-07", "2026-12-08", "2026-12-09", "2026-12-10", "2026-12-11"],
                       "Monday to Friday; the weekend has no counters to change")
        XCTAssertEqual(Set(changes.map(\.counters)), [2])
        XCTAssertEqual(Set(changes.map(\.reason)), ["Schulung"])
        // 2 counters × 0.3 → 1 for walk-ins, 1 bookable: each day's first booking keeps it.
        XCTAssertEqual(affected.map(\.booking.code), [made[1], made[2], made[4], made[5]].map(\.code))
        XCTAssertEqual(Set(affected.map(\.cause)), [.overCapacity])
        XCTAssertEqual(affected.map(\.change), [changes[1], changes[1], changes[4], changes[4]].map { .capacity($0.id) },
                       "each listed under its own day's change")
        XCTAssertEqual(try env.officeChanges.affectedBookings(office: TestEnvironment.mitte).count, 4)
        for date in ["2026-12-07", "2026-12-08", "2026-12-10", "2026-12-11"] {
            XCTAssertEqual(try env.capacity(at: env.at(date, "09:15")).total, 2, date)
        }
        XCTAssertEqual(try env.capacity(at: env.at("2026-12-14", "09:15")).total, 4, "the Monday after keeps its counters")
        XCTAssertEqual(try env.overbookedSlotUsageRows(), 0)
        for booking in made {
            XCTAssertEqual(try env.bookings.booking(booking.code, access: .anyOffice).status, .confirmed, "listed, not cancelled")
        }
    }

    func testAPublicHolidayInTheRangeIsNoOpeningDay() throws {
        // Friday 25 December is a holiday in Bremen; Christmas Eve is not.
        let (changes, _) = try env.officeChanges.addCapacityChange(draft(LocalDate("2026-12-24")!, LocalDate("2026-12-28")!),
                                                                  by: "staff-mitte")
        XCTAssertEqual(changes.map(\.date.description), ["2026-12-24", "2026-12-28"])
    }

    func testADayTheDatabaseRefusesLeavesEveryDayAsItWas() throws {
        _ = try bookTuesdayAndFriday()
        // Thursday's row is refused, after Monday's to Wednesday's were written in the same transaction.
        try env.store.write { db in
            try db.execute("""
                CREATE TRIGGER refuse_thursday BEFORE INSERT ON capacity_changes WHEN NEW.date = '2026-12-10'
                BEGIN SELECT RAISE(ABORT, 'refused'); END
                """)
        }
        let outboxBefore = try rows("outbox")
        XCTAssertThrowsError(try env.officeChanges.addCapacityChange(draft(Self.monday, Self.sunday), by: "staff-mitte"))
        XCTAssertEqual(try rows("capacity_changes"), 0, "no day written")
        XCTAssertEqual(try rows("affected_bookings"), 0, "nobody listed")
        XCTAssertEqual(try rows("outbox"), outboxBefore, "nobody told")
        XCTAssertEqual(try env.capacity(at: env.at("2026-12-08", "09:15")).total, 4, "Tuesday's counters as they were")
        XCTAssertEqual(try env.officeChanges.capacityChanges(office: TestEnvironment.mitte), [])
    }

    func testReversedLongerThanTheHorizonOrClosedRangesAreRefused() throws {
        let changes = env.officeChanges
        let horizon = 42  // the demo office's booking horizon
        XCTAssertEqual(try changes.issues(of: draft(Self.sunday, Self.monday)).map(\.kind), [.throughBeforeFrom])
        let first = LocalDate("2026-11-17")!
        XCTAssertEqual(try changes.issues(of: draft(first, first.adding(days: horizon - 1))), [], "as long as the horizon")
        XCTAssertEqual(try changes.issues(of: draft(first, first.adding(days: horizon))),
                       [OfficeChangeIssue(field: "through", kind: .rangeBeyondHorizon)], "a day longer")
        XCTAssertEqual(try changes.issues(of: draft(LocalDate("2026-12-12")!, Self.sunday)),
                       [OfficeChangeIssue(field: "through", kind: .noOpeningDay)], "a weekend")
        XCTAssertEqual(try changes.issues(of: draft(Self.sunday, Self.sunday)), [], "one closed day, as before ranges")
        XCTAssertEqual(try changes.issues(of: draft(Self.monday, Self.sunday, counters: 1000)).map(\.kind), [.countersOutOfRange])
        XCTAssertThrowsError(try changes.addCapacityChange(draft(first, first.adding(days: horizon)), by: nil)) { error in
            let issue = OfficeChangeIssue(field: "through", kind: .rangeBeyondHorizon)
            XCTAssertEqual(error as? BookingError, .invalid(field: "through", message: issue.englishMessage))
        }
        XCTAssertEqual(try rows("capacity_changes"), 0)
    }
}
