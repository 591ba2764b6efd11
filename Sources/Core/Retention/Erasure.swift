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

    /// Erases a booking's contact (name, e-mail, phone, contact keys, and
    /// those keys where a hold that became a booking kept them), its
    /// note, its opt-in token, the audit trail's "on behalf of" names and
    /// every e-mail about it still in the outbox (they hold the address,
    /// the name and links); records `erased` in its history. Returns false,
    /// changing nothing, when it was erased already.
    ///
    /// Every other table that names a booking holds no personal data:
    /// services, slots, manage tokens (hashes), the "to contact" list and
    /// the queue's calls (staff usernames).
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
        // A booked hold's keys are read by no hold rule (they count live
        // holds and holds that ended without a booking).
        try db.cachedStatement("""
            DELETE FROM hold_contacts WHERE key IN (SELECT key FROM booking_contact_keys WHERE booking_id = ?)
                AND hold_id IN (SELECT id FROM holds WHERE booked = 1 AND expires_at <= ?)
            """).execute([id, seconds])
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

    /// Erases a callback request's caller (name, phone), topic, note and
    /// the note it was closed with, and the message to the office's
    /// mailbox about it, sent or not. Returns false, changing nothing,
    /// when it was erased already.
    @discardableResult
    package static func callback(_ db: Connection, id: String, at now: Instant) throws -> Bool {
        try db.cachedStatement("""
            UPDATE callback_requests SET name = '', phone = '', topic = '', note = '', done_note = NULL, erased_at = ?
            WHERE id = ? AND erased_at IS NULL
            """).execute([now.secondsSinceEpoch, id])
        guard db.changes > 0 else { return false }
        try deleteOfficeMessage(db, kind: .officeCallback, item: id)
        return true
    }

    /// Erases a memo's subject, text, contact and the note it was closed
    /// with, and the message to the office's mailbox about it. Returns
    /// false, changing nothing, when it was erased already.
    @discardableResult
    package static func memo(_ db: Connection, id: String, at now: Instant) throws -> Bool {
        try db.cachedStatement("""
            UPDATE memos SET subject = '', text = '', contact = NULL, done_note = NULL, erased_at = ?
            WHERE id = ? AND erased_at IS NULL
            """).execute([now.secondsSinceEpoch, id])
        guard db.changes > 0 else { return false }
        try deleteOfficeMessage(db, kind: .officeMemo, item: id)
        return true
    }

    /// Erases the name a walk-in ticket was issued under. Returns false when
    /// it had none (left or erased already).
    @discardableResult
    package static func ticketName(_ db: Connection, id: Int64) throws -> Bool {
        try db.cachedStatement("UPDATE walk_in_tickets SET name = NULL WHERE id = ? AND name IS NOT NULL").execute([id])
        return db.changes > 0
    }

    /// The office's message names its item in its facts (`MessageFacts.itemId`,
    /// `Store.enqueueForOffice`): it holds what the agent wrote down.
    private static func deleteOfficeMessage(_ db: Connection, kind: OutboxMessage.Kind, item id: String) throws {
        try db.cachedStatement("""
            DELETE FROM outbox WHERE kind = ? AND booking_id IS NULL AND json_extract(facts, '$.itemId') = ?
            """).execute([kind.rawValue, id])
    }
}
