@testable import Core
import Scheduling
import XCTest

/// Availability counts bookings grouped by stretch (`OccupationRows.counted`);
/// decisions see them one by one (`OccupationRows.occupations`). Both must give
/// the allocator exactly the same usage in every slot.
final class CountedOccupationTests: XCTestCase {
    func testGroupedAndSingleOccupationsGiveTheSameUsage() throws {
        let env = try TestEnvironment()
        let office = TestEnvironment.mitte
        let setup = try XCTUnwrap(env.store.catalogue().setup(office))
        var generator = SystemRandomNumberGenerator()
        let days = try env.availability.days(office: office, services: [RequestedService(serviceId: "personalausweis")],
                                             from: nil, through: nil, caller: .citizen).days.prefix(6)
        var person = 0
        for day in days {
            let starts = try env.availability.starts(office: office, services: [RequestedService(serviceId: "personalausweis", quantity: 2)],
                                                     date: day.date, caller: TestEnvironment.phone).starts
            for start in starts.shuffled(using: &generator).prefix(12) {
                person += 1
                let caller = [Caller.citizen, TestEnvironment.phone, TestEnvironment.desk][person % 3]
                guard let made = try? env.book(start.start, quantity: 1 + person % 2, person: person, caller: caller) else { continue }
                if person % 5 == 0 {
                    _ = try env.bookings.cancel(made.booking.code, access: .anyOffice, caller: caller)
                }
            }
        }
        let now = env.clock.now()
        for day in days {
            let plan = env.store.plan(setup, on: day.date)
            let zone = setup.timeZone
            let (single, grouped) = try env.store.read { db in
                (try OccupationRows.occupations(db, setup: setup, date: day.date, now: now),
                 try OccupationRows.counted(db, office: office, zone: zone, from: zone.startOfDay(day.date),
                                       to: zone.startOfDay(day.date.adding(days: 1)), now: now))
            }
            XCTAssertGreaterThan(single.count, grouped.count - 1)
            XCTAssertEqual(DayUsage(plan: plan, occupations: single, now: now),
                           DayUsage(plan: plan, occupations: grouped, now: now), "\(day.date)")
        }
        XCTAssertGreaterThan(person, 30)
    }

    /// The scan starts at the beginning of the span's local day: a long
    /// booking that began that morning is seen by a decision later in it,
    /// the day before's bookings are not read at all.
    func testTheScanReachesBackToTheStartOfTheDayAndNoFurther() throws {
        let env = try TestEnvironment()
        let office = TestEnvironment.mitte
        let setup = try XCTUnwrap(env.store.catalogue().setup(office))
        let long = try env.book(env.at("2026-11-24", "08:00"), quantity: 4, person: 1)  // 15 + 3 × 10 minutes
        let dayBefore = try env.book(env.at("2026-11-23", "15:00"), person: 2)
        let (within, spanStart) = (env.at("2026-11-24", "08:30"), env.at("2026-11-24", "08:40"))
        let found = try env.store.read { db in
            try OccupationRows.occupations(db, office: office, zone: setup.timeZone, from: within, to: spanStart, now: env.clock.now())
        }
        XCTAssertEqual(found.map(\.id), [.booking(long.booking.id)])
        XCTAssertEqual(OccupationRows.earliestStart(reaching: within, in: setup.timeZone),
                       env.at("2026-11-24", "00:00").secondsSinceEpoch - 1)
        XCTAssertLessThan(dayBefore.booking.start.secondsSinceEpoch, OccupationRows.earliestStart(reaching: within, in: setup.timeZone))
    }
}
