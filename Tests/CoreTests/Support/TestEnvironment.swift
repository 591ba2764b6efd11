@testable import Core
import Foundation
import Scheduling
import SQLite
import WebApp
import XCTest

/// A real database file in a fresh directory, a clock standing still, and
/// the use cases wired to both, optionally with the demo data seeded. The
/// directory (with the -wal and -shm files) goes away with the environment.
final class TestEnvironment: CallsUseCases {
    /// Monday 16 November 2026, 07:30 in Bremerhaven: before the offices
    /// open, after the 07:00 release of the new day.
    static let monday = LocalDate("2026-11-16")!
    static let start = at("2026-11-16", "07:30")

    let directory: URL
    let store: Store
    let clock: AdjustableClock
    let useCases: UseCases

    init(seeded: Bool = true, now: Instant = TestEnvironment.start, today: LocalDate = TestEnvironment.monday) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("terminbuch-booking-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try Store(path: directory.appendingPathComponent("terminbuch.sqlite").path)
        clock = AdjustableClock(startingAt: now, running: false)
        // scrypt at N=2^10 instead of 2^17: the format and code path are the same, the test is fast.
        useCases = UseCases(store: store, clock: clock, passwordHasher: PasswordHasher(testCost: 10))
        if seeded {
            try DemoData.seed(store: store, accounts: accounts, catalogue: try Self.demoCatalogue.get(), today: today,
                              password: "demo")
        }
    }

    /// The demo's catalogue file in this repository, read once, as `serve` reads it in demo mode.
    static let demoCatalogue = Result { () throws(CatalogueFile.Unusable) in
        try CatalogueFile.read(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(Application.Configuration.demoCatalogueInRepository).path)
    }

    deinit {
        store.close()
        try? FileManager.default.removeItem(at: directory)
    }

    // MARK: - Time

    /// The (first) instant of a Berlin wall-clock time.
    static func at(_ date: String, _ time: String) -> Instant {
        TimeZoneRules.europeBerlin.instant(on: LocalDate(date)!, at: LocalTime(time)!)!
    }

    func at(_ date: String, _ time: String) -> Instant { Self.at(date, time) }

    func setClock(_ date: String, _ time: String) { clock.set(at(date, time)) }

    // MARK: - Booking

    static let mitte: OfficeID = "buergerbuero-mitte"
    static let phone = Caller(channel: .phone, username: "agent")
    static let desk = Caller(channel: .desk, username: "staff-mitte")

    /// Books `service` for a contact made unique by `person` unless a
    /// contact is given.
    @discardableResult
    func book(_ start: Instant, office: OfficeID = mitte, service: ServiceID = "personalausweis", quantity: Int = 1,
              person: Int = 0, contact: Contact? = nil, caller: Caller = .citizen, holdId: String? = nil) throws -> BookingConfirmation {
        let contact = contact ?? Contact(name: "Person \(person)", email: "person\(person)@example.org")
        return try bookings.book(
            BookingOrder(officeId: office, services: [RequestedService(serviceId: service, quantity: quantity)],
                         start: start, holdId: holdId, contact: contact),
            caller: caller).value
    }

    /// The slot capacity row of the schedule that starts at `start`.
    func capacity(office: OfficeID = mitte, at start: Instant) throws -> SlotCapacity {
        let date = TimeZoneRules.europeBerlin.localDate(of: start)
        let row = try frontDesk.schedule(office: office, date: date).capacity.first { $0.start == start }
        return try XCTUnwrap(row, "no slot at \(start)")
    }

    /// Everything that takes bookable capacity in a slot, counted straight
    /// from the tables: active bookings, live holds, live cooldowns.
    func usedInSlot(office: OfficeID = mitte, start: Instant, end: Instant) throws -> Int {
        let now = clock.now().secondsSinceEpoch
        let (from, to) = (start.secondsSinceEpoch, end.secondsSinceEpoch)
        return try store.read { db in
            try db.scalar("SELECT count(*) FROM bookings WHERE office_id = ? AND status != 'cancelled' AND start < ? AND end > ?",
                          [office, to, from], as: Int.self)
                + db.scalar("SELECT count(*) FROM holds WHERE office_id = ? AND start < ? AND end > ? AND expires_at > ?",
                            [office, to, from, now], as: Int.self)
                + db.scalar("SELECT count(*) FROM cooldowns WHERE office_id = ? AND start < ? AND end > ? AND until > ?",
                            [office, to, from, now], as: Int.self)
        }
    }

    /// `slot_usage.booked` of one slot (0 when it has no row).
    func slotUsage(office: OfficeID = mitte, at start: Instant) throws -> Int {
        try store.read { db in
            try db.scalar("SELECT booked FROM slot_usage WHERE office_id = ? AND slot_start = ?",
                          [office, start.secondsSinceEpoch], as: Int?.self) ?? 0
        }
    }

    /// Rows of `slot_usage` that claim more bookings than counters.
    func overbookedSlotUsageRows() throws -> Int {
        try store.read { try $0.scalar("SELECT count(*) FROM slot_usage WHERE booked > total", as: Int.self) }
    }

    func bookingCount() throws -> Int {
        try store.read { try $0.scalar("SELECT count(*) FROM bookings", as: Int.self) }
    }
}

/// Asserts that `body` throws exactly `expected`.
func XCTAssertThrows<T>(_ expected: BookingError, _ body: @autoclosure () throws -> T, _ message: String = "",
                        file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertThrowsError(try body(), message, file: file, line: line) { error in
        XCTAssertEqual(error as? BookingError, expected, "\(error) \(message)", file: file, line: line)
    }
}

/// Asserts that `body` is refused by the allocator for `refusal`.
func XCTAssertRefused<T>(_ refusal: Refusal, _ body: @autoclosure () throws -> T, _ message: String = "",
                         file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertThrows(.refused(refusal), try body(), message, file: file, line: line)
}
