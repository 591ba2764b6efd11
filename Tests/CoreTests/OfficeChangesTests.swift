import Core
import Scheduling
import XCTest

/// Closures and capacity changes through the use case on a real database:
/// availability changes at once, bookings they no longer fit are listed
/// (none cancelled, none lost), and `slot_usage` keeps its CHECK.
final class OfficeChangesTests: XCTestCase {
    static let day = "2026-12-08"  // a Tuesday three weeks out: no demo bookings
    var env: TestEnvironment!
    var changes: OfficeChanges!

    override func setUpWithError() throws {
        env = try TestEnvironment()
        changes = env.officeChanges
    }

    private func starts(_ caller: Caller = TestEnvironment.desk) throws -> [Instant] {
        try env.availability.starts(office: TestEnvironment.mitte, services: [RequestedService(serviceId: "personalausweis")],
                                    date: LocalDate(Self.day)!, caller: caller).starts.map(\.start)
    }

    func testCapacityCutListsTheLatestBookingsAndKeepsThemAll() throws {
        let nine = env.at(Self.day, "09:00")
        let made = try (1...3).map { try env.book(nine, person: $0, caller: TestEnvironment.desk) }
        XCTAssertFalse(try starts().contains(nine), "full: 3 bookable counters, 3 booked")
        XCTAssertTrue(try starts().contains(env.at(Self.day, "09:15")))

        // 2 counters × 0.3 → 1 for walk-ins, 1 bookable: the first booking keeps it.
        let bookingsBefore = try env.bookingCount()
        let (added, affected) = try changes.addCapacityChange(
            CapacityChangeDraft(officeId: TestEnvironment.mitte, date: LocalDate(Self.day)!, counters: 2, reason: "Krankheit"),
            by: "staff-mitte")
        XCTAssertEqual(affected.map(\.booking.code), [made[1], made[2]].map(\.booking.code))
        XCTAssertEqual(Set(affected.map(\.cause)), [.overCapacity])
        XCTAssertEqual(Set(affected.map(\.change)), [.capacity(added[0].id)])
        XCTAssertEqual(affected.first?.booking.contact.email, "person2@example.org")
        XCTAssertEqual(try changes.affectedBookings(office: TestEnvironment.mitte).count, 2)

        let after = try starts()
        XCTAssertFalse(after.contains(nine))
        XCTAssertTrue(after.contains(env.at(Self.day, "09:15")), "one bookable counter left there")
        XCTAssertEqual(try starts(.citizen).contains(env.at(Self.day, "09:15")), false,
                       "online may not take the phone reserve, which is the one bookable counter now")
        let capacity = try env.capacity(at: env.at(Self.day, "09:15"))
        XCTAssertEqual([capacity.total, capacity.walkIn], [2, 1], "the schedule shows the new counters at once")
        XCTAssertEqual(try env.bookingCount(), bookingsBefore, "none lost")
        for booking in made {
            XCTAssertEqual(try env.bookings.booking(booking.booking.code, access: .anyOffice).status, .confirmed)
        }
        XCTAssertEqual(try env.overbookedSlotUsageRows(), 0)
        XCTAssertEqual(try env.slotUsage(at: nine), 3, "booked stays; total is held at 3 until the overflow is handled")

        // Handled by cancelling one and ticking the other off.
        _ = try env.bookings.cancel(made[1].booking.code, access: .anyOffice, caller: TestEnvironment.desk)
        XCTAssertEqual(try changes.affectedBookings(office: TestEnvironment.mitte).map(\.booking.code), [made[2].booking.code])
        try changes.markHandled(office: TestEnvironment.mitte, code: made[2].booking.code, by: "staff-mitte")
        XCTAssertEqual(try changes.affectedBookings(office: TestEnvironment.mitte), [])
        XCTAssertThrows(.notFound, try changes.markHandled(office: TestEnvironment.mitte, code: made[2].booking.code, by: nil))

        // Removing the change gives the counters back at once.
        try changes.removeCapacityChange(office: TestEnvironment.mitte, id: added[0].id)
        XCTAssertEqual(try env.capacity(at: env.at(Self.day, "09:15")).total, 4)
        XCTAssertFalse(try starts().contains(nine), "the cancelled booking's counter cools down first")
        env.setClock("2026-11-16", "08:01")
        XCTAssertTrue(try starts().contains(nine), "one of three cancelled: a counter is free again")
    }

    func testPartDayClosureHidesItsSlotsAndListsItsBookings() throws {
        let ten = env.at(Self.day, "10:00"), eight = env.at(Self.day, "08:00")
        let inside = try env.book(ten, person: 1)
        let outside = try env.book(eight, person: 2)
        XCTAssertTrue(try starts(.citizen).contains(env.at(Self.day, "10:15")))
        let (closure, affected) = try changes.addClosure(
            ClosureDraft(officeId: TestEnvironment.mitte, from: LocalDate(Self.day)!,
                         band: TimeBand("10:00", "11:00"), reason: " Schulung "), by: "staff-mitte")
        XCTAssertEqual(closure.reason, "Schulung")
        XCTAssertEqual(affected.map(\.booking.code), [inside.booking.code])
        XCTAssertEqual(affected.map(\.cause), [.closed])
        let after = try starts(.citizen)
        XCTAssertFalse(after.contains { $0 >= ten && $0 < env.at(Self.day, "11:00") }, "no start inside the closure")
        XCTAssertTrue(after.contains(env.at(Self.day, "11:00")))
        XCTAssertTrue(try changes.closures(office: TestEnvironment.mitte).contains(closure))
        XCTAssertEqual(try env.bookings.booking(outside.booking.code, access: .anyOffice).status, .confirmed)
        XCTAssertEqual(try env.bookings.booking(inside.booking.code, access: .anyOffice).status, .confirmed,
                       "listed, not cancelled")

        try changes.removeClosure(office: TestEnvironment.mitte, id: closure.id)
        XCTAssertTrue(try starts(.citizen).contains(env.at(Self.day, "10:15")))
        XCTAssertEqual(try changes.affectedBookings(office: TestEnvironment.mitte), [], "its open rows go with it")
        XCTAssertThrows(.notFound, try changes.removeClosure(office: TestEnvironment.mitte, id: closure.id))
        XCTAssertThrows(.notFound, try changes.removeClosure(office: "buergerbuero-nord", id: "mitte-personalversammlung"),
                        "another office's closure is not found through this one")
    }

    func testDraftsAreCheckedBeforeAnythingIsWritten() throws {
        let today = TestEnvironment.monday
        XCTAssertEqual(ClosureDraft(officeId: "x", from: today.adding(days: 3), through: today.adding(days: 2), reason: "a")
            .issues(today: today).map(\.kind), [.throughBeforeFrom])
        XCTAssertEqual(ClosureDraft(officeId: "x", from: today.adding(days: -1), reason: " ").issues(today: today).map(\.kind),
                       [.dateInPast, .reasonMissing])
        XCTAssertEqual(CapacityChangeDraft(officeId: "x", date: today.adding(days: 800), counters: -1)
            .issues(today: today, horizonDays: 42).map(\.kind), [.dateTooFarAhead, .countersOutOfRange])
        for reason in ["Betriebs\u{200B}ausflug", "Ausflug\u{202E}", "Zeile\nZeile"] {
            XCTAssertEqual(ClosureDraft(officeId: "x", from: today, reason: reason).issues(today: today).map(\.kind), [.reasonInvalid],
                           reason.debugDescription)
        }
        var issues: [OfficeChangeIssue] = []
        XCTAssertNil(OfficeChangeIssue.band(from: "11:00", to: "10:00", issues: &issues))
        XCTAssertNil(OfficeChangeIssue.band(from: "25:00", to: nil, issues: &issues))
        XCTAssertEqual(issues.map(\.kind), [.timesInverted, .timeMissing])

        let before = try changes.closures(office: TestEnvironment.mitte)
        XCTAssertThrows(.invalid(field: "through", message: "must not be before the first day"),
                        try changes.addClosure(ClosureDraft(officeId: TestEnvironment.mitte, from: today.adding(days: 3),
                                                            through: today.adding(days: 2), reason: "x"), by: nil))
        XCTAssertEqual(try changes.closures(office: TestEnvironment.mitte), before)
        XCTAssertThrows(.unknownOffice("nirgendwo"), try changes.affectedBookings(office: "nirgendwo"))
    }
}
