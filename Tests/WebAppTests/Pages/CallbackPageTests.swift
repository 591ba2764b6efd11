@testable import Core
import Foundation
import Scheduling
import XCTest

/// Callbacks and memos through the pages: the agent files them, the
/// office's staff see them, mark them done with a note, and find them
/// among the done ones.
final class CallbackPageTests: XCTestCase {
    func testAnAgentsCallbackReachesTheOfficeAndIsMarkedDone() throws {
        let app = try PageTestApp()
        let agent = try app.browser(signedInAs: "agent")
        let form = try agent.get("/konsole/rueckruf")
        XCTAssertEqual(form.status, 200)
        XCTAssertTrue(form.contains(#"<option value="2026-11-17">Dienstag, 17. November 2026</option>"#))
        let filed = try agent.submit(form, "/konsole/rueckruf", [
            ("office", "buergerbuero-mitte"), ("service", "reisepass"), ("name", "Hanna Rückruf"), ("phone", "0471 4711"),
            ("topic", "Reisepass für Kind"), ("note", "Braucht den Pass bis Weihnachten.\nHat schon Fotos."),
            ("windowDay", "2026-11-17"), ("windowFrom", "09:00"), ("windowTo", "11:30"),
        ])
        XCTAssertEqual(filed.status, 303)
        XCTAssertEqual(filed.location, "/konsole/rueckruf?angelegt=buergerbuero-mitte")
        XCTAssertTrue(try agent.follow(filed).contains("Rückrufbitte angelegt für Bürgerbüro Mitte"))
        let stored = try XCTUnwrap(app.application.useCases.callCentre.callbacks(office: "buergerbuero-mitte").first)
        XCTAssertEqual(stored.createdBy, "agent")
        XCTAssertEqual(stored.preferredTime?.from, PageTestApp.at("09:00", on: "2026-11-17"))
        XCTAssertEqual(stored.serviceId, "reisepass")

        let staff = try app.browser(signedInAs: "staff-mitte")
        XCTAssertTrue(try staff.get("/dienst").contains("Rückrufe: 1 offen"))
        let inbox = try staff.get("/dienst/buergerbuero-mitte/rueckrufe")
        XCTAssertTrue(inbox.contains("Hanna Rückruf – Reisepass für Kind"))
        XCTAssertTrue(inbox.contains("Dienstag, 17. November 2026, 9:00 Uhr bis 11:30 Uhr"))
        XCTAssertTrue(inbox.contains("Angelegt von agent"))
        let action = "/dienst/buergerbuero-mitte/rueckrufe/\(stored.id)/erledigt"
        XCTAssertEqual(try staff.post(action, [("note", "Zurückgerufen")], csrf: .some(nil)).status, 403)
        XCTAssertNil(try app.application.useCases.callCentre.callbacks(office: "buergerbuero-mitte").first?.completion)
        let done = try staff.submit(inbox, action, [("note", "Zurückgerufen, Termin am Donnerstag.")])
        XCTAssertEqual(done.status, 303)
        let after = try staff.follow(done)
        XCTAssertTrue(after.contains("Als erledigt markiert."))
        XCTAssertTrue(after.contains("Nichts offen."))
        XCTAssertTrue(after.contains("Erledigt von staff-mitte"))
        XCTAssertTrue(after.contains("Zurückgerufen, Termin am Donnerstag."))
        XCTAssertNil(after.form(action), "a done callback has no form any more")
        let english = try staff.get("/dienst/buergerbuero-mitte/rueckrufe?lang=en")
        XCTAssertTrue(english.contains("Done by staff-mitte"))
        XCTAssertEqual(english.untranslatedKeys, [])
    }

    func testCallbackProblemsAreShownNextToTheFields() throws {
        let app = try PageTestApp()
        let agent = try app.browser(signedInAs: "agent")
        let form = try agent.get("/konsole/rueckruf")
        let noOffice = try agent.submit(form, "/konsole/rueckruf", [("name", "A"), ("phone", "0471 1"), ("topic", "T")])
        XCTAssertEqual(noOffice.status, 422)
        XCTAssertEqual(noOffice.errorSummary, ["Wählen Sie den Standort, der sich melden soll."])
        let wrong = try agent.submit(form, "/konsole/rueckruf", [
            ("office", "buergerbuero-mitte"), ("name", " "), ("phone", "keine"), ("topic", "Thema"), ("windowDay", "2026-11-17"),
        ])
        XCTAssertEqual(wrong.status, 422)
        XCTAssertEqual(Set(wrong.errorSummary), [
            "Wählen Sie Tag, Von und Bis – oder nichts davon.",
        ], "the window is checked before the use case: \(wrong.errorSummary)")
        let invalid = try agent.submit(form, "/konsole/rueckruf", [
            ("office", "buergerbuero-mitte"), ("name", " "), ("phone", "keine"), ("topic", "Thema"),
            ("windowDay", "2026-11-17"), ("windowFrom", "11:00"), ("windowTo", "09:00"),
        ])
        XCTAssertEqual(invalid.status, 422)
        XCTAssertEqual(Set(invalid.errorSummary), [
            "Geben Sie den Namen des Anrufers an (höchstens 200 Zeichen).",
            "Geben Sie eine Telefonnummer an, unter der der Anrufer erreichbar ist, zum Beispiel 0471 590-2000.",
            "Die Rückrufzeit muss in der Zukunft liegen und „Bis“ nach „Von“.",
        ])
        XCTAssertTrue(invalid.contains(#"value="keine""#))
        XCTAssertTrue(invalid.contains(#"<option value="buergerbuero-mitte" selected>"#))
        XCTAssertEqual(try app.application.useCases.callCentre.callbacks(office: "buergerbuero-mitte").count, 0)
        XCTAssertEqual(try agent.post("/konsole/rueckruf", [("office", "buergerbuero-mitte"), ("name", "A"), ("phone", "0471 1"),
                                                            ("topic", "T")], csrf: .some(nil)).status, 403)
        XCTAssertEqual(try app.application.useCases.callCentre.callbacks(office: "buergerbuero-mitte").count, 0)
    }

    func testAMemoReachesTheOfficeAndIsMarkedDone() throws {
        let app = try PageTestApp()
        let agent = try app.browser(signedInAs: "agent")
        let form = try agent.get("/konsole/vermerk?lang=en")
        XCTAssertTrue(form.contains("Leave a memo"))
        let empty = try agent.submit(form, "/konsole/vermerk", [("office", "buergerbuero-nord"), ("subject", ""), ("text", " ")])
        XCTAssertEqual(empty.status, 422)
        XCTAssertEqual(Set(empty.errorSummary), ["Enter a subject (at most 200 characters).",
                                                 "Write what the office should know or do (at most 4000 characters)."])
        let filed = try agent.submit(form, "/konsole/vermerk", [("office", "buergerbuero-nord"), ("subject", "Adresse geändert"),
                                                               ("text", "Bürger meldet neue Adresse."), ("contact", "0471 222")])
        XCTAssertEqual(filed.status, 303)
        let memo = try XCTUnwrap(app.application.useCases.callCentre.memos(office: "buergerbuero-nord").first)
        XCTAssertEqual(memo.contact, "0471 222")
        let admin = try app.browser(signedInAs: "admin")
        let inbox = try admin.get("/dienst/buergerbuero-nord/vermerke")
        XCTAssertTrue(inbox.contains("Adresse geändert"))
        let done = try admin.submit(inbox, "/dienst/buergerbuero-nord/vermerke/\(memo.id)/erledigt", [("note", "")])
        XCTAssertEqual(done.status, 303)
        XCTAssertEqual(try app.application.useCases.callCentre.memos(office: "buergerbuero-nord", status: .done).first?.completion?.doneBy, "admin")
        XCTAssertEqual(try admin.post("/dienst/buergerbuero-nord/vermerke/unbekannt/erledigt", [("note", "")]).status, 404)
    }
}
