@testable import Core
import Scheduling
import XCTest

/// Check-in, no-show and completion: when each is allowed, what it writes
/// into the audit trail, and the queue's "call next".
final class DeskStepTests: XCTestCase {
    let staff = Access.offices([TestEnvironment.mitte])

    func booked(_ env: TestEnvironment, _ time: String, person: Int) throws -> BookingCode {
        env.setClock("2026-11-09", "12:00")
        return try env.book(env.at("2026-11-16", time), person: person).booking.code
    }

    func testCheckInOnTheDayThenCompleteAndTheTrailRecordsBoth() throws {
        let env = try TestEnvironment()
        let code = try booked(env, "10:00", person: 1)
        env.setClock("2026-11-15", "10:00")
        XCTAssertThrows(.deskRefused(.notOnItsDay(LocalDate("2026-11-16")!)),
                        try env.frontDesk.checkIn(code, access: staff, caller: TestEnvironment.desk))
        XCTAssertThrows(.deskRefused(.wrongStatus(.confirmed, .complete)),
                        try env.frontDesk.complete(code, access: staff, caller: TestEnvironment.desk))
        env.setClock("2026-11-16", "09:50")
        XCTAssertEqual(try env.frontDesk.checkIn(code, access: staff, caller: TestEnvironment.desk).status, .checkedIn)
        XCTAssertThrows(.deskRefused(.wrongStatus(.checkedIn, .checkIn)),
                        try env.frontDesk.checkIn(code, access: staff, caller: TestEnvironment.desk))
        XCTAssertThrows(.deskRefused(.wrongStatus(.checkedIn, .noShow)),
                        try env.frontDesk.markNoShow(code, access: staff, caller: TestEnvironment.desk))
        XCTAssertEqual(try env.frontDesk.complete(code, access: staff, caller: TestEnvironment.desk).status, .completed)
        XCTAssertThrows(.deskRefused(.wrongStatus(.completed, .complete)),
                        try env.frontDesk.complete(code, access: staff, caller: TestEnvironment.desk))
        let (booking, events) = try env.bookings.history(code, access: staff)
        XCTAssertEqual(booking.status, .completed)
        XCTAssertEqual(events.map(\.action), [.created, .checkedIn, .completed])
        XCTAssertEqual(events.last?.actor, "staff-mitte")
    }

    func testNoShowOnlyOnceTheAppointmentHasBegunAndNeverForCancelled() throws {
        let env = try TestEnvironment()
        let code = try booked(env, "10:00", person: 1)
        let cancelled = try booked(env, "10:15", person: 2)
        _ = try env.bookings.cancel(cancelled, access: staff, caller: TestEnvironment.desk)
        env.setClock("2026-11-16", "09:59")
        XCTAssertThrows(.deskRefused(.notYetBegun(env.at("2026-11-16", "10:00"))),
                        try env.frontDesk.markNoShow(code, access: staff, caller: TestEnvironment.desk))
        env.setClock("2026-11-16", "10:20")
        XCTAssertThrows(.deskRefused(.wrongStatus(.cancelled, .noShow)),
                        try env.frontDesk.markNoShow(cancelled, access: staff, caller: TestEnvironment.desk))
        XCTAssertThrows(.deskRefused(.wrongStatus(.cancelled, .checkIn)),
                        try env.frontDesk.checkIn(cancelled, access: staff, caller: TestEnvironment.desk))
        XCTAssertEqual(try env.frontDesk.markNoShow(code, access: staff, caller: TestEnvironment.desk).status, .noShow)
        XCTAssertThrows(.deskRefused(.wrongStatus(.noShow, .checkIn)),
                        try env.frontDesk.checkIn(code, access: staff, caller: TestEnvironment.desk))
        XCTAssertEqual(try env.bookings.history(code, access: staff).1.map(\.action), [.created, .noShow])
    }

    func testOnlyTheOfficesStaffAndNeverAManageTokenOrAnAgent() throws {
        let env = try TestEnvironment()
        env.setClock("2026-11-09", "12:00")
        let confirmation = try env.book(env.at("2026-11-16", "10:00"), person: 1)
        env.setClock("2026-11-16", "09:50")
        let code = confirmation.booking.code
        XCTAssertThrows(.notFound, try env.frontDesk.checkIn(code, access: .offices(["buergerbuero-nord"]),
                                                                caller: TestEnvironment.desk))
        XCTAssertThrows(.notFound, try env.frontDesk.checkIn(code, access: .manageToken(confirmation.manageToken),
                                                                caller: .citizen))
        XCTAssertThrows(.notFound, try env.frontDesk.markNoShow(code, access: .municipalities(["bremerhaven"]),
                                                               caller: TestEnvironment.phone),
                        "an agent may look the booking up, not work the counter")
        XCTAssertEqual(try env.bookings.booking(code, access: staff).status, .confirmed, "nothing changed")
    }

    func testCallNextTakesDueAppointmentsFirstAndThenTheWalkIn() throws {
        let env = try TestEnvironment()
        let first = try booked(env, "09:00", person: 1)
        let second = try booked(env, "09:15", person: 2)
        let later = try booked(env, "11:00", person: 3)
        env.setClock("2026-11-16", "08:40")
        for code in [first, second, later] { _ = try env.frontDesk.checkIn(code, access: staff, caller: TestEnvironment.desk) }
        env.setClock("2026-11-16", "09:20")
        // Estimated for 09:30: not overdue, so the due appointments go first.
        let ticket = try env.walkIns.issue(office: TestEnvironment.mitte, services: [RequestedService(serviceId: "personalausweis")],
                                                      caller: TestEnvironment.desk).value
        var order: [String] = []
        while let call = try env.queue.callNext(office: TestEnvironment.mitte, caller: TestEnvironment.desk) {
            switch call.who {
            case .booking(let booking): order.append(booking.code.value)
            case .walkIn(let called): order.append(called.label)
            }
        }
        XCTAssertEqual(order, [first.value, second.value, ticket.label, later.value])
        let queue = try env.queue.current(office: TestEnvironment.mitte)
        XCTAssertTrue(queue.bookings.isEmpty && queue.walkIns.isEmpty)
        XCTAssertEqual(queue.called.count, 4)
        XCTAssertEqual(try env.walkIns.board(office: TestEnvironment.mitte).recentlyCalled, [ticket.label])
    }
}
