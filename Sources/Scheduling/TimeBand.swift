/// A half-open stretch of wall-clock time `[start, end)` within one day:
/// an opening band, or the part of a day a closure covers.
public struct TimeBand: Hashable, Sendable, Codable, CustomStringConvertible {
    public let start: LocalTime
    public let end: LocalTime

    /// Nil unless `start < end`: an empty or inverted band is a typo, not a rule.
    public init?(start: LocalTime, end: LocalTime) {
        guard start < end else { return nil }
        self.start = start
        self.end = end
    }

    public init?(_ start: String, _ end: String) {
        guard let start = LocalTime(start), let end = LocalTime(end) else { return nil }
        self.init(start: start, end: end)
    }

    public var minutes: Int { end.minutesSinceMidnight - start.minutesSinceMidnight }

    public func contains(_ time: LocalTime) -> Bool {
        start <= time && time < end
    }

    /// True when the two bands share at least one minute (touching is not overlapping).
    public func overlaps(_ other: TimeBand) -> Bool {
        start < other.end && other.start < end
    }

    /// Overlap with the minutes `[from, to)` since midnight.
    func overlaps(minutes from: Int, _ to: Int) -> Bool {
        start.minutesSinceMidnight < to && from < end.minutesSinceMidnight
    }

    public var description: String { "\(start)–\(end)" }

    private enum CodingKeys: String, CodingKey { case start, end }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let start = try container.decode(LocalTime.self, forKey: .start)
        let end = try container.decode(LocalTime.self, forKey: .end)
        guard let band = TimeBand(start: start, end: end) else {
            throw DecodingError.dataCorruptedError(forKey: .end, in: container, debugDescription: "end must be after start")
        }
        self = band
    }
}
