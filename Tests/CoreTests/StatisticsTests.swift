@testable import Core
import Scheduling
import SQLite
import XCTest

/// The statistics of a seeded week whose counts are known by construction.
final class StatisticsTests: XCTestCase {
    func testFiguresOfAKnownWeek() throws {
        let env = try TestEnvironment()
        let statistics = Statistics(store: env.store, clock: env.clock)
        let day = "2026-12-08"  // Tuesday: 08:00–12:00, 15-minute slots, 3 bookable counters each
        let online = try (1...2).map { try env.book(env.at(day, "09:00"), person: $0) }
        let phone = try env.book(env.at(day, "09:00"), person: 3, caller: TestEnvironment.phone)
        _ = phone
        let desk = try env.book(env.at(day, "10:00"), person: 4, caller: TestEnvironment.desk)
        let cancelled = try env.book(env.at(day, "11:00"), person: 5)
        _ = try env.bookings.cancel(cancelled.booking.code, access: .anyOffice, caller: .citizen)
        // The desk's check-in and no-show come with the front-desk work; set the outcome directly.
        try env.store.write { db in
            try db.run("UPDATE bookings SET status = 'noShow' WHERE code = ?", [online[0].booking.code.value])
            try db.run("UPDATE bookings SET status = 'completed' WHERE code IN (?, ?)",
                       [online[1].booking.code.value, desk.booking.code.value])
        }

        let figures = try statistics.figures(office: TestEnvironment.mitte, from: LocalDate("2026-12-07")!,
                                             through: LocalDate("2026-12-13")!)
        XCTAssertEqual(figures.bookingsByChannel, [.online: 3, .phone: 1, .desk: 1])
        XCTAssertEqual(figures.bookings, 5)
        XCTAssertEqual(figures.cancellations, 1)
        XCTAssertEqual(figures.attended, 2)
        XCTAssertEqual(figures.noShows, 1)
        XCTAssertEqual(try XCTUnwrap(figures.noShowRate), 1.0 / 3.0, accuracy: 1e-9)

        let tuesday = figures.utilisation.filter { $0.weekday == .tuesday }
        XCTAssertEqual(tuesday.map(\.hour), [8, 9, 10, 11])
        let nine = try XCTUnwrap(tuesday.first { $0.hour == 9 })
        XCTAssertEqual([nine.booked, nine.bookable], [3, 12], "three at 09:00, four slots of 3 bookable")
        XCTAssertEqual(tuesday.first { $0.hour == 11 }?.booked, 0, "the cancelled one does not count")
        XCTAssertEqual(tuesday.first { $0.hour == 10 }?.booked, 1)
        // Monday 7th (Mo 08–12 and 13:30–17:30 appointments-only) is in the period too.
        XCTAssertEqual(figures.utilisation.filter { $0.weekday == .monday }.map(\.hour), [8, 9, 10, 11, 13, 14, 15, 16, 17])
        XCTAssertEqual(figures.utilisation.filter { $0.weekday == .monday }.map(\.booked).reduce(0, +), 0)
        XCTAssertEqual(figures.walkIns, WalkInFigures(tickets: 0, called: 0, averageWaitMinutes: nil, longestWaitMinutes: nil))
    }

    /// Walk-in figures read the front desk's `walk_in_tickets`: tickets
    /// issued at 08:00, two called after 10 and 20 minutes, one waiting.
    func testWalkInFiguresComeFromTheDesksTickets() throws {
        let env = try TestEnvironment()
        let statistics = Statistics(store: env.store, clock: env.clock)
        let issued = env.at("2026-12-08", "08:00").secondsSinceEpoch
        try env.store.write { db in
            for (number, wait) in [(1, 10), (2, 20), (3, nil)] as [(Int, Int?)] {
                try db.run("""
                    INSERT INTO walk_in_tickets(office_id, local_date, number, services, issued_at, start, end, estimated_call_at,
                        status, called_at) VALUES (?, '2026-12-08', ?, 'personalausweis', ?, ?, ?, ?, ?, ?)
                    """, [TestEnvironment.mitte, number, issued, issued, issued + 900, issued + 600,
                           wait == nil ? "waiting" : "done", wait.map { issued + Int64($0 * 60) }])
            }
        }
        let figures = try statistics.figures(office: TestEnvironment.mitte, from: LocalDate("2026-12-07")!, through: LocalDate("2026-12-13")!)
        XCTAssertEqual(figures.walkIns, WalkInFigures(tickets: 3, called: 2, averageWaitMinutes: 15, longestWaitMinutes: 20))
        let other = try statistics.figures(office: TestEnvironment.mitte, from: LocalDate("2026-12-09")!, through: LocalDate("2026-12-13")!)
        XCTAssertEqual(other.walkIns, WalkInFigures(tickets: 0, called: 0, averageWaitMinutes: nil, longestWaitMinutes: nil))
    }

    func testUtilisationMathCapsAtBookableAndSkipsClosedSlots() {
        let setup = try! OfficeSetup(
            office: Office(id: "o", name: "O", kind: .citizensOffice, municipalityId: "m",
                           address: Address(street: "", postalCode: "", city: ""), land: .bremen),
            services: [], offerings: [],
            rules: [OpeningRule(id: "r", officeId: "o", weekdays: [.tuesday], band: TimeBand("09:00", "10:00")!,
                                counters: 2, slotMinutes: 30)],
            closures: [Closure(id: "c", officeId: "o", from: LocalDate("2026-12-15")!, reason: "zu")])
        let zone = TimeZoneRules.europeBerlin
        let open = CapacityPlan(for: LocalDate("2026-12-08")!, setup: setup)
        let closed = CapacityPlan(for: LocalDate("2026-12-15")!, setup: setup)
        let at = { (time: String) in zone.instant(on: LocalDate("2026-12-08")!, at: LocalTime(time)!)! }
        let bookings = [Occupation(id: .booking(1), kind: .booking, start: at("09:00"), end: at("10:00"), channel: .online, quantity: 3)]
        let cells = StatisticsMath.utilisation(plans: [open, closed], bookings: bookings)
        XCTAssertEqual(cells, [UtilisationCell(weekday: .tuesday, hour: 9, booked: 4, bookable: 4)],
                       "3 in each of two slots of 2 counts as 2 each; the closed Tuesday adds nothing")
        XCTAssertNil(StatisticsMath.rate(1, of: 0))
    }

    func testPeriodIsChecked() throws {
        let env = try TestEnvironment()
        let statistics = Statistics(store: env.store, clock: env.clock)
        XCTAssertThrows(.invalid(field: "to", message: "must not be before from"),
                        try statistics.figures(office: TestEnvironment.mitte, from: LocalDate("2026-12-08")!,
                                               through: LocalDate("2026-12-07")!))
        XCTAssertThrows(.invalid(field: "to", message: "a period spans at most 366 days"),
                        try statistics.figures(office: TestEnvironment.mitte, from: LocalDate("2026-01-01")!,
                                               through: LocalDate("2027-01-02")!))
        let period = try statistics.defaultPeriod(office: TestEnvironment.mitte)
        XCTAssertEqual(period.through, TestEnvironment.monday)
        XCTAssertEqual(period.from.days(until: period.through), 27)
    }
}
