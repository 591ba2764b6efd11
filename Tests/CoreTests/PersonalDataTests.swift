@testable import Core
import Scheduling
import SQLite
import XCTest

/// The citizen's own rights on a booking's data: everything stored shown,
/// and erased now — an upcoming booking cancelled first, in the same
/// transaction, its time freed as a cancellation frees it.
final class PersonalDataTests: XCTestCase {
    let start = TestEnvironment.at("2026-11-24", "10:00")

    func testTheDownloadHoldsTheBookingItsHistoryItsMessagesAndWhenItIsErased() throws {
        let env = try TestEnvironment()
        let staff = try XCTUnwrap(env.accounts.account(username: "staff-mitte"))
        let contact = Contact(name: "Hanna Weber", email: "hanna@example.org", phone: "0471 590-1234")
        let made = try env.bookings.book(
            BookingOrder(officeId: TestEnvironment.mitte, services: [RequestedService(serviceId: "personalausweis", quantity: 1)],
                         start: start, contact: contact, note: "Rollstuhl", language: "en"),
            caller: staff.caller).value
        env.clock.advance(minutes: 5)
        _ = try env.bookings.reschedule(made.booking.code, to: TestEnvironment.at("2026-11-24", "11:00"),
                                        access: .manageToken(made.manageToken), caller: .citizen)

        let data = try env.bookings.personalData(made.booking.code, for: .citizen(manageToken: made.manageToken))
        XCTAssertEqual(data.booking.code, made.booking.code)
        XCTAssertEqual(data.booking.contact, contact)
        XCTAssertEqual(data.booking.note, "Rollstuhl")
        XCTAssertEqual(data.booking.createdBy, "staff-mitte")
        XCTAssertEqual(data.language, "en")
        XCTAssertEqual(data.history.map(\.action), [.created, .rescheduled])
        XCTAssertEqual(data.history.map(\.onBehalfOf), ["Hanna Weber", nil], "the clerk acted for her, she moved it herself")
        XCTAssertEqual(Set(data.messages.map(\.kind)), [.confirmation, .moved, .reminder])
        XCTAssertEqual(Set(data.messages.map(\.recipient)), ["hanna@example.org"])
        let days = try XCTUnwrap(env.store.catalogue().municipalities.first { $0.id == "bremerhaven" }?.retentionDays)
        XCTAssertEqual(data.erasureDue, data.booking.end.adding(seconds: Int64(days) * 86_400))
    }

    func testACancelledBookingIsErasedItsRetentionDaysAfterTheCancellation() throws {
        let env = try TestEnvironment()
        let made = try env.book(start)
        env.clock.advance(minutes: 120)
        _ = try env.bookings.cancel(made.booking.code, access: .manageToken(made.manageToken), caller: .citizen)
        let data = try env.bookings.personalData(made.booking.code, for: .citizen(manageToken: made.manageToken))
        let days = try XCTUnwrap(env.store.catalogue().municipalities.first { $0.id == "bremerhaven" }?.retentionDays)
        XCTAssertEqual(data.erasureDue, env.clock.now().adding(seconds: Int64(days) * 86_400))
    }

    func testErasingAnUpcomingBookingCancelsItFirstAndFreesItsTime() throws {
        let env = try TestEnvironment()
        let made = try env.book(start, person: 1)
        try env.book(start, person: 2, caller: TestEnvironment.phone)
        try env.book(start, person: 3, caller: TestEnvironment.phone)
        XCTAssertEqual(try env.capacity(at: start).free, 0)

        let erased = try env.bookings.erasePersonalData(made.booking.code, for: .citizen(manageToken: made.manageToken))
        XCTAssertEqual(erased.status, .cancelled)
        XCTAssertEqual(erased.erasedAt, env.clock.now())
        XCTAssertEqual(erased.contact, Contact(name: ""))
        XCTAssertNil(erased.note)
        XCTAssertEqual(try env.slotUsage(at: start), 2, "its slot was given back")
        let data = try env.bookings.personalData(made.booking.code, for: .citizen(manageToken: made.manageToken))
        XCTAssertEqual(data.history.map(\.action), [.created, .cancelled, .erased])
        XCTAssertEqual(data.history.last?.detail, "request")
        XCTAssertEqual(data.messages, [], "no e-mail about it is kept")
        XCTAssertNil(data.erasureDue)

        // As any cancellation's: blocked for the cooldown, then free for someone else.
        XCTAssertRefused(.slotTaken, try env.book(start, person: 4, caller: TestEnvironment.phone))
        env.clock.advance(minutes: 30)
        XCTAssertNoThrow(try env.book(start, person: 4, caller: TestEnvironment.phone))
    }

    func testTheCancellationAndTheErasureCommitTogetherOrNotAtAll() throws {
        let env = try TestEnvironment()
        let made = try env.book(start)
        try env.store.write { db in
            try db.execute("""
                CREATE TRIGGER refuse_erasure BEFORE UPDATE OF erased_at ON bookings
                BEGIN SELECT RAISE(ABORT, 'refused by the test'); END
                """)
        }
        XCTAssertThrowsError(try env.bookings.erasePersonalData(made.booking.code, for: .citizen(manageToken: made.manageToken)))
        let kept = try env.bookings.booking(made.booking.code, access: .anyOffice)
        XCTAssertEqual(kept.status, .confirmed, "the cancellation went with the failed erasure")
        XCTAssertFalse(kept.isErased)
        XCTAssertEqual(try env.slotUsage(at: start), 1)
    }

    func testAPastBookingIsErasedAsItIs() throws {
        let env = try TestEnvironment()
        let made = try env.book(start)
        env.setClock("2026-11-25", "08:00")
        let erased = try env.bookings.erasePersonalData(made.booking.code, for: .citizen(manageToken: made.manageToken))
        XCTAssertEqual(erased.status, .confirmed)
        XCTAssertTrue(erased.isErased)
        XCTAssertEqual(try env.slotUsage(at: start), 1, "a past appointment keeps its place in the statistics")
    }

    func testErasingAgainChangesNothing() throws {
        let env = try TestEnvironment()
        let made = try env.book(start)
        let requester = PersonalData.Requester.citizen(manageToken: made.manageToken)
        let first = try env.bookings.erasePersonalData(made.booking.code, for: requester)
        env.clock.advance(minutes: 10)
        let second = try env.bookings.erasePersonalData(made.booking.code, for: requester)
        XCTAssertEqual(second, first)
        XCTAssertEqual(try env.bookings.personalData(made.booking.code, for: requester).history.filter { $0.action == .erased }.count, 1)
    }

    func testStaffAtTheDeskEraseForTheCitizenAndOthersDoNotFindIt() throws {
        let env = try TestEnvironment()
        let made = try env.book(start)
        XCTAssertThrows(.notFound, try env.bookings.erasePersonalData(made.booking.code, for: .citizen(manageToken: "wrong")))
        let elsewhere = try env.accounts.add(username: "nord", displayName: nil, password: "long-enough-1", role: .staff,
                                             officeIds: ["buergerbuero-nord"])
        XCTAssertThrows(.notFound, try env.bookings.personalData(made.booking.code, for: .account(elsewhere)))
        XCTAssertThrows(.notFound, try env.bookings.erasePersonalData(made.booking.code, for: .account(elsewhere)))
        let agent = try XCTUnwrap(env.accounts.account(username: "agent"))
        XCTAssertThrows(.forbidden(.answerDataRequests), try env.bookings.erasePersonalData(made.booking.code, for: .account(agent)))
        XCTAssertFalse(try env.bookings.booking(made.booking.code, access: .anyOffice).isErased)

        let staff = try XCTUnwrap(env.accounts.account(username: "staff-mitte"))
        let erased = try env.bookings.erasePersonalData(made.booking.code, for: .account(staff))
        XCTAssertTrue(erased.isErased)
        let events = try env.bookings.personalData(made.booking.code, for: .account(staff)).history
        XCTAssertEqual(events.suffix(2).map(\.action), [.cancelled, .erased])
        XCTAssertEqual(events.suffix(2).map(\.actor), ["staff-mitte", "staff-mitte"])
        XCTAssertEqual(events.map(\.onBehalfOf), [nil, nil, nil], "no name is left in the history")
    }
}
