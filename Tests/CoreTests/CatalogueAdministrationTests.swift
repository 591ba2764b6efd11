@testable import Core
import Scheduling
import XCTest

/// Admins' catalogue edits through the use case on a real database: each
/// saved as one revision with its audit trail, refused whole when invalid,
/// previewed without writing, and bounded by a scoped admin's municipalities.
final class CatalogueAdministrationTests: XCTestCase {
    private var env: TestEnvironment!
    private var admin: Account!
    /// An admin of Bremerhaven alone.
    private var bremerhaven: Account!

    override func setUpWithError() throws {
        env = try TestEnvironment()
        admin = try XCTUnwrap(try env.useCases.accounts.account(username: DemoData.adminUsername))
        let id = try env.useCases.accounts.create(username: "admin-bremerhaven", displayName: "Verwaltung Bremerhaven",
                                                  password: "a long password", role: .admin, municipalityIds: ["bremerhaven"])
        bremerhaven = try XCTUnwrap(try env.useCases.accounts.account(id: id))
    }

    override func tearDown() { env = nil }

    private var administration: CatalogueAdministration { env.useCases.catalogueAdministration }
    private var document: CatalogueDocument { get throws { try env.useCases.catalogueImport.export() } }

    private func rule(_ id: String, at officeId: OfficeID = TestEnvironment.mitte) throws -> OpeningRule {
        try XCTUnwrap(try document.entry(officeId)?.rules.first { $0.id == id })
    }

    private func assertRefused<T>(_ expected: CatalogueAdministration.Refusal, _ body: @autoclosure () throws -> T,
                                  file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            XCTAssertEqual(error as? CatalogueAdministration.Refusal, expected, file: file, line: line)
        }
    }

    // MARK: Saving

    func testAnOfficeServiceAndRuleAddedFromNothingAreBookable() throws {
        let municipality = Municipality(id: "cuxhaven", name: "Stadt Cuxhaven")
        try administration.save(.add(.municipality(municipality)), by: admin, idempotency: nil)
        let office = Office(id: "buergerbuero-cuxhaven", name: "Bürgerbüro Cuxhaven", kind: .citizensOffice,
                            municipalityId: "cuxhaven",
                            address: Address(street: "Rathausplatz 1", postalCode: "27472", city: "Cuxhaven"), land: .niedersachsen)
        try administration.save(.add(.office(.init(office: office, policy: BookingPolicy(), observesPublicHolidays: true,
                                                    offerings: [], rules: [], closures: []))), by: admin, idempotency: nil)
        let service = Service(id: "fischereischein", name: "Fischereischein", baseMinutes: 15)
        try administration.save(.add(.service(service, offeredAt: [office.id: [.online, .desk]])), by: admin, idempotency: nil)
        let hours = OpeningRule(id: "cux-montag", officeId: office.id, weekdays: [.monday], band: TimeBand(start: LocalTime("09:00")!, end: LocalTime("12:00")!)!,
                                counters: 2, slotMinutes: 15)
        let saved = try administration.save(.add(.rule(hours, at: office.id)), by: admin, idempotency: nil)
        XCTAssertEqual(saved.value.changes.added, ["opening rule cux-montag"])

        let free = try env.useCases.availability.starts(office: office.id, services: [RequestedService(serviceId: service.id, quantity: 1)],
                                                        date: LocalDate("2026-11-23")!, caller: .citizen)
        XCTAssertEqual(free.starts.count, 12, "09:00 to 12:00 in quarters")
        let trail = try administration.trail(for: admin)
        XCTAssertEqual(trail.map { $0.items.map(\.name) }.prefix(4).reversed(),
                       [["municipality cuxhaven"], ["office buergerbuero-cuxhaven"],
                        ["offering buergerbuero-cuxhaven/fischereischein", "service fischereischein"], ["opening rule cux-montag"]])
        XCTAssertTrue(trail.prefix(4).allSatisfy { $0.madeBy == DemoData.adminUsername && $0.source == .admin })
    }

    func testAChangedRuleIsRecordedWithTheFieldsThatChanged() throws {
        var changed = try rule("mitte-vormittag")
        changed.counters += 1
        changed.phoneReserve = 0
        changed.band = TimeBand(start: changed.band.start, end: LocalTime("12:30")!)!
        try administration.save(.change(.rule(changed, at: TestEnvironment.mitte)), by: admin, idempotency: nil)
        XCTAssertEqual(try rule("mitte-vormittag"), changed)
        let latest = try XCTUnwrap(try administration.trail(for: admin).first)
        XCTAssertEqual(latest.items.map(\.name), ["opening rule mitte-vormittag"])
        XCTAssertEqual(latest.items.first?.fields, ["band.end", "counters", "phoneReserve"], "one level into the band, no deeper")
        XCTAssertEqual(latest.items.first?.municipalityId, "bremerhaven")
    }

    func testAnInvalidRuleIsRefusedWithItsFieldsAndNothingIsWritten() throws {
        let before = try document
        var broken = try rule("mitte-vormittag")
        broken.slotMinutes = 25
        broken.counters = 0
        XCTAssertThrowsError(try administration.save(.change(.rule(broken, at: TestEnvironment.mitte)), by: admin, idempotency: nil)) { error in
            guard case .invalid(let problems)? = error as? CatalogueAdministration.Refusal else { return XCTFail("\(error)") }
            // No counters also leaves no room for the phone reserve.
            XCTAssertEqual(Set(problems.item.map(\.path)), ["slotMinutes", "counters", "phoneReserve"], "\(problems)")
            XCTAssertEqual(problems.elsewhere, [])
        }
        XCTAssertEqual(try document, before)
    }

    func testAddingWhatExistsAndChangingWhatDoesNotAreMismatches() throws {
        let existing = try rule("mitte-vormittag")
        assertRefused(.mismatch(.exists(.rule("mitte-vormittag", at: TestEnvironment.mitte))),
                      try administration.save(.add(.rule(existing, at: TestEnvironment.mitte)), by: admin, idempotency: nil))
        var missing = existing
        missing.id = "gibt-es-nicht"
        assertRefused(.mismatch(.notFound(.rule("gibt-es-nicht", at: TestEnvironment.mitte))),
                      try administration.save(.change(.rule(missing, at: TestEnvironment.mitte)), by: admin, idempotency: nil))
    }

    func testRemovingABookedServiceIsRefusedWithTheReason() throws {
        let booked = try env.store.read { db in
            try db.scalar("SELECT count(*) FROM booking_services WHERE service_id = 'anwohnerparkausweis'", as: Int.self)
        }
        XCTAssertGreaterThan(booked, 0, "the demo books a parking permit")
        assertRefused(.stillNamed(["service anwohnerparkausweis: \(booked) bookings"]),
                      try administration.save(.remove(.service("anwohnerparkausweis")), by: admin, idempotency: nil))
        XCTAssertNotNil(try env.useCases.catalogue().service("anwohnerparkausweis"))
    }

    func testASaveWithAnIdempotencyKeyIsMadeOnce() throws {
        let key = IdempotencyKey(key: "add-closure-1", fingerprint: Array("the closure".utf8))
        let closure = Closure(id: "mitte-umzug", officeId: TestEnvironment.mitte, from: LocalDate("2027-01-04")!,
                              through: LocalDate("2027-01-04")!, reason: "Umzug")
        let first = try administration.save(.add(.closure(closure, at: TestEnvironment.mitte)), by: admin, idempotency: key)
        let second = try administration.save(.add(.closure(closure, at: TestEnvironment.mitte)), by: admin, idempotency: key)
        XCTAssertFalse(first.isReplayed)
        XCTAssertTrue(second.isReplayed)
        XCTAssertEqual(second.value, first.value)
        XCTAssertEqual(try administration.trail(for: admin).filter { $0.items.contains { $0.id == "mitte-umzug" } }.count, 1)
    }

    // MARK: Under bookings

    /// Mitte's Monday morning without counters strands Monday's bookings there.
    private func mondayMorningClosed() throws -> (CatalogueEdit, [String]) {
        var rule = try rule("mitte-vormittag")
        rule.weekdays.remove(.monday)
        let codes = try env.store.read { db in
            try db.query("""
                SELECT code FROM bookings WHERE office_id = ? AND status != 'cancelled' AND start >= ? AND start < ? ORDER BY code
                """, [TestEnvironment.mitte, env.at("2026-11-16", "08:00").secondsSinceEpoch,
                      env.at("2026-11-16", "12:00").secondsSinceEpoch]).map { try $0["code"] as String }
        }
        return (.change(.rule(rule, at: TestEnvironment.mitte)), codes)
    }

    func testThePreviewNamesTheStrandedBookingsShowsTheWeekAndWritesNothing() throws {
        let (edit, codes) = try mondayMorningClosed()
        XCTAssertFalse(codes.isEmpty, "the demo books Monday morning at Mitte")
        let before = try document
        let preview = try administration.preview(edit, by: admin, weekFrom: TestEnvironment.monday)
        XCTAssertEqual(preview.outcome.stranded.map(\.booking.code.description).sorted(), codes)
        let week = try XCTUnwrap(preview.week)
        XCTAssertEqual(week.days.map(\.date), (0..<7).map { TestEnvironment.monday.adding(days: $0) })
        XCTAssertFalse(week.days[0].bands.contains { $0.ruleId == "mitte-vormittag" }, "Monday morning is gone")
        let tuesday = try XCTUnwrap(week.days[1].bands.first { $0.ruleId == "mitte-vormittag" })
        XCTAssertEqual([tuesday.slots, tuesday.counters, tuesday.walkInReserve, tuesday.phoneReserve], [16, 4, 1, 1])
        XCTAssertEqual(tuesday.bookable, 16 * 3, "four counters, one kept for walk-ins")

        XCTAssertEqual(try document, before)
        XCTAssertEqual(try env.useCases.officeChanges.affectedBookings(office: TestEnvironment.mitte), [])
        XCTAssertTrue(try administration.trail(for: admin).allSatisfy { $0.source == .import }, "only the demo's import")
    }

    func testSavingUnderBookingsListsThemDropsNoneAndKeepsSlotUsage() throws {
        let (edit, codes) = try mondayMorningClosed()
        let count = try env.bookingCount()
        let saved = try administration.save(edit, by: admin, idempotency: nil)
        let revision = try XCTUnwrap(saved.value.revisionId)
        XCTAssertEqual(saved.value.stranded.map(\.booking.code.description).sorted(), codes)
        let listed = try env.useCases.officeChanges.affectedBookings(office: TestEnvironment.mitte)
        XCTAssertEqual(listed.map(\.booking.code.description).sorted(), codes)
        XCTAssertTrue(listed.allSatisfy { $0.change == .catalogue(String(revision)) && $0.cause == .outsideOpeningHours })
        XCTAssertEqual(try env.bookingCount(), count)
        XCTAssertEqual(try env.overbookedSlotUsageRows(), 0)
    }

    func testAServiceWithdrawnFromAnOfficeListsItsBookingsThere() throws {
        let passport = try XCTUnwrap(try document.services.first { $0.id == "reisepass" })
        var offeredAt = Dictionary(uniqueKeysWithValues: try document.offices.compactMap { entry in
            entry.offerings.first { $0.serviceId == passport.id }.map { (entry.office.id, $0.channels) }
        })
        XCTAssertNotNil(offeredAt.removeValue(forKey: TestEnvironment.mitte))
        let codes = try env.store.read { db in
            try db.query("""
                SELECT b.code FROM bookings b JOIN booking_services s ON s.booking_id = b.id
                WHERE b.office_id = ? AND s.service_id = 'reisepass' AND b.status != 'cancelled' AND b.start >= ? ORDER BY b.code
                """, [TestEnvironment.mitte, env.clock.now().secondsSinceEpoch]).map { try $0["code"] as String }
        }
        XCTAssertFalse(codes.isEmpty, "the demo books passports at Mitte")
        let saved = try administration.save(.change(.service(passport, offeredAt: offeredAt)), by: admin, idempotency: nil)
        XCTAssertEqual(saved.value.stranded.map(\.booking.code.description).sorted(), codes)
        XCTAssertTrue(saved.value.stranded.allSatisfy { $0.cause == .serviceWithdrawn }, "\(saved.value.stranded)")
        XCTAssertEqual(try env.useCases.officeChanges.affectedBookings(office: TestEnvironment.mitte).map(\.booking.code.description).sorted(),
                       codes)
    }

    // MARK: Scoped admins

    func testAScopedAdminChangesItsOwnOfficesAndItsOwnMunicipality() throws {
        var changed = try rule("mitte-vormittag")
        changed.counters = 5
        try administration.save(.change(.rule(changed, at: TestEnvironment.mitte)), by: bremerhaven, idempotency: nil)
        try administration.save(.change(.municipality(Municipality(id: "bremerhaven", name: "Seestadt Bremerhaven"))),
                                by: bremerhaven, idempotency: nil)
        XCTAssertEqual(try document.municipalities.first { $0.id == "bremerhaven" }?.name, "Seestadt Bremerhaven")
        XCTAssertEqual(try administration.trail(for: bremerhaven).filter { $0.source == .admin }.count, 2)
    }

    func testAScopedAdminIsToldOtherMunicipalitiesOfficesDoNotExist() throws {
        let luebeck: OfficeID = "stadtteilbuero-luebeck-st-lorenz"
        let other = try XCTUnwrap(try document.entry(luebeck)?.rules.first)
        assertRefused(.mismatch(.notFound(.rule(other.id, at: luebeck))),
                      try administration.save(.change(.rule(other, at: luebeck)), by: bremerhaven, idempotency: nil))
        assertRefused(.mismatch(.notFound(.office(luebeck))),
                      try administration.save(.remove(.office(luebeck)), by: bremerhaven, idempotency: nil))
        let seen = try administration.catalogue(for: bremerhaven)
        XCTAssertEqual(seen.municipalities.map(\.id), ["bremerhaven"])
        XCTAssertTrue(seen.offices.allSatisfy { $0.office.municipalityId == "bremerhaven" })
        XCTAssertFalse(try administration.mayChange(.office(luebeck), by: bremerhaven))
        XCTAssertTrue(try administration.mayChange(.office(TestEnvironment.mitte), by: bremerhaven))
    }

    func testAScopedAdminChangesNoServiceSharedWithAnotherMunicipality() throws {
        let shared = try XCTUnwrap(try document.services.first { $0.id == "personalausweis" })
        let offeredAt = Dictionary(uniqueKeysWithValues: try document.offices.compactMap { entry in
            entry.offerings.first { $0.serviceId == shared.id }.map { (entry.office.id, $0.channels) }
        })
        XCTAssertTrue(Set(offeredAt.keys.compactMap { id in try? document.entry(id)?.office.municipalityId }).count > 1)
        var changed = shared
        changed.feeCents += 100
        assertRefused(.forbidden, try administration.save(.change(.service(changed, offeredAt: offeredAt)), by: bremerhaven, idempotency: nil))
        XCTAssertFalse(try administration.mayChange(.service(shared.id), by: bremerhaven))
        XCTAssertTrue(try administration.mayChange(.service(shared.id), by: admin))
        try administration.save(.change(.service(changed, offeredAt: offeredAt)), by: admin, idempotency: nil)
    }

    func testAScopedAdminAddsNoMunicipalityMovesNoOfficeAwayAndReplacesNothingWhole() throws {
        assertRefused(.forbidden, try administration.save(.add(.municipality(Municipality(id: "bremen", name: "Bremen"))),
                                                          by: bremerhaven, idempotency: nil))
        assertRefused(.forbidden, try administration.save(.remove(.municipality("bremerhaven")), by: bremerhaven, idempotency: nil))
        var entry = try XCTUnwrap(try document.entry(TestEnvironment.mitte))
        entry.office.municipalityId = "luebeck"
        assertRefused(.forbidden, try administration.save(.change(.office(entry)), by: bremerhaven, idempotency: nil))
        assertRefused(.forbidden, try administration.save(.replace(try document), by: bremerhaven, idempotency: nil))
        XCTAssertTrue(try administration.trail(for: admin).allSatisfy { $0.source == .import }, "nothing was saved")
    }

    func testStaffAndAgentsAdministerNoCatalogue() throws {
        for username in [DemoData.staffUsername, DemoData.agentUsername] {
            let account = try XCTUnwrap(try env.useCases.accounts.account(username: username))
            assertRefused(.forbidden, try administration.catalogue(for: account))
            assertRefused(.forbidden, try administration.trail(for: account))
            assertRefused(.forbidden, try administration.save(.change(.municipality(Municipality(id: "bremerhaven", name: "X"))),
                                                              by: account, idempotency: nil))
        }
    }
}
