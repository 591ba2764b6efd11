import Core
import Foundation
import Scheduling
import XCTest

/// English pages show the services' English names, descriptions and
/// documents, and German for whatever a service has not been translated:
/// the start page, the service's page, the office step, the confirmation,
/// the manage page and its `.ics`.
final class ServiceLanguagePageTests: XCTestCase {
    static let englishName = "Apply for an identity card"
    static let englishDocument = "Your current identity card or passport, even if expired"
    static let germanName = "Personalausweis beantragen"
    static let germanDocument = "Bisheriger Personalausweis oder Reisepass, auch wenn abgelaufen"

    private func english(_ app: PageTestApp) -> PageBrowser {
        let browser = PageBrowser(app)
        browser.acceptLanguage = "en"
        return browser
    }

    /// The demo plus two services at the Bürgerbüro Mitte: one German only,
    /// one whose translation gives its name alone.
    private func appWithUntranslatedServices() throws -> PageTestApp {
        let app = try PageTestApp()
        try app.application.store.changeCatalogue { writer in
            try writer.insert(Service(id: "fundsache", name: "Fundsache abholen", description: "Abholung eines Fundstücks.",
                                      baseMinutes: 10, documents: ["Beschreibung des Fundstücks"]))
            try writer.insert(Service(id: "hundesteuer", name: "Hund anmelden", description: "Anmeldung zur Hundesteuer.",
                                      baseMinutes: 10, documents: ["Nachweis der Haftpflichtversicherung"],
                                      translations: ["en": ServiceTranslation(name: "Register a dog")]))
            try writer.offer("fundsache", at: "buergerbuero-mitte")
            try writer.offer("hundesteuer", at: "buergerbuero-mitte")
        }
        return app
    }

    func testTheServiceListAndTheServicePageAreEnglish() throws {
        let app = try PageTestApp()
        let start = try english(app).get("/")
        XCTAssertTrue(start.contains(Self.englishName), start.html)
        XCTAssertTrue(start.contains("New identity card for adults and children; ready after about three to four weeks."))
        XCTAssertFalse(start.contains(Self.germanName))
        XCTAssertTrue(try english(app).get("/?q=passport").contains("Apply for a passport"), "the search reads English too")
        let service = try english(app).get("/dienstleistungen/personalausweis")
        XCTAssertEqual(service.title, "\(Self.englishName) – Terminbuch")
        XCTAssertTrue(service.contains(Self.englishDocument))
        XCTAssertFalse(service.contains(Self.germanDocument))
        // German stays German.
        let german = try PageBrowser(app).get("/dienstleistungen/personalausweis")
        XCTAssertTrue(german.contains(Self.germanName) && german.contains(Self.germanDocument))
        XCTAssertFalse(german.contains(Self.englishName))
    }

    func testTheOfficeStepConfirmationManagePageAndCalendarAreEnglish() throws {
        let app = try PageTestApp()
        let browser = english(app)
        let office = try browser.get("/termin/personalausweis/standort")
        XCTAssertTrue(office.title.hasSuffix("\(Self.englishName) – Terminbuch"), office.title)
        XCTAssertTrue(office.contains(#"<p class="caption">\#(Self.englishName)</p>"#))

        let (confirmation, code, manage) = try browser.book()
        XCTAssertTrue(confirmation.contains(Self.englishName), confirmation.html)
        XCTAssertTrue(confirmation.contains(Self.englishDocument))
        XCTAssertFalse(confirmation.contains(Self.germanName) || confirmation.contains(Self.germanDocument))

        let managed = try browser.follow(try browser.get(manage))
        XCTAssertEqual(managed.status, 200)
        XCTAssertTrue(managed.contains(Self.englishName) && managed.contains(Self.englishDocument), managed.html)
        XCTAssertFalse(managed.contains(Self.germanDocument))

        let ics = try browser.submit(managed, "/termin/verwalten/\(code)/kalender")
        XCTAssertEqual(ics.status, 200)
        let unfolded = ics.html.replacingOccurrences(of: "\r\n ", with: "")
        XCTAssertTrue(unfolded.contains("SUMMARY:\(Self.englishName) – Bürgerbüro Mitte"), unfolded)
        let escaped = Self.englishDocument.replacingOccurrences(of: ",", with: "\\,")
        XCTAssertTrue(unfolded.contains("\\n- \(escaped)"), unfolded)
        // The same booking's calendar from a German page is German.
        let german = PageBrowser(app)
        let germanManaged = try german.follow(try german.get(manage))
        let germanICS = try german.submit(germanManaged, "/termin/verwalten/\(code)/kalender")
        XCTAssertTrue(germanICS.html.replacingOccurrences(of: "\r\n ", with: "")
            .contains("SUMMARY:\(Self.germanName) – Bürgerbüro Mitte"))
    }

    func testAServiceWithoutEnglishReadsGermanFieldByField() throws {
        let app = try appWithUntranslatedServices()
        let start = try english(app).get("/")
        XCTAssertTrue(start.contains("Fundsache abholen"), "no translation: the German name")
        XCTAssertTrue(start.contains("Register a dog"), "a translated name")
        XCTAssertFalse(start.contains("Hund anmelden"))
        let dog = try english(app).get("/dienstleistungen/hundesteuer")
        XCTAssertEqual(dog.title, "Register a dog – Terminbuch")
        XCTAssertTrue(dog.contains("Anmeldung zur Hundesteuer."), "an untranslated description is German")
        XCTAssertTrue(dog.contains("Nachweis der Haftpflichtversicherung"), "untranslated documents are German")
        let office = try english(app).get("/termin/fundsache/standort")
        XCTAssertTrue(office.contains(#"<p class="caption">Fundsache abholen</p>"#), office.html)

        // Confirmation (the manage page shows the same view) of a German-only booking, in English.
        let made = try app.useCases.bookings.book(BookingOrder(
            officeId: "buergerbuero-mitte", services: [RequestedService(serviceId: "fundsache"), RequestedService(serviceId: "hundesteuer")],
            start: PageTestApp.at("10:00", on: "2026-11-19"), contact: Contact(name: "Erika Mustermann", email: "erika@example.de")),
            caller: .citizen).value
        let browser = english(app)
        let managed = try browser.follow(try browser.get("/termin/verwalten/\(made.booking.code.value)?token=\(made.manageToken)"))
        XCTAssertEqual(managed.status, 200, managed.html)
        XCTAssertTrue(managed.contains(#"<html lang="en">"#))
        for text in ["Fundsache abholen", "Register a dog", "Beschreibung des Fundstücks", "Nachweis der Haftpflichtversicherung"] {
            XCTAssertTrue(managed.contains(text), text)
        }
    }
}
