import Scheduling

/// The demo's closures, placed relative to the day it is seeded so that it
/// always shows one ahead: a staff meeting (Personalversammlung) on a
/// Thursday afternoon about two weeks ahead, and a whole day at the Kfz
/// office for a software change. They are the office's day, not its
/// catalogue, so `Examples/demo/catalogue.json` has none.
extension DemoData {
    static func closures(today: LocalDate) -> [Closure] {
        [
            Closure(id: "mitte-personalversammlung", officeId: "buergerbuero-mitte",
                    from: next(.thursday, onOrAfter: today.adding(days: 14)), band: TimeBand("12:00", "18:00")!,
                    reason: "Personalversammlung – das Bürgerbüro ist ab 12:00 Uhr geschlossen"),
            Closure(id: "kfz-softwareumstellung", officeId: "kfz-zulassung",
                    from: next(.friday, onOrAfter: today.adding(days: 21)),
                    reason: "Umstellung der Zulassungssoftware – die Zulassungsstelle ist geschlossen"),
        ]
    }

    static func next(_ weekday: Weekday, onOrAfter date: LocalDate) -> LocalDate {
        date.adding(days: (weekday.isoNumber - date.weekday.isoNumber + 7) % 7)
    }

    /// `catalogue` with the closures of `today` added to their offices (an
    /// office the catalogue lacks gets none).
    static func withClosures(_ catalogue: CatalogueDocument, today: LocalDate) -> CatalogueDocument {
        var document = catalogue
        for closure in closures(today: today) {
            guard let index = document.offices.firstIndex(where: { $0.office.id == closure.officeId }) else { continue }
            document.offices[index].closures.append(closure)
        }
        return document
    }
}
