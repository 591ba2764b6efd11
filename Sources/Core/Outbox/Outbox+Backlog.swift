import Scheduling
import SQLite

/// How far mail delivery is behind, read from the outbox as it stands:
/// what metrics show and what `/ready` judges.
public struct OutboxBacklog: Equatable, Sendable {
    /// Mail delivery is stuck when a message has been due for longer than
    /// this. A healthy worker takes a due message within seconds of the
    /// bell (`OutboxBell`); one the relay refused for now waits for its
    /// retry and is not due meanwhile. A quarter of an hour rides out a
    /// relay's restart or a short network fault without alarm, yet is
    /// before a citizen waiting for a confirmation would give up on it.
    public static let stuckAfterMinutes = 15

    /// Messages waiting to be sent, due or not (a reminder waits for its day).
    public let pending: Int
    /// Messages given up on: staff call those citizens instead.
    public let failed: Int
    /// When the longest-waiting due message became due; nil when none is due.
    public let oldestDueAt: Instant?
    /// The store's clock when the backlog was read.
    public let readAt: Instant

    /// How long the longest-waiting due message has been due, 0 when none is.
    public var oldestDueSeconds: Int64 {
        oldestDueAt.map { max(0, readAt.seconds(since: $0)) } ?? 0
    }

    /// Whether delivery is stuck (`stuckAfterMinutes`).
    public var isStuck: Bool { oldestDueSeconds > Int64(Self.stuckAfterMinutes) * 60 }
}

extension Outbox {
    /// The backlog now, by the store's clock: three look-ups on the
    /// outbox's partial indexes of the pending and the failed, never a scan
    /// of what was sent.
    public func backlog() throws -> OutboxBacklog {
        let now = clock.now()
        return try store.read { db in
            let pending = try db.scalar("SELECT count(*) FROM outbox WHERE status = 'pending'", as: Int.self)
            let failed = try db.scalar("SELECT count(*) FROM outbox WHERE status = 'failed'", as: Int.self)
            let oldestDue = try db.scalar(
                "SELECT min(next_attempt_at) FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?",
                [now.secondsSinceEpoch], as: Int64?.self)
            return OutboxBacklog(pending: pending, failed: failed, oldestDueAt: oldestDue.map(Instant.init(secondsSinceEpoch:)),
                                 readAt: now)
        }
    }
}
