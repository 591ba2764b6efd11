import Scheduling
import SQLite

/// The office's calendar subscription: a secret address (`/feeds/{token}.ics`)
/// calendar programs poll without signing in. The token has 256 random bits
/// and only its hash is stored; staff create a new one or revoke them all.
public struct CalendarFeed: Sendable {
    public let officeId: OfficeID
    public let createdAt: Instant
    public let createdBy: String?
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

    /// A new feed token for the office; shown once, stored only as a hash.
    public func createToken(office officeId: OfficeID, caller: Caller) throws -> String {
        _ = try store.setup(officeId)
        let token = Crypto.base64URL(Crypto.randomBytes(32))
        let now = clock.now()
        try store.write { db in
            try db.run("INSERT INTO feed_tokens(token_hash, office_id, created_at, created_by) VALUES (?, ?, ?, ?)",
                       [Self.feedHash(token), officeId, now.secondsSinceEpoch, caller.username])
        }
        return token
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
        try store.read { db in
            try db.query("SELECT created_at, created_by FROM feed_tokens WHERE office_id = ? AND revoked_at IS NULL ORDER BY created_at DESC",
                         [officeId]).map {
                CalendarFeed(officeId: officeId, createdAt: try OccupationRows.instant($0, "created_at"), createdBy: try $0["created_by"])
            }
        }
    }

    /// The office a live token opens, or `notFound` (unknown and revoked alike).
    public func office(token: String) throws -> OfficeID {
        guard token.utf8.count == 43 else { throw BookingError.notFound }
        let hash = Self.feedHash(token)
        guard let office = try store.read({ db in
            try db.queryOne("SELECT office_id FROM feed_tokens WHERE token_hash = ? AND revoked_at IS NULL", [hash])
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
