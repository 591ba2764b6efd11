/// Local civil time of a zone with a fixed standard offset and, optionally,
/// EU summer time: from the last Sunday of March 01:00 UTC to the last Sunday
/// of October 01:00 UTC (Directive 2000/84/EC, in force since 1996 and applied
/// here to every year).
///
/// Implemented by hand instead of Foundation's `TimeZone` so that decisions do
/// not depend on the tzdata installed on a machine, and stay fast and exact.
/// Germany has one zone, so `europeBerlin` is the one that matters.
public struct TimeZoneRules: Hashable, Sendable, CustomStringConvertible {
    public let identifier: String
    /// Seconds east of UTC outside summer time.
    public let standardOffsetSeconds: Int
    /// Seconds east of UTC during EU summer time; nil for zones without it.
    public let summerOffsetSeconds: Int?

    public static let europeBerlin = TimeZoneRules(identifier: "Europe/Berlin", standardOffsetSeconds: 3600, summerOffsetSeconds: 7200)
    public static let utc = TimeZoneRules(identifier: "UTC", standardOffsetSeconds: 0, summerOffsetSeconds: nil)

    public init(identifier: String, standardOffsetSeconds: Int, summerOffsetSeconds: Int?) {
        self.identifier = identifier
        self.standardOffsetSeconds = standardOffsetSeconds
        self.summerOffsetSeconds = summerOffsetSeconds
    }

    /// The zones an office may name. Unknown names are nil rather than a
    /// silent fallback: a wrong zone would shift every appointment.
    public init?(identifier: String) {
        switch identifier {
        case "Europe/Berlin": self = .europeBerlin
        case "UTC", "Etc/UTC": self = .utc
        default: return nil
        }
    }

    public var description: String { identifier }

    /// Summer time of a year as `[start, end)` in UTC instants.
    public func summerTime(inYear year: Int) -> Range<Instant>? {
        guard summerOffsetSeconds != nil else { return nil }
        let start = LocalDate.last(.sunday, ofMonth: 3, year: year)
        let end = LocalDate.last(.sunday, ofMonth: 10, year: year)
        return Instant(secondsSinceEpoch: Int64(start.daysSinceEpoch) * 86_400 + 3600)
            ..< Instant(secondsSinceEpoch: Int64(end.daysSinceEpoch) * 86_400 + 3600)
    }

    public func offsetSeconds(at instant: Instant) -> Int {
        guard let summer = summerOffsetSeconds else { return standardOffsetSeconds }
        // The UTC year is right here: transitions are in March and October,
        // far from any year boundary.
        let utcDay = Int(floorDivision(instant.secondsSinceEpoch, 86_400))
        let year = LocalDate(daysSinceEpoch: utcDay).year
        return summerTime(inYear: year)!.contains(instant) ? summer : standardOffsetSeconds
    }

    public func isSummerTime(at instant: Instant) -> Bool {
        summerOffsetSeconds != nil && offsetSeconds(at: instant) == summerOffsetSeconds
    }

    public func localDateTime(of instant: Instant) -> LocalDateTime {
        let local = instant.secondsSinceEpoch + Int64(offsetSeconds(at: instant))
        let day = floorDivision(local, 86_400)
        return LocalDateTime(date: LocalDate(daysSinceEpoch: Int(day)),
                             secondsIntoDay: Int(local - day * 86_400))
    }

    public func localDate(of instant: Instant) -> LocalDate {
        localDateTime(of: instant).date
    }

    /// Every instant at which the wall clock shows `time` on `date`, earliest
    /// first: none inside the spring-forward gap, two in the repeated autumn
    /// hour, one otherwise. `24:00` means midnight at the end of `date`.
    public func instants(on date: LocalDate, at time: LocalTime) -> [Instant] {
        let localSeconds = Int64(date.daysSinceEpoch) * 86_400 + Int64(time.minutesSinceMidnight) * 60
        var offsets = [standardOffsetSeconds]
        if let summer = summerOffsetSeconds { offsets.insert(summer, at: 0) }
        var found: [Instant] = []
        for offset in offsets {
            let candidate = Instant(secondsSinceEpoch: localSeconds - Int64(offset))
            if offsetSeconds(at: candidate) == offset, !found.contains(candidate) {
                found.append(candidate)
            }
        }
        return found.sorted()
    }

    /// The first instant showing `time` on `date`, or nil inside the
    /// spring-forward gap. In the repeated autumn hour this is the summer-time
    /// (first) pass — the one an appointment letter saying "02:30" means.
    public func instant(on date: LocalDate, at time: LocalTime) -> Instant? {
        instants(on: date, at: time).first
    }

    /// The first instant of the local day (midnight exists every day in
    /// Europe/Berlin, since the switches happen at 02:00 and 03:00).
    public func startOfDay(_ date: LocalDate) -> Instant {
        if let midnight = instant(on: date, at: .midnight) { return midnight }
        // A zone whose midnight falls into a gap starts at the end of the gap.
        var minute = 1
        while minute < 24 * 60 {
            if let first = instant(on: date, at: LocalTime(uncheckedMinutes: minute)) { return first }
            minute += 1
        }
        return Instant(secondsSinceEpoch: Int64(date.daysSinceEpoch) * 86_400 - Int64(standardOffsetSeconds))
    }
}

/// A wall-clock reading: local date and seconds into that day.
public struct LocalDateTime: Hashable, Sendable, CustomStringConvertible {
    public let date: LocalDate
    public let secondsIntoDay: Int

    /// The wall-clock time rounded down to the minute.
    public var time: LocalTime { LocalTime(uncheckedMinutes: secondsIntoDay / 60) }
    public var second: Int { secondsIntoDay % 60 }

    public var description: String {
        "\(date)T\(time):\(padded(second, width: 2))"
    }
}
