@testable import Core
import Scheduling
import SQLite
import XCTest

/// A feed token is a credential nobody signs in with, so it must not live
/// for ever: it expires a year after it was made or last renewed, and it
/// ends with the account that made it. All on the clock that stands still.
final class CalendarFeedLifetimeTests: XCTestCase {
    let mitte = TestEnvironment.mitte
    let year = CalendarFeeds.lifetimeSeconds

    func staff(_ env: TestEnvironment, _ username: String = "staff-mitte") throws -> Account {
        try XCTUnwrap(try env.accounts.account(username: username))
    }

    func testATokenExpiresAYearAfterItWasMade() throws {
        let env = try TestEnvironment()
        let made = env.clock.now()
        let new = try env.feeds.createToken(office: mitte, for: try staff(env))
        XCTAssertEqual(new.expiresAt, made.adding(seconds: year))
        XCTAssertEqual(try env.feeds.list(office: mitte).map(\.expiresAt), [new.expiresAt])

        env.clock.set(new.expiresAt.adding(seconds: -1))
        XCTAssertEqual(try env.feeds.office(token: new.token), mitte, "served to its last second")
        env.clock.set(new.expiresAt)
        XCTAssertThrowsError(try env.feeds.office(token: new.token)) { XCTAssertEqual($0 as? BookingError, .notFound) }
        XCTAssertTrue(try env.feeds.list(office: mitte).isEmpty, "an expired address is not counted as live")
    }

    func testRenewingGivesTheLiveTokensAFullYearFromNow() throws {
        let env = try TestEnvironment()
        let made = env.clock.now()
        let revoked = try env.feeds.createToken(office: mitte, for: try staff(env))
        try env.feeds.revokeTokens(office: mitte)
        let kept = try env.feeds.createToken(office: mitte, for: try staff(env))

        env.clock.set(made.adding(seconds: 300 * 86_400))
        XCTAssertEqual(try env.feeds.renewTokens(office: mitte), 1, "only the one not revoked")
        env.clock.set(made.adding(seconds: year + 86_400))
        XCTAssertEqual(try env.feeds.office(token: kept.token), mitte, "renewed: past its first year")
        XCTAssertThrowsError(try env.feeds.office(token: revoked.token), "renewing does not bring a revoked token back")
        XCTAssertEqual(try env.feeds.list(office: mitte).map(\.expiresAt), [made.adding(seconds: 300 * 86_400 + year)])

        env.clock.set(made.adding(seconds: 300 * 86_400 + year))
        XCTAssertThrowsError(try env.feeds.office(token: kept.token))
        XCTAssertEqual(try env.feeds.renewTokens(office: mitte), 0, "an expired token stays expired")
        XCTAssertThrowsError(try env.feeds.office(token: kept.token))
    }

    func testATokenEndsWithTheAccountThatMadeIt() throws {
        let env = try TestEnvironment()
        let id = try env.accounts.create(username: "aushilfe", displayName: "Aushilfe", password: "aushilfe-2026",
                                         role: .staff, officeIds: [mitte])
        let theirs = try env.feeds.createToken(office: mitte, for: try staff(env, "aushilfe"))
        let others = try env.feeds.createToken(office: mitte, for: try staff(env))
        XCTAssertEqual(try env.feeds.office(token: theirs.token), mitte)

        try env.store.write { db in try db.run("DELETE FROM accounts WHERE id = ?", [id]) }
        XCTAssertThrowsError(try env.feeds.office(token: theirs.token)) { XCTAssertEqual($0 as? BookingError, .notFound) }
        XCTAssertEqual(try env.feeds.office(token: others.token), mitte, "another account's feed lives on")
        XCTAssertEqual(try env.feeds.list(office: mitte).count, 1)
    }

    /// Tokens from before the migration: a year from their creation, and
    /// the account their `created_by` names; without one they end.
    func testTheMigrationGivesOldTokensAYearAndTheirCreatorsAccount() throws {
        let env = try TestEnvironment()
        let made = env.clock.now()
        let known = try env.feeds.createToken(office: mitte, for: try staff(env))
        let unknown = try env.feeds.createToken(office: mitte, for: try staff(env))
        try env.store.write { db in
            // Back to what v7 wrote: no expiry, no account; one creator no account has.
            try db.run("UPDATE feed_tokens SET expires_at = 0, account_id = NULL")
            try db.run("UPDATE feed_tokens SET created_by = 'ehemalige' WHERE token_hash = ?", [CalendarFeeds.feedHash(unknown.token)])
            try db.execute(Schema.feedExpiryBackfill)
        }
        XCTAssertEqual(try env.feeds.office(token: known.token), mitte)
        XCTAssertEqual(try env.feeds.list(office: mitte).map(\.expiresAt), [made.adding(seconds: year)])
        XCTAssertThrowsError(try env.feeds.office(token: unknown.token), "no account to end with: not served")
    }
}
