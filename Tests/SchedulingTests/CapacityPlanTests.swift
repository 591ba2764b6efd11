import XCTest
@testable import Scheduling

final class CapacityPlanTests: XCTestCase {
    func testOrdinaryDayHasTwoBandsAroundLunch() {
        let plan = Fixtures.allocator().plan(for: Fixtures.date("2026-12-01"))
        XCTAssertEqual(plan.bands.map(\.id), ["vormittag", "nachmittag"])
        XCTAssertEqual(plan.slots.count, 16 + 12)
        XCTAssertEqual(plan.slots.first?.start.rfc3339(in: Fixtures.zone), "2026-12-01T08:00:00+01:00")
        XCTAssertEqual(plan.slots[15].localEnd, Fixtures.time("12:00"))
        XCTAssertEqual(plan.slots[16].localStart, Fixtures.time("13:00"))
        let slot = plan.slots[0]
        XCTAssertEqual([slot.total, slot.walkIn, slot.bookable, slot.phoneReserve], [3, 1, 2, 1])
        XCTAssertTrue(plan.isContiguousRun(from: 14, count: 2))
        XCTAssertFalse(plan.isContiguousRun(from: 15, count: 2), "lunch break")
        XCTAssertTrue(Fixtures.allocator().plan(for: Fixtures.date("2026-12-05")).slots.isEmpty, "Saturday")
    }

    /// 29 March 2026: clocks jump from 02:00 to 03:00. A night band
    /// 00:00–06:00 has 5 physical hours: the 02:xx slots do not exist.
    func testSpringForwardDaySkipsTheMissingHour() {
        let night = Fixtures.rule("nacht", "00:00", "06:00", weekdays: [.sunday], slotMinutes: 30)
        let day = Fixtures.rule("tag", "08:00", "12:00", weekdays: [.sunday])
        let plan = Fixtures.allocator(rules: [night, day]).plan(for: Fixtures.date("2026-03-29"))
        let nightSlots = plan.slots.filter { $0.bandId == "nacht" }
        XCTAssertEqual(nightSlots.count, 10)
        XCTAssertEqual(nightSlots.map(\.localStart.description),
                       ["00:00", "00:30", "01:00", "01:30", "03:00", "03:30", "04:00", "04:30", "05:00", "05:30"])
        XCTAssertEqual(nightSlots[3].start, Fixtures.instant("2026-03-29T00:30:00Z"))
        XCTAssertEqual(nightSlots[3].localEnd, Fixtures.time("03:00"), "01:30 + 30 min is 03:00 summer time")
        XCTAssertEqual(nightSlots[4].start.rfc3339(in: Fixtures.zone), "2026-03-29T03:00:00+02:00")
        XCTAssertEqual(nightSlots[3].end, nightSlots[4].start, "back to back across the switch")
        XCTAssertEqual(plan.slots.filter { $0.bandId == "tag" }.count, 16)
        XCTAssertEqual(plan.slots.first { $0.bandId == "tag" }?.start, Fixtures.instant("2026-03-29T06:00:00Z"))

        // A one-hour booking from 01:30 spans the switch: physically 60 minutes.
        let allocator = SlotAllocator(setup: Fixtures.setup(rules: [night], policy: BookingPolicy(minNoticeMinutes: 0)))
        let now = Fixtures.at("2026-03-28", "12:00")
        let request = BookingRequest(services: [RequestedService(serviceId: "personalausweis", quantity: 5 - 1)], channel: .phone)
        let placement = try? allocator.decide(request, start: nightSlots[3].start, occupations: [], now: now).get()
        XCTAssertEqual(placement?.slotStarts, [nightSlots[3].start, nightSlots[4].start])
        XCTAssertEqual(placement?.end.seconds(since: nightSlots[3].start), 3600)
        XCTAssertEqual(allocator.decide(request, start: Fixtures.instant("2026-03-29T01:45:00+01:00"), occupations: [], now: now),
                       .failure(.notOnSlotBoundary(next: nightSlots[4].start)))
        XCTAssertEqual(Fixtures.instant("2026-03-29T02:30:00+02:00"), nightSlots[3].start,
                       "a time in the gap written with the summer offset names an existing instant")
    }

    /// 25 October 2026: clocks go back from 03:00 to 02:00. The repeated hour
    /// is offered once, in its first (summer-time) pass.
    func testFallBackDayOffersTheRepeatedHourOnce() {
        let night = Fixtures.rule("nacht", "00:00", "06:00", weekdays: [.sunday], slotMinutes: 30)
        let plan = Fixtures.allocator(rules: [night]).plan(for: Fixtures.date("2026-10-25"))
        XCTAssertEqual(plan.slots.count, 12)
        let twoThirty = plan.slots[5]
        XCTAssertEqual(twoThirty.localStart, Fixtures.time("02:30"))
        XCTAssertEqual(twoThirty.start.rfc3339(in: Fixtures.zone), "2026-10-25T02:30:00+02:00")
        XCTAssertEqual(plan.slots[6].start.rfc3339(in: Fixtures.zone), "2026-10-25T03:00:00+01:00")
        XCTAssertEqual(plan.slots[6].start.seconds(since: twoThirty.end), 3600, "the second pass has no slots")
        XCTAssertFalse(plan.isContiguousRun(from: 5, count: 2))

        let allocator = SlotAllocator(setup: Fixtures.setup(rules: [night], policy: BookingPolicy(minNoticeMinutes: 0)))
        let now = Fixtures.at("2026-10-24", "12:00")
        let hour = BookingRequest(services: [RequestedService(serviceId: "personalausweis", quantity: 5 - 1)], channel: .phone)
        XCTAssertEqual(allocator.decide(hour, start: twoThirty.start, occupations: [], now: now), .failure(.crossesBreak))
        XCTAssertEqual(allocator.decide(Fixtures.request(channel: .phone), start: Fixtures.instant("2026-10-25T02:30:00+01:00"),
                                        occupations: [], now: now), .failure(.notOnSlotBoundary(next: plan.slots[6].start)),
                       "the second pass of 02:30 lies inside the band but is no slot")

        // Office hours on the switch days are ordinary.
        let office = Fixtures.allocator(rules: [Fixtures.rule("tag", "08:00", "12:00", weekdays: [.sunday, .monday])])
        XCTAssertEqual(office.plan(for: Fixtures.date("2026-10-25")).slots.count, 16)
        XCTAssertEqual(office.plan(for: Fixtures.date("2026-10-25")).slots[0].start, Fixtures.instant("2026-10-25T07:00:00Z"))
        XCTAssertEqual(office.plan(for: Fixtures.date("2026-10-26")).slots[0].start, Fixtures.instant("2026-10-26T07:00:00Z"))
        XCTAssertEqual(office.plan(for: Fixtures.date("2026-10-24")).slots.count, 0)
    }

    func testClosuresRemoveWholeDaysOrPartsOfDays() {
        let closures = [
            Closure(id: "betriebsversammlung", officeId: Fixtures.office.id, from: Fixtures.date("2026-12-02"),
                    band: Fixtures.band("10:00", "11:00"), reason: "Betriebsversammlung"),
            Closure(id: "umzug", officeId: Fixtures.office.id, from: Fixtures.date("2026-12-07"),
                    through: Fixtures.date("2026-12-08"), reason: "Umzug"),
            Closure(id: "other-office", officeId: "elsewhere", from: Fixtures.date("2026-12-03"), reason: "not ours"),
        ]
        let allocator = Fixtures.allocator(closures: closures)
        let partial = allocator.plan(for: Fixtures.date("2026-12-02"))
        XCTAssertEqual(partial.openSlots.count, 28 - 4)
        XCTAssertEqual(partial.slots.filter { !$0.isOpen }.map(\.localStart.description), ["10:00", "10:15", "10:30", "10:45"])
        XCTAssertEqual(allocator.plan(for: Fixtures.date("2026-12-08")).closure, "Umzug")
        XCTAssertTrue(allocator.plan(for: Fixtures.date("2026-12-08")).openSlots.isEmpty)
        XCTAssertEqual(allocator.plan(for: Fixtures.date("2026-12-03")).openSlots.count, 28)

        let now = Fixtures.at("2026-11-30", "09:00")
        let twoSlots = Fixtures.request(quantity: 2)  // 25 minutes
        XCTAssertEqual(allocator.decide(twoSlots, start: Fixtures.at("2026-12-02", "09:45"), occupations: [], now: now),
                       .failure(.closed(reason: "Betriebsversammlung")))
        XCTAssertEqual(allocator.decide(Fixtures.request(), start: Fixtures.at("2026-12-07", "09:00"), occupations: [], now: now),
                       .failure(.closed(reason: "Umzug")))
    }

    func testOverlappingRulesAreRejectedNotAdded() {
        let base = Fixtures.rule("a-base", "08:00", "12:00")
        let extra = Fixtures.rule("b-extra", "10:00", "14:00", weekdays: [.tuesday], counters: 1, walkIn: .counters(0), phoneReserve: 0)
        let plan = Fixtures.allocator(rules: [extra, base]).plan(for: Fixtures.date("2026-12-01"))  // Tuesday
        XCTAssertEqual(plan.bands.map(\.id), ["a-base"])
        XCTAssertEqual(plan.ignoredRuleIds, ["b-extra"])
        XCTAssertTrue(plan.slots.allSatisfy { $0.total == 3 })
        let problems = OpeningRule.problems(in: [base, extra])
        XCTAssertEqual(problems["b-extra"], [.overlaps(ruleId: "a-base", firstDate: nil)])
        // Alternating weeks never meet.
        let even = Fixtures.rule("even", "08:00", "12:00", validFrom: Fixtures.date("2026-11-30"), repeatEveryWeeks: 2)
        let odd = Fixtures.rule("odd", "08:00", "12:00", validFrom: Fixtures.date("2026-12-07"), repeatEveryWeeks: 2)
        XCTAssertNil(OpeningRule.firstCommonDate(even, odd))
        XCTAssertEqual(OpeningRule.problems(in: [even, odd]), [:])
    }

    func testRepeatEveryNWeeksIsAnchoredAtValidFromsWeek() {
        let rule = Fixtures.rule("r", "08:00", "12:00", weekdays: [.wednesday], validFrom: Fixtures.date("2026-12-03"),
                                 validUntil: Fixtures.date("2027-01-31"), repeatEveryWeeks: 2)
        let applying = (0..<70).map { Fixtures.date("2026-11-30").adding(days: $0) }.filter(rule.applies(on:))
        // The anchor week (30 Nov) has its Wednesday before validFrom: first is 16 Dec.
        XCTAssertEqual(applying.map(\.description), ["2026-12-16", "2026-12-30", "2027-01-13", "2027-01-27"])
        XCTAssertEqual(Fixtures.rule("x", "08:00", "09:00", repeatEveryWeeks: 2).problems, [.repeatWithoutValidFrom])
    }

    func testWalkInReserveAndKinds() {
        func reserve(_ counters: Int, _ share: Double) -> Int {
            Fixtures.rule("r", "08:00", "09:00", counters: counters, walkIn: .share(share)).walkInCounters
        }
        XCTAssertEqual(reserve(3, 0.3), 1)
        XCTAssertEqual(reserve(10, 0.15), 2, "1.5 rounds half up")
        XCTAssertEqual(reserve(4, 0.1), 0)
        XCTAssertEqual(reserve(4, 1), 4)
        XCTAssertEqual(Fixtures.rule("r", "08:00", "09:00", kind: .walkInOnly).bookableCounters, 0)
        XCTAssertEqual(Fixtures.rule("r", "08:00", "09:00", kind: .appointmentsOnly).walkInCounters, 0)
        XCTAssertEqual(Fixtures.rule("r", "08:00", "09:00", counters: 2, walkIn: .counters(1), phoneReserve: 5).phoneReserveCounters, 1)
        XCTAssertEqual(Fixtures.rule("r", "08:00", "09:10", slotMinutes: 20).problems, [.bandNotMultipleOfSlot])
        XCTAssertEqual(Fixtures.allocator(rules: [Fixtures.rule("r", "08:00", "09:10", slotMinutes: 20)])
            .plan(for: Fixtures.date("2026-12-01")).slots.count, 3)
    }
}
