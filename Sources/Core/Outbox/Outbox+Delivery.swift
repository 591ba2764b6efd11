import Scheduling
import SQLite

/// What the delivery worker takes from the outbox and how it settles what
/// it tried.
extension Outbox {
    /// How one attempt ended, as the transport said.
    public enum Attempt: Hashable, Sendable {
        case sent
        /// Try again later (`DeliveryBackoff`), with the transport's reason.
        case temporaryFailure(String)
        /// Give the message up, with the reason.
        case permanentFailure(String)
    }

    /// The pending messages due now, oldest due first, at most `limit`.
    public func due(limit: Int) throws -> [OutboxMessage] {
        let now = clock.now()
        return try store.read { db in
            try db.cachedStatement("""
                SELECT \(OutboxRows.columns) FROM outbox
                WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?
                """).query([now.secondsSinceEpoch, limit]).map(OutboxRows.message)
        }
    }

    /// When the next pending message is due (perhaps already), or nil when none is pending.
    public func nextDue() throws -> Instant? {
        try store.read { db in
            try db.scalar("SELECT min(next_attempt_at) FROM outbox WHERE status = 'pending'", as: Int64?.self)
                .map(Instant.init(secondsSinceEpoch:))
        }
    }

    /// Records how each attempt ended, all in one write transaction, since
    /// the writer is what bookings wait for. A message withdrawn while it
    /// was being sent stays withdrawn.
    public func settle(_ attempts: [(message: OutboxMessage, attempt: Attempt)]) throws {
        guard !attempts.isEmpty else { return }
        let now = clock.now()
        try store.write { db in
            for (message, attempt) in attempts {
                try Self.settle(db, message, attempt, now: now)
            }
        }
    }

    private static func settle(_ db: Connection, _ message: OutboxMessage, _ attempt: Attempt, now: Instant) throws {
        let attempts = message.attempts + 1
        let next: Instant?, error: String?
        switch attempt {
        case .sent: (next, error) = (nil, nil)
        case .temporaryFailure(let reason):
            (next, error) = (DeliveryBackoff.nextAttempt(afterAttempts: attempts, at: now, created: message.createdAt), reason)
        case .permanentFailure(let reason): (next, error) = (nil, reason)
        }
        let status: OutboxMessage.Status = next != nil ? .pending : attempt == .sent ? .sent : .failed
        try db.cachedStatement("""
            UPDATE outbox SET status = ?, attempts = ?, next_attempt_at = coalesce(?, next_attempt_at),
                settled_at = CASE WHEN ? = 'pending' THEN NULL ELSE ? END, last_error = coalesce(?, last_error)
            WHERE id = ? AND status = 'pending'
            """).execute([status.rawValue, attempts, next?.secondsSinceEpoch, status.rawValue, now.secondsSinceEpoch, error,
                          message.id])
    }
}
