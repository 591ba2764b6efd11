@testable import Scheduling

/// A small Bürgerbüro in Bremerhaven (Land Bremen) for example tests:
/// Mon–Fri 08:00–12:00 and 13:00–16:00, 15-minute slots, 3 counters with one
/// of them for walk-ins and one held for the phone.
enum Fixtures {
    static let zone = TimeZoneRules.europeBerlin

    static func date(_ text: String) -> LocalDate { LocalDate(text)! }
    static func time(_ text: String) -> LocalTime { LocalTime(text)! }
    static func band(_ start: String, _ end: String) -> TimeBand { TimeBand(start, end)! }
    /// The (first) instant of a Berlin wall-clock time.
    static func at(_ day: String, _ clock: String) -> Instant { zone.instant(on: date(day), at: time(clock))! }
    static func instant(_ rfc3339: String) -> Instant { Instant(rfc3339: rfc3339)! }

    static let office = Office(
        id: "buergerbuero-mitte", name: "Bürgerbüro Mitte", kind: .citizensOffice, municipalityId: "bremerhaven",
        address: Address(street: "Hinrich-Schmalfeldt-Straße 42", postalCode: "27576", city: "Bremerhaven"),
        land: .bremen)

    static let personalausweis = Service(
        id: "personalausweis", name: "Personalausweis beantragen", baseMinutes: 15, minutesPerExtraUnit: 10,
        maxQuantity: 4, feeCents: 3700, documents: ["Altes Ausweisdokument", "Biometrisches Passfoto"])
    static let reisepass = Service(id: "reisepass", name: "Reisepass beantragen", baseMinutes: 20, maxQuantity: 2, feeCents: 7000)
    static let wohnsitz = Service(id: "wohnsitz-anmelden", name: "Wohnsitz anmelden", baseMinutes: 10,
                                  minutesPerExtraUnit: 5, maxQuantity: 6)
    static let kfz = Service(id: "kfz-zulassung-neu", name: "Fahrzeug zulassen", baseMinutes: 30, maxQuantity: 3)

    static let weekdays: Set<Weekday> = [.monday, .tuesday, .wednesday, .thursday, .friday]

    static func rule(_ id: String, _ start: String, _ end: String, weekdays: Set<Weekday> = weekdays,
                     counters: Int = 3, slotMinutes: Int = 15, walkIn: OpeningRule.WalkInReserve = .counters(1),
                     kind: OpeningRule.Kind = .mixed, phoneReserve: Int = 1, services: Set<ServiceID>? = nil,
                     validFrom: LocalDate? = nil, validUntil: LocalDate? = nil, repeatEveryWeeks: Int = 1) -> OpeningRule {
        OpeningRule(id: id, officeId: office.id, weekdays: weekdays, band: band(start, end), validFrom: validFrom,
                    validUntil: validUntil, repeatEveryWeeks: repeatEveryWeeks, counters: counters,
                    slotMinutes: slotMinutes, walkInReserve: walkIn, kind: kind, serviceIds: services,
                    phoneReserve: phoneReserve)
    }

    static let standardRules = [rule("vormittag", "08:00", "12:00"), rule("nachmittag", "13:00", "16:00")]

    static let standardPolicy = BookingPolicy(
        minNoticeMinutes: 120, horizonDays: 28, releaseTime: time("07:00"), holdMinutes: 10,
        cancelCooldownMinutes: 30, maxActiveBookingsPerContact: 2, phoneReleaseHours: 48)

    static func setup(rules: [OpeningRule] = standardRules, closures: [Closure] = [],
                      policy: BookingPolicy = standardPolicy, land: Land = .bremen,
                      observesPublicHolidays: Bool = true) -> OfficeSetup {
        var office = office
        office.land = land
        return try! OfficeSetup(
            office: office, services: [personalausweis, reisepass, wohnsitz, kfz],
            offerings: [ServiceOffering(serviceId: personalausweis.id), ServiceOffering(serviceId: reisepass.id),
                        ServiceOffering(serviceId: wohnsitz.id),
                        ServiceOffering(serviceId: kfz.id, channels: [.phone, .desk])],
            rules: rules, closures: closures, policy: policy, observesPublicHolidays: observesPublicHolidays)
    }

    static func allocator(rules: [OpeningRule] = standardRules, closures: [Closure] = [],
                          policy: BookingPolicy = standardPolicy) -> SlotAllocator {
        SlotAllocator(setup: setup(rules: rules, closures: closures, policy: policy))
    }

    static func request(_ serviceId: ServiceID = personalausweis.id, quantity: Int = 1, channel: Channel = .online,
                        override: Bool = false, activeBookings: Int? = nil) -> BookingRequest {
        BookingRequest(services: [RequestedService(serviceId: serviceId, quantity: quantity)], channel: channel,
                       staffOverride: override, activeBookingsOfContact: activeBookings)
    }
}
