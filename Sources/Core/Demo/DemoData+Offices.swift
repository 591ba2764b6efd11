import Scheduling

/// The demo municipalities and their offices: addresses, booking policy,
/// the services each offers, and opening rules. Rules carry no `validFrom`,
/// so every office is bookable from the day the demo is seeded.
extension DemoData {
    /// One office as the seed writes it.
    struct OfficePlan {
        let office: Office
        let policy: BookingPolicy
        let offerings: [ServiceOffering]
        let rules: [OpeningRule]
    }

    static let municipalities = [
        Municipality(id: "bremerhaven", name: "Stadt Bremerhaven"),
        Municipality(id: "luebeck", name: "Hansestadt Lübeck"),
    ]

    static let officePlans: [OfficePlan] = [mitte, nord, kfz, fuehrerscheinstelle, mobil, stLorenz]

    private static let workdays: Set<Weekday> = [.monday, .tuesday, .wednesday, .thursday, .friday]

    /// The same for every demo office (the README's demo): only the
    /// minimum notice differs, by how far ahead each office plans its counters.
    private static func policy(minNotice: Int) -> BookingPolicy {
        BookingPolicy(minNoticeMinutes: minNotice, horizonDays: 42, releaseTime: LocalTime(hour: 7, minute: 0)!,
                      holdMinutes: 10, cancelCooldownMinutes: 30, maxActiveBookingsPerContact: 2, phoneReleaseHours: 24)
    }

    private static func offer(_ ids: [ServiceID]) -> [ServiceOffering] {
        ids.map { ServiceOffering(serviceId: $0) }
    }

    private static func rule(_ id: String, _ office: OfficeID, _ weekdays: Set<Weekday>, _ start: String, _ end: String,
                             counters: Int, slot: Int, kind: OpeningRule.Kind = .mixed, walkInShare: Double = 0,
                             phoneReserve: Int = 0, services: Set<ServiceID>? = nil,
                             location: Location? = nil) -> OpeningRule {
        OpeningRule(id: id, officeId: office, weekdays: weekdays, band: TimeBand(start, end)!, counters: counters,
                    slotMinutes: slot, walkInReserve: .share(walkInShare), kind: kind, serviceIds: services,
                    phoneReserve: phoneReserve, location: location)
    }

    /// The big Bürgerbüro in the Stadthaus: mornings mixed, long afternoons
    /// by appointment only, and an early walk-in hour on Wednesdays for
    /// people on their way to work. Wednesday's morning is split at 09:00
    /// because two overlapping rules would be a configuration error.
    static let mitte: OfficePlan = {
        let id: OfficeID = "buergerbuero-mitte"
        return OfficePlan(
            office: Office(id: id, name: "Bürgerbüro Mitte", kind: .citizensOffice, municipalityId: "bremerhaven",
                           address: Address(street: "Hinrich-Schmalfeldt-Straße 42", postalCode: "27576", city: "Bremerhaven"),
                           land: .bremen),
            policy: policy(minNotice: 120),
            offerings: offer(["personalausweis", "reisepass", "wohnsitz-anmelden", "wohnsitz-abmelden",
                              "anwohnerparkausweis", "meldebescheinigung", "fuehrungszeugnis"]),
            rules: [
                // 4 counters × 0.3 = 1.2 → 1 counter for walk-ins, 3 bookable, 1 of them for the phone.
                rule("mitte-vormittag", id, [.monday, .tuesday, .thursday, .friday], "08:00", "12:00",
                     counters: 4, slot: 15, walkInShare: 0.3, phoneReserve: 1),
                rule("mitte-mittwoch-frueh", id, [.wednesday], "07:30", "09:00", counters: 3, slot: 15, kind: .walkInOnly),
                rule("mitte-mittwoch-vormittag", id, [.wednesday], "09:00", "12:00",
                     counters: 4, slot: 15, walkInShare: 0.3, phoneReserve: 1),
                rule("mitte-montag-nachmittag", id, [.monday], "13:30", "17:30",
                     counters: 3, slot: 15, kind: .appointmentsOnly, phoneReserve: 1),
                rule("mitte-donnerstag-nachmittag", id, [.thursday], "14:00", "18:00",
                     counters: 4, slot: 15, kind: .appointmentsOnly, phoneReserve: 1),
            ])
    }()

    /// A smaller Bürgerbüro in Lehe: fewer counters, closed on Wednesdays,
    /// no parking permits (those are issued in Mitte only).
    static let nord: OfficePlan = {
        let id: OfficeID = "buergerbuero-nord"
        return OfficePlan(
            office: Office(id: id, name: "Bürgerbüro Nord", kind: .citizensOffice, municipalityId: "bremerhaven",
                           address: Address(street: "Lange Straße 119", postalCode: "27580", city: "Bremerhaven"),
                           land: .bremen),
            policy: policy(minNotice: 60),
            offerings: offer(["personalausweis", "reisepass", "wohnsitz-anmelden", "wohnsitz-abmelden", "meldebescheinigung"]),
            rules: [
                rule("nord-vormittag", id, [.monday, .tuesday, .thursday, .friday], "08:00", "12:00",
                     counters: 3, slot: 20, walkInShare: 0.3, phoneReserve: 1),
                rule("nord-dienstag-nachmittag", id, [.tuesday], "14:00", "17:00",
                     counters: 2, slot: 20, kind: .appointmentsOnly),
            ])
    }()

    /// The vehicle registration: early mornings for dealers and tradespeople,
    /// and a Tuesday afternoon for de-registrations only (they are short and
    /// would otherwise queue behind long registrations).
    static let kfz: OfficePlan = {
        let id: OfficeID = "kfz-zulassung"
        return OfficePlan(
            office: Office(id: id, name: "Kfz-Zulassungsstelle", kind: .vehicleRegistration, municipalityId: "bremerhaven",
                           address: Address(street: "Schifferstraße 48", postalCode: "27568", city: "Bremerhaven"),
                           land: .bremen),
            policy: policy(minNotice: 120),
            offerings: offer(["kfz-zulassung-neu", "kfz-umschreibung", "kfz-abmeldung"]),
            rules: [
                rule("kfz-vormittag", id, workdays, "07:30", "12:30", counters: 6, slot: 15, walkInShare: 0.2, phoneReserve: 1),
                rule("kfz-dienstag-abmeldungen", id, [.tuesday], "14:00", "16:00",
                     counters: 2, slot: 15, kind: .appointmentsOnly, services: ["kfz-abmeldung"]),
                rule("kfz-donnerstag-nachmittag", id, [.thursday], "14:00", "17:00",
                     counters: 4, slot: 15, kind: .appointmentsOnly, phoneReserve: 1),
            ])
    }()

    /// The driving-licence office. A replacement after loss or theft is
    /// bookable by phone and at the desk only: the clerk first has to ask
    /// whether the licence was stolen (police report) or lost (affidavit on
    /// site, longer appointment), which an online form cannot settle.
    static let fuehrerscheinstelle: OfficePlan = {
        let id: OfficeID = "fuehrerscheinstelle"
        return OfficePlan(
            office: Office(id: id, name: "Führerscheinstelle", kind: .drivingLicence, municipalityId: "bremerhaven",
                           address: Address(street: "Hinrich-Schmalfeldt-Straße 31", postalCode: "27576", city: "Bremerhaven"),
                           land: .bremen),
            policy: policy(minNotice: 90),
            offerings: [ServiceOffering(serviceId: "fuehrerschein-umtausch"),
                        ServiceOffering(serviceId: "fuehrerschein-ersatz", channels: [.phone, .desk]),
                        ServiceOffering(serviceId: "internationaler-fuehrerschein")],
            rules: [
                // 3 counters × 0.2 = 0.6 → 1 counter for walk-ins.
                rule("fs-vormittag", id, [.monday, .tuesday, .thursday], "08:00", "12:00",
                     counters: 3, slot: 20, walkInShare: 0.2, phoneReserve: 1),
                rule("fs-donnerstag-nachmittag", id, [.thursday], "14:00", "18:00",
                     counters: 2, slot: 20, kind: .appointmentsOnly),
            ])
    }()

    /// The mobile Bürgerservice: two clerks with a case of equipment who
    /// hold office hours in library branches, so those rules name the
    /// branch citizens are sent to; on Monday afternoons they are at the
    /// Stadthaus they are run from, the office's own address. By
    /// appointment only: the clerks bring what the booked services need.
    static let mobil: OfficePlan = {
        let id: OfficeID = "buergerservice-mobil"
        return OfficePlan(
            office: Office(id: id, name: "Mobiler Bürgerservice", kind: .mobile, municipalityId: "bremerhaven",
                           address: Address(street: "Hinrich-Schmalfeldt-Straße 42", postalCode: "27576", city: "Bremerhaven"),
                           land: .bremen),
            policy: policy(minNotice: 120),
            offerings: offer(["personalausweis", "reisepass", "wohnsitz-anmelden", "meldebescheinigung"]),
            rules: [
                rule("mobil-stadthaus", id, [.monday], "14:00", "17:00", counters: 2, slot: 20, kind: .appointmentsOnly),
                rule("mobil-leherheide", id, [.tuesday], "09:00", "12:00", counters: 2, slot: 20, kind: .appointmentsOnly,
                     location: leherheide),
                rule("mobil-gruenhoefe", id, [.thursday], "14:00", "17:00", counters: 2, slot: 20, kind: .appointmentsOnly,
                     location: gruenhoefe),
            ])
    }()

    static let leherheide = Location(name: "Stadtbibliothek Leherheide",
                                     address: Address(street: "Am Leher Markt 1", postalCode: "27578", city: "Bremerhaven"))
    static let gruenhoefe = Location(name: "Stadtteilbibliothek Grünhöfe",
                                     address: Address(street: "Auf den Sülten 9", postalCode: "27574", city: "Bremerhaven"))

    /// A district office of Lübeck, whose calls the same call centre answers.
    static let stLorenz: OfficePlan = {
        let id: OfficeID = "stadtteilbuero-luebeck-st-lorenz"
        return OfficePlan(
            office: Office(id: id, name: "Stadtteilbüro St. Lorenz", kind: .citizensOffice, municipalityId: "luebeck",
                           address: Address(street: "Schwartauer Allee 37", postalCode: "23554", city: "Lübeck"),
                           land: .schleswigHolstein),
            policy: policy(minNotice: 60),
            offerings: offer(["personalausweis", "reisepass", "wohnsitz-anmelden", "wohnsitz-abmelden",
                              "meldebescheinigung", "fuehrungszeugnis"]),
            rules: [
                // 4 counters × 0.25 = 1 counter for walk-ins.
                rule("st-lorenz-vormittag", id, workdays, "08:00", "12:00",
                     counters: 4, slot: 10, walkInShare: 0.25, phoneReserve: 1),
                rule("st-lorenz-nachmittag", id, [.tuesday, .thursday], "14:00", "18:00",
                     counters: 3, slot: 10, kind: .appointmentsOnly, phoneReserve: 1),
            ])
    }()

    /// Closures relative to the seed day, so the demo always shows one:
    /// a staff meeting (Personalversammlung) on a Thursday afternoon about
    /// two weeks ahead, and a whole day at the Kfz office for a software change.
    static func closures(today: LocalDate) -> [Closure] {
        [
            Closure(id: "mitte-personalversammlung", officeId: mitte.office.id,
                    from: next(.thursday, onOrAfter: today.adding(days: 14)), band: TimeBand("12:00", "18:00")!,
                    reason: "Personalversammlung – das Bürgerbüro ist ab 12:00 Uhr geschlossen"),
            Closure(id: "kfz-softwareumstellung", officeId: kfz.office.id,
                    from: next(.friday, onOrAfter: today.adding(days: 21)),
                    reason: "Umstellung der Zulassungssoftware – die Zulassungsstelle ist geschlossen"),
        ]
    }

    static func next(_ weekday: Weekday, onOrAfter date: LocalDate) -> LocalDate {
        date.adding(days: (weekday.isoNumber - date.weekday.isoNumber + 7) % 7)
    }
}
