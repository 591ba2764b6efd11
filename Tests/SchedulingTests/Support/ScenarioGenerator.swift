@testable import Scheduling

/// A randomly generated office and the days the operations run on.
struct Scenario {
    let setup: OfficeSetup
    let allocator: SlotAllocator
    let walkIns: WalkInAllocator
    let dates: [LocalDate]
    let startNow: Instant
    let serviceIds: [ServiceID]
    let plans: [LocalDate: CapacityPlan]

    var zone: TimeZoneRules { setup.timeZone }
    var policy: BookingPolicy { setup.policy }
}

/// Builds random scenarios: rules with bands, breaks (several bands a day),
/// counters, slot lengths 5/10/15/20/30, walk-in shares and counters, all
/// kinds, repeat cycles, validity ranges, service restrictions, phone
/// reserves; closures; policies; days that include DST switches and holidays.
enum ScenarioGenerator {
    static let officeId: OfficeID = "office"
    static let dstDays = ["2026-03-29", "2026-10-25", "2027-03-28", "2027-10-31"].map { LocalDate($0)! }
    static let holidayDays = ["2026-04-03", "2026-06-04", "2026-10-31", "2026-11-18", "2027-01-06", "2026-12-25"].map { LocalDate($0)! }

    static func make(_ rng: inout SplitMix64) -> Scenario {
        let firstDate: LocalDate
        switch rng.int(0...9) {
        case 0, 1: firstDate = rng.pick(dstDays).adding(days: rng.int(-1...0))
        case 2: firstDate = rng.pick(holidayDays)
        default: firstDate = LocalDate(year: 2026, month: 1, day: 5)!.adding(days: rng.int(0...729))
        }
        let dates = (0..<rng.int(1...3)).map { firstDate.adding(days: $0) }

        let services = (0..<rng.int(1...3)).map { index in
            Service(id: ServiceID("s\(index)"), name: "Service \(index)",
                    baseMinutes: rng.pick([5, 10, 15, 20, 25, 30, 45, 60]),
                    minutesPerExtraUnit: rng.pick([0, 5, 10, 15]), maxQuantity: rng.int(1...4))
        }
        let offerings = services.map { service in
            ServiceOffering(serviceId: service.id,
                            channels: rng.chance(0.85) ? Set(Channel.allCases) : Set(rng.subset(Channel.allCases)))
        }
        let rules = (0..<rng.int(1...4)).map { makeRule(index: $0, dates: dates, services: services, rng: &rng) }
        let closures = (0..<(rng.chance(0.6) ? 0 : rng.int(1...2))).map { index -> Closure in
            let day = rng.pick(dates)
            let band: TimeBand? = rng.chance(0.5) ? nil : {
                let start = rng.int(0...(22 * 12)) * 5
                return TimeBand(start: LocalTime(minutesSinceMidnight: start)!,
                                end: LocalTime(minutesSinceMidnight: min(1440, start + rng.int(1...36) * 5))!)
            }()
            return Closure(id: "c\(index)", officeId: officeId, from: day, through: day.adding(days: rng.int(0...1)),
                           band: band, reason: "closure \(index)")
        }
        let policy = BookingPolicy(
            minNoticeMinutes: rng.pick([0, 15, 60, 120, 24 * 60]),
            horizonDays: rng.chance(0.1) ? rng.int(0...2) : rng.int(3...10),
            releaseTime: LocalTime(hour: rng.int(0...23), minute: rng.pick([0, 30]))!,
            holdMinutes: rng.pick([1, 10, 30]),
            cancelCooldownMinutes: rng.pick([0, 15, 30, 120]),
            maxActiveBookingsPerContact: rng.int(1...3),
            phoneReleaseHours: rng.pick([0, 1, 6, 24, 48]))
        let office = Office(id: officeId, name: "Office", kind: rng.pick(OfficeKind.allCases), municipalityId: "m",
                            address: Address(street: "Markt 1", postalCode: "27570", city: "Bremerhaven"),
                            land: rng.pick(Land.allCases))
        let setup = try! OfficeSetup(office: office, services: services, offerings: offerings, rules: rules,
                                     closures: closures, policy: policy, observesPublicHolidays: rng.chance(0.9))

        let daysBefore = rng.chance(0.15) ? rng.int(0...(policy.horizonDays + 1)) : rng.int(0...max(0, policy.horizonDays - 2))
        let nowDate = firstDate.adding(days: -daysBefore)
        let startNow = setup.timeZone.startOfDay(nowDate).adding(minutes: rng.int(0...(24 * 60 - 1)))
        let allocator = SlotAllocator(setup: setup)
        var plans: [LocalDate: CapacityPlan] = [:]
        for date in dates { plans[date] = allocator.plan(for: date) }
        return Scenario(setup: setup, allocator: allocator, walkIns: WalkInAllocator(setup: setup), dates: dates,
                        startNow: startNow, serviceIds: services.map(\.id), plans: plans)
    }

    static func makeRule(index: Int, dates: [LocalDate], services: [Service], rng: inout SplitMix64) -> OpeningRule {
        var weekdays = Set(rng.subset(Weekday.allCases))
        if rng.chance(0.8) { weekdays.formUnion(dates.map(\.weekday)) }
        let slot = rng.pick([5, 10, 15, 20, 30])
        // Some bands run through the night so that DST switches hit them.
        let start = rng.chance(0.15) ? rng.int(0...2) * 30 : rng.int((6 * 12)...(16 * 12)) * 5
        var length = rng.int(1...16) * slot
        if rng.chance(0.2) { length += rng.int(1...(slot - 1 > 0 ? slot - 1 : 1)) }
        let end = min(24 * 60, start + length)
        let counters = rng.int(1...5)
        let reserve: OpeningRule.WalkInReserve = rng.chance(0.5)
            ? .counters(rng.int(0...counters))
            : .share(rng.pick([0, 0.2, 0.25, 1.0 / 3.0, 0.5, 1]))
        let kinds: [OpeningRule.Kind] = [.mixed, .mixed, .mixed, .mixed, .appointmentsOnly, .walkInOnly]
        let validFrom: LocalDate? = rng.chance(0.3) ? nil : dates[0].adding(days: rng.int(-21...2))
        return OpeningRule(
            id: "r\(index)", officeId: ScenarioGenerator.officeId, weekdays: weekdays,
            band: TimeBand(start: LocalTime(minutesSinceMidnight: start)!, end: LocalTime(minutesSinceMidnight: end)!)!,
            validFrom: validFrom,
            validUntil: rng.chance(0.1) ? dates[0].adding(days: rng.int(0...3)) : nil,
            repeatEveryWeeks: rng.chance(0.8) ? 1 : rng.int(2...3),
            counters: counters, slotMinutes: slot, walkInReserve: reserve, kind: rng.pick(kinds),
            serviceIds: rng.chance(0.8) ? nil : Set(rng.subset(services.map(\.id))),
            phoneReserve: rng.int(0...counters))
    }

    /// A random request: mostly valid, sometimes with an unknown service or a
    /// quantity out of range, so that refusals are exercised too.
    static func request(_ scenario: Scenario, rng: inout SplitMix64, channel: Channel? = nil) -> BookingRequest {
        var ids = Array(rng.shuffled(scenario.serviceIds).prefix(rng.int(1...2)))
        if rng.chance(0.03) { ids.append("unknown") }
        let lines = ids.map { id -> RequestedService in
            let maximum = scenario.setup.service(id)?.maxQuantity ?? 1
            let quantity = rng.chance(0.03) ? rng.pick([0, maximum + 1]) : rng.int(1...maximum)
            return RequestedService(serviceId: id, quantity: quantity)
        }
        let channel = channel ?? rng.pick(Channel.allCases)
        return BookingRequest(services: lines, channel: channel, staffOverride: channel == .desk && rng.chance(0.25))
    }

    /// A start: mostly a slot start of one of the days, sometimes any
    /// five-minute mark of the day (to hit boundaries, breaks and closures).
    static func start(_ scenario: Scenario, rng: inout SplitMix64) -> Instant {
        let date = rng.pick(scenario.dates)
        let plan = scenario.plans[date]!
        if !plan.slots.isEmpty && rng.chance(0.75) { return rng.pick(plan.slots).start }
        return scenario.zone.startOfDay(date).adding(minutes: rng.int(0...287) * 5)
    }
}
