import Core
import Scheduling
import XCTest

/// What operators do with accounts, the demo accounts outside demo mode,
/// and what an agent's access to bookings covers.
final class AccountAdministrationTests: XCTestCase {
    func testAddChecksUsernamePasswordScopesAndRole() throws {
        let env = try TestEnvironment()
        let added = try env.accounts.add(username: "k.albers", displayName: "Kim Albers", password: "Korrekt-Pferd-7", role: .staff,
                                         officeIds: ["buergerbuero-nord"])
        XCTAssertEqual(added.officeIds, ["buergerbuero-nord"])
        XCTAssertEqual(try env.accounts.verify(username: "k.albers", password: "Korrekt-Pferd-7")?.id, added.id)
        let refusals: [(String, () throws -> Account, Accounts.AdministrationError)] = [
            ("taken, any case", { try env.accounts.add(username: "K.ALBERS", displayName: nil, password: "long-enough-1", role: .admin) },
             .usernameTaken("K.ALBERS")),
            ("bad name", { try env.accounts.add(username: "a b", displayName: nil, password: "long-enough-1", role: .admin) },
             .invalidUsername("a b")),
            ("short password", { try env.accounts.add(username: "x", displayName: nil, password: "short", role: .admin) },
             .passwordTooShort(minimum: 10)),
            ("unknown office", { try env.accounts.add(username: "x", displayName: nil, password: "long-enough-1", role: .staff,
                                                      officeIds: ["nowhere"]) }, .unknownOffice("nowhere")),
            ("unknown municipality", { try env.accounts.add(username: "x", displayName: nil, password: "long-enough-1", role: .agent,
                                                            municipalityIds: ["atlantis"]) }, .unknownMunicipality("atlantis")),
        ]
        for (label, body, expected) in refusals {
            XCTAssertThrowsError(try body(), label) { XCTAssertEqual($0 as? Accounts.AdministrationError, expected, label) }
        }
        let misfits: [(Account.Role, Set<OfficeID>, Set<MunicipalityID>)] = [
            (.agent, [], []), (.agent, ["buergerbuero-mitte"], ["bremerhaven"]), (.staff, [], []), (.staff, [], ["luebeck"]),
            (.admin, ["buergerbuero-mitte"], []),
        ]
        for (role, offices, municipalities) in misfits {
            XCTAssertThrowsError(try env.accounts.add(username: "misfit", displayName: nil, password: "long-enough-1", role: role,
                                                      officeIds: offices, municipalityIds: municipalities)) { error in
                guard case .scopeDoesNotFitRole? = error as? Accounts.AdministrationError else {
                    return XCTFail("\(role) \(offices) \(municipalities): \(error)")
                }
            }
        }
        XCTAssertNil(try env.accounts.account(username: "misfit"), "nothing half-written")
    }

    func testChangingThePasswordEndsEverySession() throws {
        let env = try TestEnvironment()
        let agent = try XCTUnwrap(env.accounts.verify(username: "agent", password: "demo"))
        let session = try env.accounts.startSession(for: agent)
        XCTAssertThrowsError(try env.accounts.changePassword(username: "agent", to: "kurz"))
        XCTAssertNotNil(try env.accounts.account(forSession: session.token), "a refused change changes nothing")
        try env.accounts.changePassword(username: "agent", to: "ein-neues-Passwort")
        XCTAssertNil(try env.accounts.account(forSession: session.token))
        XCTAssertNil(try env.accounts.verify(username: "agent", password: "demo"))
        XCTAssertNotNil(try env.accounts.verify(username: "agent", password: "ein-neues-Passwort"))
        XCTAssertThrowsError(try env.accounts.changePassword(username: "nobody", to: "ein-neues-Passwort")) {
            XCTAssertEqual($0 as? Accounts.AdministrationError, .unknownUser("nobody"))
        }
    }

    func testDemoAccountsSignInOnlyInDemoMode() throws {
        let env = try TestEnvironment()
        let agent = try XCTUnwrap(env.accounts.verify(username: "agent", password: "demo"))
        let session = try env.accounts.startSession(for: agent)
        let operatorAccount = try env.accounts.add(username: "real", displayName: nil, password: "long-enough-1", role: .admin)
        XCTAssertFalse(try env.accounts.isDemoAccount(operatorAccount))
        XCTAssertTrue(try env.accounts.isDemoAccount(agent))

        let production = Accounts(store: env.store, clock: env.clock, hasher: PasswordHasher(testCost: 10), demoAccountsEnabled: false)
        for name in ["agent", "staff-mitte", "admin"] {
            XCTAssertNil(try production.verify(username: name, password: "demo"), name)
        }
        XCTAssertNil(try production.account(forSession: session.token), "a session from demo mode ends too")
        XCTAssertEqual(try production.verify(username: "real", password: "long-enough-1")?.id, operatorAccount.id)
    }

    func testAgentsReachBookingsOfTheirMunicipalitiesOnly() throws {
        let env = try TestEnvironment()
        let tuesday = "2026-11-17"
        let mitte = try env.book(env.at(tuesday, "10:00"), person: 1)
        let lorenzStart = try XCTUnwrap(env.availability.starts(office: "stadtteilbuero-luebeck-st-lorenz",
                                                               services: [RequestedService(serviceId: "personalausweis")],
                                                               date: LocalDate(tuesday)!, caller: .citizen).starts.first?.start)
        let lorenz = try env.book(lorenzStart, office: "stadtteilbuero-luebeck-st-lorenz", person: 2)
        let bremerhaven = Access.municipalities(["bremerhaven"])
        XCTAssertEqual(try env.bookings.booking(mitte.booking.code, access: bremerhaven).id, mitte.booking.id)
        XCTAssertThrows(.notFound, try env.bookings.booking(lorenz.booking.code, access: bremerhaven))
        let agent = Caller(channel: .phone, username: "hb")
        XCTAssertThrows(.notFound, try env.bookings.cancel(lorenz.booking.code, access: bremerhaven, caller: agent))
        XCTAssertThrows(.notFound, try env.bookings.reschedule(lorenz.booking.code, to: lorenzStart.adding(minutes: 60),
                                                                   access: bremerhaven, caller: agent))
        let found = try env.bookings.search("", office: nil, date: LocalDate(tuesday)!, access: bremerhaven)
        XCTAssertTrue(found.contains { $0.code == mitte.booking.code })
        XCTAssertFalse(found.contains { $0.officeId == "stadtteilbuero-luebeck-st-lorenz" }, "search stays inside the municipality")
        XCTAssertEqual(try env.bookings.search(lorenz.booking.code.value, office: nil, date: nil,
                                                   access: .municipalities(["luebeck"])).map(\.code), [lorenz.booking.code])
        XCTAssertEqual(try env.bookings.search("", office: nil, date: nil, access: .municipalities([])), [])
    }

    /// Disabling ends every session and refuses the right password;
    /// enabling lets the same password in again. An admin does not disable itself.
    func testDisablingEndsSessionsAndRefusesSignInUntilEnabled() throws {
        let env = try TestEnvironment()
        let admin = try XCTUnwrap(env.accounts.account(username: "admin"))
        let agent = try XCTUnwrap(env.accounts.verify(username: "agent", password: "demo"))
        let session = try env.accounts.startSession(for: agent)
        XCTAssertTrue(try env.accounts.disable("agent", by: admin).isDisabled)
        XCTAssertNil(try env.accounts.account(forSession: session.token))
        XCTAssertNil(try env.accounts.verify(username: "agent", password: "demo"))
        XCTAssertFalse(try env.accounts.enable("agent", by: admin).isDisabled)
        XCTAssertNotNil(try env.accounts.verify(username: "agent", password: "demo"))
        XCTAssertThrowsError(try env.accounts.disable("admin", by: admin)) {
            XCTAssertEqual($0 as? Accounts.AdministrationError, .disablingYourself)
        }
        XCTAssertFalse(try XCTUnwrap(env.accounts.account(username: "admin")).isDisabled)
    }

    /// An admin's new account is made once per key; a second post of the
    /// same form answers the first account, not "username taken".
    func testAddingForAnAdminIsIdempotent() throws {
        let env = try TestEnvironment()
        let admin = try XCTUnwrap(env.accounts.account(username: "admin"))
        let draft = Accounts.Draft(username: "m.meyer", displayName: "Mia Meyer", password: "long-enough-1", role: .agent,
                                   officeIds: [], municipalityIds: ["luebeck"])
        let key = IdempotencyKey(key: "new-account", fingerprint: Array("the form".utf8))
        let made = try env.accounts.add(draft, by: admin, idempotency: key)
        let again = try env.accounts.add(draft, by: admin, idempotency: key)
        XCTAssertFalse(made.isReplayed)
        XCTAssertTrue(again.isReplayed)
        XCTAssertEqual(again.value, made.value)
        XCTAssertEqual(try env.accounts.all().filter { $0.username == "m.meyer" }.count, 1)
        XCTAssertThrowsError(try env.accounts.add(draft, by: admin, idempotency: nil)) {
            XCTAssertEqual($0 as? Accounts.AdministrationError, .usernameTaken("m.meyer"))
        }
        let asAdmin = Accounts.Draft(username: "boss", displayName: nil, password: "long-enough-1", role: .admin,
                                     officeIds: [], municipalityIds: [])
        XCTAssertThrowsError(try env.accounts.add(asAdmin, by: admin, idempotency: nil))
        XCTAssertNil(try env.accounts.account(username: "boss"))
    }
}
