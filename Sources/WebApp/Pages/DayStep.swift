import Core
import HTTPServer
import Scheduling
import Templating

/// Choose a day: a month calendar of the days on which this service, in
/// this quantity, at this office, has at least one start a citizen can
/// book — exactly what `Availability.days` answers, so the page never
/// offers a day the next step would have to refuse.
extension Pages {
    func registerDay(on builder: RouterBuilder) {
        get(builder, "/termin/:serviceId/tag") { page in
            let catalogue = try catalogue()
            let journey = try Journey(page, catalogue: catalogue)
            let office = try journey.chosenOffice(for: .day)
            let free = try availability.days(office: office.id, services: journey.requested, from: nil, through: nil,
                                             caller: .citizen)
            let calendar = MonthCalendar(days: free.days, asked: page.field("month").flatMap(MonthCalendar.Month.init),
                                         format: page.format(in: try zone(office.id)),
                                         places: Self.dayPlaces(office, setup: catalogue.setup(office.id)))
            var values = calendar.templateValue(
                dayLink: { date in
                    var next = journey
                    next.date = date
                    return next.link(.time)
                },
                monthLink: { journey.link(.day, extra: [("month", $0.text)]) })
            values.set("caption", .string(journey.serviceTexts.name))
            values.set("heading", .string(page.texts.text("day.question")))
            values.set("hint", .string(releaseHint(catalogue.setup(office.id), page: page)))
            values.set("place", .string(Self.place(office, at: office.location)))
            values.set("backHref", .string(journey.link(journey.asksQuantity ? .quantity : .office)))
            values.set("otherOfficeHref", .string(journey.link(.office)))
            return try render("pages/day", values, page)
        }
    }

    /// When new days open: "Neue Termine werden täglich um 7:00 Uhr freigeschaltet, bis zu 42 Tage im Voraus."
    func releaseHint(_ setup: OfficeSetup?, page: PageRequest) -> String {
        guard let policy = setup?.policy else { return "" }
        return page.texts.format("day.hint", ["time": Self.timeOfDay(policy.releaseTime), "days": String(policy.horizonDays)])
    }
}
