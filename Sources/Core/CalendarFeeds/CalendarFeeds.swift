import Scheduling
import SQLite

/// The office's calendar subscription: a secret address (`/feeds/{token}.ics`)
/// calendar programs poll without signing in. The token has 256 random bits
/// and only its hash is stored; staff create a new one, renew the live ones
/// or revoke them all. A token is served only until it expires and only
/// while the account that made it exists: a credential nobody looks after
/// must not open the office's appointments for ever.
public struct CalendarFeed: Sendable {
    public let officeId: OfficeID
    public let createdAt: Instant
    public let createdBy: String?
    public let expiresAt: Instant
}

/// The office's calendar subscriptions: secret addresses calendar
/// programs poll without signing in.
public struct CalendarFeeds: UseCase {
    let store: Store
    let clock: any Clock
}

extension CalendarFeeds {
    /// The days a feed covers around `now`: a week back, two months ahead.
    public static let daysBack = 7
    public static let daysAhead = 60
    /// How long a token lives from its creation or its last renewal: a year.
    public static let lifetimeSeconds: Int64 = 365 * 86_400

    /// A new token and when it expires.
    public struct NewToken: Sendable {
        public let token: String
        public let expiresAt: Instant
    }

    /// A token that is still served: not revoked, not expired, and its
    /// account still there (`feed_tokens` as `f`, the time as `:now`).
    static let live = """
        f.revoked_at IS NULL AND f.expires_at > :now AND EXISTS (SELECT 1 FROM accounts a WHERE a.id = f.account_id)
        """

    /// A new feed token for the office, made by (and ending with) `account`;
    /// shown once, stored only as a hash.
    public func createToken(office officeId: OfficeID, for account: Account) throws -> NewToken {
        _ = try store.setup(officeId)
        let token = Crypto.base64URL(Crypto.randomBytes(32))
        let now = clock.now()
        let expiresAt = now.adding(seconds: Self.lifetimeSeconds)
        try store.write { db in
            try db.run("""
                INSERT INTO feed_tokens(token_hash, office_id, created_at, created_by, expires_at, account_id)
                VALUES (?, ?, ?, ?, ?, ?)
                """, [Self.feedHash(token), officeId, now.secondsSinceEpoch, account.username, expiresAt.secondsSinceEpoch, account.id])
        }
        return NewToken(token: token, expiresAt: expiresAt)
    }

    /// Gives every live token of the office a full lifetime from now, so
    /// calendar programs keep their address; returns how many. An expired
    /// token stays expired: whoever still wants it makes a new one.
    @discardableResult
    public func renewTokens(office officeId: OfficeID) throws -> Int {
        let now = clock.now().secondsSinceEpoch
        return try store.write { db in
            try db.run("UPDATE feed_tokens AS f SET expires_at = :renewed WHERE f.office_id = :office AND \(Self.live)",
                       [":renewed": now + Self.lifetimeSeconds, ":office": officeId, ":now": now])
            return db.changes
        }
    }

    /// Revokes every live feed token of the office; returns how many.
    @discardableResult
    public func revokeTokens(office officeId: OfficeID) throws -> Int {
        let now = clock.now()
        return try store.write { db in
            try db.run("UPDATE feed_tokens SET revoked_at = ? WHERE office_id = ? AND revoked_at IS NULL",
                       [now.secondsSinceEpoch, officeId])
            return db.changes
        }
    }

    /// The live feeds of an office, newest first.
    public func list(office officeId: OfficeID) throws -> [CalendarFeed] {
        let now = clock.now().secondsSinceEpoch
        return try store.read { db in
            try db.query("""
                SELECT created_at, created_by, expires_at FROM feed_tokens AS f
                WHERE f.office_id = :office AND \(Self.live) ORDER BY created_at DESC
                """, [":office": officeId, ":now": now]).map {
                CalendarFeed(officeId: officeId, createdAt: try OccupationRows.instant($0, "created_at"), createdBy: try $0["created_by"],
                             expiresAt: try OccupationRows.instant($0, "expires_at"))
            }
        }
    }

    /// The office a live token opens, or `notFound`: unknown, revoked,
    /// expired and orphaned look the same.
    public func office(token: String) throws -> OfficeID {
        guard token.utf8.count == 43 else { throw BookingError.notFound }
        let hash = Self.feedHash(token)
        let now = clock.now().secondsSinceEpoch
        guard let office = try store.read({ db in
            try db.queryOne("SELECT office_id FROM feed_tokens AS f WHERE f.token_hash = :hash AND \(Self.live)",
                            [":hash": hash, ":now": now])
        }) else { throw BookingError.notFound }
        return try office["office_id"]
    }

    /// The appointments (not cancelled) of an office's days `from…through`.
    public func bookings(office officeId: OfficeID, from: LocalDate, through: LocalDate) throws -> [Booking] {
        let setup = try store.setup(officeId)
        let catalogue = try store.catalogue()
        let zone = setup.timeZone
        return try store.read { db in
            try BookingRows.bookings(db, where: "office_id = ? AND start >= ? AND start < ? AND status != 'cancelled'",
                                             [officeId, zone.startOfDay(from).secondsSinceEpoch,
                                              zone.startOfDay(through.adding(days: 1)).secondsSinceEpoch], catalogue: catalogue)
        }
    }


    static func feedHash(_ token: String) -> [UInt8] { Crypto.sha256("feed:" + token) }
}
