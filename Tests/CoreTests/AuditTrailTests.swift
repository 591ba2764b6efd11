@testable import Core
import Scheduling
import SQLite
import XCTest

/// Every change to a booking leaves a line saying who, through which
/// channel and for whom; a refused change leaves none.
final class AuditTrailTests: XCTestCase {
    func testCreateMoveAndCancelAreRecordedWithActorChannelAndCaller() throws {
        let env = try TestEnvironment()
        let agent = try XCTUnwrap(try env.accounts.all().first { $0.username == "agent" })
        let staff = try XCTUnwrap(try env.accounts.all().first { $0.username == "staff-mitte" })
        let agentCaller = Caller(channel: .phone, username: agent.username, accountId: agent.id)
        let staffCaller = Caller(channel: .desk, username: staff.username, accountId: staff.id)
        let first = env.at("2026-11-24", "10:00")
        let made = try env.book(first, contact: Contact(name: "Hanna Weber", phone: "0471 123456"), caller: agentCaller)
        XCTAssertEqual(made.booking.createdBy, "agent")

        let second = env.at("2026-11-24", "11:00")
        _ = try env.bookings.reschedule(made.booking.code, to: second,
                                            access: .manageToken(made.manageToken), caller: .citizen)
        env.clock.advance(minutes: 5)
        _ = try env.bookings.cancel(made.booking.code, access: .offices([TestEnvironment.mitte]), caller: staffCaller)

        let (booking, events) = try env.bookings.history(made.booking.code, access: .offices([TestEnvironment.mitte]))
        XCTAssertEqual(booking.status, .cancelled)
        XCTAssertEqual(events.map(\.action), [.created, .rescheduled, .cancelled])
        XCTAssertEqual(events.map(\.channel), [.phone, .online, .desk])
        XCTAssertEqual(events.map(\.accountId), [agent.id, nil, staff.id])
        XCTAssertEqual(events.map(\.actor), ["agent", nil, "staff-mitte"])
        XCTAssertEqual(events.map(\.onBehalfOf), ["Hanna Weber", nil, "Hanna Weber"],
                       "an account acts for the caller; a citizen for nobody else")
        XCTAssertEqual(events[1].detail, "from 2026-11-24T10:00:00+01:00")
        XCTAssertEqual(events[2].at, env.clock.now())
        XCTAssertEqual(try accountOfBooking(env, made.booking.code), agent.id, "the booking carries the agent's id")
    }

    func testRefusedChangesLeaveNoLine() throws {
        let env = try TestEnvironment()
        let full = env.at("2026-11-24", "11:00")
        for person in 1...3 { try env.book(full, person: person, caller: TestEnvironment.phone) }
        XCTAssertThrowsError(try env.book(full, person: 4))
        let made = try env.book(env.at("2026-11-24", "09:00"), person: 9)
        XCTAssertThrowsError(try env.bookings.reschedule(made.booking.code, to: full,
                                                             access: .manageToken(made.manageToken), caller: .citizen))
        let (_, events) = try env.bookings.history(made.booking.code, access: .anyOffice)
        XCTAssertEqual(events.map(\.action), [.created])
        XCTAssertEqual(try eventCount(env), try env.bookingCount(), "one 'created' per booking, nothing for the refusals")
    }

    func testHistoryIsShownOnlyToWhoMaySeeTheBooking() throws {
        let env = try TestEnvironment()
        let made = try env.book(env.at("2026-11-24", "10:00"))
        XCTAssertThrows(.notFound, try env.bookings.history(made.booking.code, access: .offices(["kfz-zulassung"])))
        XCTAssertThrows(.notFound, try env.bookings.history(made.booking.code, access: .manageToken("wrong")))
        XCTAssertEqual(try env.bookings.history(made.booking.code, access: .offices([TestEnvironment.mitte])).1.count, 1)
    }

    func testDemoBookingsByPhoneAndDeskCarryTheDemoAccounts() throws {
        let env = try TestEnvironment()
        let rows = try env.store.read { db in
            try db.query("""
                SELECT b.channel, b.created_by, a.username FROM bookings b LEFT JOIN accounts a ON a.id = b.created_by_account_id
                """).map { (try $0["channel"] as String, try $0["created_by"] as String?, try $0["username"] as String?) }
        }
        XCTAssertFalse(rows.isEmpty)
        for (channel, createdBy, username) in rows {
            XCTAssertEqual(createdBy, username, "channel \(channel)")
            XCTAssertEqual(channel == "online", username == nil, "channel \(channel)")
        }
    }

    private func accountOfBooking(_ env: TestEnvironment, _ code: BookingCode) throws -> Int64? {
        try env.store.read { db in
            try db.scalar("SELECT created_by_account_id FROM bookings WHERE code = ?", [code.value], as: Int64?.self)
        }
    }

    private func eventCount(_ env: TestEnvironment) throws -> Int {
        try env.store.read { try $0.scalar("SELECT count(*) FROM booking_events", as: Int.self) }
    }
}
