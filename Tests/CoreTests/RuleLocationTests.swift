@testable import Core
import Scheduling
import SQLite
import XCTest

/// A rule's own location as Core keeps and hands it out: stored with the
/// rule, read back whole or refused, and resolved into every booking read
/// (`Booking.location`), so pages, calendar, schedule and API get one answer.
final class RuleLocationTests: XCTestCase {
    static let mobil: OfficeID = "buergerservice-mobil"
    /// The mobile office's branches as the demo's catalogue file names them.
    static let leherheide = Location(name: "Stadtbibliothek Leherheide",
                                     address: Address(street: "Am Leher Markt 1", postalCode: "27578", city: "Bremerhaven"))
    static let gruenhoefe = Location(name: "Stadtteilbibliothek Grünhöfe",
                                     address: Address(street: "Auf den Sülten 9", postalCode: "27574", city: "Bremerhaven"))

    func testTheDemosMobileOfficeKeepsItsBranchesThroughTheTables() throws {
        let env = try TestEnvironment()
        let setup = try XCTUnwrap(try env.store.catalogue().setup(Self.mobil))
        XCTAssertEqual(setup.office.kind, .mobile)
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: setup.rules.map { ($0.id, $0.location) }),
                       ["mobil-stadthaus": nil, "mobil-leherheide": Self.leherheide,
                        "mobil-gruenhoefe": Self.gruenhoefe])
        XCTAssertEqual(try env.store.catalogue().setup(TestEnvironment.mitte)?.rules.compactMap(\.location), [])
    }

    func testABookingIsAtTheBranchOfItsDayAndMovesWithItsStart() throws {
        let env = try TestEnvironment()
        // Tuesday 17 and Thursday 19 November 2026.
        let made = try env.book(env.at("2026-11-17", "09:20"), office: Self.mobil)
        XCTAssertEqual(made.booking.location, Self.leherheide)
        let stored = try env.bookings.booking(made.booking.code, access: .manageToken(made.manageToken))
        XCTAssertEqual(stored.location, Self.leherheide)
        let schedule = try env.frontDesk.schedule(office: Self.mobil, date: LocalDate("2026-11-17")!)
        XCTAssertEqual(schedule.bookings.map(\.location), [Self.leherheide])

        let moved = try env.bookings.reschedule(made.booking.code, to: env.at("2026-11-19", "14:00"),
                                                access: .manageToken(made.manageToken), caller: .citizen)
        XCTAssertEqual(moved.location, Self.gruenhoefe)
        let stadthaus = try env.book(env.at("2026-11-23", "14:00"), office: Self.mobil, person: 1)
        XCTAssertEqual(stadthaus.booking.location, try env.store.catalogue().office(Self.mobil)?.location,
                       "a band without a place of its own is at the office")
        let mitte = try env.book(env.at("2026-11-17", "09:00"), person: 2)
        XCTAssertEqual(mitte.booking.location, try env.store.catalogue().office(TestEnvironment.mitte)?.location)
    }

    /// The ledger keeps no place; a retry is answered with the same one.
    func testARetriedBookingIsAnsweredWithItsPlace() throws {
        let env = try TestEnvironment()
        let order = BookingOrder(officeId: Self.mobil, services: [RequestedService(serviceId: "personalausweis")],
                                 start: env.at("2026-11-17", "09:00"), contact: Contact(name: "Erika", email: "erika@example.org"))
        let key = IdempotencyKey(key: "mobil-1", fingerprint: [1, 2, 3])
        let first = try env.bookings.book(order, caller: .citizen, idempotency: key)
        let again = try env.bookings.book(order, caller: .citizen, idempotency: key)
        XCTAssertTrue(again.isReplayed)
        XCTAssertEqual(again.value.booking.location, Self.leherheide)
        XCTAssertEqual(again.value, first.value)
    }

    func testARuleWrittenWithALocationIsSeenAtOnce() throws {
        let env = try TestEnvironment()
        let hall = Location(name: "Stadthalle", address: Address(street: "Wilhelm-Kaisen-Platz 1", postalCode: "27576",
                                                                   city: "Bremerhaven"))
        try env.store.changeCatalogue { writer in
            try writer.insert(OpeningRule(id: "mitte-samstag", officeId: TestEnvironment.mitte, weekdays: [.saturday],
                                          band: TimeBand("10:00", "12:00")!, counters: 2, slotMinutes: 15,
                                          kind: .appointmentsOnly, location: hall))
        }
        let made = try env.book(env.at("2026-11-21", "10:00"))
        XCTAssertEqual(made.booking.location, hall)
        XCTAssertEqual(try env.store.catalogue().setup(TestEnvironment.mitte)?.locations(on: LocalDate("2026-11-21")!), [hall])
    }

    /// Half an address would send citizens nowhere: the catalogue refuses
    /// to load rather than serve it.
    func testAHalfWrittenLocationStopsTheCatalogueNamingTheRule() throws {
        let env = try TestEnvironment()
        try env.store.write { db in
            _ = try db.run("UPDATE opening_rules SET location_city = NULL WHERE id = ?", ["mobil-gruenhoefe"])
        }
        XCTAssertThrowsError(try env.store.read { try CatalogueRows.load($0) }) { error in
            XCTAssertTrue(String(describing: error).contains("rule mobil-gruenhoefe: location"), "\(error)")
        }
    }
}
