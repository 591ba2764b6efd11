import Scheduling
import Templating

/// Dates, times and money as a citizen reads them, in their language:
/// "Montag, 7. Dezember 2026" / "Monday 7 December 2026", "9:30 Uhr" /
/// "9:30", "37,00 €" / "€37.00". The patterns and names are texts of the
/// catalogues, so a new language brings its own. Times are always the
/// local time of the office they belong to (`zone`, from the office's
/// setup), whatever the browser's zone.
struct CitizenFormat {
    let texts: TextCatalogue
    let zone: TimeZoneRules

    func date(_ date: LocalDate) -> String {
        texts.format("format.date", [
            "weekday": weekday(date.weekday), "day": String(date.day),
            "month": monthName(date.month), "year": String(date.year),
        ])
    }

    func date(of instant: Instant) -> String { date(zone.localDate(of: instant)) }

    /// The local time of an instant: hours without, minutes with a leading zero.
    func time(_ instant: Instant) -> String {
        let local = zone.localDateTime(of: instant).time
        return texts.format("format.time", ["hour": String(local.hour), "minute": Self.twoDigits(local.minute)])
    }

    /// "9:30–9:45 Uhr": a stretch of one day, the word once.
    func timeSpan(_ from: Instant, _ to: Instant) -> String {
        func bare(_ instant: Instant) -> String {
            let local = zone.localDateTime(of: instant).time
            return String(local.hour) + ":" + Self.twoDigits(local.minute)
        }
        return texts.format("format.timeSpan", ["from": bare(from), "to": bare(to)])
    }

    /// "Montag, 7. Dezember 2026, 9:30 Uhr".
    func dateAndTime(_ instant: Instant) -> String {
        texts.format("format.dateTime", ["date": date(of: instant), "time": time(instant)])
    }

    /// Euro amounts from cents; integers all the way, money is never a Double.
    func fee(cents: Int) -> String { Self.fee(cents: cents, texts) }

    /// A fee needs no zone: for pages that show no office's time.
    static func fee(cents: Int, _ texts: TextCatalogue) -> String {
        guard cents > 0 else { return texts.text("format.feeNone") }
        return texts.format("format.fee", ["euros": String(cents / 100), "cents": twoDigits(cents % 100)])
    }

    func monthAndYear(year: Int, month: Int) -> String {
        texts.format("format.monthYear", ["month": monthName(month), "year": String(year)])
    }

    func weekday(_ weekday: Weekday) -> String { texts.text("format.weekday.\(weekday.isoNumber)") }
    func weekdayShort(_ weekday: Weekday) -> String { texts.text("format.weekdayShort.\(weekday.isoNumber)") }
    func monthName(_ month: Int) -> String { texts.text("format.month.\(month)") }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}
