import XCTest
@testable import Scheduling

/// A service's texts in a language: its translation field by field, German
/// for every field the translation leaves out and for a language it lacks.
final class ServiceTextsTests: XCTestCase {
    static let german = ServiceTexts(name: "Reisepass beantragen", description: "Elektronischer Reisepass.",
                                     documents: ["Bisheriger Reisepass", "Passbild"])

    static func service(_ translations: [String: ServiceTranslation]) -> Service {
        Service(id: "reisepass", name: german.name, description: german.description, baseMinutes: 15,
                documents: german.documents, translations: translations)
    }

    func testAFullTranslationReplacesEveryField() {
        let english = ServiceTexts(name: "Apply for a passport", description: "Electronic passport.",
                                   documents: ["Your current passport", "Photo"])
        let service = Self.service(["en": ServiceTranslation(name: english.name, description: english.description,
                                                             documents: english.documents)])
        XCTAssertEqual(service.texts(in: "en"), english)
        XCTAssertEqual(service.texts(in: "de"), Self.german)
    }

    func testEachMissingFieldFallsBackToGermanAlone() {
        let nameOnly = Self.service(["en": ServiceTranslation(name: "Apply for a passport")])
        XCTAssertEqual(nameOnly.texts(in: "en"),
                       ServiceTexts(name: "Apply for a passport", description: Self.german.description,
                                    documents: Self.german.documents))
        let documentsOnly = Self.service(["en": ServiceTranslation(documents: ["Your current passport"])])
        XCTAssertEqual(documentsOnly.texts(in: "en"),
                       ServiceTexts(name: Self.german.name, description: Self.german.description,
                                    documents: ["Your current passport"]))
    }

    func testTranslatedEmptyDocumentsAreNoDocumentsNotGermanOnes() {
        let service = Self.service(["en": ServiceTranslation(name: "Apply for a passport", documents: [])])
        XCTAssertEqual(service.texts(in: "en").documents, [])
    }

    func testALanguageWithoutTranslationReadsGerman() {
        XCTAssertEqual(Self.service([:]).texts(in: "en"), Self.german)
        XCTAssertEqual(Self.service(["en": ServiceTranslation(name: "Apply for a passport")]).texts(in: "fr"), Self.german)
    }
}
