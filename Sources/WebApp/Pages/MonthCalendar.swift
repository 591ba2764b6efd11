import Scheduling
import Templating

/// The choose-a-day page's content: a month calendar in which only days
/// with a real start are links, plus the same days as a plain list (the
/// list is what screen-reader and small-screen users find easiest), and
/// links to the previous and next month that have free days.
struct MonthCalendar {
    struct Month: Hashable, Comparable {
        /// Its first day.
        let first: LocalDate
        var year: Int { first.year }
        var month: Int { first.month }

        init(_ date: LocalDate) { first = date.adding(days: 1 - date.day) }

        /// `2026-12`; nil for anything else.
        init?(_ text: String) {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
                  let year = Int(parts[0]), let month = Int(parts[1]), let first = LocalDate(year: year, month: month, day: 1)
            else { return nil }
            self.init(first)
        }

        var text: String { "\(year)-" + (month < 10 ? "0\(month)" : String(month)) }
        var dayCount: Int { LocalDate.numberOfDays(inMonth: month, year: year) }

        static func < (a: Month, b: Month) -> Bool { (a.year, a.month) < (b.year, b.month) }
    }

    /// Free starts per day, as `Availability.days` answered.
    let free: [LocalDate: Int]
    let shown: Month?
    let format: CitizenFormat
    /// Where each listed day is held, for an office whose bands are not all
    /// at its own address (`Pages.dayPlaces`); nil when every day is there.
    let places: ((LocalDate) -> String)?

    /// - Parameter asked: the `month` of the address; the first month with a
    ///   free day when it is missing or has none.
    init(days: [DayAvailability], asked: Month?, format: CitizenFormat, places: ((LocalDate) -> String)? = nil) {
        var free: [LocalDate: Int] = [:]
        for day in days where !day.freeStarts.isEmpty { free[day.date] = day.freeStarts.count }
        self.init(free: free, asked: asked, format: format, places: places)
    }

    init(free: [LocalDate: Int], asked: Month?, format: CitizenFormat, places: ((LocalDate) -> String)? = nil) {
        self.free = free
        self.places = places
        let months = Set(free.keys.map(Month.init))
        shown = asked.flatMap { months.contains($0) ? $0 : nil } ?? months.min()
        self.format = format
    }

    func templateValue(dayLink: (LocalDate) -> String, monthLink: (Month) -> String) -> TemplateValue {
        guard let shown else { return ["noDays": true, "calendar": .null] }
        let texts = format.texts
        let months = Set(free.keys.map(Month.init)).sorted()
        let previous = months.last { $0 < shown }
        let next = months.first { $0 > shown }
        func navigation(_ month: Month?, _ key: String) -> TemplateValue {
            guard let month else { return .null }
            return ["href": .string(monthLink(month)),
                    "label": .string(texts.format(key, ["month": format.monthAndYear(year: month.year, month: month.month)]))]
        }
        var cells: [TemplateValue] = Array(repeating: ["day": "", "href": .null, "label": .null], count: shown.first.weekday.isoNumber - 1)
        var list: [TemplateValue] = []
        for day in 1...shown.dayCount {
            let date = shown.first.adding(days: day - 1)
            if let count = free[date] {
                let label = format.date(date)
                let starts = texts.format(count == 1 ? "day.oneStart" : "day.starts", ["count": String(count)])
                cells.append(["day": .string(String(day)), "href": .string(dayLink(date)), "label": .string(label + ", " + starts)])
                list.append(["href": .string(dayLink(date)), "label": .string(label), "starts": .string(starts),
                             "place": TemplateValue(places?(date))])
            } else {
                cells.append(["day": .string(String(day)), "href": .null, "label": .null])
            }
        }
        while cells.count % 7 != 0 { cells.append(["day": "", "href": .null, "label": .null]) }
        let weeks = stride(from: 0, to: cells.count, by: 7).map { TemplateValue.object(["cells": .list(Array(cells[$0..<$0 + 7]))]) }
        let weekdays = Weekday.allCases.sorted { $0.isoNumber < $1.isoNumber }
        return [
            "noDays": false,
            "calendar": [
                "title": .string(format.monthAndYear(year: shown.year, month: shown.month)),
                "weekdays": TemplateValue(weekdays) { ["short": .string(format.weekdayShort($0)), "long": .string(format.weekday($0))] },
                "weeks": .list(weeks),
                "previous": navigation(previous, "day.previousMonth"),
                "next": navigation(next, "day.nextMonth"),
                "days": .list(list),
            ],
        ]
    }
}
