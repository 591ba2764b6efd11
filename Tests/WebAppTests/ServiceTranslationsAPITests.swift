import Foundation
import Scheduling
import XCTest

/// `GET /api/v1/services` keeps its German fields and adds each service's
/// `translations`: the English texts, German where a field is not translated.
final class ServiceTranslationsAPITests: XCTestCase {
    func testServicesCarryTheirEnglishTextsBesideTheGermanOnes() throws {
        let app = try APIRouterApp()
        try app.application.store.changeCatalogue { writer in
            try writer.insert(Service(id: "fundsache", name: "Fundsache abholen", baseMinutes: 10, documents: ["Beschreibung"]))
            try writer.insert(Service(id: "hundesteuer", name: "Hund anmelden", description: "Hundesteuer.", baseMinutes: 10,
                                      documents: ["Versicherung"], translations: ["en": ServiceTranslation(name: "Register a dog")]))
            try writer.offer("fundsache", at: "buergerbuero-mitte")
            try writer.offer("hundesteuer", at: "buergerbuero-mitte")
        }
        let response = try app.send(.get, "/api/v1/services")
        XCTAssertEqual(response.status, 200)
        let list = try XCTUnwrap(response.object["services"] as? [[String: Any]])
        let byId = Dictionary(uniqueKeysWithValues: list.map { ($0["id"] as? String ?? "", $0) })

        let passport = try XCTUnwrap(byId["personalausweis"])
        XCTAssertEqual(passport["name"] as? String, "Personalausweis beantragen", "the German field is unchanged")
        let english = try XCTUnwrap((passport["translations"] as? [String: Any])?["en"] as? [String: Any])
        XCTAssertEqual(english["name"] as? String, "Apply for an identity card")
        XCTAssertEqual((english["documents"] as? [String])?.first, "Your current identity card or passport, even if expired")
        XCTAssertEqual((english["documents"] as? [String])?.count, (passport["documents"] as? [String])?.count)

        let dog = try XCTUnwrap((byId["hundesteuer"]?["translations"] as? [String: Any])?["en"] as? [String: Any])
        XCTAssertEqual(dog["name"] as? String, "Register a dog")
        XCTAssertEqual(dog["description"] as? String, "Hundesteuer.", "untranslated: German")
        XCTAssertEqual(dog["documents"] as? [String], ["Versicherung"], "untranslated: German")

        let untranslated = try XCTUnwrap(byId["fundsache"]?["translations"] as? [String: Any])
        XCTAssertTrue(untranslated.isEmpty, "no translation, no entry: the German fields are the texts")
    }

    /// A service's FIM/LeiKa key, where the catalogue gives one.
    func testServicesCarryTheirLeiKaKeyWhereTheCatalogueHasOne() throws {
        let app = try APIRouterApp()
        let list = try XCTUnwrap(try app.send(.get, "/api/v1/services").object["services"] as? [[String: Any]])
        let keys = Dictionary(uniqueKeysWithValues: list.map { ($0["id"] as? String ?? "", $0["leikaKey"] as? String) })
        XCTAssertEqual(keys["personalausweis"], "99102013104000")
        XCTAssertEqual(keys["reisepass"], "99102012104000")
        XCTAssertEqual(keys["meldebescheinigung"], .some(nil), "no key, no field")
    }
}
