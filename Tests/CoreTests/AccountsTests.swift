@testable import Core
import Scheduling
import XCTest

/// Accounts, password checks and sessions with their timeouts.
final class AccountsTests: XCTestCase {
    func testCreateAndVerify() throws {
        let env = try TestEnvironment(seeded: false)
        let id = try env.accounts.create(username: "k.albers", displayName: "Kim Albers", password: "Korrekt-Pferd-7",
                                         role: .staff)
        let account = try XCTUnwrap(env.accounts.verify(username: "k.albers", password: "Korrekt-Pferd-7"))
        XCTAssertEqual(account.id, id)
        XCTAssertEqual(account.username, "k.albers")
        XCTAssertEqual(account.displayName, "Kim Albers")
        XCTAssertEqual(account.role, .staff)
        XCTAssertNil(try env.accounts.verify(username: "k.albers", password: "korrekt-pferd-7"))
        XCTAssertNil(try env.accounts.verify(username: "k.albers", password: ""))
        XCTAssertNil(try env.accounts.verify(username: "nobody", password: "Korrekt-Pferd-7"))
        XCTAssertNotNil(try env.accounts.verify(username: "K.Albers", password: "Korrekt-Pferd-7"), "usernames ignore case")
        XCTAssertThrowsError(try env.accounts.create(username: "K.ALBERS", displayName: "Doppelt", password: "x", role: .agent))

        let stored: String = try env.store.read { try $0.scalar("SELECT password_hash FROM accounts WHERE id = ?", [id]) }
        XCTAssertTrue(stored.hasPrefix("scrypt$10$8$1$"))
        XCTAssertFalse(stored.contains("Korrekt"))
        XCTAssertEqual(try env.accounts.all().map(\.username), ["k.albers"])
    }

    func testScopesOfDemoAccounts() throws {
        let env = try TestEnvironment()
        let accounts = try env.accounts.all()
        XCTAssertEqual(accounts.map(\.username), ["admin", "agent", "staff-mitte"])
        let staff = try XCTUnwrap(accounts.first { $0.username == "staff-mitte" })
        XCTAssertEqual(staff.officeIds, ["buergerbuero-mitte"])
        XCTAssertEqual(staff.municipalityIds, [])
        XCTAssertNil(try env.accounts.verify(username: "agent", password: "Demo"))
    }

    func testSessionStartResolveEnd() throws {
        let env = try TestEnvironment()
        let agent = try XCTUnwrap(env.accounts.verify(username: "agent", password: "demo"))
        let session = try env.accounts.startSession(for: agent)
        XCTAssertGreaterThanOrEqual(session.token.utf8.count, 43)
        XCTAssertEqual(try env.accounts.account(forSession: session.token), agent)
        let other = try env.accounts.startSession(for: agent)
        XCTAssertNotEqual(other.token, session.token, "a fresh token at every sign-in")
        XCTAssertNil(try env.accounts.account(forSession: "forged"))
        try env.accounts.endSession(session.token)
        XCTAssertNil(try env.accounts.account(forSession: session.token))
        XCTAssertEqual(try env.accounts.account(forSession: other.token), agent)
        let stored: Int = try env.store.read { try $0.scalar("SELECT count(*) FROM sessions", as: Int.self) }
        XCTAssertEqual(stored, 1)
    }

    func testIdleTimeout() throws {
        let env = try TestEnvironment()
        let admin = try XCTUnwrap(env.accounts.verify(username: "admin", password: "demo"))
        let session = try env.accounts.startSession(for: admin)
        env.clock.advance(minutes: 29)
        XCTAssertNotNil(try env.accounts.account(forSession: session.token), "each request slides the idle timeout")
        env.clock.advance(minutes: 29)
        XCTAssertNotNil(try env.accounts.account(forSession: session.token))
        env.clock.advance(minutes: 31)
        XCTAssertNil(try env.accounts.account(forSession: session.token))
        env.clock.advance(minutes: -31)
        XCTAssertNil(try env.accounts.account(forSession: session.token), "an expired session is deleted, not just refused")
    }

    func testAbsoluteTimeout() throws {
        let env = try TestEnvironment()
        let admin = try XCTUnwrap(env.accounts.verify(username: "admin", password: "demo"))
        let session = try env.accounts.startSession(for: admin)
        for _ in 0..<(12 * 3) {
            env.clock.advance(minutes: 20)
            XCTAssertNotNil(try env.accounts.account(forSession: session.token))
        }
        env.clock.advance(minutes: 1)
        XCTAssertNil(try env.accounts.account(forSession: session.token), "12 hours at most, however active")
    }
}
