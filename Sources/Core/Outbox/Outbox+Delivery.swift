import Scheduling
import SQLite

/// What the delivery worker takes from the outbox.
extension Outbox {
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
}
