import Core
import Foundation
import Scheduling
import XCTest

/// Booking, looking up with the manage token, and holds.
final class BookingFlowTests: XCTestCase {
    static let codePattern = try! NSRegularExpression(pattern: "^[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}$")

    static func isCode(_ text: String) -> Bool {
        codePattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    func testBookGivesAConfirmedAppointmentWithCodeAndDocuments() throws {
        let env = try TestEnvironment()
        let start = env.at("2026-11-24", "09:00")
        let made = try env.bookings.book(
            BookingOrder(officeId: TestEnvironment.mitte,
                         services: [RequestedService(serviceId: "personalausweis", quantity: 2),
                                    RequestedService(serviceId: "wohnsitz-anmelden", quantity: 2)],
                         start: start, contact: Contact(name: "Erika Mustermann", email: "erika@example.org"),
                         note: "Mit Tochter"),
            caller: .citizen).value
        let booking = made.booking
        XCTAssertTrue(Self.isCode(booking.code.value), booking.code.value)
        XCTAssertEqual(booking.status, .confirmed)
        XCTAssertEqual(booking.channel, .online)
        XCTAssertEqual(booking.start, start)
        // 15 + 10 + 10 + 5 = 40 minutes → three 15-minute slots.
        XCTAssertEqual(booking.end, env.at("2026-11-24", "09:45"))
        XCTAssertEqual(booking.createdAt, TestEnvironment.start)
        XCTAssertNil(booking.createdBy)
        let catalogue = try env.store.catalogue()
        let expected = catalogue.service("personalausweis")!.documents + catalogue.service("wohnsitz-anmelden")!.documents
        XCTAssertEqual(booking.documents, expected.reduce(into: []) { if !$0.contains($1) { $0.append($1) } })
        XCTAssertGreaterThanOrEqual(made.manageToken.utf8.count, 43, "at least 256 bits, base64url")

        let stored = try env.bookings.booking(booking.code, access: .manageToken(made.manageToken))
        XCTAssertEqual(stored, booking)
        for slot in ["09:00", "09:15", "09:30"] {
            XCTAssertEqual(try env.slotUsage(at: env.at("2026-11-24", slot)), 1, slot)
        }
        XCTAssertEqual(try env.slotUsage(at: env.at("2026-11-24", "09:45")), 0)
    }

    func testRandomCodesUseTheUnambiguousAlphabet() {
        for _ in 0..<200 {
            let code = BookingCode.random().value
            XCTAssertTrue(Self.isCode(code), code)
        }
    }

    func testWrongTokenLooksLikeAnUnknownCode() throws {
        let env = try TestEnvironment()
        let made = try env.book(env.at("2026-11-24", "09:00"))
        let code = made.booking.code
        XCTAssertThrows(.notFound, try env.bookings.booking(code, access: .manageToken("not-the-token")))
        XCTAssertThrows(.notFound, try env.bookings.booking(code, access: .manageToken("")))
        XCTAssertThrows(.notFound, try env.bookings.booking(BookingCode(parsing: "ZZZ-ZZZ-ZZZ")!,
                                                                    access: .manageToken(made.manageToken)))
        XCTAssertThrows(.notFound, try env.bookings.cancel(code, access: .manageToken("not-the-token"), caller: .citizen))
        XCTAssertThrows(.notFound, try env.bookings.booking(code, access: .offices(["buergerbuero-nord"])))
        XCTAssertEqual(try env.bookings.booking(code, access: .offices([TestEnvironment.mitte])).code, code)
        XCTAssertEqual(try env.bookings.booking(code, access: .anyOffice).code, code)
    }

    func testContactIsRequired() throws {
        let env = try TestEnvironment()
        XCTAssertThrowsError(try env.book(env.at("2026-11-24", "09:00"), contact: Contact(name: "Ohne Kontakt"))) { error in
            guard case .invalid(let field, _) = error as? BookingError else { return XCTFail("\(error)") }
            XCTAssertEqual(field, "contact")
        }
        XCTAssertThrowsError(try env.book(env.at("2026-11-24", "09:00"), contact: Contact(name: "X", email: "kaputt")))
    }

    func testRequestsOutsideTheRulesAreRefused() throws {
        let env = try TestEnvironment()
        XCTAssertRefused(.tooSoon(earliest: env.at("2026-11-16", "09:30")), try env.book(env.at("2026-11-16", "09:00")))
        XCTAssertRefused(.beyondHorizon(latest: LocalDate("2026-12-28")!), try env.book(env.at("2026-12-29", "09:00")))
        XCTAssertRefused(.outsideOpeningHours, try env.book(env.at("2026-11-24", "12:30")))
        XCTAssertRefused(.notOnSlotBoundary(next: env.at("2026-11-24", "09:15")), try env.book(env.at("2026-11-24", "09:05")))
        XCTAssertRefused(.serviceNotOffered("kfz-abmeldung"), try env.book(env.at("2026-11-24", "09:00"), service: "kfz-abmeldung"))
        XCTAssertRefused(.channelNotAllowed(serviceId: "fuehrerschein-ersatz", channel: .online),
                         try env.book(env.at("2026-11-24", "09:00"), office: "fuehrerscheinstelle", service: "fuehrerschein-ersatz"))
        XCTAssertNoThrow(try env.book(env.at("2026-11-24", "09:00"), office: "fuehrerscheinstelle",
                                      service: "fuehrerschein-ersatz", caller: TestEnvironment.phone))
        // Tuesday afternoon at the Kfz office is for de-registrations only.
        XCTAssertRefused(.serviceNotAtThisTime, try env.book(env.at("2026-11-24", "14:00"), office: "kfz-zulassung",
                                                             service: "kfz-zulassung-neu"))
        XCTAssertNoThrow(try env.book(env.at("2026-11-24", "14:00"), office: "kfz-zulassung", service: "kfz-abmeldung"))
        // 15 + 3 × 10 = 45 minutes do not fit between 11:30 and 12:00.
        XCTAssertRefused(.crossesBreak, try env.book(env.at("2026-11-24", "11:30"), quantity: 4))
        XCTAssertEqual(try env.overbookedSlotUsageRows(), 0)
    }

    func testHoldThenBookWithTheHold() throws {
        let env = try TestEnvironment()
        let start = env.at("2026-11-24", "10:00")
        let services = [RequestedService(serviceId: "reisepass")]
        let hold = try env.bookings.hold(office: TestEnvironment.mitte, services: services, start: start, caller: .citizen, client: "client-a").value
        XCTAssertEqual(hold.expiresAt, TestEnvironment.start.adding(minutes: 10))
        XCTAssertEqual(try env.capacity(at: start).free, 2)
        env.clock.advance(minutes: 5)
        let made = try env.book(start, service: "reisepass", holdId: hold.id)
        XCTAssertEqual(made.booking.start, start)
        let row = try env.capacity(at: start)
        XCTAssertEqual(row.booked, 1)
        XCTAssertEqual(row.free, 2, "the hold turned into the booking, it is not counted twice")
        XCTAssertThrows(.holdNotFound, try env.bookings.releaseHold(hold.id))
    }

    func testAHoldForAnotherTimeIsNoPass() throws {
        let env = try TestEnvironment()
        let hold = try env.bookings.hold(office: TestEnvironment.mitte, services: [RequestedService(serviceId: "reisepass")],
                                             start: env.at("2026-11-24", "10:00"), caller: .citizen, client: "client-a").value
        XCTAssertThrowsError(try env.book(env.at("2026-11-24", "10:15"), holdId: hold.id)) { error in
            guard case .invalid(let field, _) = error as? BookingError else { return XCTFail("\(error)") }
            XCTAssertEqual(field, "holdId")
        }
    }

    func testAHoldBlocksOthersUntilItExpires() throws {
        let env = try TestEnvironment()
        let start = env.at("2026-11-24", "10:00")
        let phone = TestEnvironment.phone
        try env.book(start, person: 1, caller: phone)
        try env.book(start, person: 2, caller: phone)
        _ = try env.bookings.hold(office: TestEnvironment.mitte, services: [RequestedService(serviceId: "personalausweis")],
                                      start: start, caller: phone, client: "client-a").value
        XCTAssertEqual(try env.capacity(at: start).free, 0)
        XCTAssertRefused(.slotTaken, try env.book(start, person: 3, caller: phone))
        XCTAssertRefused(.slotTaken, try env.bookings.hold(office: TestEnvironment.mitte,
                                                               services: [RequestedService(serviceId: "personalausweis")],
                                                               start: start, caller: phone, client: "client-a").value)
        env.clock.advance(minutes: 9)
        XCTAssertRefused(.slotTaken, try env.book(start, person: 3, caller: phone))
        env.clock.advance(minutes: 1)
        XCTAssertEqual(try env.capacity(at: start).free, 1, "expired at exactly holdMinutes")
        XCTAssertNoThrow(try env.book(start, person: 3, caller: phone))
    }

    func testReleasingAHoldGivesTheCapacityBack() throws {
        let env = try TestEnvironment()
        let start = env.at("2026-11-24", "10:00")
        let phone = TestEnvironment.phone
        try env.book(start, person: 1, caller: phone)
        try env.book(start, person: 2, caller: phone)
        let hold = try env.bookings.hold(office: TestEnvironment.mitte, services: [RequestedService(serviceId: "personalausweis")],
                                             start: start, caller: phone, client: "client-a").value
        XCTAssertRefused(.slotTaken, try env.book(start, person: 3, caller: phone))
        try env.bookings.releaseHold(hold.id)
        XCTAssertThrows(.holdNotFound, try env.bookings.releaseHold(hold.id))
        XCTAssertNoThrow(try env.book(start, person: 3, caller: phone))
    }
}
