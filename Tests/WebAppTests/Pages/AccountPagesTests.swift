import Core
import Foundation
import XCTest

/// The administrators' account pages through the router: errors next to
/// their fields, post/redirect/get, one account per form however often it
/// is sent, a new password and disabling that end the account's sessions,
/// and a scoped admin that finds only its municipalities' accounts.
final class AccountPagesTests: AdminPageTestCase {
    private var accounts: Accounts { app.useCases.accounts }

    func testCreatingShowsErrorsNextToFieldsThenRedirectsOnce() throws {
        let form = try admin.get("/verwaltung/konten")
        XCTAssertEqual(form.status, 200)
        XCTAssertEqual(form.radioValues("role"), ["staff", "agent"], "admins are made on the command line")
        let wrong = try admin.submit(form, "/verwaltung/konten", [("username", "a b"), ("displayName", "Kim\u{202E}"),
                                                                 ("password", "kurz"), ("role", "staff")])
        XCTAssertEqual(wrong.status, 422)
        XCTAssertEqual(wrong.errorSummary, [
            "Geben Sie einen Benutzernamen aus 1 bis 64 Buchstaben, Ziffern, Punkt, Unterstrich oder Bindestrich ein.",
            "Der Anzeigename muss eine Zeile sein, nicht leer und ohne Steuerzeichen.",
            "Das Passwort muss mindestens 10 Zeichen lang sein.",
            "Wählen Sie für die Sachbearbeitung einen oder mehrere Standorte und keine Kommune.",
        ], "every broken rule at once")
        for field in ["username", "displayName", "password", "office"] {
            XCTAssertTrue(wrong.contains(#"id="\#(field)-error""#), "\(field)'s message next to it")
        }
        XCTAssertTrue(wrong.contains(#"value="a b""#), "what was typed stays")
        XCTAssertFalse(wrong.contains("kurz"), "a password is never sent back")
        let noOffice = try admin.submit(form, "/verwaltung/konten", [("username", "k.albers"), ("password", "Korrekt-Pferd-7"), ("role", "staff")])
        XCTAssertEqual(noOffice.status, 422)
        XCTAssertTrue(noOffice.contains(#"id="office-error""#), noOffice.errorSummary.joined())
        let noRole = try admin.submit(form, "/verwaltung/konten", [("username", "k.albers"), ("password", "Korrekt-Pferd-7")])
        XCTAssertTrue(noRole.contains(#"id="role-error""#))
        XCTAssertNil(try accounts.account(username: "k.albers"), "nothing written by a refused form")

        let fields = [("username", "k.albers"), ("displayName", "Kim Albers"), ("password", "Korrekt-Pferd-7"), ("role", "staff"),
                      ("office", "buergerbuero-nord"), ("office", "buergerbuero-mitte")]
        let made = try admin.submit(form, "/verwaltung/konten", fields)
        XCTAssertEqual(made.status, 303)
        let again = try admin.submit(form, "/verwaltung/konten", fields)
        XCTAssertEqual(again.status, 303, "the same form sent twice: the first account, no 'taken'")
        XCTAssertEqual(try accounts.all().filter { $0.username == "k.albers" }.count, 1)
        XCTAssertEqual(try accounts.account(username: "k.albers")?.officeIds, ["buergerbuero-nord", "buergerbuero-mitte"])
        let list = try admin.follow(made)
        XCTAssertTrue(list.contains("Das Konto k.albers ist angelegt"))
        XCTAssertTrue(list.contains("/verwaltung/konten/k.albers"))
        let taken = try admin.submit(try admin.get("/verwaltung/konten"), "/verwaltung/konten", fields)
        XCTAssertEqual(taken.status, 422)
        XCTAssertEqual(taken.errorSummary, ["Diesen Benutzernamen gibt es schon. Wählen Sie einen anderen."])
        XCTAssertNoThrow(try PageBrowser(app).signIn("k.albers", password: "Korrekt-Pferd-7"))
    }

    func testNewPasswordAndDisablingEndTheAccountsSessions() throws {
        let agent = try app.browser(signedInAs: "agent")
        XCTAssertEqual(try agent.get("/konsole").status, 200)
        let page = try admin.get("/verwaltung/konten/agent")
        XCTAssertEqual(page.status, 200)
        let short = try admin.submit(page, "/verwaltung/konten/agent/passwort", [("password", "kurz")])
        XCTAssertEqual(short.status, 422)
        XCTAssertTrue(short.contains(#"id="password-error""#))
        XCTAssertEqual(try agent.get("/konsole").status, 200, "a refused change ends nothing")
        let set = try admin.submit(page, "/verwaltung/konten/agent/passwort", [("password", "ein-neues-Passwort")])
        XCTAssertEqual(set.status, 303)
        XCTAssertTrue(try admin.follow(set).contains("Das Passwort ist gesetzt"))
        XCTAssertEqual(try agent.get("/konsole").status, 303, "the agent's session has ended")
        let again = PageBrowser(app)
        try again.signIn("agent", password: "ein-neues-Passwort")

        let disabled = try admin.submit(page, "/verwaltung/konten/agent/sperren")
        XCTAssertEqual(disabled.status, 303)
        let shown = try admin.follow(disabled)
        XCTAssertTrue(shown.contains("gesperrt"))
        XCTAssertNotNil(shown.form("/verwaltung/konten/agent/entsperren"), "the page now offers to enable it")
        XCTAssertEqual(try again.get("/konsole").status, 303, "disabling ends the session")
        let refused = PageBrowser(app)
        _ = try refused.get("/anmelden")
        XCTAssertNotEqual(try refused.post("/anmelden", [("username", "agent"), ("password", "ein-neues-Passwort")]).status, 303)
        XCTAssertEqual(try admin.submit(shown, "/verwaltung/konten/agent/entsperren").status, 303)
        XCTAssertNoThrow(try PageBrowser(app).signIn("agent", password: "ein-neues-Passwort"))

        let own = try admin.get("/verwaltung/konten/admin")
        let selfDisable = try admin.submit(own, "/verwaltung/konten/admin/sperren")
        XCTAssertEqual(selfDisable.status, 422)
        XCTAssertEqual(selfDisable.errorSummary, ["Ihr eigenes Konto können Sie nicht sperren."])
    }

    /// A scoped admin (Lübeck) lists and opens only Lübeck's staff and
    /// agents; Bremerhaven's are not found, a new one there is forbidden.
    func testScopedAdminFindsOnlyItsMunicipalitiesAccounts() throws {
        try app.addBoundaryAccounts()
        let scoped = try luebeckAdmin()
        let list = try scoped.get("/verwaltung/konten")
        XCTAssertEqual(list.status, 200)
        XCTAssertTrue(list.contains("/verwaltung/konten/\(PageTestApp.luebeckAgent)"))
        XCTAssertFalse(list.contains("/verwaltung/konten/staff-mitte"))
        XCTAssertFalse(list.contains("buergerbuero-mitte"), "only Lübeck's offices to choose from")
        XCTAssertEqual(try scoped.get("/verwaltung/konten/staff-mitte").status, 404)
        XCTAssertEqual(try scoped.submit(list, "/verwaltung/konten/staff-mitte/sperren").status, 404)
        XCTAssertEqual(try scoped.submit(list, "/verwaltung/konten/staff-mitte/passwort", [("password", "long-enough-2")]).status, 404)
        XCTAssertFalse(try XCTUnwrap(accounts.account(username: "staff-mitte")).isDisabled)
        let beyond = try scoped.submit(list, "/verwaltung/konten", [("username", "hb"), ("password", "long-enough-1"), ("role", "staff"),
                                                                   ("office", "buergerbuero-mitte")])
        XCTAssertEqual(beyond.status, 403)
        XCTAssertNil(try accounts.account(username: "hb"))
        XCTAssertEqual(try scoped.submit(list, "/verwaltung/konten/\(PageTestApp.luebeckAgent)/sperren").status, 303)
    }

    /// The forms are behind the same guard: anonymous to the sign-in page,
    /// another role the 403 page, and no form without its CSRF token.
    func testFormsAreGuarded() throws {
        let anonymous = PageBrowser(app)
        _ = try anonymous.get("/anmelden")
        let answer = try anonymous.post("/verwaltung/konten/agent/sperren", [])
        XCTAssertEqual(answer.status, 303)
        XCTAssertTrue(answer.location?.hasPrefix("/anmelden") ?? false)
        let staff = try app.browser(signedInAs: "staff-mitte")
        XCTAssertEqual(try staff.post("/verwaltung/konten/agent/sperren", []).status, 403)
        XCTAssertEqual(try admin.post("/verwaltung/konten/agent/sperren", [], csrf: .some(nil)).status, 403)
        XCTAssertFalse(try XCTUnwrap(accounts.account(username: "agent")).isDisabled)
        XCTAssertTrue(try admin.get("/dienst").contains(#"href="/verwaltung/konten""#), "admins find the pages from their start page")
        XCTAssertFalse(try staff.get("/dienst").contains(#"href="/verwaltung/konten""#))
    }
}
