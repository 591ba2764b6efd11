import Core
import Scheduling
import XCTest

/// The audit trail of accounts (docs/accounts.md, "Audit"): every change
/// an admin or the command line makes is a line with who, when, which
/// account and what, written with the change; a change that does not
/// happen (enabling an enabled account, a refused password) writes none;
/// a scoped admin reads the lines of the accounts it administers only.
final class AccountEventTests: XCTestCase {
    func testEveryChangeIsALineWithWhoWhenAndWhat() throws {
        let env = try TestEnvironment()
        let admin = try XCTUnwrap(env.accounts.account(username: "admin"))
        try env.accounts.add(username: "hl-agent", displayName: nil, password: "long-enough-1", role: .agent, municipalityIds: ["luebeck"])
        env.clock.advance(minutes: 5)
        let draft = Accounts.Draft(username: "k.albers", displayName: nil, password: "Korrekt-Pferd-7", role: .staff,
                                   officeIds: ["buergerbuero-nord"], municipalityIds: [])
        _ = try env.accounts.add(draft, by: admin, idempotency: nil)
        env.clock.advance(minutes: 5)
        try env.accounts.disable("k.albers", by: admin)
        try env.accounts.disable("k.albers", by: admin)
        try env.accounts.enable("k.albers", by: admin)
        try env.accounts.enable("k.albers", by: admin)
        try env.accounts.setPassword("k.albers", to: "Neues-Pferd-8", by: admin)
        XCTAssertThrowsError(try env.accounts.setPassword("k.albers", to: "kurz", by: admin))
        try env.accounts.changePassword(username: "hl-agent", to: "long-enough-2")

        let lines = try env.accounts.events(for: admin).filter { ["k.albers", "hl-agent"].contains($0.account.username) }
        XCTAssertEqual(lines.map { "\($0.madeBy ?? "command line") \($0.action.rawValue) \($0.account.username)" }, [
            "command line passwordChanged hl-agent",
            "admin passwordChanged k.albers",
            "admin enabled k.albers",
            "admin disabled k.albers",
            "admin created k.albers",
            "command line created hl-agent",
        ], "newest first; a second disable or enable changed nothing and says nothing")
        let start = TestEnvironment.start
        XCTAssertEqual(lines.map(\.madeAt), [start.adding(minutes: 10), start.adding(minutes: 10), start.adding(minutes: 10),
                                             start.adding(minutes: 10), start.adding(minutes: 5), start])
        XCTAssertEqual(try env.accounts.events(for: admin, limit: 2).count, 2)
    }

    func testAScopedAdminReadsItsMunicipalitiesAccountsOnly() throws {
        let env = try TestEnvironment()
        let admin = try XCTUnwrap(env.accounts.account(username: "admin"))
        let scoped = try env.accounts.add(username: "hl-admin", displayName: nil, password: "long-enough-1", role: .admin,
                                          municipalityIds: ["luebeck"])
        try env.accounts.add(username: "hl-agent", displayName: nil, password: "long-enough-1", role: .agent, municipalityIds: ["luebeck"])
        try env.accounts.add(username: "nord", displayName: nil, password: "long-enough-1", role: .staff, officeIds: ["buergerbuero-nord"])
        try env.accounts.disable("nord", by: admin)
        XCTAssertEqual(try env.accounts.events(for: scoped).map(\.account.username), ["hl-agent"],
                       "not Bremerhaven's clerk, not admins (itself included): what it does not administer")
        XCTAssertEqual(Set(try env.accounts.events(for: admin).map(\.account.username)).isSuperset(of: ["hl-admin", "hl-agent", "nord"]), true)
        let agent = try XCTUnwrap(env.accounts.account(username: "agent"))
        XCTAssertThrowsError(try env.accounts.events(for: agent)) {
            XCTAssertEqual($0 as? Accounts.AdministrationError, .forbidden)
        }
    }
}
