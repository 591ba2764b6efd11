import Scheduling

/// What a retention run erases or removes, kind by kind, as its report
/// prints and its record (`retention_run_counts.kind`) names them.
public enum RetentionKind: String, CaseIterable, Sendable {
    /// Bookings whose personal data was erased (`Erasure.booking`).
    case bookings
    /// Callback requests and memos whose personal data was erased.
    case callbacks, memos
    /// Walk-in tickets whose name was erased at the end of their day.
    case ticketNames
    /// Rows removed outright: expired holds, sessions past their timeouts,
    /// idempotency replies older than 24 hours, settled outbox messages
    /// older than 7 days.
    case holds, sessions, idempotencyReplies, outboxMessages
}

/// Why a run ran: at the server's start, at the daily `--retention-time`,
/// or by `terminbuch retention run`.
public enum RetentionTrigger: String, CaseIterable, Sendable {
    case startup, daily, command
}

/// What one run erased or removed (or, dry, would have).
public struct RetentionReport: Hashable, Sendable {
    public var startedAt: Instant
    public var finishedAt: Instant
    public var trigger: RetentionTrigger
    public var dryRun: Bool
    /// Rows per kind; a kind with nothing to do is absent.
    public var counts: [RetentionKind: Int]
    /// Whether the WAL was checkpointed and emptied after the run, so no
    /// erased value is left in the `-wal`: nil when not tried (a dry run,
    /// a run that changed nothing, a run read from the record), false when
    /// a reader holding an old snapshot kept it from finishing (the next
    /// checkpoint takes them).
    public var logEmptied: Bool?
    /// Whether the run stopped before it was through, because the server
    /// is shutting down: what it did is committed and recorded, the next
    /// run goes on with the rest.
    public var stoppedEarly = false

    public init(startedAt: Instant, finishedAt: Instant, trigger: RetentionTrigger, dryRun: Bool,
                counts: [RetentionKind: Int] = [:]) {
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.trigger = trigger
        self.dryRun = dryRun
        self.counts = counts
    }

    public subscript(kind: RetentionKind) -> Int { counts[kind, default: 0] }

    /// Counts `rows` more of `kind`; none leaves the kind absent.
    mutating func add(_ rows: Int, _ kind: RetentionKind) {
        if rows > 0 { counts[kind, default: 0] += rows }
    }
    public var total: Int { counts.values.reduce(0, +) }
}
