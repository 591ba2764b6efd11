/// A day in the proleptic Gregorian calendar, without a time zone: the
/// "2026-12-01" a citizen picks, an office's closure date, a holiday.
///
/// Conversions use Howard Hinnant's days-from-civil algorithms, which are
/// exact for every year and need no tables.
public struct LocalDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible, LosslessStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Only real dates of the years 1…9999 (what `YYYY-MM-DD` can carry).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= LocalDate.numberOfDays(inMonth: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Without the check of 1…9999, for arithmetic only.
    private init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public init(daysSinceEpoch: Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Days since 1970-01-01 (negative before).
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = (month + 9) % 12
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public var weekday: Weekday {
        // 1970-01-01 was a Thursday (ISO 4).
        let offset = ((daysSinceEpoch % 7) + 7) % 7
        return Weekday(isoNumber: (offset + 3) % 7 + 1)!
    }

    public func adding(days: Int) -> LocalDate {
        LocalDate(daysSinceEpoch: daysSinceEpoch + days)
    }

    /// Whole days from `self` to `other` (negative when `other` is earlier).
    public func days(until other: LocalDate) -> Int {
        other.daysSinceEpoch - daysSinceEpoch
    }

    /// The Monday of this date's ISO week; repeat-every-N-weeks rules count
    /// weeks between Mondays so that any weekday of the anchor week works.
    public var mondayOfWeek: LocalDate {
        adding(days: 1 - weekday.isoNumber)
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func numberOfDays(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The last given weekday of a month, e.g. the last Sunday of March.
    /// Any year, also 0 and 10000: an instant next to 0001-01-01 or
    /// 9999-12-31 falls into those in UTC, and its offset is asked for.
    public static func last(_ weekday: Weekday, ofMonth month: Int, year: Int) -> LocalDate {
        let firstOfMonth = LocalDate(uncheckedYear: year, month: month, day: 1)
        let lastDay = firstOfMonth.adding(days: numberOfDays(inMonth: month, year: year) - 1)
        let back = (lastDay.weekday.isoNumber - weekday.isoNumber + 7) % 7
        return lastDay.adding(days: -back)
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    // MARK: - `YYYY-MM-DD`

    /// Strict ISO 8601 calendar date: exactly `YYYY-MM-DD`, ASCII digits,
    /// a real day. Anything else (`2026-2-1`, `2026-02-30`, whitespace) is nil,
    /// so the API can answer 422 instead of guessing.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = parseDigits(bytes, 0..<4),
              let month = parseDigits(bytes, 5..<7),
              let day = parseDigits(bytes, 8..<10)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public var description: String {
        "\(padded(year, width: 4))-\(padded(month, width: 2))-\(padded(day, width: 2))"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = LocalDate(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected YYYY-MM-DD, got \(text)")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
