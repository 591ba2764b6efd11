/// RFC 3339 timestamps, the API's format for instants.
///
/// Formatting always writes the office's local offset
/// (`2026-12-01T08:30:00+01:00`) so that a person reading the JSON sees the
/// wall-clock time of the appointment; parsing accepts any offset or `Z`.
public enum RFC3339 {
    /// `YYYY-MM-DDTHH:MM:SS±HH:MM` in the given zone; `Z` for a zero offset.
    public static func format(_ instant: Instant, in zone: TimeZoneRules) -> String {
        let offset = zone.offsetSeconds(at: instant)
        let local = zone.localDateTime(of: instant)
        let seconds = local.secondsIntoDay
        let clock = "\(padded(seconds / 3600, width: 2)):\(padded(seconds / 60 % 60, width: 2)):\(padded(seconds % 60, width: 2))"
        return "\(local.date)T\(clock)\(formatOffset(offset))"
    }

    static func formatOffset(_ offset: Int) -> String {
        if offset == 0 { return "Z" }
        let sign = offset < 0 ? "-" : "+"
        let magnitude = abs(offset) / 60
        return "\(sign)\(padded(magnitude / 60, width: 2)):\(padded(magnitude % 60, width: 2))"
    }

    /// Parses `date-time` of RFC 3339 §5.6: `T` or `t` between date and time,
    /// optional fractional seconds (dropped: instants are whole seconds, and
    /// rounding down keeps `08:30:00.9` on the 08:30 slot), `Z`/`z` or
    /// `±HH:MM`. Leap seconds (`:60`) are refused: no appointment needs one
    /// and accepting them would make two strings name one instant.
    public static func parse(_ text: String) -> Instant? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20,
              bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let year = parseDigits(bytes, 0..<4), let month = parseDigits(bytes, 5..<7),
              let day = parseDigits(bytes, 8..<10), let date = LocalDate(year: year, month: month, day: day),
              let hour = parseDigits(bytes, 11..<13), hour <= 23,
              let minute = parseDigits(bytes, 14..<16), minute <= 59,
              let second = parseDigits(bytes, 17..<19), second <= 59
        else { return nil }

        var index = 19
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            let digitsStart = index
            while index < bytes.count, isASCIIDigit(bytes[index]) { index += 1 }
            guard index > digitsStart else { return nil }
        }
        guard index < bytes.count else { return nil }

        let offsetSeconds: Int
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.count else { return nil }
            offsetSeconds = 0
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == bytes.count, bytes[index + 3] == UInt8(ascii: ":"),
                  let offsetHour = parseDigits(bytes, (index + 1)..<(index + 3)), offsetHour <= 23,
                  let offsetMinute = parseDigits(bytes, (index + 4)..<(index + 6)), offsetMinute <= 59
            else { return nil }
            let magnitude = offsetHour * 3600 + offsetMinute * 60
            offsetSeconds = bytes[index] == UInt8(ascii: "-") ? -magnitude : magnitude
        default:
            return nil
        }

        let localSeconds = Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return Instant(secondsSinceEpoch: localSeconds - Int64(offsetSeconds))
    }
}

extension Instant {
    /// Parses an RFC 3339 timestamp with any offset; see `RFC3339.parse`.
    public init?(rfc3339 text: String) {
        guard let instant = RFC3339.parse(text) else { return nil }
        self = instant
    }

    /// RFC 3339 in the given zone, e.g. `2026-12-01T08:30:00+01:00`.
    public func rfc3339(in zone: TimeZoneRules) -> String {
        RFC3339.format(self, in: zone)
    }
}
