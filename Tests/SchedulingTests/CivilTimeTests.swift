import XCTest
@testable import Scheduling

final class CivilTimeTests: XCTestCase {
    func testDaysSinceEpochRoundTripsAndCountsDayByDay() {
        var date = LocalDate(year: 1600, month: 1, day: 1)!
        var days = date.daysSinceEpoch
        while date.year < 2400 {
            XCTAssertEqual(LocalDate(daysSinceEpoch: days), date)
            let next = date.day < LocalDate.numberOfDays(inMonth: date.month, year: date.year)
                ? LocalDate(year: date.year, month: date.month, day: date.day + 1)!
                : (date.month < 12 ? LocalDate(year: date.year, month: date.month + 1, day: 1)! : LocalDate(year: date.year + 1, month: 1, day: 1)!)
            XCTAssertEqual(date.adding(days: 1), next)
            date = next
            days += 1
        }
        XCTAssertEqual(LocalDate(year: 1970, month: 1, day: 1)!.daysSinceEpoch, 0)
        XCTAssertEqual(LocalDate(year: 1969, month: 12, day: 31)!.daysSinceEpoch, -1)
    }

    func testWeekdays() {
        XCTAssertEqual(Fixtures.date("1970-01-01").weekday, .thursday)
        XCTAssertEqual(Fixtures.date("2000-02-29").weekday, .tuesday)
        XCTAssertEqual(Fixtures.date("2026-03-29").weekday, .sunday)
        XCTAssertEqual(Fixtures.date("2026-12-01").weekday, .tuesday)
        XCTAssertEqual(Fixtures.date("1969-12-29").weekday, .monday)
        XCTAssertEqual(Fixtures.date("2026-12-03").mondayOfWeek, Fixtures.date("2026-11-30"))
        XCTAssertEqual(LocalDate.last(.sunday, ofMonth: 10, year: 2026), Fixtures.date("2026-10-25"))
    }

    /// Found by schemathesis: the schedule of 0001-01-01 asked for the offset
    /// of an instant in UTC year 0, and the last Sunday of March 0 trapped.
    func testTheFirstAndLastDaysHaveOffsetsAndMidnights() {
        let zone = TimeZoneRules.europeBerlin
        let first = Fixtures.date("0001-01-01"), last = Fixtures.date("9999-12-31")
        XCTAssertEqual(zone.startOfDay(first).secondsSinceEpoch, Int64(first.daysSinceEpoch) * 86_400 - 3600)
        XCTAssertEqual(zone.startOfDay(last).secondsSinceEpoch, Int64(last.daysSinceEpoch) * 86_400 - 3600)
        XCTAssertEqual(zone.localDate(of: zone.startOfDay(first)), first)
        XCTAssertEqual(zone.offsetSeconds(at: Instant(secondsSinceEpoch: Int64(last.daysSinceEpoch + 1) * 86_400 + 3600)), 3600)
        XCTAssertEqual(LocalDate.last(.sunday, ofMonth: 3, year: 0).weekday, .sunday)
        XCTAssertEqual(LocalDate.last(.sunday, ofMonth: 10, year: 10_000).month, 10)
    }

    func testDateParsingIsStrict() {
        XCTAssertEqual(LocalDate("2024-02-29"), LocalDate(year: 2024, month: 2, day: 29))
        XCTAssertEqual(LocalDate("2026-12-01")?.description, "2026-12-01")
        XCTAssertEqual(LocalDate("0042-01-09")?.description, "0042-01-09")
        for bad in ["2026-02-29", "2026-13-01", "2026-00-10", "2026-2-01", "26-02-01", "2026-02-01 ", " 2026-02-01",
                    "2026/02/01", "+026-02-01", "2026-02-1x", "２０２６-02-01", "", "0000-01-01"] {
            XCTAssertNil(LocalDate(bad), bad)
        }
    }

    func testTimeParsingAndFormatting() {
        XCTAssertEqual(LocalTime("08:30")?.minutesSinceMidnight, 510)
        XCTAssertEqual(LocalTime("24:00"), LocalTime.endOfDay)
        XCTAssertEqual(LocalTime(minutesSinceMidnight: 65)?.description, "01:05")
        for bad in ["8:30", "08:3", "24:01", "25:00", "08:60", "08-30", "0830", "08:30:00"] {
            XCTAssertNil(LocalTime(bad), bad)
        }
        XCTAssertNil(TimeBand("12:00", "12:00"))
        XCTAssertNil(TimeBand("13:00", "12:00"))
        XCTAssertTrue(Fixtures.band("08:00", "12:00").overlaps(Fixtures.band("11:45", "13:00")))
        XCTAssertFalse(Fixtures.band("08:00", "12:00").overlaps(Fixtures.band("12:00", "13:00")))
    }

    func testBerlinSummerTimeBoundaries() {
        let zone = TimeZoneRules.europeBerlin
        let summer2026 = zone.summerTime(inYear: 2026)!
        XCTAssertEqual(summer2026.lowerBound, Fixtures.instant("2026-03-29T01:00:00Z"))
        XCTAssertEqual(summer2026.upperBound, Fixtures.instant("2026-10-25T01:00:00Z"))
        XCTAssertEqual(zone.offsetSeconds(at: Fixtures.instant("2026-03-29T00:59:59Z")), 3600)
        XCTAssertEqual(zone.offsetSeconds(at: Fixtures.instant("2026-03-29T01:00:00Z")), 7200)
        XCTAssertEqual(zone.offsetSeconds(at: Fixtures.instant("2026-10-25T00:59:59Z")), 7200)
        XCTAssertEqual(zone.offsetSeconds(at: Fixtures.instant("2026-10-25T01:00:00Z")), 3600)
        XCTAssertEqual(zone.summerTime(inYear: 2027)!.lowerBound, Fixtures.instant("2027-03-28T01:00:00Z"))
        XCTAssertEqual(zone.summerTime(inYear: 2027)!.upperBound, Fixtures.instant("2027-10-31T01:00:00Z"))
    }

    func testWallClockTimesInTheGapAndInTheRepeatedHour() {
        let zone = TimeZoneRules.europeBerlin
        XCTAssertEqual(zone.instants(on: Fixtures.date("2026-03-29"), at: Fixtures.time("02:30")), [])
        XCTAssertEqual(zone.instants(on: Fixtures.date("2026-03-29"), at: Fixtures.time("01:59")),
                       [Fixtures.instant("2026-03-29T00:59:00Z")])
        XCTAssertEqual(zone.instants(on: Fixtures.date("2026-03-29"), at: Fixtures.time("03:00")),
                       [Fixtures.instant("2026-03-29T01:00:00Z")])
        XCTAssertEqual(zone.instants(on: Fixtures.date("2026-10-25"), at: Fixtures.time("02:30")),
                       [Fixtures.instant("2026-10-25T00:30:00Z"), Fixtures.instant("2026-10-25T01:30:00Z")])
        XCTAssertEqual(zone.instant(on: Fixtures.date("2026-10-25"), at: Fixtures.time("02:30")),
                       Fixtures.instant("2026-10-25T02:30:00+02:00"))
        XCTAssertEqual(zone.instant(on: Fixtures.date("2026-12-01"), at: .endOfDay), Fixtures.instant("2026-12-01T23:00:00Z"))
        XCTAssertEqual(zone.startOfDay(Fixtures.date("2026-03-29")), Fixtures.instant("2026-03-28T23:00:00Z"))
        XCTAssertEqual(zone.localDateTime(of: Fixtures.instant("2026-10-25T01:30:00Z")).description, "2026-10-25T02:30:00")
    }

    func testRFC3339FormattingUsesTheLocalOffset() {
        let zone = TimeZoneRules.europeBerlin
        XCTAssertEqual(Fixtures.at("2026-12-01", "08:30").rfc3339(in: zone), "2026-12-01T08:30:00+01:00")
        XCTAssertEqual(Fixtures.at("2026-07-01", "08:30").rfc3339(in: zone), "2026-07-01T08:30:00+02:00")
        XCTAssertEqual(Fixtures.instant("2026-10-25T01:30:00Z").rfc3339(in: zone), "2026-10-25T02:30:00+01:00")
        XCTAssertEqual(Fixtures.instant("2026-10-25T00:30:00Z").rfc3339(in: zone), "2026-10-25T02:30:00+02:00")
        XCTAssertEqual(Fixtures.instant("1969-12-31T23:59:59Z").rfc3339(in: .utc), "1969-12-31T23:59:59Z")
        XCTAssertEqual(RFC3339.formatOffset(-(5 * 3600 + 30 * 60)), "-05:30")
    }

    func testRFC3339ParsingAcceptsAnyOffsetAndRefusesNonsense() {
        let expected = Fixtures.instant("2026-12-01T07:30:00Z")
        for text in ["2026-12-01T08:30:00+01:00", "2026-12-01T07:30:00Z", "2026-12-01t07:30:00z",
                     "2026-12-01T13:00:00+05:30", "2026-12-01T02:30:00-05:00", "2026-12-01T07:30:00.999Z",
                     "2026-12-01T07:30:00-00:00"] {
            XCTAssertEqual(Instant(rfc3339: text), expected, text)
        }
        for bad in ["2026-12-01T08:30:00", "2026-12-01 08:30:00+01:00", "2026-12-01T08:30+01:00",
                    "2026-12-01T24:00:00Z", "2026-12-01T08:60:00Z", "2026-12-01T08:30:60Z", "2026-02-30T08:30:00Z",
                    "2026-12-01T08:30:00+0100", "2026-12-01T08:30:00+24:00", "2026-12-01T08:30:00.Z",
                    "2026-12-01T08:30:00Zjunk", "2026-12-01T08:30:00+01:00 ", ""] {
            XCTAssertNil(Instant(rfc3339: bad), bad)
        }
    }

    func testRFC3339RoundTripsOverManyInstants() {
        var rng = SplitMix64(seed: 0x3339)
        let zone = TimeZoneRules.europeBerlin
        // Dense around the 2026 switches, sparse over 1900–2100.
        let switches = [Fixtures.instant("2026-03-29T01:00:00Z"), Fixtures.instant("2026-10-25T01:00:00Z")]
        for index in 0..<20_000 {
            let instant = index % 2 == 0
                ? rng.pick(switches).adding(seconds: Int64(rng.int(-7200...7200)))
                : Instant(secondsSinceEpoch: Int64(rng.int(-2_208_988_800...4_102_444_800)))
            XCTAssertEqual(Instant(rfc3339: instant.rfc3339(in: zone)), instant)
            XCTAssertEqual(Instant(rfc3339: instant.rfc3339(in: .utc)), instant)
            let local = zone.localDateTime(of: instant)
            XCTAssertTrue(zone.instants(on: local.date, at: local.time).contains(instant.adding(seconds: -Int64(local.second))))
        }
    }

    func testCodableShapes() throws {
        let rule = Fixtures.rule("r", "08:00", "12:00")
        let decoded = try JSONRoundTrip.roundTrip(rule)
        XCTAssertEqual(decoded, rule)
        XCTAssertEqual(try JSONRoundTrip.encode(Fixtures.date("2026-12-01")), "\"2026-12-01\"")
        XCTAssertEqual(try JSONRoundTrip.encode(Fixtures.time("08:30")), "\"08:30\"")
        XCTAssertEqual(try JSONRoundTrip.encode(Instant(secondsSinceEpoch: 42)), "42")
    }
}
