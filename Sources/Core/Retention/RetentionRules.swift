/// The numbers of retention that belong to no other rule. The others live
/// with what they time: a booking's days are its municipality's
/// (`Municipality.retentionDays`, 14 unless the catalogue says), a hold's
/// row goes when the hold rules no longer need it (`HoldRows.unneeded`), a
/// session at its timeouts (`Accounts.hasEnded`), an idempotency reply
/// after its day (`IdempotencyLedger.lifetimeSeconds`).
public enum RetentionRules {
    static let secondsPerDay: Int64 = 86_400
    /// A callback request or a memo is erased at the latest this many days
    /// after it was filed, done or not: an item nobody closes must not keep
    /// its caller for ever.
    public static let callCentreItemLatestDays: Int64 = 90
    /// A message the outbox has settled (sent, failed, withdrawn) is
    /// removed this many days after it settled: long enough to answer
    /// "did my confirmation go out?".
    public static let settledMessageDays: Int64 = 7
    /// Rows one write transaction of a run erases or removes at most, so
    /// the writer is held for a few milliseconds at a time and bookings
    /// keep flowing between two batches.
    static let batchSize = 200

    /// How long an idempotency reply is kept, in hours, as the privacy page states it.
    public static var idempotencyReplyHours: Int64 { IdempotencyLedger.lifetimeSeconds / 3600 }
}
