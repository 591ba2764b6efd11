import Scheduling
import SQLite

/// What "erased" means, kind by kind: the personal values are gone — not
/// hidden, not flagged — and the row keeps only what the statistics need
/// (office, services, date and time, channel, status, timestamps). The one
/// place that says so: the retention sweep (`Retention`) and the
/// citizen's own request (Art. 17 DSGVO) both erase through here, inside
/// the caller's write transaction.
///
/// `PRAGMA secure_delete` (set on every connection by the `SQLite` module)
/// overwrites the old values in the file; the sweep checkpoints the WAL
/// after a run, so they leave the `-wal` too.
package enum Erasure {
    /// Why a booking's data went: its retention period ended, or its
    /// citizen asked. The booking's history records which.
    package enum Reason: String, Sendable {
        case retention, request
    }

    /// Erases a booking's contact (name, e-mail, phone, contact keys), its
    /// note, its opt-in token, the audit trail's "on behalf of" names and
    /// every e-mail about it still in the outbox (they hold the address,
    /// the name and links); records `erased` in its history. Returns false,
    /// changing nothing, when it was erased already.
    ///
    /// The manage token's hash stays: it is no personal data, and it lets
    /// the citizen's link still open the booking and say that its data is
    /// gone instead of "not found".
    @discardableResult
    package static func booking(_ db: Connection, id: Int64, reason: Reason, caller: Caller?, at now: Instant) throws -> Bool {
        let seconds = now.secondsSinceEpoch
        try db.cachedStatement("""
            UPDATE bookings SET contact_name = '', contact_email = NULL, contact_phone = NULL, note = NULL,
                confirm_token_hash = NULL, erased_at = ?
            WHERE id = ? AND erased_at IS NULL
            """).execute([seconds, id])
        guard db.changes > 0 else { return false }
        try db.cachedStatement("DELETE FROM booking_contact_keys WHERE booking_id = ?").execute([id])
        try db.cachedStatement("UPDATE booking_events SET on_behalf_of = NULL WHERE booking_id = ? AND on_behalf_of IS NOT NULL")
            .execute([id])
        try db.cachedStatement("DELETE FROM outbox WHERE booking_id = ?").execute([id])
        let channel = try caller?.channel.rawValue
            ?? db.cachedStatement("SELECT channel FROM bookings WHERE id = ?").query([id]).first.map { try $0[0] as String }
        try db.cachedStatement("""
            INSERT INTO booking_events(booking_id, at, action, channel, account_id, actor, on_behalf_of, detail)
            VALUES (?, ?, 'erased', ?, ?, ?, NULL, ?)
            """).execute([id, seconds, channel, caller?.accountId, caller?.username, reason.rawValue])
        return true
    }
}
