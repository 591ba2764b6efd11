import Core
import Foundation
import Scheduling
import WebApp
import XCTest

/// Export → import into an empty database → export gives the same bytes,
/// and importing what was exported changes nothing: on the demo catalogue
/// and on a generated one of 50 offices × 30 services.
final class CatalogueRoundTripTests: XCTestCase {
    /// A store on a fresh file that goes away with the test.
    final class Database {
        let directory: URL
        let store: Store
        let useCases: UseCases

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("terminbuch-catalogue-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            store = try Store(path: directory.appendingPathComponent("terminbuch.sqlite").path)
            useCases = UseCases(store: store, passwordHasher: PasswordHasher(testCost: 10))
        }

        var exported: [UInt8] { get throws { CatalogueFile.write(try useCases.catalogueImport.export()) } }

        func load(_ bytes: [UInt8]) throws -> CatalogueChanges {
            try useCases.catalogueImport.apply(try CatalogueFile.read(bytes)).changes
        }

        deinit {
            store.close()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    /// `Examples/demo/catalogue.json` is canonical: seeding it and exporting
    /// gives its very bytes back, but for the closures the seed places
    /// relative to today (the office's day, not the file's).
    func testTheDemoFileIsWhatExportWritesAfterSeeding() throws {
        let file = try [UInt8](Data(contentsOf: URL(fileURLWithPath: PageTestApp.demoCatalogue)))
        let demo = try Database()
        try DemoData.seed(store: demo.store, accounts: demo.useCases.accounts, catalogue: try CatalogueFile.read(file), password: "demo")
        var seeded = try demo.useCases.catalogueImport.export()
        XCTAssertEqual(seeded.offices.flatMap(\.closures).map(\.id).sorted(), ["kfz-softwareumstellung", "mitte-personalversammlung"])
        for index in seeded.offices.indices { seeded.offices[index].closures = [] }
        XCTAssertEqual(CatalogueFile.write(seeded), file)

        let first = try demo.exported
        XCTAssertEqual(try demo.exported, first, "the same database exports the same bytes")
        let empty = try Database()
        let changes = try empty.load(first)
        XCTAssertTrue(changes.changed.isEmpty && changes.removed.isEmpty, "\(changes)")
        XCTAssertEqual(changes.added.filter { $0.hasPrefix("office ") }.count, 6)
        XCTAssertEqual(try empty.exported, first)

        // Importing its own export (with the demo's bookings in place) changes nothing.
        let again = try demo.load(first)
        XCTAssertTrue(again.isEmpty, "\(again)")
        XCTAssertEqual(try demo.exported, first)
    }

    /// The benchmarks' office (Benchmarks/benchlib.py) is a canonical file
    /// too, with room for a million bookings: 200 counters in 5-minute slots
    /// 07:00–20:00 every day, no notice, no holidays, no contact limit to speak of.
    func testTheBenchFileIsCanonical() throws {
        let path = PageTestApp.root.appendingPathComponent("Examples/bench/catalogue.json")
        let file = try [UInt8](Data(contentsOf: path))
        let bench = try Database()
        _ = try bench.load(file)
        XCTAssertEqual(try bench.exported, file)
        let setup = try XCTUnwrap(try bench.store.catalogue().setup("bench-office"))
        XCTAssertEqual(setup.rules.map(\.counters), [200])
        XCTAssertEqual(setup.rules.first?.weekdays.count, 7)
        XCTAssertFalse(setup.observesPublicHolidays)
        XCTAssertEqual(setup.policy.minNoticeMinutes, 0)
        XCTAssertEqual(setup.policy.maxActiveBookingsPerContact, 1_000_000)
    }

    /// The mobile office's branches travel in the file and back into the tables.
    func testARulesLocationSurvivesTheFile() throws {
        let demo = try Database()
        try DemoData.seed(store: demo.store, accounts: demo.useCases.accounts,
                          catalogue: try CatalogueFile.read(contentsOf: PageTestApp.demoCatalogue), password: "demo")
        let file = try demo.exported
        let mobil = try XCTUnwrap(try CatalogueFile.read(file).offices.first { $0.office.id == "buergerservice-mobil" })
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: mobil.rules.map { ($0.id, $0.location?.name) }),
                       ["mobil-stadthaus": nil, "mobil-leherheide": "Stadtbibliothek Leherheide",
                        "mobil-gruenhoefe": "Stadtteilbibliothek Grünhöfe"])
        let empty = try Database()
        _ = try empty.load(file)
        XCTAssertEqual(try empty.store.catalogue().setup("buergerservice-mobil")?.rules,
                       try demo.store.catalogue().setup("buergerservice-mobil")?.rules)
    }

    /// A LeiKa key, retention days, the legal contact and an office's
    /// mailbox go into their columns and come back; a second import that
    /// changes them (and a service's English name) changes them in place.
    func testTheDetailsSurviveTheDatabaseAndChangeInPlace() throws {
        var document = Self.generated(offices: 1, services: 1)
        document.municipalities[0].retentionDays = 30
        document.municipalities[0].contact = MunicipalityContact(
            operatorName: "Magistrat der Stadt Musterstadt",
            address: Address(street: "Rathausplatz 1", postalCode: "27570", city: "Musterstadt"),
            email: "buergerbuero@musterstadt.example", privacyOfficer: .init(email: "datenschutz@musterstadt.example"))
        document.services[0].leikaKey = "99102013104000"
        document.services[0].translations = ["en": ServiceTranslation(name: "Service 0")]
        document.offices[0].office.mailbox = "buero-0@musterstadt.example"
        let written = CatalogueFile.write(document)
        let database = try Database()
        _ = try database.load(written)
        XCTAssertEqual(try database.exported, written)
        XCTAssertEqual(try database.store.catalogue().municipalities.first?.contact, document.municipalities[0].contact)

        document.municipalities[0].retentionDays = 7
        document.municipalities[0].contact?.privacyOfficer.name = "Erika Mustermann"
        document.services[0].leikaKey = nil
        document.services[0].translations = ["en": ServiceTranslation(name: "Service zero")]
        document.offices[0].office.mailbox = nil
        let changed = CatalogueFile.write(document)
        XCTAssertEqual(try database.load(changed).changed, ["municipality musterstadt", "office buero-0", "service dienst-0"])
        XCTAssertEqual(try database.exported, changed)
        XCTAssertEqual(try database.store.catalogue().service("dienst-0")?.texts(in: "en").name, "Service zero")
    }

    /// The double opt-in and the reminder go into the office's columns and
    /// come back; a file without them reads the defaults.
    func testTheOptInAndReminderPolicySurvivesTheDatabase() throws {
        var document = Self.generated(offices: 2, services: 1)
        XCTAssertEqual(document.offices.map(\.policy.confirmationRequired), [false, false])
        document.offices[0].policy.confirmationRequired = true
        document.offices[0].policy.confirmationMinutes = 15
        document.offices[0].policy.reminderHours = 0
        let written = CatalogueFile.write(document)
        XCTAssertTrue(String(decoding: written, as: UTF8.self).contains("\"confirmationRequired\": true"))
        let database = try Database()
        _ = try database.load(written)
        XCTAssertEqual(try database.exported, written)
        let policy = try XCTUnwrap(try database.store.catalogue().setup(document.offices[0].office.id)?.policy)
        XCTAssertEqual([policy.confirmationRequired ? 1 : 0, policy.confirmationMinutes, policy.reminderHours], [1, 15, 0])
        let standard = try XCTUnwrap(try database.store.catalogue().setup(document.offices[1].office.id)?.policy)
        XCTAssertEqual([standard.confirmationRequired ? 1 : 0, standard.confirmationMinutes, standard.reminderHours], [0, 30, 24])
    }

    func testAGeneratedCatalogueOf50OfficesAnd30ServicesSurvivesTheRoundTrip() throws {
        let document = Self.generated(offices: 50, services: 30)
        let written = CatalogueFile.write(document)
        let first = try Database()
        XCTAssertEqual(try first.load(written).added.count, 1 + 30 + 50 + 50 * 30 + 50 * 2 + 50)
        XCTAssertEqual(try first.exported, written, "written in the same sorted order export uses")
        let second = try Database()
        _ = try second.load(try first.exported)
        XCTAssertEqual(try second.exported, written)
        XCTAssertEqual(try second.useCases.catalogue().offices.count, 50)
        XCTAssertEqual(try second.useCases.catalogue().services.count, 30)
    }

    /// One municipality; every office offers every service (online and
    /// phone at odd offices), opens Monday to Friday in two bands, one with
    /// a walk-in share, and closes one day.
    static func generated(offices: Int, services: Int) -> CatalogueDocument {
        let municipality = Municipality(id: "musterstadt", name: "Musterstadt")
        let serviceList = (0..<services).map { index in
            Service(id: ServiceID("dienst-\(index)"), name: "Dienstleistung \(index)", description: "Beschreibung \(index)",
                    baseMinutes: 10 + index % 4 * 5, minutesPerExtraUnit: index % 3 * 5, maxQuantity: 1 + index % 5,
                    feeCents: index * 150, documents: index.isMultiple(of: 2) ? ["Personalausweis", "Formular \(index)"] : [])
        }
        let workdays: Set<Weekday> = [.monday, .tuesday, .wednesday, .thursday, .friday]
        let officeList = (0..<offices).map { index in
            let id = OfficeID("buero-\(index)")
            return CatalogueDocument.OfficeEntry(
                office: Office(id: id, name: "Bürgerbüro \(index)", kind: OfficeKind.allCases[index % 4], municipalityId: municipality.id,
                               address: Address(street: "Hauptstraße \(index)", postalCode: "2757\(index % 10)", city: "Musterstadt"),
                               land: Land.allCases[index % 16]),
                policy: BookingPolicy(minNoticeMinutes: 60 + index, horizonDays: 30 + index % 30),
                observesPublicHolidays: index % 7 != 0,
                offerings: serviceList.map { ServiceOffering(serviceId: $0.id, channels: index.isMultiple(of: 2) ? [.online, .phone, .desk] : [.online, .phone]) },
                rules: [
                    OpeningRule(id: "buero-\(index)-vormittag", officeId: id, weekdays: workdays, band: TimeBand("08:00", "12:00")!,
                                counters: 2 + index % 5, slotMinutes: 15, walkInReserve: .share(0.25)),
                    OpeningRule(id: "buero-\(index)-nachmittag", officeId: id, weekdays: [.tuesday, .thursday],
                                band: TimeBand("14:00", "18:00")!, validFrom: LocalDate("2026-11-02"), repeatEveryWeeks: 1 + index % 2,
                                counters: 1 + index % 3, slotMinutes: 20, walkInReserve: .counters(0), kind: .appointmentsOnly,
                                phoneReserve: index % 2),
                ],
                closures: [Closure(id: "buero-\(index)-ausflug", officeId: id, from: LocalDate("2026-12-0\(1 + index % 9)")!,
                                   band: index.isMultiple(of: 3) ? TimeBand("12:00", "18:00") : nil, reason: "Betriebsausflug")])
        }
        return CatalogueDocument(municipalities: [municipality], services: serviceList, offices: officeList)
    }
}
