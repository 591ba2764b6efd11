/// A wall-clock time of day in minutes since midnight, `00:00` … `24:00`.
///
/// `24:00` exists so that a band can end at midnight (`TimeBand(18:00, 24:00)`);
/// minutes are the finest unit any rule uses.
public struct LocalTime: Hashable, Comparable, Sendable, Codable, CustomStringConvertible, LosslessStringConvertible {
    public let minutesSinceMidnight: Int

    public static let midnight = LocalTime(uncheckedMinutes: 0)
    public static let endOfDay = LocalTime(uncheckedMinutes: 24 * 60)

    public init?(minutesSinceMidnight: Int) {
        guard (0...(24 * 60)).contains(minutesSinceMidnight) else { return nil }
        self.minutesSinceMidnight = minutesSinceMidnight
    }

    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour) && (0...59).contains(minute) || (hour == 24 && minute == 0) else { return nil }
        self.minutesSinceMidnight = hour * 60 + minute
    }

    init(uncheckedMinutes: Int) {
        minutesSinceMidnight = uncheckedMinutes
    }

    public var hour: Int { minutesSinceMidnight / 60 }
    public var minute: Int { minutesSinceMidnight % 60 }

    /// Strict `HH:MM` (24-hour, two digits each); `24:00` is accepted as the
    /// end of the day.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 5, bytes[2] == UInt8(ascii: ":"),
              let hour = parseDigits(bytes, 0..<2),
              let minute = parseDigits(bytes, 3..<5)
        else { return nil }
        self.init(hour: hour, minute: minute)
    }

    public var description: String {
        "\(padded(hour, width: 2)):\(padded(minute, width: 2))"
    }

    public static func < (lhs: LocalTime, rhs: LocalTime) -> Bool {
        lhs.minutesSinceMidnight < rhs.minutesSinceMidnight
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let time = LocalTime(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected HH:MM, got \(text)")
        }
        self = time
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
