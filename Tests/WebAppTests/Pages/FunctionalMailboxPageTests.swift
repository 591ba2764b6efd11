import Core
import Foundation
import XCTest

/// An admin sets an agent's functional mailbox on the account's page: a
/// wrong address is said next to the field and changes nothing, an empty
/// one clears it, and staff accounts are not offered one.
final class FunctionalMailboxPageTests: AdminPageTestCase {
    private var accounts: Accounts { app.useCases.accounts }

    func testAnAdminSetsAndClearsAnAgentsFunctionalMailbox() throws {
        let page = try admin.get("/verwaltung/konten/agent")
        XCTAssertTrue(page.contains(#"name="functionalMailbox" value="""#), page.html)

        let wrong = try admin.submit(page, "/verwaltung/konten/agent/postfach", [("functionalMailbox", "kein postfach")])
        XCTAssertEqual(wrong.status, 422)
        XCTAssertTrue(wrong.contains(#"id="functionalMailbox-error""#), wrong.html)
        XCTAssertTrue(wrong.contains(#"value="kein postfach""#), "the typed value stays in the field")
        XCTAssertNil(try accounts.functionalMailbox(username: "agent"))

        let set = try admin.submit(page, "/verwaltung/konten/agent/postfach", [("functionalMailbox", " telefon@bremerhaven.example ")])
        XCTAssertEqual(set.status, 303)
        let shown = try admin.follow(set)
        XCTAssertTrue(shown.contains("Das Funktionspostfach ist gespeichert."), shown.html)
        XCTAssertTrue(shown.contains(#"value="telefon@bremerhaven.example""#), shown.html)
        XCTAssertEqual(try accounts.functionalMailbox(username: "agent"), "telefon@bremerhaven.example")

        XCTAssertEqual(try admin.submit(page, "/verwaltung/konten/agent/postfach", [("functionalMailbox", "")]).status, 303)
        XCTAssertNil(try accounts.functionalMailbox(username: "agent"))

        XCTAssertFalse(try admin.get("/verwaltung/konten/staff-mitte").contains("functionalMailbox"), "staff type in no shared address")
        let staff = try app.browser(signedInAs: "staff-mitte")
        XCTAssertEqual(try staff.post("/verwaltung/konten/agent/postfach", [("functionalMailbox", "x@example.org")]).status, 403)
        XCTAssertEqual(try admin.post("/verwaltung/konten/nobody/postfach", [("functionalMailbox", "x@example.org")]).status, 404)
    }
}
