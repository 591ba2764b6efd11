@testable import Core
import Scheduling
import SQLite
import XCTest

/// Applying a catalogue document to a database that is in use: a dry run
/// writes nothing, a change is seen at once, and an import never strands
/// or drops a booking: it is refused whole, naming them.
final class CatalogueImportTests: XCTestCase {
    func testADryRunSaysWhatWouldChangeAndWritesNothing() throws {
        let env = try TestEnvironment()
        let before = try env.useCases.catalogueImport.export()
        var document = before
        let index = try XCTUnwrap(document.services.firstIndex { $0.id == "reisepass" })
        document.services[index].feeCents += 100
        document.offices[0].closures.removeAll()
        var office = document.offices[0]
        office.office.id = "buergerbuero-neu"
        office.rules = office.rules.map { var rule = $0; rule.id += "-neu"; rule.officeId = "buergerbuero-neu"; return rule }
        office.closures = []
        document.offices.append(office)

        let changes = try env.useCases.catalogueImport.apply(document, dryRun: true).changes
        XCTAssertEqual(changes.changed, ["service reisepass"])
        XCTAssertEqual(changes.removed, before.offices[0].closures.map { "closure \($0.id)" }.sorted())
        XCTAssertTrue(changes.added.contains("office buergerbuero-neu"), "\(changes.added)")
        XCTAssertEqual(changes.added.filter { $0.hasPrefix("opening rule ") }.count, office.rules.count)
        XCTAssertEqual(try env.useCases.catalogueImport.export(), before, "a dry run writes nothing")
        XCTAssertNil(try env.useCases.catalogue().office("buergerbuero-neu"))
    }

    func testAnImportIsSeenAtOnce() throws {
        let env = try TestEnvironment()
        var document = try env.useCases.catalogueImport.export()
        _ = try env.useCases.catalogue()
        let index = try XCTUnwrap(document.offices.firstIndex { $0.office.id == TestEnvironment.mitte })
        document.offices[index].office.name = "Bürgerservice Mitte"
        let changes = try env.useCases.catalogueImport.apply(document).changes
        XCTAssertEqual(changes.changed, ["office buergerbuero-mitte"])
        XCTAssertEqual(try env.useCases.catalogue().office(TestEnvironment.mitte)?.name, "Bürgerservice Mitte")
    }

    func testMoreCountersReachSlotUsageAsACapacityChangeDoes() throws {
        let env = try TestEnvironment()
        let totals = { () throws -> [Int64: Int] in
            try env.store.read { db in
                var found: [Int64: Int] = [:]
                for row in try db.query("SELECT slot_start, total FROM slot_usage WHERE office_id = ? AND booked > 0",
                                        [TestEnvironment.mitte]) {
                    found[try row["slot_start"]] = try row["total"]
                }
                return found
            }
        }
        let before = try totals()
        XCTAssertFalse(before.isEmpty, "the demo books at Mitte")
        var document = try env.useCases.catalogueImport.export()
        let index = try XCTUnwrap(document.offices.firstIndex { $0.office.id == TestEnvironment.mitte })
        document.offices[index].rules = document.offices[index].rules.map { var rule = $0; rule.counters += 1; return rule }
        try env.useCases.catalogueImport.apply(document)
        XCTAssertEqual(try totals(), before.mapValues { $0 + 1 })
    }

    func testAnImportThatStrandsBookingsPutsThemOnTheToContactListAndDropsNone() throws {
        let env = try TestEnvironment()
        let codes = try env.store.read { db in
            try db.query("SELECT code FROM bookings WHERE office_id = ? AND status != 'cancelled' AND start >= ? ORDER BY code",
                         [TestEnvironment.mitte, env.clock.now().secondsSinceEpoch]).map { try $0["code"] as String }
        }
        XCTAssertFalse(codes.isEmpty, "the demo books at Mitte")
        let before = try env.useCases.catalogueImport.export()
        let bookings = try env.bookingCount()
        var document = before
        let index = try XCTUnwrap(document.offices.firstIndex { $0.office.id == TestEnvironment.mitte })
        document.offices[index].rules.removeAll()

        let dryRun = try env.useCases.catalogueImport.apply(document, dryRun: true)
        XCTAssertEqual(dryRun.stranded.map(\.booking.code.description).sorted(), codes)
        XCTAssertTrue(dryRun.stranded.allSatisfy { $0.cause == .outsideOpeningHours }, "\(dryRun.stranded)")
        XCTAssertEqual(try env.useCases.catalogueImport.export(), before, "a dry run writes nothing")
        XCTAssertEqual(try env.useCases.officeChanges.affectedBookings(office: TestEnvironment.mitte), [])

        let outcome = try env.useCases.catalogueImport.apply(document)
        let revision = try XCTUnwrap(outcome.revisionId)
        let listed = try env.useCases.officeChanges.affectedBookings(office: TestEnvironment.mitte)
        XCTAssertEqual(listed.map(\.booking.code.description).sorted(), codes)
        XCTAssertTrue(listed.allSatisfy { $0.change == .catalogue(String(revision)) }, "\(listed)")
        XCTAssertEqual(Set(listed.map(\.booking.status)), [.confirmed], "the bookings stay as they are")
        XCTAssertEqual(try env.bookingCount(), bookings, "none dropped")
        XCTAssertEqual(try env.overbookedSlotUsageRows(), 0, "slot_usage never below what is booked")

        // The same again changes nothing, and lists nothing twice.
        XCTAssertTrue(try env.useCases.catalogueImport.apply(document).changes.isEmpty)
        XCTAssertEqual(try env.useCases.officeChanges.affectedBookings(office: TestEnvironment.mitte).count, codes.count)
    }

    func testBookingsTheSetupAlreadyFailedAreNotListedAgain() throws {
        let env = try TestEnvironment()
        var document = try env.useCases.catalogueImport.export()
        let index = try XCTUnwrap(document.offices.firstIndex { $0.office.id == TestEnvironment.mitte })
        document.offices[index].rules.removeAll()
        try env.useCases.catalogueImport.apply(document)
        let listed = try env.useCases.officeChanges.affectedBookings(office: TestEnvironment.mitte)
        XCTAssertFalse(listed.isEmpty)

        document.offices[index].office.name = "Bürgerbüro Mitte (Interim)"
        let renamed = try env.useCases.catalogueImport.apply(document)
        XCTAssertEqual(renamed.changes.changed, ["office buergerbuero-mitte"])
        XCTAssertEqual(renamed.stranded, [], "still outside the hours, but not stranded by this change")
        let entries = { (list: [AffectedBooking]) in list.map { "\($0.booking.code) \($0.change) \($0.cause)" } }
        XCTAssertEqual(entries(try env.useCases.officeChanges.affectedBookings(office: TestEnvironment.mitte)), entries(listed))
    }

    func testRemovingWhatBookingsNameIsRefused() throws {
        let env = try TestEnvironment()
        let before = try env.useCases.catalogueImport.export()
        var document = before
        document.offices.removeAll { $0.office.id == TestEnvironment.mitte }
        let offered = Set(document.offices.flatMap { $0.offerings.map(\.serviceId) })
        document.services.removeAll { !offered.contains($0.id) }
        XCTAssertThrowsError(try env.useCases.catalogueImport.apply(document)) { error in
            guard case .stillBooked(let items)? = error as? CatalogueImport.Conflict else { return XCTFail("\(error)") }
            let mitteBookings = (try? env.store.read { db in
                try db.scalar("SELECT count(*) FROM bookings WHERE office_id = ?", [TestEnvironment.mitte], as: Int.self)
            }) ?? 0
            XCTAssertEqual(items.first, "office buergerbuero-mitte: \(mitteBookings) bookings", "\(items)")
            // Services only Mitte offered go with it, and are booked too.
            XCTAssertTrue(items.dropFirst().allSatisfy { $0.hasPrefix("service ") && $0.hasSuffix(" bookings") }, "\(items)")
        }
        XCTAssertEqual(try env.useCases.catalogueImport.export(), before)
    }

    func testAnInvalidDocumentIsRefusedBeforeAnythingIsWritten() throws {
        let env = try TestEnvironment()
        let before = try env.useCases.catalogueImport.export()
        var document = before
        document.offices[0].office.municipalityId = "atlantis"
        document.services[0].name = "Neu"
        XCTAssertThrowsError(try env.useCases.catalogueImport.apply(document)) { error in
            XCTAssertEqual((error as? InvalidCatalogue)?.problems.map(\.description),
                           ["offices[0].municipality: names no municipality of the file (\"atlantis\")"])
        }
        XCTAssertEqual(try env.useCases.catalogueImport.export(), before)
    }
}
