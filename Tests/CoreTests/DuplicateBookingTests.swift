import Core
import Scheduling
import XCTest

/// A resent form must not book the same person twice: a booking for a
/// contact that already has an active one at the office at an overlapping
/// time is refused, naming that booking's code to agents and staff only
/// (`BookingError.duplicateBooking`).
final class DuplicateBookingTests: XCTestCase {
    static let erika = Contact(name: "Erika Mustermann", email: "erika@example.org")

    func testTheSameContactOfficeAndTimeIsRefusedNamingTheExistingCodeToAgentsOnly() throws {
        let env = try TestEnvironment()
        let start = env.at("2026-11-24", "09:00")
        let before = try env.bookingCount()
        let first = try env.book(start, contact: Self.erika)
        // Another spelling of the address and another name: the same contact keys.
        let again = Contact(name: "E. Mustermann", email: "Erika@Example.ORG")
        XCTAssertThrows(.duplicateBooking(existing: nil), try env.book(start, contact: again), "a citizen learns no code")
        XCTAssertThrows(.duplicateBooking(existing: first.booking.code), try env.book(start, contact: again, caller: TestEnvironment.phone),
                        "an agent is told which booking")
        XCTAssertEqual(try env.bookingCount(), before + 1)
        XCTAssertEqual(try env.slotUsage(at: start), 1, "nothing of the refused booking is written")
    }

    func testAnOverlapIsADuplicateAsTheSameStartIs() throws {
        let env = try TestEnvironment()
        // 40 minutes: three 15-minute slots, 09:00 to 09:45.
        _ = try env.bookings.book(
            BookingOrder(officeId: TestEnvironment.mitte,
                         services: [RequestedService(serviceId: "personalausweis", quantity: 2),
                                    RequestedService(serviceId: "wohnsitz-anmelden", quantity: 2)],
                         start: env.at("2026-11-24", "09:00"), contact: Self.erika),
            caller: .citizen).value
        XCTAssertThrows(.duplicateBooking(existing: nil), try env.book(env.at("2026-11-24", "09:30"), contact: Self.erika))
        XCTAssertNoThrow(try env.book(env.at("2026-11-24", "09:45"), contact: Self.erika), "the next slot after it")
    }

    func testTheSamePhoneNumberIsTheSameContact() throws {
        let env = try TestEnvironment()
        let start = env.at("2026-11-24", "09:00")
        _ = try env.book(start, contact: Contact(name: "Erika Mustermann", phone: "0471 590-0"))
        XCTAssertThrows(.duplicateBooking(existing: nil),
                        try env.book(start, contact: Contact(name: "Erika Mustermann", email: "neu@example.org", phone: "+49 471 5900")))
    }

    func testAnotherTimeOfficeOrContactIsNoDuplicate() throws {
        let env = try TestEnvironment()
        let start = env.at("2026-11-24", "09:00")
        let before = try env.bookingCount()
        try env.book(start, contact: Self.erika)
        XCTAssertNoThrow(try env.book(env.at("2026-11-24", "10:00"), contact: Self.erika), "another time")
        XCTAssertNoThrow(try env.book(start, office: "buergerbuero-nord", contact: Self.erika), "another office")
        XCTAssertNoThrow(try env.book(start, contact: Contact(name: "Max Mustermann", email: "max@example.org")), "another contact")
        XCTAssertEqual(try env.bookingCount(), before + 4)
    }

    func testACancelledBookingIsNoLongerInTheWay() throws {
        let env = try TestEnvironment()
        let start = env.at("2026-11-24", "09:00")
        let first = try env.book(start, contact: Self.erika)
        _ = try env.bookings.cancel(first.booking.code, access: .manageToken(first.manageToken), caller: .citizen)
        let second = try env.book(start, contact: Self.erika)
        XCTAssertNotEqual(second.booking.code, first.booking.code)
        XCTAssertEqual(second.booking.status, .confirmed)
    }

    /// A retry of the same request (a double click, a client's retry) is no
    /// duplicate: it answers the booking it made, as before.
    func testAReplayWithTheSameIdempotencyKeyAnswersTheSameBooking() throws {
        let env = try TestEnvironment()
        let order = BookingOrder(officeId: TestEnvironment.mitte, services: [RequestedService(serviceId: "personalausweis", quantity: 1)],
                                 start: env.at("2026-11-24", "09:00"), contact: Self.erika)
        let key = IdempotencyKey(key: "double-click", fingerprint: Array("the order".utf8))
        let before = try env.bookingCount()
        let first = try env.bookings.book(order, caller: .citizen, idempotency: key)
        let replay = try env.bookings.book(order, caller: .citizen, idempotency: key)
        guard case .replayed(let kept) = replay else { return XCTFail("expected a replay, got \(replay)") }
        XCTAssertEqual(kept.booking.code, first.value.booking.code)
        XCTAssertEqual(kept.manageToken, first.value.manageToken)
        XCTAssertEqual(try env.bookingCount(), before + 1)
        // The same order under a new key is a second request: a duplicate.
        XCTAssertThrows(.duplicateBooking(existing: nil),
                        try env.bookings.book(order, caller: .citizen, idempotency: IdempotencyKey(key: "other", fingerprint: Array("the order".utf8))))
    }
}
