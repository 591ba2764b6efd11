/// A point in time: whole seconds since 1970-01-01T00:00:00Z.
///
/// Whole seconds are enough because slots are minutes apart, and integers
/// keep every decision exact and reproducible. Scheduling never reads a
/// clock: whoever needs "now" passes an `Instant` in.
public struct Instant: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var secondsSinceEpoch: Int64

    public init(secondsSinceEpoch: Int64) {
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    public static func < (lhs: Instant, rhs: Instant) -> Bool {
        lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
    }

    public func adding(seconds: Int64) -> Instant {
        Instant(secondsSinceEpoch: secondsSinceEpoch + seconds)
    }

    public func adding(minutes: Int) -> Instant {
        adding(seconds: Int64(minutes) * 60)
    }

    public func adding(hours: Int) -> Instant {
        adding(seconds: Int64(hours) * 3600)
    }

    /// Seconds from `other` to `self` (negative when `other` is later).
    public func seconds(since other: Instant) -> Int64 {
        secondsSinceEpoch - other.secondsSinceEpoch
    }

    /// The UTC calendar date and time; used for storage keys and logs, never
    /// for what a citizen sees (that is always the office's local time).
    public var description: String {
        RFC3339.format(self, in: .utc)
    }

    // Encoded as a bare integer so stored rows and JSON fixtures stay exact.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        secondsSinceEpoch = try container.decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(secondsSinceEpoch)
    }
}
