@testable import Core
import Foundation
import Scheduling
import SQLite
import XCTest

/// The admins' pages of an office's opening rules and closures and the
/// audit trail, through the router: who may open them (read from the
/// route table), a bad rule refused next to its fields with nothing
/// written, and a change of hours under the demo's bookings at Bürgerbüro
/// Mitte: the preview names exactly the bookings it strands and writes
/// nothing; saving lists them to contact, drops none, keeps `slot_usage`.
final class CatalogueHoursPagesTests: AdminPageTestCase {
    static let rules = "/verwaltung/katalog/standorte/buergerbuero-mitte/zeiten"
    static let closures = "/verwaltung/katalog/standorte/buergerbuero-mitte/schliesstage"

    private var administration: CatalogueAdministration { app.useCases.catalogueAdministration }

    private func adminAccount() throws -> Account { try XCTUnwrap(app.useCases.accounts.account(username: "admin")) }

    /// Every route of these pages from the application's route table: an
    /// admin opens each page in both languages; staff and agents get the
    /// 403 page, anonymous visitors the sign-in page, and an admin scoped
    /// to Lübeck finds no Bremerhaven office (404), on a page or a form.
    func testEveryPageAndFormAgainstEveryRole() throws {
        let scoped = try luebeckAdmin()
        let staff = try app.browser(signedInAs: "staff-mitte")
        let agent = try app.browser(signedInAs: "agent")
        let routes = app.application.router.routes.filter {
            $0.pattern.hasPrefix("/verwaltung/katalog/standorte/:id/zeiten")
                || $0.pattern.hasPrefix("/verwaltung/katalog/standorte/:id/schliesstage") || $0.pattern == "/verwaltung/protokoll"
        }
        XCTAssertEqual(routes.count, 11, routes.map(\.description).joined(separator: "\n"))
        for route in routes {
            let path = route.pattern.replacingOccurrences(of: ":id", with: "buergerbuero-mitte")
            let isPost = route.method == .post
            let send = { (browser: PageBrowser) throws -> PageBrowser.Page in
                isPost ? try browser.post(path, [("edit", "remove"), ("id", "mitte-vormittag")]) : try browser.get(path)
            }
            let anonymous = try send(PageBrowser(app))
            XCTAssertTrue([303, 403].contains(anonymous.status), "\(route) anonymous: \(anonymous.status)")
            XCTAssertEqual(try send(staff).status, 403, "\(route) staff")
            XCTAssertEqual(try send(agent).status, 403, "\(route) agent")
            XCTAssertEqual(try send(scoped).status, path.contains("mitte") ? 404 : 200, "\(route) admin of Lübeck")
            guard !isPost else { continue }
            XCTAssertEqual(anonymous.status, 303)
            XCTAssertTrue(anonymous.location?.hasPrefix("/anmelden?weiter=") ?? false, "\(route)")
            for language in ["de", "en"] {
                let page = try admin.get(path + "?lang=\(language)")
                XCTAssertEqual(page.status, 200, "\(route) \(language)")
                XCTAssertEqual(page.header("Cache-Control"), "no-store")
                XCTAssertEqual(page.untranslatedKeys, [], "\(route) \(language)")
            }
        }
        XCTAssertFalse(try scoped.get("/verwaltung/protokoll").contains("buergerbuero-mitte"), "only Lübeck's revisions")
        XCTAssertFalse(try scoped.get("/verwaltung/protokoll").contains("Konto hl-admin"), "not the admins' own accounts")
    }

    /// Each broken rule answers 422 with its message next to its field,
    /// keeps what was typed and writes nothing.
    func testABadRuleIsRefusedNextToItsFieldAndNothingIsWritten() throws {
        let before = try administration.catalogue(for: try adminAccount())
        let form = try admin.get(Self.rules + "/formular")
        XCTAssertEqual(form.status, 200)
        let rule: [(String, String)] = [("id", "mitte-samstag"), ("weekday", "saturday"), ("start", "09:00"), ("end", "12:00"),
                                        ("counters", "2"), ("slotMinutes", "15"), ("walkIn", "counters"), ("walkInCounters", "0"),
                                        ("kind", "appointmentsOnly")]
        let cases: [(change: [(String, String)], field: String, message: String)] = [
            ([("end", "08:30")], "end", "Geben Sie das Ende als Uhrzeit nach dem Beginn ein, zum Beispiel 12:00."),
            ([("slotMinutes", "25")], "slotMinutes", "Geben Sie die Minuten je Slot ein; sie müssen das Zeitband ohne Rest teilen."),
            ([("counters", "viele")], "counters", "Geben Sie die Zahl der Schalter ein, eine ganze Zahl von 1 bis 999."),
            ([("walkIn", "share"), ("walkInShare", "150")], "walkInShare", "Geben Sie einen Anteil von 0 bis 100 Prozent ein."),
            ([("locationName", "Stadtbibliothek")], "street", "Geben Sie die Straße ein.|Geben Sie die Postleitzahl ein.|Geben Sie den Ort ein."),
            ([("weekday", "monday")], "item", "Das passt nicht zum Katalog: overlaps rule mitte-vormittag: both are open at the same time on a weekday"),
            ([("id", "mitte-vormittag")], "id", "Eine Regel oder Schließung mit dieser Kennung gibt es schon. Wählen Sie eine andere."),
        ]
        for (change, field, message) in cases {
            let names = Set(change.map(\.0))
            let fields = rule.filter { !names.contains($0.0) } + change
            for action in [Self.rules + "/vorschau", Self.rules + "/speichern"] {
                let refused = try admin.submit(form, action, fields)
                XCTAssertEqual(refused.status, 422, "\(change) \(action)")
                XCTAssertEqual(refused.errorSummary, message.split(separator: "|").map(String.init), "\(change)")
                XCTAssertTrue(refused.contains(#"id="\#(field)-error""#), "\(field) next to its field: \(change)")
                XCTAssertTrue(refused.contains(#"value="\#(change.last!.1)""#) || field == "item", "what was typed stays")
            }
        }
        XCTAssertEqual(try administration.catalogue(for: try adminAccount()), before, "nothing written")
        XCTAssertTrue(try administration.trail(for: try adminAccount()).allSatisfy { $0.source == .import }, "no revision")
    }

    /// The demo's bookings at Mitte, active and ahead, whose time leaves
    /// 08:00–09:00 on the mornings of `mitte-vormittag`: what shortening
    /// it to 09:00 strands, worked out from the bookings themselves.
    private func bookingsAfterNineOnMornings() throws -> Set<String> {
        let mornings: Set<Weekday> = [.monday, .tuesday, .thursday, .friday]
        let zone = TimeZoneRules.europeBerlin
        return try app.application.store.read { db in
            Set(try db.query("SELECT code, start, \"end\" FROM bookings WHERE office_id = 'buergerbuero-mitte' AND status != 'cancelled'")
                .compactMap { row -> String? in
                    let start = zone.localDateTime(of: Instant(secondsSinceEpoch: try row["start"]))
                    let end = zone.localDateTime(of: Instant(secondsSinceEpoch: try row["end"]))
                    let inMorning = mornings.contains(start.date.weekday) && start.time < LocalTime("12:00")!
                    return inMorning && end.time > LocalTime("09:00")! ? try row["code"] : nil
                })
        }
    }

    /// What a browser sends of a form's visible fields: text inputs, and
    /// the checkboxes and radios that are checked.
    static func typed(in page: PageBrowser.Page) -> [(String, String)] {
        matches(#"<input type="(?:text|date|time)" id="[^"]*" name="([^"]*)" value="([^"]*)""#, in: page.html).map { ($0[0], unescape($0[1])) }
            + matches(#"<input class="(?:checkboxes|radios)__input"[^>]*name="([^"]*)"[^>]*value="([^"]*)" checked>"#, in: page.html)
            .map { ($0[0], unescape($0[1])) }
    }

    private func bookingCount() throws -> Int {
        try app.application.store.read { try $0.scalar("SELECT count(*) FROM bookings", as: Int.self) }
    }

    func testShorterHoursUnderBookingsArePreviewedThenListedToContactAndNoneIsDropped() throws {
        let expected = try bookingsAfterNineOnMornings()
        XCTAssertFalse(expected.isEmpty, "the demo books Mitte's mornings after nine")
        let bookings = try bookingCount()
        let before = try administration.catalogue(for: try adminAccount())

        XCTAssertTrue(try admin.get("/verwaltung/katalog").links.contains(Self.rules), "the office's row in the overview leads here")
        let list = try admin.get(Self.rules)
        XCTAssertTrue(list.links.contains(Self.rules + "/formular?id=mitte-vormittag&lang=de"))
        let form = try admin.get(Self.rules + "/formular?id=mitte-vormittag")
        XCTAssertTrue(form.contains(#"value="12:00""#), "the form holds the rule as it is")
        let preview = try admin.submit(form, Self.rules + "/vorschau", Self.typed(in: form).filter { $0.0 != "end" } + [("end", "09:00")])
        XCTAssertEqual(preview.status, 200, preview.errorSummary.joined())
        let shown = Set(matches(#"<td class="booking-code">([^<]*)</td>"#, in: preview.html).map { $0[0] })
        XCTAssertEqual(shown, expected, "exactly the bookings the change strands")
        XCTAssertTrue(preview.contains("Öffnungsregel mitte-vormittag geändert – geändert: Zeitfenster"))
        XCTAssertTrue(preview.contains("Außerhalb der Öffnungszeit"))
        XCTAssertTrue(preview.contains("Woche ab Montag, 16. November 2026"))
        XCTAssertEqual(try administration.catalogue(for: try adminAccount()), before, "a preview writes nothing")
        XCTAssertEqual(try app.useCases.officeChanges.affectedBookings(office: "buergerbuero-mitte"), [])

        let later = try admin.submit(preview, Self.rules + "/vorschau", [("week", "2026-11-23")])
        XCTAssertTrue(later.contains("Woche ab Montag, 23. November 2026"), "the week picker")
        let back = try admin.submit(later, Self.rules + "/formular")
        XCTAssertEqual(back.status, 200)
        XCTAssertTrue(back.contains(#"value="09:00""#), "back to the form keeps what was typed")

        let saved = try admin.submit(preview, Self.rules + "/speichern")
        XCTAssertEqual(saved.status, 303)
        XCTAssertEqual(try admin.submit(preview, Self.rules + "/speichern").status, 303, "saved twice: one revision")
        let confirmation = try admin.follow(saved)
        XCTAssertTrue(confirmation.contains("Die Öffnungsregel mitte-vormittag ist geändert"))
        XCTAssertTrue(confirmation.contains("\(expected.count) gebuchte Termine sind betroffen"))
        XCTAssertTrue(confirmation.links.contains("/dienst/buergerbuero-mitte/nachfassen"))

        let listed = try app.useCases.officeChanges.affectedBookings(office: "buergerbuero-mitte")
        XCTAssertEqual(Set(listed.map(\.booking.code.value)), expected, "every stranded booking on the list")
        XCTAssertEqual(listed.count, expected.count, "each once")
        XCTAssertTrue(listed.allSatisfy { if case .catalogue = $0.change { true } else { false } })
        XCTAssertEqual(try bookingCount(), bookings, "none dropped")
        XCTAssertEqual(try app.application.store.read { db in
            try db.scalar("""
                SELECT count(*) FROM slot_usage u WHERE u.office_id = 'buergerbuero-mitte' AND u.booked < (
                  SELECT count(*) FROM bookings b WHERE b.office_id = u.office_id AND b.status != 'cancelled'
                  AND b.start <= u.slot_start AND b."end" > u.slot_start)
                """, as: Int.self)
        }, 0, "slot_usage never below what is booked")

        let toContact = try app.browser(signedInAs: "staff-mitte").get("/dienst/buergerbuero-mitte/nachfassen")
        XCTAssertTrue(toContact.contains("Öffnungszeiten geändert (Verwaltung): Außerhalb der Öffnungszeit"))
        let trail = try admin.get("/verwaltung/protokoll")
        XCTAssertEqual(matches(#"<h2>[^<]* – admin</h2>"#, in: trail.html).count, 1, "one revision by admin, however often saved")
        XCTAssertTrue(trail.contains("Öffnungsregel mitte-vormittag geändert (Bürgerbüro Mitte) – geändert: Zeitfenster"))

        var document = try app.useCases.catalogueImport.export()
        let nord = try XCTUnwrap(document.offices.firstIndex { $0.office.id == "buergerbuero-nord" })
        document.offices[nord].office.name = "Bürgerbüro Lehe"
        _ = try app.useCases.catalogueImport.apply(document)
        let newest = try admin.get("/verwaltung/protokoll")
        XCTAssertEqual(matches(#"<h2>[^<]* – ([^<]*)</h2>"#, in: newest.html).map { $0[0] }, ["Import (Kommandozeile)", "admin", "Import (Kommandozeile)"],
                       "newest first, an import named as such (the last: the demo's seeding)")
        XCTAssertTrue(newest.contains("Standort buergerbuero-nord geändert – geändert: Name"))
        _ = try app.useCases.accounts.add(username: "k.albers", displayName: nil, password: "long-enough-1", role: .staff,
                                          officeIds: ["buergerbuero-mitte"])
        XCTAssertTrue(try admin.get("/verwaltung/protokoll").contains("– Kommandozeile: Konto k.albers angelegt"), "account changes too")
        XCTAssertEqual(matches(#"<details><summary>(\d+) Einträge</summary>"#, in: newest.html).count, 1, "the seeding's many items folded")
    }

    /// A closure added in the catalogue is the staff's closure too, and its
    /// stranded bookings are listed as closed; removing it is previewed too.
    func testAClosureIsAddedAndRemovedThroughThePreview() throws {
        let form = try admin.get(Self.closures + "/formular")
        let preview = try admin.submit(form, Self.closures + "/vorschau", [("id", "mitte-betriebsausflug"), ("from", "2026-11-17"),
                                                                          ("reason", "Betriebsausflug")])
        XCTAssertEqual(preview.status, 200)
        XCTAssertTrue(preview.contains("Geschlossen: Betriebsausflug"), "the day in the week")
        let saved = try admin.follow(try admin.submit(preview, Self.closures + "/speichern"))
        XCTAssertTrue(saved.contains("Die Schließung mitte-betriebsausflug ist gespeichert"))
        let listed = try app.useCases.officeChanges.affectedBookings(office: "buergerbuero-mitte")
        XCTAssertTrue(listed.allSatisfy { $0.cause == .closed }, "\(listed)")
        let staffPage = try app.browser(signedInAs: "staff-mitte").get("/dienst/buergerbuero-mitte/schliesstage")
        XCTAssertTrue(staffPage.contains("Betriebsausflug"), "one set of closures")
        XCTAssertFalse(staffPage.links.contains(Self.closures), "staff are not led to the admins' page")
        XCTAssertTrue(try admin.get("/dienst/buergerbuero-mitte/schliesstage").links.contains(Self.closures), "admins are")

        let remove = try admin.post(Self.closures + "/vorschau", [("edit", "remove"), ("id", "mitte-betriebsausflug"),
                                                                  ("idempotencyKey", "remove-betriebsausflug")])
        XCTAssertTrue(remove.contains("Schließung mitte-betriebsausflug entfernt"), remove.html)
        let removed = try admin.follow(try admin.submit(remove, Self.closures + "/speichern"))
        XCTAssertTrue(removed.contains("Die Schließung mitte-betriebsausflug ist entfernt"))
        XCTAssertFalse(try app.browser(signedInAs: "staff-mitte").get("/dienst/buergerbuero-mitte/schliesstage").contains("Betriebsausflug"))
    }
}
