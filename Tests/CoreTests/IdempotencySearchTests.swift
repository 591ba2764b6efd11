@testable import Core
import Scheduling
import XCTest

/// Retries with an `Idempotency-Key`, and finding bookings by what a caller
/// remembers.
final class IdempotencySearchTests: XCTestCase {
    func order(_ env: TestEnvironment, _ time: String = "09:00") -> BookingOrder {
        BookingOrder(officeId: TestEnvironment.mitte, services: [RequestedService(serviceId: "personalausweis")],
                     start: env.at("2026-11-24", time), contact: Contact(name: "Erika", email: "erika@example.org"))
    }

    func testTheSameKeyAndRequestReturnTheFirstConfirmationAndBookOnce() throws {
        let env = try TestEnvironment()
        let before = try env.bookingCount()
        let key = IdempotencyKey(key: "8d5c1f0e-retry", fingerprint: Array("POST /api/v1/bookings {…}".utf8))
        let first = try env.bookings.book(order(env), caller: .citizen, idempotency: key)
        env.clock.advance(minutes: 2)
        let second = try env.bookings.book(order(env), caller: .citizen, idempotency: key)
        XCTAssertEqual(second, .replayed(first.value))
        XCTAssertEqual(first, .made(first.value))
        XCTAssertEqual(try env.bookingCount(), before + 1)
        XCTAssertEqual(try env.slotUsage(at: env.at("2026-11-24", "09:00")), 1)

        // The kept confirmation holds the manage token, so it is sealed in the database.
        let sealed: [UInt8] = try env.store.read { try $0.scalar("SELECT sealed_body FROM idempotency_keys") }
        XCTAssertFalse(String(decoding: sealed, as: UTF8.self).contains(first.value.booking.code.value))
        XCTAssertFalse(String(decoding: sealed, as: UTF8.self).contains(first.value.manageToken))

        let other = IdempotencyKey(key: key.key, fingerprint: Array("POST /api/v1/bookings {other}".utf8))
        XCTAssertThrows(.idempotencyKeyReused,
                        try env.bookings.book(order(env, "10:00"), caller: .citizen, idempotency: other))
        XCTAssertEqual(try env.bookingCount(), before + 1)
    }

    /// A hold is created too (every creating POST takes a key): a retry
    /// returns the first hold and keeps no second one.
    func testTheSameKeyHoldsOnce() throws {
        let env = try TestEnvironment()
        let start = env.at("2026-11-24", "09:00")
        let services = [RequestedService(serviceId: "personalausweis")]
        let key = IdempotencyKey(key: "hold-retry", fingerprint: Array("POST /api/v1/holds {…}".utf8))
        let first = try env.bookings.hold(office: TestEnvironment.mitte, services: services, start: start, caller: .citizen, client: "client-a",
                                              idempotency: key)
        let second = try env.bookings.hold(office: TestEnvironment.mitte, services: services, start: start, caller: .citizen, client: "client-a",
                                               idempotency: key)
        XCTAssertEqual(second, .replayed(first.value))
        let holds: Int = try env.store.read { try $0.scalar("SELECT count(*) FROM holds") }
        XCTAssertEqual(holds, 1)
        let other = IdempotencyKey(key: key.key, fingerprint: Array("POST /api/v1/holds {other}".utf8))
        XCTAssertThrows(.idempotencyKeyReused,
                        try env.bookings.hold(office: TestEnvironment.mitte, services: services, start: env.at("2026-11-24", "09:15"),
                                                  caller: .citizen, client: "client-a", idempotency: other))
    }

    func testARefusedRequestRecordsNoKey() throws {
        let env = try TestEnvironment()
        let key = IdempotencyKey(key: "k", fingerprint: [1, 2, 3])
        XCTAssertRefused(.outsideOpeningHours,
                         try env.bookings.book(order(env, "12:30"), caller: .citizen, idempotency: key))
        XCTAssertFalse(try env.bookings.book(order(env), caller: .citizen, idempotency: key).isReplayed)
    }

    func testSearchByCodeNameEmailAndPhone() throws {
        let env = try TestEnvironment()
        let erika = try env.book(env.at("2026-11-24", "09:00"),
                                 contact: Contact(name: "Erika Mustermann", email: "erika.mustermann@example.org")).booking
        let max = try env.book(env.at("2026-11-24", "09:15"), contact: Contact(name: "Max Müller", phone: "0471 123456")).booking
        let both = try env.book(env.at("2026-11-24", "09:30"),
                                contact: Contact(name: "Lena Brandt", email: "lena@example.org", phone: "+49 (471) 98 76 54")).booking
        func find(_ text: String, office: OfficeID? = nil, date: LocalDate? = nil, access: Access = .anyOffice) throws -> [String] {
            try env.bookings.search(text, office: office, date: date, access: access).map(\.code.value)
        }
        XCTAssertEqual(try find(erika.code.value), [erika.code.value])
        XCTAssertEqual(try find(erika.code.value.lowercased().replacingOccurrences(of: "-", with: "")), [erika.code.value])
        XCTAssertEqual(try find("muster"), [erika.code.value])
        XCTAssertEqual(try find("  ERIKA.Mustermann@Example.org "), [erika.code.value])
        XCTAssertEqual(try find("+49471123456"), [max.code.value])
        XCTAssertEqual(try find("0471 123456"), [max.code.value])
        XCTAssertEqual(try find("+49 (0)471 12 34 56"), [max.code.value])
        XCTAssertEqual(try find("0471 987654"), [both.code.value], "phone of a contact whose key is the e-mail")
        XCTAssertEqual(try find("100%"), [])
        XCTAssertEqual(try find("Müller", office: TestEnvironment.mitte, date: LocalDate("2026-11-24")), [max.code.value])
        XCTAssertEqual(try find("Müller", date: LocalDate("2026-11-25")), [])
        XCTAssertEqual(try find("Müller", access: .offices(["buergerbuero-nord"])), [])
        XCTAssertEqual(try find("Müller", access: .offices([TestEnvironment.mitte])), [max.code.value])
        XCTAssertEqual(try find("Müller", access: .manageToken("anything")), [], "a citizen's token does not open the search")
    }
}
