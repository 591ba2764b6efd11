import Core
import Scheduling
import Templating

/// An office's week under a catalogue change (`WeekPreview`) as
/// `pages/partials/catalogue-week` shows it: one table per day, a row per
/// band. Any page previewing a change of an office (its hours, its
/// closures, the office itself) renders the week through this one function.
extension Pages {
    func weekView(_ week: WeekPreview, _ page: PageRequest) -> TemplateValue {
        // Calendar days and wall-clock bands only: no instant, so no zone
        // (and an office not yet saved has none to look up).
        let format = page.format(in: .utc)
        return [
            "days": .list(week.days.map { day in
                [
                    "id": .string("week-\(day.date)"),
                    "date": .string(format.date(day.date)),
                    "closure": TemplateValue(day.closure),
                    "hasBands": .bool(!day.bands.isEmpty),
                    "bands": .list(day.bands.map { band in
                        [
                            "time": .string(page.texts.format("catalogue.week.band", ["from": band.band.start.description,
                                                                                      "to": band.band.end.description])),
                            "kind": .string(page.texts.text("catalogue.rule.kind.\(band.kind.rawValue)")),
                            "slots": .string(String(band.slots)),
                            "closedSlots": .string(String(band.closedSlots)),
                            "counters": .string(String(band.counters)),
                            "walkIn": .string(String(band.walkInReserve)),
                            "phone": .string(String(band.phoneReserve)),
                            "bookable": .string(String(band.bookable)),
                        ]
                    }),
                ]
            }),
        ]
    }
}
