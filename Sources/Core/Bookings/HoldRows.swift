import Scheduling
import SQLite

/// The `holds` table and its `hold_contacts`: what a hold's rules read
/// (`HoldRecord`) and how a hold begins, gets its contact and ends. A row
/// stays after its hold ended (see `Schema.holdLimits`); only rows with
/// `expires_at` after now take capacity.
enum HoldRows {
    /// A live hold with what a booking on it, or a journey keeping it,
    /// needs: the services as stored and the contact keys it was made for
    /// (empty while none is known).
    struct Live {
        let hold: Hold
        let services: String
        let contactKeys: Set<String>
    }

    static func live(_ db: Connection, id: String, now: Instant) throws -> Live? {
        guard let row = try db.cachedStatement("""
            SELECT office_id, start, end, expires_at, services FROM holds WHERE id = ? AND expires_at > ?
            """).query([id, now.secondsSinceEpoch]).first else { return nil }
        let hold = Hold(id: id, officeId: try row["office_id"], start: Instant(secondsSinceEpoch: try row["start"]),
                        end: Instant(secondsSinceEpoch: try row["end"]),
                        expiresAt: Instant(secondsSinceEpoch: try row["expires_at"]))
        let keys = try db.cachedStatement("SELECT key FROM hold_contacts WHERE hold_id = ?").query([id]).map { try $0["key"] as String }
        return Live(hold: hold, services: try row["services"], contactKeys: Set(keys))
    }

    /// What `client` (nil: only the contact counts) and the contact with
    /// `contactKeys` have held at the office, for a hold on `start`.
    static func record(_ db: Connection, office: OfficeID, start: Instant, client: String?, contactKeys: [String],
                       policy: BookingPolicy, now: Instant) throws -> HoldRecord {
        let seconds = now.secondsSinceEpoch
        var record = HoldRecord()
        if let client {
            // Every live hold was made within `holdMinutes`; the rate counts `holdWindowMinutes`.
            let since = seconds - Int64(max(policy.holdWindowMinutes, policy.holdMinutes)) * 60
            for row in try db.cachedStatement("""
                SELECT created_at, expires_at FROM holds WHERE office_id = ? AND client_key = ? AND created_at > ?
                """).query([office, client, since]) {
                let (created, expires) = (Instant(secondsSinceEpoch: try row[0]), Instant(secondsSinceEpoch: try row[1]))
                record.clientCreated.append(created)
                if expires > now { record.clientLive.append(expires) }
            }
        }
        var contactHolds: [String: Instant] = [:]
        for key in contactKeys {
            for row in try db.cachedStatement("""
                SELECT h.id, h.expires_at FROM hold_contacts c JOIN holds h ON h.id = c.hold_id
                WHERE c.key = ? AND h.office_id = ? AND h.expires_at > ?
                """).query([key, office, seconds]) {
                contactHolds[try row[0]] = Instant(secondsSinceEpoch: try row[1])
            }
        }
        record.contactLive = Array(contactHolds.values)
        // Ended without a booking inside the cooldown: made by the client, or for the contact.
        let ended = "h.booked = 0 AND h.office_id = ? AND h.start = ? AND h.expires_at <= ? AND h.expires_at > ?"
        let (at, cooldownStart) = (start.secondsSinceEpoch, seconds - Int64(policy.cancelCooldownMinutes) * 60)
        var endings: [Int64?] = []
        if let client {
            endings += try db.cachedStatement("SELECT max(h.expires_at) FROM holds h WHERE h.client_key = ? AND \(ended)")
                .query([client, office, at, seconds, cooldownStart]).map { try $0[0] as Int64? }
        }
        for key in contactKeys {
            endings += try db.cachedStatement("""
                SELECT max(h.expires_at) FROM hold_contacts c JOIN holds h ON h.id = c.hold_id WHERE c.key = ? AND \(ended)
                """).query([key, office, at, seconds, cooldownStart]).map { try $0[0] as Int64? }
        }
        record.lastEndedHere = endings.compactMap { $0 }.max().map(Instant.init(secondsSinceEpoch:))
        return record
    }

    static func insert(_ db: Connection, hold: Hold, channel: Channel, services: String, client: String,
                       contactKeys: [String], now: Instant) throws {
        try db.cachedStatement("""
            INSERT INTO holds(id, office_id, channel, start, end, services, created_at, expires_at, client_key)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute([hold.id, hold.officeId, channel.rawValue, hold.start.secondsSinceEpoch, hold.end.secondsSinceEpoch,
                          services, now.secondsSinceEpoch, hold.expiresAt.secondsSinceEpoch, client])
        try addContactKeys(db, hold: hold.id, contactKeys)
    }

    static func addContactKeys(_ db: Connection, hold id: String, _ keys: [String]) throws {
        for key in keys {
            try db.cachedStatement("INSERT OR IGNORE INTO hold_contacts(hold_id, key) VALUES (?, ?)").execute([id, key])
        }
    }

    /// Ends a live hold now, `booked` when a booking replaces it: its
    /// capacity is free at once. The office, or nil when the hold is
    /// unknown or over.
    static func end(_ db: Connection, id: String, booked: Bool, now: Instant) throws -> OfficeID? {
        try db.cachedStatement("UPDATE holds SET expires_at = ?, booked = ? WHERE id = ? AND expires_at > ? RETURNING office_id")
            .query([now.secondsSinceEpoch, booked, id, now.secondsSinceEpoch]).first.map { try $0["office_id"] }
    }

    /// Drops the office's rows that neither the rate window nor the cooldown
    /// can need any more.
    static func purge(_ db: Connection, office: OfficeID, policy: BookingPolicy, now: Instant) throws {
        try db.cachedStatement("DELETE FROM holds WHERE \(unneeded)")
            .execute(StatementArguments(unneededArguments(office: office, policy: policy, now: now)))
    }

    /// The one rule of a row nobody needs any more, at one office: ended
    /// before the cooldown began, and made before the rate window (and any
    /// live hold's minutes) began. Its arguments: `unneededArguments`.
    /// `purge` drops them on every hold; the retention run
    /// (`RetentionSweep.holds`) at offices where nobody holds.
    static let unneeded = "office_id = ? AND expires_at <= ? AND created_at <= ?"

    static func unneededArguments(office: OfficeID, policy: BookingPolicy, now: Instant) -> [SQLiteValue] {
        let seconds = now.secondsSinceEpoch
        return [office.sqliteValue, .integer(seconds - Int64(policy.cancelCooldownMinutes) * 60),
                .integer(seconds - Int64(max(policy.holdWindowMinutes, policy.holdMinutes)) * 60)]
    }
}
