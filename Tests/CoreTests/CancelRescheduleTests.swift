@testable import Core
import Scheduling
import XCTest

/// Cancelling and moving: the cooldown against appointment trading, and
/// that a move either happens completely or not at all.
final class CancelRescheduleTests: XCTestCase {
    let phone = TestEnvironment.phone

    func testCancelBlocksTheSlotDuringTheCooldown() throws {
        let env = try TestEnvironment()
        let start = env.at("2026-11-24", "10:00")
        let mine = try env.book(start, person: 1)
        try env.book(start, person: 2, caller: phone)
        try env.book(start, person: 3, caller: phone)

        let cancelled = try env.bookings.cancel(mine.booking.code, access: .manageToken(mine.manageToken), caller: .citizen)
        XCTAssertEqual(cancelled.status, .cancelled)
        XCTAssertEqual(try env.bookings.booking(mine.booking.code, access: .anyOffice).status, .cancelled)
        XCTAssertEqual(try env.slotUsage(at: start), 2)
        XCTAssertEqual(try env.capacity(at: start).booked, 2)
        XCTAssertEqual(try env.capacity(at: start).free, 0, "still blocked by the cooldown")
        XCTAssertRefused(.slotTaken, try env.book(start, person: 4, caller: phone))

        env.clock.advance(minutes: 29)
        XCTAssertRefused(.slotTaken, try env.book(start, person: 4, caller: phone))
        env.clock.advance(minutes: 1)
        XCTAssertEqual(try env.capacity(at: start).free, 1)
        XCTAssertNoThrow(try env.book(start, person: 4, caller: phone))
        XCTAssertEqual(try env.slotUsage(at: start), 3)
    }

    func testACancelledBookingCannotBeCancelledOrMovedAgain() throws {
        let env = try TestEnvironment()
        let made = try env.book(env.at("2026-11-24", "10:00"))
        let access = Access.manageToken(made.manageToken)
        _ = try env.bookings.cancel(made.booking.code, access: access, caller: .citizen)
        XCTAssertThrows(.notChangeable(status: .cancelled), try env.bookings.cancel(made.booking.code, access: access, caller: .citizen))
        XCTAssertThrows(.notChangeable(status: .cancelled),
                        try env.bookings.reschedule(made.booking.code, to: env.at("2026-11-24", "11:00"),
                                                        access: access, caller: .citizen))
        XCTAssertEqual(try env.slotUsage(at: env.at("2026-11-24", "10:00")), 0)
    }

    func testAPastBookingCannotBeChanged() throws {
        let env = try TestEnvironment()
        let made = try env.book(env.at("2026-11-24", "10:00"))
        env.setClock("2026-11-24", "10:00")
        XCTAssertThrows(.notChangeable(status: .confirmed),
                        try env.bookings.cancel(made.booking.code, access: .manageToken(made.manageToken), caller: .citizen))
    }

    func testRescheduleToAFullSlotKeepsTheOldTime() throws {
        let env = try TestEnvironment()
        let full = env.at("2026-11-24", "11:00")
        for person in 1...3 { try env.book(full, person: person, caller: phone) }
        let old = env.at("2026-11-24", "09:00")
        let made = try env.book(old, person: 9)

        XCTAssertRefused(.slotTaken, try env.bookings.reschedule(made.booking.code, to: full,
                                                                     access: .manageToken(made.manageToken), caller: .citizen))
        let kept = try env.bookings.booking(made.booking.code, access: .anyOffice)
        XCTAssertEqual(kept.start, old)
        XCTAssertEqual(kept.status, .confirmed)
        XCTAssertEqual(try env.slotUsage(at: old), 1)
        XCTAssertEqual(try env.slotUsage(at: full), 3)
        XCTAssertEqual(try env.store.read { try $0.scalar("SELECT count(*) FROM cooldowns", as: Int.self) }, 0)
    }

    func testRescheduleMovesAndTheOldSlotCoolsDown() throws {
        let env = try TestEnvironment()
        let old = env.at("2026-11-24", "09:00")
        let new = env.at("2026-11-24", "11:00")
        let made = try env.book(old, person: 1)
        try env.book(old, person: 2, caller: phone)
        try env.book(old, person: 3, caller: phone)

        let moved = try env.bookings.reschedule(made.booking.code, to: new, access: .manageToken(made.manageToken),
                                                    caller: .citizen)
        XCTAssertEqual(moved.start, new)
        XCTAssertEqual(moved.code, made.booking.code)
        XCTAssertEqual(try env.bookings.booking(made.booking.code, access: .manageToken(made.manageToken)).start, new)
        XCTAssertEqual(try env.slotUsage(at: old), 2)
        XCTAssertEqual(try env.slotUsage(at: new), 1)
        XCTAssertEqual(try env.capacity(at: old).free, 0)
        XCTAssertRefused(.slotTaken, try env.book(old, person: 4, caller: phone))
        env.clock.advance(minutes: 30)
        XCTAssertNoThrow(try env.book(old, person: 4, caller: phone))
    }

    func testMovingWithinItsOwnSlotsDoesNotCountTwice() throws {
        // Monday afternoon: 3 counters, appointments only, so every counter is bookable.
        let env = try TestEnvironment()
        let day = "2026-11-23"
        let made = try env.book(env.at(day, "14:00"), quantity: 2, person: 1)   // 25 minutes: 14:00 and 14:15
        try env.book(env.at(day, "14:15"), person: 2, caller: phone)
        try env.book(env.at(day, "14:15"), person: 3, caller: phone)
        XCTAssertRefused(.slotTaken, try env.book(env.at(day, "14:15"), person: 4, caller: phone))

        let moved = try env.bookings.reschedule(made.booking.code, to: env.at(day, "14:15"), access: .anyOffice,
                                                    caller: .citizen)
        XCTAssertEqual(moved.end, env.at(day, "14:45"))
        for time in ["14:00", "14:15", "14:30", "14:45"] {
            let start = env.at(day, time)
            let used = try env.usedInSlot(start: start, end: start.adding(minutes: 15))
            XCTAssertLessThanOrEqual(used, 3, "used(\(time)) ≤ total")
        }
        XCTAssertEqual(try env.usedInSlot(start: env.at(day, "14:00"), end: env.at(day, "14:15")), 1,
                       "the freed 14:00 is blocked by the cooldown")
        // Moving to the same start changes nothing and blocks nothing.
        let same = try env.bookings.reschedule(made.booking.code, to: env.at(day, "14:15"), access: .anyOffice,
                                                   caller: .citizen)
        XCTAssertEqual(same.start, env.at(day, "14:15"))
        XCTAssertEqual(try env.usedInSlot(start: env.at(day, "14:15"), end: env.at(day, "14:45")), 3)
        XCTAssertEqual(try env.overbookedSlotUsageRows(), 0)
    }
}
