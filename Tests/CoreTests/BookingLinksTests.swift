@testable import Core
import Scheduling
import XCTest

/// "Resend my links": one message with a fresh manage link per upcoming
/// booking of the address, however written; nothing for an address without
/// bookings or over its share, and the caller cannot tell the difference.
final class BookingLinksTests: XCTestCase {
    var env: TestEnvironment!

    override func setUpWithError() throws {
        env = try TestEnvironment()
    }

    override func tearDown() {
        env = nil
    }

    func links() throws -> [OutboxMessage] {
        try env.useCases.outbox.due(limit: 10_000).filter { $0.kind == .bookingLinks }
    }

    func book(_ date: String, _ time: String, email: String) throws -> BookingConfirmation {
        // At the desk: the per-contact limit of online bookings does not count there.
        try env.book(env.at(date, time), contact: Contact(name: "Erika Mustermann", email: email), caller: TestEnvironment.desk)
    }

    func testOneMessageWithAFreshTokenForEachUpcomingBooking() throws {
        // Two active bookings per contact and office at most: the cancelled
        // one first, and the past one at another office.
        let cancelled = try book("2026-11-26", "09:00", email: "erika@example.org")
        _ = try env.bookings.cancel(cancelled.booking.code, access: .anyOffice, caller: TestEnvironment.desk)
        let later = try book("2026-11-25", "10:00", email: "erika@example.org")
        let sooner = try book("2026-11-24", "09:00", email: "Erika+termin@Example.org")
        let past = try env.book(env.at("2026-11-16", "09:00"), office: "buergerbuero-nord",
                                contact: Contact(name: "Erika Mustermann", email: "erika@example.org"), caller: TestEnvironment.desk)
        let other = try book("2026-11-24", "09:15", email: "someone@example.org")
        env.setClock("2026-11-16", "10:00")

        try env.useCases.outbox.sendBookingLinks(to: " ERIKA@example.org ", language: "en", client: "192.0.2.1")
        let sent = try links()
        XCTAssertEqual(sent.count, 1)
        let message = try XCTUnwrap(sent.first)
        XCTAssertEqual(message.recipient, "ERIKA@example.org", "to the address as given")
        XCTAssertEqual(message.language, "en")
        XCTAssertEqual(message.officeId, TestEnvironment.mitte)
        let listed = try XCTUnwrap(message.facts.bookings)
        XCTAssertEqual(listed.map(\.code), [sooner, later].map(\.booking.code.value), "upcoming only, soonest first")
        for (facts, made) in zip(listed, [sooner, later]) {
            let token = try XCTUnwrap(facts.manageToken)
            XCTAssertNotEqual(token, made.manageToken)
            XCTAssertEqual(try env.bookings.booking(made.booking.code, access: .manageToken(token)).id, made.booking.id)
            XCTAssertThrows(.notFound, try env.bookings.booking(other.booking.code, access: .manageToken(token)))
        }
        XCTAssertFalse(listed.map(\.code).contains(past.booking.code.value))
        XCTAssertFalse(listed.map(\.code).contains(cancelled.booking.code.value))
    }

    func testNothingForAnAddressWithoutBookingsAndAnInvalidAddressIsRefused() throws {
        let before = try env.useCases.outbox.due(limit: 10_000)
        let tokens = try env.store.read { try $0.scalar("SELECT count(*) FROM manage_tokens", as: Int.self) }
        try env.useCases.outbox.sendBookingLinks(to: "nobody@example.org", language: "de", client: "192.0.2.1")
        XCTAssertEqual(try env.useCases.outbox.due(limit: 10_000), before)
        XCTAssertEqual(try env.store.read { try $0.scalar("SELECT count(*) FROM manage_tokens", as: Int.self) }, tokens)
        XCTAssertThrows(.invalid(field: "email", message: "is not an e-mail address"),
                        try env.useCases.outbox.sendBookingLinks(to: "erika@", language: "de", client: "192.0.2.1"))
    }

    func testThrottledPerAddressAndPerClientWithinTheHour() throws {
        _ = try book("2026-11-24", "09:00", email: "erika@example.org")
        let outbox = env.useCases.outbox
        for number in 1...BookingLinksThrottle.perClient {
            try outbox.sendBookingLinks(to: "unknown\(number)@example.org", language: "de", client: "busy")
        }
        try outbox.sendBookingLinks(to: "erika@example.org", language: "de", client: "busy")
        XCTAssertEqual(try links().count, 0, "the busy client has had its share")

        for number in 1...BookingLinksThrottle.perAddress {
            try outbox.sendBookingLinks(to: "erika@example.org", language: "de", client: "client \(number)")
        }
        XCTAssertEqual(try links().count, BookingLinksThrottle.perAddress)
        try outbox.sendBookingLinks(to: "Erika+again@example.org", language: "de", client: "another")
        XCTAssertEqual(try links().count, BookingLinksThrottle.perAddress, "the address has had its share, however written")

        env.clock.set(env.clock.now().adding(minutes: 61))
        try outbox.sendBookingLinks(to: "erika@example.org", language: "de", client: "busy")
        XCTAssertEqual(try links().count, BookingLinksThrottle.perAddress + 1, "an hour later, both may again")
    }

    /// After a retention run nothing remembers an address or a client
    /// longer than the hour it can decide something in.
    func testTheRequestsOutsideTheHourAreForgotten() throws {
        let throttle = env.store.bookingLinksThrottle
        let outbox = env.useCases.outbox
        try outbox.sendBookingLinks(to: "early@example.org", language: "de", client: "192.0.2.1")
        env.clock.set(env.clock.now().adding(minutes: 30))
        try outbox.sendBookingLinks(to: "later@example.org", language: "de", client: "192.0.2.2")
        XCTAssertEqual(throttle.rememberedCount, 4, "two addresses, two clients")

        outbox.forgetOldLinkRequests()
        XCTAssertEqual(throttle.rememberedCount, 4, "all within the hour: nothing forgotten")
        env.clock.set(env.clock.now().adding(minutes: 31))
        outbox.forgetOldLinkRequests()
        XCTAssertEqual(throttle.rememberedCount, 2, "the first address and client are forgotten, the later kept")
        env.clock.set(env.clock.now().adding(minutes: 30))
        outbox.forgetOldLinkRequests()
        XCTAssertEqual(throttle.rememberedCount, 0)
    }
}
