@testable import Core
import Scheduling
import XCTest

/// Capacity per slot: the bookable limit, the phone reserve, the contact
/// limit, and the schedule's and `slot_usage`'s view of the same bookings.
final class CapacityTests: XCTestCase {
    func testFillingASlotThenOneMoreIsSlotTaken() throws {
        let env = try TestEnvironment()
        let start = env.at("2026-11-24", "10:00")
        let row = try env.capacity(at: start)
        XCTAssertEqual(row.total, 4)
        XCTAssertEqual(row.walkIn, 1)
        let bookable = row.total - row.walkIn
        for person in 0..<bookable { try env.book(start, person: person, caller: TestEnvironment.phone) }
        XCTAssertRefused(.slotTaken, try env.book(start, person: 99, caller: TestEnvironment.phone))
        XCTAssertRefused(.slotTaken, try env.book(start, person: 99, caller: TestEnvironment.desk))
        XCTAssertRefused(.slotTaken, try env.book(start, person: 99))
        XCTAssertEqual(try env.slotUsage(at: start), bookable)
        let full = try env.capacity(at: start)
        XCTAssertEqual(full.booked, bookable)
        XCTAssertEqual(full.free, 0)
        // A booking of two slots cannot start in the slot before: its second slot is full.
        XCTAssertRefused(.slotTaken, try env.book(env.at("2026-11-24", "09:45"), quantity: 2, person: 99,
                                                  caller: TestEnvironment.phone))
        XCTAssertEqual(try env.overbookedSlotUsageRows(), 0)
    }

    func testOnlineLeavesThePhoneReserveUntilItsRelease() throws {
        let env = try TestEnvironment()
        let start = env.at("2026-11-25", "10:00")
        try env.book(start, person: 1)
        try env.book(start, person: 2)
        XCTAssertRefused(.slotTaken, try env.book(start, person: 3), "only the phone reserve is left")
        let online = try env.availability.starts(office: TestEnvironment.mitte, services: [RequestedService(serviceId: "personalausweis")],
                                                 date: LocalDate("2026-11-25")!, caller: .citizen).starts.map(\.start)
        XCTAssertFalse(online.contains(start))
        let byPhone = try env.availability.starts(office: TestEnvironment.mitte, services: [RequestedService(serviceId: "personalausweis")],
                                                  date: LocalDate("2026-11-25")!, caller: TestEnvironment.phone).starts.map(\.start)
        XCTAssertTrue(byPhone.contains(start))
        let made = try env.book(start, person: 3, caller: TestEnvironment.phone)
        XCTAssertEqual(made.booking.channel, .phone)
        XCTAssertEqual(made.booking.createdBy, "agent")
        XCTAssertEqual(try env.capacity(at: start).free, 0)
    }

    func testThePhoneReserveOpensToOnline24HoursBefore() throws {
        let env = try TestEnvironment()
        let start = env.at("2026-11-25", "10:00")
        try env.book(start, person: 1)
        try env.book(start, person: 2)
        env.clock.set(env.at("2026-11-24", "09:59"))
        XCTAssertRefused(.slotTaken, try env.book(start, person: 3))
        env.clock.set(env.at("2026-11-24", "10:00"))
        XCTAssertNoThrow(try env.book(start, person: 3))
        XCTAssertRefused(.slotTaken, try env.book(start, person: 4, caller: TestEnvironment.phone))
    }

    func testContactLimitCountsNormalisedEmailAndPhone() throws {
        let env = try TestEnvironment()
        let email = Contact(name: "Marie Schulz", email: "marie.schulz@example.org")
        try env.book(env.at("2026-11-24", "09:00"), contact: email)
        try env.book(env.at("2026-11-24", "10:00"), contact: email)
        let shouted = Contact(name: "MARIE SCHULZ", email: "  Marie.Schulz@EXAMPLE.org ")
        XCTAssertRefused(.contactLimitReached(limit: 2), try env.book(env.at("2026-11-24", "11:00"), contact: shouted))
        XCTAssertRefused(.contactLimitReached(limit: 2),
                         try env.book(env.at("2026-11-24", "11:00"), contact: shouted, caller: TestEnvironment.phone))
        // The limit is per office.
        XCTAssertNoThrow(try env.book(env.at("2026-11-24", "09:00"), office: "buergerbuero-nord", contact: shouted))

        try env.book(env.at("2026-11-24", "09:00"), contact: Contact(name: "Max", phone: "0471 123456"))
        try env.book(env.at("2026-11-24", "09:15"), contact: Contact(name: "Max", phone: "+49 471 123456"))
        XCTAssertRefused(.contactLimitReached(limit: 2),
                         try env.book(env.at("2026-11-24", "09:30"), contact: Contact(name: "Max", phone: "0049 (471) 12 34 56")))
    }

    func testACancelledBookingNoLongerCountsTowardsTheLimit() throws {
        let env = try TestEnvironment()
        let contact = Contact(name: "Anna", email: "anna@example.org")
        let first = try env.book(env.at("2026-11-24", "09:00"), contact: contact)
        try env.book(env.at("2026-11-24", "10:00"), contact: contact)
        XCTAssertRefused(.contactLimitReached(limit: 2), try env.book(env.at("2026-11-24", "11:00"), contact: contact))
        _ = try env.bookings.cancel(first.booking.code, access: .manageToken(first.manageToken), caller: .citizen)
        XCTAssertNoThrow(try env.book(env.at("2026-11-24", "11:00"), contact: contact))
    }

    func testScheduleCapacityAgreesWithTheBookings() throws {
        let env = try TestEnvironment()
        let day = "2026-11-26"
        try env.book(env.at(day, "08:00"), person: 1)
        try env.book(env.at(day, "08:00"), person: 2, caller: TestEnvironment.phone)
        try env.book(env.at(day, "08:15"), quantity: 3, person: 3)   // 35 minutes: 08:15, 08:30, 08:45
        try env.book(env.at(day, "14:00"), service: "wohnsitz-anmelden", person: 4, caller: TestEnvironment.desk)
        _ = try env.bookings.hold(office: TestEnvironment.mitte, services: [RequestedService(serviceId: "reisepass")],
                                      start: env.at(day, "08:30"), caller: .citizen, client: "client-a").value

        let schedule = try env.frontDesk.schedule(office: TestEnvironment.mitte, date: LocalDate(day)!)
        XCTAssertEqual(schedule.bookings.count, 4)
        XCTAssertEqual(schedule.capacity.count, 16 + 16, "08:00–12:00 and 14:00–18:00 in 15-minute slots")
        let rows = Dictionary(uniqueKeysWithValues: schedule.capacity.map { ($0.start, $0) })
        func check(_ time: String, total: Int, walkIn: Int, booked: Int, free: Int, line: UInt = #line) {
            guard let row = rows[env.at(day, time)] else { return XCTFail("no slot \(time)", line: line) }
            XCTAssertEqual([row.total, row.walkIn, row.booked, row.free], [total, walkIn, booked, free], time, line: line)
        }
        check("08:00", total: 4, walkIn: 1, booked: 2, free: 1)
        check("08:15", total: 4, walkIn: 1, booked: 1, free: 2)
        check("08:30", total: 4, walkIn: 1, booked: 1, free: 1)   // and the hold
        check("08:45", total: 4, walkIn: 1, booked: 1, free: 2)
        check("09:00", total: 4, walkIn: 1, booked: 0, free: 3)
        check("14:00", total: 4, walkIn: 0, booked: 1, free: 3)
        check("17:45", total: 4, walkIn: 0, booked: 0, free: 4)

        for row in schedule.capacity {
            let bookings = schedule.bookings.filter { $0.start <= row.start && row.start < $0.end }.count
            XCTAssertEqual(row.booked, bookings, "\(row.start)")
            XCTAssertEqual(try env.slotUsage(at: row.start), bookings, "\(row.start)")
            XCTAssertLessThanOrEqual(row.booked, row.total - row.walkIn)
        }
        XCTAssertEqual(try env.overbookedSlotUsageRows(), 0)
    }

    func testAStaffOverrideTakesTheWalkInReserveNotABookableCounter() throws {
        let env = try TestEnvironment()
        let start = env.at("2026-11-24", "10:00")
        let first = try env.book(start, person: 1, caller: TestEnvironment.phone)
        try env.book(start, person: 2, caller: TestEnvironment.phone)
        try env.book(start, person: 3, caller: TestEnvironment.phone)
        XCTAssertRefused(.overrideNotAllowed, try env.bookings.book(
            BookingOrder(officeId: TestEnvironment.mitte, services: [RequestedService(serviceId: "personalausweis")],
                         start: start, contact: Contact(name: "X", email: "x@example.org"), staffOverride: true),
            caller: TestEnvironment.phone).value)
        let override = try env.bookings.book(
            BookingOrder(officeId: TestEnvironment.mitte, services: [RequestedService(serviceId: "personalausweis")],
                         start: start, contact: Contact(name: "Notfall", phone: "0471 555000"), staffOverride: true),
            caller: TestEnvironment.desk).value
        XCTAssertTrue(override.booking.staffOverride)
        XCTAssertEqual(try env.bookings.history(override.booking.code, access: .anyOffice).1.map(\.detail),
                       ["staff override: walk-in reserve"], "the override is audited (invariant 2)")
        XCTAssertEqual(try env.bookings.history(first.booking.code, access: .anyOffice).1.map(\.detail), [nil])
        XCTAssertEqual(try env.slotUsage(at: start), 4)
        XCTAssertRefused(.slotTaken, try env.bookings.book(
            BookingOrder(officeId: TestEnvironment.mitte, services: [RequestedService(serviceId: "personalausweis")],
                         start: start, contact: Contact(name: "Y", email: "y@example.org"), staffOverride: true),
            caller: TestEnvironment.desk).value, "the slot's total is used up")

        _ = try env.bookings.cancel(first.booking.code, access: .anyOffice, caller: TestEnvironment.phone)
        env.clock.advance(minutes: 30)
        let row = try env.capacity(at: start)
        XCTAssertEqual(row.booked, 3)
        XCTAssertEqual(row.free, 1, "the override sits in the walk-in reserve; one bookable counter is free again")
        XCTAssertNoThrow(try env.book(start, person: 4, caller: TestEnvironment.phone))
        XCTAssertEqual(try env.overbookedSlotUsageRows(), 0)
    }

    func testWalkInHourHasNoBookableCapacity() throws {
        let env = try TestEnvironment()
        let schedule = try env.frontDesk.schedule(office: TestEnvironment.mitte, date: LocalDate("2026-11-25")!)
        let early = schedule.capacity.filter { $0.start < env.at("2026-11-25", "09:00") }
        XCTAssertEqual(early.count, 6)
        for row in early {
            XCTAssertEqual(row.total, 3)
            XCTAssertEqual(row.walkIn, 3)
            XCTAssertEqual(row.free, 0)
        }
    }
}
