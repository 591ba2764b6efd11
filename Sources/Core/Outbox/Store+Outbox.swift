import Foundation
import Scheduling
import SQLite

extension Store {
    /// Writes `draft` into the outbox, in the caller's transaction: the
    /// message exists exactly when the change that causes it commits, and
    /// the delivery worker hears of it once it has (`OutboxBell`). Answers
    /// the row's id.
    @discardableResult
    func enqueue(_ db: Connection, _ draft: MessageDraft, now: Instant) throws -> Int64 {
        let facts = String(decoding: try JSONEncoder().encode(draft.facts), as: UTF8.self)
        let messageID = "tb." + Crypto.hex(Crypto.randomBytes(16))
        try db.cachedStatement("""
            INSERT INTO outbox(message_id, kind, language, recipient, office_id, booking_id, facts, created_at, next_attempt_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute([messageID, draft.kind.rawValue, draft.language, draft.recipient, draft.officeId, draft.bookingId, facts,
                          now.secondsSinceEpoch, (draft.dueAt ?? now).secondsSinceEpoch])
        outboxBell.mark()
        return db.lastInsertRowID
    }

    /// Withdraws the pending messages of `kind` about a booking (a reminder
    /// for a booking moved or cancelled before it was due), in the caller's
    /// transaction.
    func withdrawPending(_ db: Connection, kind: OutboxMessage.Kind, bookingId: Int64, now: Instant) throws {
        try db.cachedStatement("""
            UPDATE outbox SET status = 'withdrawn', settled_at = ?
            WHERE booking_id = ? AND kind = ? AND status = 'pending'
            """).execute([now.secondsSinceEpoch, bookingId, kind.rawValue])
    }
}
