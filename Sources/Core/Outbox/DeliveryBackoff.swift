import Scheduling

/// When a message that failed for now is tried again: a minute after the
/// first failure, doubling after each, never more than an hour apart, and
/// for 48 hours from when the message was written; past that, the staff
/// call instead (`failed`). The one place the retries are decided.
public enum DeliveryBackoff {
    public static let firstDelaySeconds: Int64 = 60
    public static let longestDelaySeconds: Int64 = 3600
    public static let givingUpAfterSeconds: Int64 = 48 * 3600

    /// The seconds to wait after the `attempts`-th failed attempt (1 for the first).
    public static func delay(afterAttempts attempts: Int) -> Int64 {
        // 60 · 2^6 already passes the hour: no doubling beyond that can overflow.
        let doublings = min(max(attempts - 1, 0), 6)
        return min(firstDelaySeconds << Int64(doublings), longestDelaySeconds)
    }

    /// The next attempt after the `attempts`-th failed one at `now`, or nil
    /// when it would come later than 48 hours after `created`: then the message has failed.
    public static func nextAttempt(afterAttempts attempts: Int, at now: Instant, created: Instant) -> Instant? {
        let next = now.adding(seconds: delay(afterAttempts: attempts))
        return next.secondsSinceEpoch > created.secondsSinceEpoch + givingUpAfterSeconds ? nil : next
    }
}
