@testable import Core
import Scheduling
import XCTest

/// Translations are stored and read back as written: what a translation
/// leaves out stays out (and is read in German), and every demo service
/// has its English texts.
final class ServiceTranslationRowsTests: XCTestCase {
    func testTranslationsRoundTripThroughTheCatalogueTables() throws {
        let env = try TestEnvironment(seeded: false)
        let full = ServiceTranslation(name: "Apply for a passport", description: "Electronic passport.",
                                      documents: ["Your current passport", "Photo"])
        let nameOnly = ServiceTranslation(name: "Register your address")
        let written = [
            Service(id: "reisepass", name: "Reisepass beantragen", description: "Elektronischer Reisepass.", baseMinutes: 15,
                    documents: ["Bisheriger Reisepass", "Passbild"], translations: ["en": full]),
            Service(id: "wohnsitz-anmelden", name: "Wohnsitz anmelden", baseMinutes: 10, documents: ["Ausweis"],
                    translations: ["en": nameOnly]),
            Service(id: "meldebescheinigung", name: "Meldebescheinigung ausstellen", baseMinutes: 5, documents: ["Ausweis"]),
        ]
        try env.store.changeCatalogue { writer in
            for service in written { try writer.insert(service) }
        }
        let catalogue = try env.store.catalogue()
        for service in written { XCTAssertEqual(catalogue.service(service.id), service, service.id.rawValue) }
        XCTAssertEqual(catalogue.service("wohnsitz-anmelden")?.texts(in: "en").documents, ["Ausweis"])
    }

    func testDocumentsForSeveralServicesInALanguageComeOnceEachInOrder() throws {
        let env = try TestEnvironment(seeded: false)
        try env.store.changeCatalogue { writer in
            try writer.insert(Service(id: "reisepass", name: "Reisepass", baseMinutes: 15, documents: ["Ausweis", "Passbild"],
                                      translations: ["en": ServiceTranslation(documents: ["Identity card", "Photo"])]))
            try writer.insert(Service(id: "meldebescheinigung", name: "Meldebescheinigung", baseMinutes: 5,
                                      documents: ["Ausweis", "Vollmacht"]))
        }
        let catalogue = try env.store.catalogue()
        XCTAssertEqual(catalogue.documents(for: ["reisepass", "meldebescheinigung"], in: "en"),
                       ["Identity card", "Photo", "Ausweis", "Vollmacht"])
        XCTAssertEqual(catalogue.documents(for: ["reisepass", "meldebescheinigung"]), ["Ausweis", "Passbild", "Vollmacht"])
    }

    func testEveryDemoServiceHasItsOwnEnglishTexts() throws {
        let env = try TestEnvironment()
        let services = try env.store.catalogue().services
        XCTAssertFalse(services.isEmpty)
        for service in services {
            let english = try XCTUnwrap(service.translations["en"], service.id.rawValue)
            XCTAssertNotEqual(english.name, service.name, service.id.rawValue)
            XCTAssertNotEqual(english.description, service.description, service.id.rawValue)
            XCTAssertEqual(english.documents?.count, service.documents.count, service.id.rawValue)
            XCTAssertTrue(Set(english.documents ?? []).isDisjoint(with: service.documents), service.id.rawValue)
        }
    }
}
