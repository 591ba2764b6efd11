import Core
import Foundation
import Scheduling
import XCTest

/// The administrators' catalogue pages through the router: every form
/// read by the catalogue file's reader with its messages next to the
/// fields, a preview before every save, post/redirect/get, and a scoped
/// admin that reaches only its municipality.
final class CatalogueAdminPageTests: AdminPageTestCase {
    private var catalogue: CatalogueAdministration { app.useCases.catalogueAdministration }
    private var document: CatalogueDocument {
        get throws { try catalogue.catalogue(for: XCTUnwrap(app.useCases.accounts.account(username: "admin"))) }
    }

    /// What a browser sends of the form posting to `action`: its hidden
    /// fields, texts, selected options, text areas and ticked boxes, with
    /// `changes` in the place of fields of the same name.
    private func filled(_ page: PageBrowser.Page, _ action: String, _ changes: [(String, String)] = []) throws -> [(String, String)] {
        let form = try XCTUnwrap(page.form(action), action)
        var fields = page.hiddenFields(of: action)
        fields += matches(#"<input type="text"[^>]* name="([^"]*)" value="([^"]*)""#, in: form).map { (unescape($0[0]), unescape($0[1])) }
        fields += matches(#"<select id="[^"]*" name="([^"]*)"[^>]*>[\s\S]*?<option value="([^"]*)" selected>"#, in: form)
            .map { ($0[0], unescape($0[1])) }
        fields += matches(#"<textarea id="[^"]*" name="([^"]*)"[^>]*>([^<]*)</textarea>"#, in: form).map { ($0[0], unescape($0[1])) }
        fields += matches(#"type="checkbox" id="[^"]*" name="([^"]*)" value="([^"]*)" checked"#, in: form).map { ($0[0], $0[1]) }
        let changed = Set(changes.map(\.0))
        return fields.filter { !changed.contains($0.0) } + changes
    }

    func testTheOverviewLinksEveryItemToItsForm() throws {
        let overview = try admin.get("/verwaltung/katalog")
        XCTAssertEqual(overview.status, 200)
        for link in ["/verwaltung/katalog/kommunen/luebeck", "/verwaltung/katalog/standorte/buergerbuero-mitte",
                     "/verwaltung/katalog/dienstleistungen/personalausweis", "/verwaltung/katalog/neu/kommunen",
                     "/verwaltung/katalog/neu/standorte", "/verwaltung/katalog/neu/dienstleistungen"] {
            XCTAssertTrue(overview.links.contains(link + "?lang=de"), link)
        }
        XCTAssertTrue(try admin.get("/dienst").links.contains("/verwaltung/katalog"), "the admin's start page links it")
        let office = try admin.get("/verwaltung/katalog/standorte/buergerbuero-mitte")
        XCTAssertTrue(office.contains(#"value="Hinrich-Schmalfeldt-Straße 42""#))
        XCTAssertTrue(office.contains(#"<option value="HB" selected>Bremen</option>"#))
        XCTAssertTrue(office.contains(#"id="minNoticeMinutes" name="minNoticeMinutes" value="120""#), "the policy on the same form")
        let service = try admin.get("/verwaltung/katalog/dienstleistungen/fuehrerschein-ersatz")
        XCTAssertTrue(service.contains(#"id="offer-fuehrerscheinstelle-phone" name="offer-fuehrerscheinstelle" value="phone" checked"#))
        XCTAssertFalse(service.contains(#"value="online" checked"#), "offered by phone and at the desk only")
    }

    func testABadFormAnswers422WithEachMessageNextToItsFieldAndWritesNothing() throws {
        let before = try document
        let form = try admin.get("/verwaltung/katalog/neu/dienstleistungen")
        let wrong = try admin.submit(form, "/verwaltung/katalog/neu/dienstleistungen/vorschau", [
            ("id", "Neu Pass"), ("name", ""), ("baseMinutes", "0"), ("minutesPerExtraUnit", "zehn"), ("fee", "12,345"),
            ("leikaKey", "9911500401"),
        ])
        XCTAssertEqual(wrong.status, 422)
        XCTAssertEqual(wrong.errorSummary, [
            "Geben Sie 1 bis 64 Kleinbuchstaben, Ziffern oder Bindestriche an.",
            "Füllen Sie dieses Feld aus.",
            "Geben Sie eine ganze Zahl von 1 bis 1440 an.",
            "Geben Sie eine ganze Zahl an.",
            "Geben Sie einen Betrag in Euro an, zum Beispiel 37,00.",
            "Geben Sie die 14 Ziffern des LeiKa-Schlüssels an.",
        ], "every broken rule at once, in the reader's order")
        for field in ["id", "name", "baseMinutes", "minutesPerExtraUnit", "fee", "leikaKey"] {
            XCTAssertTrue(wrong.contains(#"id="\#(field)-error""#), "\(field)'s message next to it")
        }
        XCTAssertTrue(wrong.contains(#"value="zehn""#), "what was typed stays")
        let nowhere = try admin.submit(form, "/verwaltung/katalog/neu/dienstleistungen/vorschau", [
            ("id", "neu"), ("name", "Neu"), ("baseMinutes", "10"), ("fee", "100001"),
        ])
        XCTAssertEqual(nowhere.errorSummary, ["Geben Sie einen Betrag von 0,00 bis 100000,00 Euro an."], "the reader's range, in euros")
        let english = try admin.submit(form, "/verwaltung/katalog/neu/dienstleistungen/speichern", [
            ("id", "neu"), ("name", "Neu"), ("baseMinutes", "10"), ("lang", "en"),
        ])
        XCTAssertEqual(english.status, 422)
        XCTAssertEqual(english.errorSummary, ["Choose at least one office and one way the service can be booked."],
                       "a service offered by no office: the catalogue's rule, at the offices")
        XCTAssertTrue(english.contains(#"id="offers-error""#))
        XCTAssertEqual(try document, before, "nothing written by a refused form")
    }

    func testAServiceIsPreviewedThenSavedOnce() throws {
        let revisions = try catalogue.trail(for: XCTUnwrap(app.useCases.accounts.account(username: "admin"))).count
        let form = try admin.get("/verwaltung/katalog/dienstleistungen/reisepass")
        XCTAssertTrue(form.contains(#"name="fee" value="37,00""#) || form.contains(#"name="fee" value=""#), "fee in euros")
        XCTAssertEqual(form.hiddenFields(of: "/verwaltung/katalog/dienstleistungen/reisepass/vorschau").map(\.0).sorted(),
                       ["_csrf", "idempotencyKey", "lang"])
        let unchanged = try admin.post("/verwaltung/katalog/dienstleistungen/reisepass/vorschau",
                                       try filled(form, "/verwaltung/katalog/dienstleistungen/reisepass/vorschau"))
        XCTAssertTrue(unchanged.contains("Nichts ändert sich."), "the form as it came changes nothing: " + unchanged.errorSummary.joined())
        let offices = try document.offices.filter { $0.offerings.contains { $0.serviceId == "reisepass" } }.map(\.office.id.rawValue)
        let fields = try filled(form, "/verwaltung/katalog/dienstleistungen/reisepass/vorschau", [
            ("name", "Reisepass (neu)"), ("baseMinutes", "30"), ("fee", "70,50"), ("documents", "Foto\nAlter Pass"),
            ("nameEn", "Passport"), ("descriptionEn", ""),
        ]).filter { !["offer-buergerbuero-mitte", "offer-stadtteilbuero-luebeck-st-lorenz"].contains($0.0) }
            + [("offer-stadtteilbuero-luebeck-st-lorenz", "online")]
        let preview = try admin.post("/verwaltung/katalog/dienstleistungen/reisepass/vorschau", fields)
        XCTAssertEqual(preview.status, 200, preview.errorSummary.joined())
        XCTAssertTrue(preview.contains("Geändert: Dienstleistung reisepass (Name, Minuten, Gebühr, Mitzubringen, englische Texte)"), preview.html)
        XCTAssertTrue(preview.contains("Entfernt: Angebot buergerbuero-mitte/reisepass"))
        XCTAssertTrue(preview.contains("Geändert: Angebot stadtteilbuero-luebeck-st-lorenz/reisepass (Wege)"))
        XCTAssertEqual(try document.services.first { $0.id == "reisepass" }?.name, "Reisepass beantragen", "a preview saves nothing")

        // "Back to the form" is the save form's second button (`formaction`): the same fields to the form's address.
        XCTAssertTrue(preview.contains(#"formaction="/verwaltung/katalog/dienstleistungen/reisepass""#))
        let back = try admin.post("/verwaltung/katalog/dienstleistungen/reisepass",
                                  preview.hiddenFields(of: "/verwaltung/katalog/dienstleistungen/reisepass/speichern"))
        XCTAssertEqual(back.status, 200)
        XCTAssertTrue(back.contains(#"value="Reisepass (neu)""#), "back to the form keeps what was typed")
        XCTAssertTrue(back.contains("Foto\nAlter Pass</textarea>"))

        let saved = try admin.submit(preview, "/verwaltung/katalog/dienstleistungen/reisepass/speichern")
        XCTAssertEqual(saved.status, 303)
        let again = try admin.submit(preview, "/verwaltung/katalog/dienstleistungen/reisepass/speichern")
        XCTAssertEqual(again.status, 303, "sent twice (back, then save again): the first save's answer")
        XCTAssertEqual(again.location, saved.location)
        let saved2 = try document
        let service = try XCTUnwrap(saved2.services.first { $0.id == "reisepass" })
        XCTAssertEqual([service.name, String(service.baseMinutes), String(service.feeCents)], ["Reisepass (neu)", "30", "7050"])
        XCTAssertEqual(saved2.offices.filter { $0.offerings.contains { $0.serviceId == "reisepass" } }.map(\.office.id.rawValue),
                       offices.filter { $0 != "buergerbuero-mitte" })
        XCTAssertEqual(saved2.offices.first { $0.office.id == "stadtteilbuero-luebeck-st-lorenz" }?
            .offerings.first { $0.serviceId == "reisepass" }?.channels, [.online])
        XCTAssertEqual(service.documents, ["Foto", "Alter Pass"])
        XCTAssertEqual(service.translations["en"]?.name, "Passport")
        XCTAssertNil(service.translations["en"]?.description, "emptied: read in German")
        XCTAssertEqual(try catalogue.trail(for: XCTUnwrap(app.useCases.accounts.account(username: "admin"))).count, revisions + 1,
                       "one revision")
        let overview = try admin.follow(saved)
        XCTAssertTrue(overview.contains("Gespeichert: Dienstleistung Reisepass (neu)."))
        // Mitte no longer offers passports: its upcoming passport bookings are listed, as the preview said.
        let passports = try app.useCases.officeChanges.affectedBookings(office: "buergerbuero-mitte")
        XCTAssertTrue(passports.allSatisfy { $0.cause == .serviceWithdrawn && $0.booking.services.map(\.serviceId) == ["reisepass"] },
                      "\(passports)")
        XCTAssertTrue(preview.contains("Termine, die danach auf die Nachfassliste kommen: \(passports.count)"), preview.html)
        XCTAssertEqual(overview.contains("\(passports.count) Termine passen nicht mehr und stehen auf der Nachfassliste:"),
                       !passports.isEmpty)
    }

    /// Another zone moves the office's hours under Thursday's 08:00
    /// booking: the preview names it, saving puts it on the list to contact.
    func testAnOfficeChangeShowsItsWeekAndWhatItStrands() throws {
        let booked = try app.bookElsewhere(PageTestApp.at("08:00", on: "2026-11-19"), person: 1)
        let rules = try document.offices.first { $0.office.id == "buergerbuero-mitte" }?.rules.count
        let office = try admin.get("/verwaltung/katalog/standorte/buergerbuero-mitte")
        let action = "/verwaltung/katalog/standorte/buergerbuero-mitte/vorschau"
        let alone = try admin.submit(office, action)
        XCTAssertEqual(alone.status, 422, "the form's hidden fields alone: no name, no address")
        XCTAssertEqual(alone.errorSummary.first, "Füllen Sie dieses Feld aus.")
        let wrong = try admin.post(action, try filled(office, action, [("releaseTime", "7 Uhr"), ("holdMinutes", "0"),
                                                                       ("mailbox", "buergerbuero-mitte")]))
        XCTAssertEqual(wrong.errorSummary, ["Geben Sie eine E-Mail-Adresse an, zum Beispiel name@example.de.",
                                            "Geben Sie eine Uhrzeit an, zum Beispiel 07:00.", "Geben Sie eine ganze Zahl von 1 bis 1440 an."])
        XCTAssertTrue(wrong.contains(#"id="mailbox-error""#))
        XCTAssertTrue(wrong.contains(#"id="releaseTime-error""#))
        XCTAssertTrue(wrong.contains(#"id="holdMinutes-error""#))
        let preview = try admin.post(action, try filled(office, action, [("street", "Neue Straße 1"), ("timeZone", "UTC")]))
        XCTAssertEqual(preview.status, 200)
        XCTAssertTrue(preview.contains("Geändert: Standort buergerbuero-mitte (Anschrift, Zeitzone)"), preview.html)
        XCTAssertTrue(preview.contains("Die Woche danach"))
        XCTAssertTrue(preview.contains("Montag, 16. November 2026"), "the office's week from today")
        XCTAssertTrue(preview.contains(booked.booking.code.value), "the booking it would strand")
        let count = try XCTUnwrap(matches(#"Termine, die danach auf die Nachfassliste kommen: (\d+)"#, in: preview.html).first?.first)
        XCTAssertGreaterThanOrEqual(Int(count) ?? 0, 1, "with the demo's own bookings at that hour")
        let overview = try admin.follow(try admin.submit(preview, "/verwaltung/katalog/standorte/buergerbuero-mitte/speichern"))
        XCTAssertTrue(overview.contains("Gespeichert: Standort Bürgerbüro Mitte."))
        XCTAssertTrue(overview.contains("\(count) Termine passen nicht mehr und stehen auf der Nachfassliste:"), "as many as previewed")
        XCTAssertTrue(overview.links.contains("/dienst/buergerbuero-mitte/nachfassen"))
        XCTAssertTrue(try admin.get("/dienst/buergerbuero-mitte/nachfassen").contains(booked.booking.code.value), "listed, not dropped")
        let office2 = try XCTUnwrap(try document.offices.first { $0.office.id == "buergerbuero-mitte" })
        XCTAssertEqual([office2.office.address.street, office2.office.timeZoneId], ["Neue Straße 1", "UTC"])
        XCTAssertEqual(office2.rules.count, rules, "its rules kept")
    }

    /// The double opt-in and the reminder on the office's form: shown with
    /// their values, refused out of range next to their field, saved.
    func testTheOfficeFormSavesTheOptInAndTheReminder() throws {
        let path = "/verwaltung/katalog/standorte/buergerbuero-nord"
        let office = try admin.get(path)
        XCTAssertTrue(office.contains("Online-Buchungen per E-Mail bestätigen lassen"), office.html)
        let form = try filled(office, path + "/vorschau")
        XCTAssertFalse(form.contains { $0.0 == "confirmationRequired" }, "not ticked at Nord")
        XCTAssertEqual(form.first { $0.0 == "confirmationMinutes" }?.1, "30")
        XCTAssertEqual(form.first { $0.0 == "reminderHours" }?.1, "24")

        let wrong = try admin.post(path + "/vorschau", try filled(office, path + "/vorschau", [("confirmationMinutes", "0"),
                                                                                               ("reminderHours", "169")]))
        XCTAssertEqual(wrong.status, 422)
        XCTAssertTrue(wrong.contains(#"id="confirmationMinutes-error""#), wrong.html)
        XCTAssertTrue(wrong.contains(#"id="reminderHours-error""#), wrong.html)

        let preview = try admin.post(path + "/vorschau", try filled(office, path + "/vorschau", [
            ("confirmationRequired", "on"), ("confirmationMinutes", "15"), ("reminderHours", "0")]))
        XCTAssertEqual(preview.status, 200, preview.html)
        XCTAssertTrue(preview.contains("Geändert: Standort buergerbuero-nord (Regeln der Terminbuchung)"), preview.html)
        _ = try admin.follow(try admin.submit(preview, path + "/speichern"))
        let policy = try XCTUnwrap(try document.offices.first { $0.office.id == "buergerbuero-nord" }?.policy)
        XCTAssertEqual([policy.confirmationRequired ? 1 : 0, policy.confirmationMinutes, policy.reminderHours], [1, 15, 0])
        let saved = try filled(try admin.get(path), path + "/vorschau")
        XCTAssertEqual(saved.first { $0.0 == "confirmationRequired" }?.1, "on", "ticked once saved")
    }

    func testANewServiceWithItsEnglishTexts() throws {
        let form = try admin.get("/verwaltung/katalog/neu/dienstleistungen?lang=en")
        XCTAssertTrue(form.contains("Add a service"))
        let action = "/verwaltung/katalog/neu/dienstleistungen/vorschau"
        let preview = try admin.post(action, try filled(form, action, [
            ("id", "hundesteuer"), ("name", "Hund anmelden"), ("baseMinutes", "10"), ("fee", "0"), ("nameEn", "Register a dog"),
            ("documentsEn", "Proof of insurance\n"), ("offer-buergerbuero-nord", "online"), ("offer-buergerbuero-nord", "desk"),
        ]))
        XCTAssertEqual(preview.status, 200, preview.errorSummary.joined())
        XCTAssertTrue(preview.contains("New: service hundesteuer"))
        XCTAssertTrue(preview.contains("New: offering buergerbuero-nord/hundesteuer"))
        XCTAssertEqual(try admin.submit(preview, "/verwaltung/katalog/neu/dienstleistungen/speichern").status, 303)
        let saved = try document
        let service = try XCTUnwrap(saved.services.first { $0.id == "hundesteuer" })
        XCTAssertEqual(service.translations["en"], ServiceTranslation(name: "Register a dog", description: nil, documents: ["Proof of insurance"]),
                       "an English field left empty is read in German")
        XCTAssertEqual(saved.offices.first { $0.office.id == "buergerbuero-nord" }?.offerings.first { $0.serviceId == "hundesteuer" }?.channels,
                       [.online, .desk])
    }

    func testAMunicipalityIsAddedAndRemovedAfterItsPreview() throws {

        let add = try admin.get("/verwaltung/katalog/neu/kommunen")
        let taken = try admin.submit(add, "/verwaltung/katalog/neu/kommunen/vorschau", [("id", "luebeck"), ("name", "Lübeck")])
        XCTAssertEqual(taken.errorSummary, ["Diese Kennung ist schon vergeben. Wählen Sie eine andere."])
        XCTAssertTrue(add.contains(#"name="retentionDays" value="14""#), "a new municipality starts with the usual retention")
        let partly = try admin.post("/verwaltung/katalog/neu/kommunen/vorschau", try filled(add, "/verwaltung/katalog/neu/kommunen/vorschau",
                                                                                          [("id", "cuxhaven"), ("name", "Stadt Cuxhaven"),
                                                                                           ("contactOperator", "Stadt Cuxhaven")]))
        XCTAssertEqual(partly.status, 422, "some of the contact: the reader asks for the rest")
        for field in ["contactStreet", "contactPostalCode", "contactCity", "contactEmail", "privacyOfficerEmail"] {
            XCTAssertTrue(partly.contains(#"id="\#(field)-error""#), field)
        }
        XCTAssertFalse(partly.contains(#"id="privacyOfficerName-error""#), "the officer's name is optional")
        let new = try admin.post("/verwaltung/katalog/neu/kommunen/vorschau", try filled(add, "/verwaltung/katalog/neu/kommunen/vorschau", [
            ("id", "cuxhaven"), ("name", "Stadt Cuxhaven"), ("retentionDays", "30"), ("contactOperator", "Stadt Cuxhaven"),
            ("contactStreet", "Rathausplatz 1"), ("contactPostalCode", "27472"), ("contactCity", "Cuxhaven"),
            ("contactEmail", "post@cuxhaven.example"), ("privacyOfficerEmail", "datenschutz@cuxhaven.example"),
        ]))
        XCTAssertTrue(new.contains("Neu: Kommune cuxhaven"), new.errorSummary.joined())
        let made = try admin.follow(try admin.submit(new, "/verwaltung/katalog/neu/kommunen/speichern"))
        XCTAssertTrue(made.contains("Gespeichert: Kommune Stadt Cuxhaven."))
        let cuxhaven = try XCTUnwrap(try document.municipalities.first { $0.id == "cuxhaven" })
        XCTAssertEqual(cuxhaven.retentionDays, 30)
        XCTAssertEqual(cuxhaven.contact?.address.city, "Cuxhaven")
        XCTAssertNil(cuxhaven.contact?.privacyOfficer.name)
        let form = try admin.get("/verwaltung/katalog/kommunen/cuxhaven")
        XCTAssertTrue(form.contains(#"id="id" name="id" value="cuxhaven" spellcheck="false" readonly"#), "an id is its address")
        let removal = try admin.submit(form, "/verwaltung/katalog/kommunen/cuxhaven/entfernen")
        XCTAssertTrue(removal.contains("Entfernt: Kommune cuxhaven"))
        XCTAssertNotNil(try document.municipalities.first { $0.id == "cuxhaven" }, "the removal's preview removes nothing")
        let removed = try admin.follow(try admin.submit(removal, "/verwaltung/katalog/kommunen/cuxhaven/entfernen/speichern"))
        XCTAssertTrue(removed.contains("Entfernt: Kommune cuxhaven."))
        XCTAssertNil(try document.municipalities.first { $0.id == "cuxhaven" })
        XCTAssertEqual(try admin.get("/verwaltung/katalog/kommunen/cuxhaven").status, 404)

        let named = try admin.submit(try admin.get("/verwaltung/katalog/kommunen/luebeck"), "/verwaltung/katalog/kommunen/luebeck/entfernen")
        XCTAssertEqual(named.status, 422, "an office and accounts name Lübeck")
        XCTAssertTrue(named.contains(#"id="remove-error""#) || named.contains(#"id="elsewhere""#), named.errorSummary.joined())
        XCTAssertNotNil(try document.municipalities.first { $0.id == "luebeck" })
    }

    /// A scoped admin (Lübeck) sees and changes Lübeck's office, sees the
    /// services Lübeck shares with Bremerhaven read-only, and finds nothing of Bremerhaven's.
    func testAScopedAdminReachesOnlyItsMunicipality() throws {
        let scoped = try luebeckAdmin()
        let overview = try scoped.get("/verwaltung/katalog")
        XCTAssertEqual(overview.status, 200)
        XCTAssertTrue(overview.contains("Stadtteilbüro St. Lorenz"))
        XCTAssertFalse(overview.contains("Bürgerbüro Mitte"))
        XCTAssertFalse(overview.links.contains("/verwaltung/katalog/neu/kommunen?lang=de"), "adding municipalities is not offered")
        XCTAssertTrue(overview.contains("Diese Dienstleistung bieten auch andere Kommunen an."))
        XCTAssertEqual(try scoped.get("/verwaltung/katalog/standorte/buergerbuero-mitte").status, 404)
        XCTAssertEqual(try scoped.get("/verwaltung/katalog/kommunen/bremerhaven").status, 404)
        XCTAssertEqual(try scoped.get("/verwaltung/katalog/neu/kommunen").status, 403)
        let shared = try scoped.get("/verwaltung/katalog/dienstleistungen/personalausweis")
        XCTAssertEqual(shared.status, 200)
        XCTAssertNil(shared.form("/verwaltung/katalog/dienstleistungen/personalausweis/vorschau"), "read-only: no form to send")
        XCTAssertTrue(shared.contains("Nur eine Verwaltung für alle Kommunen kann sie ändern."))
        let posted = try scoped.post("/verwaltung/katalog/dienstleistungen/personalausweis/speichern",
                                     [("id", "personalausweis"), ("name", "Ausweis"), ("baseMinutes", "10"),
                                      ("offer-stadtteilbuero-luebeck-st-lorenz", "online")])
        XCTAssertEqual(posted.status, 403, "the use case refuses what the page does not offer")
        let beyond = try scoped.post("/verwaltung/katalog/standorte/buergerbuero-mitte/speichern", [("name", "x")])
        XCTAssertEqual(beyond.status, 404)
        XCTAssertEqual(try document.services.first { $0.id == "personalausweis" }?.name, "Personalausweis beantragen")

        let own = try scoped.get("/verwaltung/katalog/standorte/stadtteilbuero-luebeck-st-lorenz")
        XCTAssertEqual(own.status, 200)
        XCTAssertFalse(own.contains(#"<option value="bremerhaven""#), "only its own municipalities to choose from")
        XCTAssertNotNil(own.form("/verwaltung/katalog/standorte/stadtteilbuero-luebeck-st-lorenz/vorschau"))
    }

    /// Every route of the catalogue pages, read from the router: anonymous
    /// visitors go to the sign-in page, staff and agents get the 403 page, and nothing changes.
    func testEveryRouteRefusesWhoIsNoAdmin() throws {
        let before = try document
        let routes = app.application.router.routes.filter { $0.pattern.hasPrefix("/verwaltung/katalog") }
        XCTAssertEqual(Set(routes.map(\.method)), [.get, .post])
        XCTAssertGreaterThanOrEqual(routes.count, 20)
        let ids = ["kommunen": "bremerhaven", "standorte": "buergerbuero-mitte", "dienstleistungen": "personalausweis"]
        let browsers = try ["agent", "staff-mitte"].map { try app.browser(signedInAs: $0) }
        for route in routes {
            let segments = route.pattern.split(separator: "/").map(String.init)
            let path = "/" + segments.enumerated().map { index, segment in
                segment == ":id" ? ids[segments[index - 1]] ?? "x" : segment
            }.joined(separator: "/")
            let fields = [("id", "bremerhaven"), ("name", "Geändert"), ("baseMinutes", "10")]
            for browser in browsers {
                let answer = route.method == .get ? try browser.get(path) : try browser.post(path, fields)
                XCTAssertEqual(answer.status, 403, "\(route)")
            }
            let anonymous = PageBrowser(app)
            _ = try anonymous.get("/")
            let answer = route.method == .get ? try anonymous.get(path) : try anonymous.post(path, fields)
            XCTAssertEqual(answer.status, 303, "\(route)")
            XCTAssertTrue(answer.location?.hasPrefix("/anmelden") ?? false, "\(route)")
        }
        XCTAssertEqual(try document, before, "nothing changed")
    }
}
