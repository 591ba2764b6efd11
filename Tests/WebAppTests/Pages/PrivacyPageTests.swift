@testable import Core
import Foundation
import Scheduling
import XCTest
@testable import WebApp

/// `/datenschutz` says what the catalogue says: each municipality's
/// operator, address, officer and retention days, in German and English,
/// and something else once an admin changes them.
final class PrivacyPageTests: XCTestCase {
    var app: PageTestApp!

    override func setUpWithError() throws { app = try PageTestApp() }
    override func tearDown() { app = nil }

    /// The text of the page's section for one municipality.
    func section(_ municipality: MunicipalityID, language: String) throws -> String {
        let page = try PageBrowser(app).get("/datenschutz?lang=\(language)")
        XCTAssertEqual(page.status, 200)
        return try XCTUnwrap(matches(#"<section[^>]*aria-labelledby="privacy-\#(municipality)">([\s\S]*?)</section>"#,
                                     in: page.html).first?.first, page.html)
    }

    func testEachMunicipalityIsNamedWithItsOperatorOfficerAndRetentionDays() throws {
        let luebeck = try section("luebeck", language: "de")
        for text in ["Hansestadt Lübeck, Bereich Bürgerservice", "Breite Straße 62", "23552 Lübeck",
                     #"href="mailto:buergerservice@luebeck.example""#, #"href="mailto:datenschutz@luebeck.example""#,
                     "Termine: 14 Tage nach dem Termin", "14 Tage, nachdem das Amt sie erledigt hat, spätestens 90 Tage"] {
            XCTAssertTrue(luebeck.contains(text), text)
        }
        XCTAssertTrue(try section("bremerhaven", language: "de").contains("Behördliche Datenschutzbeauftragte des Magistrats"))
        XCTAssertTrue(try section("luebeck", language: "en").contains("Appointments: 14 days after the appointment"))
    }

    func testThePageChangesWhenTheCatalogueDoes() throws {
        let admin = try XCTUnwrap(try app.useCases.accounts.account(username: "admin"))
        var luebeck = try XCTUnwrap(try app.useCases.catalogue().municipalities.first { $0.id == "luebeck" })
        luebeck.retentionDays = 30
        luebeck.contact?.operatorName = "Hansestadt Lübeck, Fachbereich Bürgerdienste"
        _ = try app.useCases.catalogueAdministration.save(.change(.municipality(luebeck)), by: admin, idempotency: nil)

        let german = try section("luebeck", language: "de")
        XCTAssertTrue(german.contains("Hansestadt Lübeck, Fachbereich Bürgerdienste"))
        XCTAssertFalse(german.contains("Bereich Bürgerservice"))
        XCTAssertTrue(german.contains("Termine: 30 Tage nach dem Termin"))
        XCTAssertTrue(german.contains("Rückrufbitten und Vermerke: 30 Tage"))
        XCTAssertTrue(try section("luebeck", language: "en").contains("Appointments: 30 days after the appointment"))
        XCTAssertTrue(try section("bremerhaven", language: "de").contains("Termine: 14 Tage"), "the other municipality keeps its own")

        luebeck.contact = nil
        _ = try app.useCases.catalogueAdministration.save(.change(.municipality(luebeck)), by: admin, idempotency: nil)
        let bare = try section("luebeck", language: "de")
        XCTAssertTrue(bare.contains("Die Kontaktdaten dieser Kommune werden noch ergänzt."))
        XCTAssertFalse(bare.contains("mailto:"))
    }
}
