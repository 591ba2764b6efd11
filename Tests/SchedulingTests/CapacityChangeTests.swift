import XCTest
@testable import Scheduling

/// Changed counters on a date and part-day closures, as the planner and
/// the allocator apply them, and the follow-up list of what no longer fits.
final class CapacityChangeTests: XCTestCase {
    let now = Fixtures.at("2026-12-01", "09:00")

    static func setup(rules: [OpeningRule] = Fixtures.standardRules, closures: [Closure] = [],
                      changes: [CapacityChange], policy: BookingPolicy = Fixtures.standardPolicy) -> OfficeSetup {
        let base = Fixtures.setup(rules: rules, closures: closures, policy: policy)
        return try! OfficeSetup(office: base.office, services: base.services, offerings: base.offerings, rules: base.rules,
                                closures: base.closures, policy: base.policy, capacityChanges: changes)
    }

    static func change(_ date: String, _ band: TimeBand? = nil, counters: Int, id: String = "k1") -> CapacityChange {
        CapacityChange(id: id, officeId: Fixtures.office.id, date: Fixtures.date(date), band: band, counters: counters)
    }

    func testWholeDayChangeReplacesCountersAndRecomputesTheReserves() {
        // Standard rule: 3 counters, 1 for walk-ins, 1 phone reserve. Raised to 5 on Tuesday 8 December.
        let setup = Self.setup(changes: [Self.change("2026-12-08", counters: 5)])
        let plan = CapacityPlan(for: Fixtures.date("2026-12-08"), setup: setup)
        XCTAssertEqual(Set(plan.slots.map(\.total)), [5])
        XCTAssertEqual(Set(plan.slots.map(\.walkIn)), [1], "an absolute walk-in reserve stays absolute")
        let other = CapacityPlan(for: Fixtures.date("2026-12-09"), setup: setup)
        XCTAssertEqual(Set(other.slots.map(\.total)), [3], "only the changed date")

        let shared = Fixtures.rule("vormittag", "08:00", "12:00", counters: 4, walkIn: .share(0.5), phoneReserve: 2)
        let cut = Self.setup(rules: [shared], changes: [Self.change("2026-12-08", counters: 2)])
        let slot = CapacityPlan(for: Fixtures.date("2026-12-08"), setup: cut).slots[0]
        XCTAssertEqual([slot.total, slot.walkIn, slot.bookable, slot.phoneReserve], [2, 1, 1, 1],
                       "a share follows the new number; the phone reserve is capped at bookable")
    }

    func testBandChangeOnlyTouchesOverlappingSlotsAndWinsOverTheDay() {
        let setup = Self.setup(changes: [
            Self.change("2026-12-08", counters: 2, id: "day"),
            Self.change("2026-12-08", Fixtures.band("10:00", "11:00"), counters: 6, id: "band"),
        ])
        let plan = CapacityPlan(for: Fixtures.date("2026-12-08"), setup: setup)
        for slot in plan.slots {
            let inBand = slot.localStart >= Fixtures.time("10:00") && slot.localStart < Fixtures.time("11:00")
            XCTAssertEqual(slot.total, inBand ? 6 : 2, "\(slot.localStart)")
        }
    }

    func testZeroCountersLeaveNoFreeStart() {
        let allocator = SlotAllocator(setup: Self.setup(changes: [Self.change("2026-12-08", Fixtures.band("08:00", "09:00"), counters: 0)]))
        let starts = try! allocator.freeStarts(on: Fixtures.date("2026-12-08"), for: Fixtures.request(channel: .desk),
                                               occupations: [], now: now).get()
        XCTAssertFalse(starts.contains { $0.start < Fixtures.at("2026-12-08", "09:00") })
        XCTAssertTrue(starts.contains { $0.start == Fixtures.at("2026-12-08", "09:00") })
        XCTAssertEqual(allocator.decide(Fixtures.request(channel: .desk, override: true), start: Fixtures.at("2026-12-08", "08:15"),
                                        occupations: [], now: now), .failure(.slotTaken))
    }

    /// 25 October 2026: the hour 02:00–03:00 comes twice. A night band with a
    /// change from 01:00 to 04:00 changes exactly the slots the plan has there.
    func testChangeAndPartDayClosureOnTheFallBackDay() {
        let night = Fixtures.rule("nacht", "00:00", "06:00", weekdays: [.sunday], slotMinutes: 30)
        let closure = Closure(id: "x", officeId: Fixtures.office.id, from: Fixtures.date("2026-10-25"),
                              band: Fixtures.band("04:00", "05:00"), reason: "Wartung")
        let setup = Self.setup(rules: [night], closures: [closure],
                               changes: [Self.change("2026-10-25", Fixtures.band("01:00", "04:00"), counters: 1)])
        let plan = CapacityPlan(for: Fixtures.date("2026-10-25"), setup: setup)
        let changed = plan.slots.filter { $0.total == 1 }.map(\.localStart.description)
        XCTAssertEqual(changed, ["01:00", "01:30", "02:00", "02:30", "03:00", "03:30"])
        XCTAssertEqual(plan.slots.filter { !$0.isOpen }.map(\.localStart.description), ["04:00", "04:30"])
        XCTAssertEqual(plan.slots.filter { !$0.isOpen }.compactMap(\.closure), ["Wartung", "Wartung"])
    }

    func testPartDayClosureOnTheSpringForwardDay() {
        let night = Fixtures.rule("nacht", "00:00", "06:00", weekdays: [.sunday], slotMinutes: 30)
        let closure = Closure(id: "x", officeId: Fixtures.office.id, from: Fixtures.date("2026-03-29"),
                              band: Fixtures.band("01:30", "03:30"), reason: "Umstellung")
        let allocator = SlotAllocator(setup: Self.setup(rules: [night], closures: [closure], changes: [],
                                                        policy: BookingPolicy(minNoticeMinutes: 0)))
        let plan = allocator.plan(for: Fixtures.date("2026-03-29"))
        XCTAssertEqual(plan.slots.filter { !$0.isOpen }.map(\.localStart.description), ["01:30", "03:00"],
                       "02:xx does not exist that night; 01:30 and 03:00 touch the band")
        let starts = try! allocator.freeStarts(on: Fixtures.date("2026-03-29"), for: Fixtures.request(channel: .phone),
                                               occupations: [], now: Fixtures.at("2026-03-28", "12:00")).get()
        XCTAssertEqual(starts.map { Fixtures.zone.localDateTime(of: $0.start).time.description },
                       ["00:00", "00:30", "01:00", "03:30", "04:00", "04:30", "05:00", "05:30"])
    }

    func testFollowUpKeepsTheEarliestBookingsAndListsTheRest() {
        let day = "2026-12-08"
        func booking(_ id: Int64, _ start: String, _ end: String, override: Bool = false) -> Occupation {
            Occupation(id: .booking(id), kind: .booking, start: Fixtures.at(day, start), end: Fixtures.at(day, end), channel: .desk,
                       staffOverride: override)
        }
        // 3 counters, 1 walk-in: two bookable per slot; cut to 2 counters → 1 bookable.
        let bookings = [booking(1, "09:00", "09:15"), booking(2, "09:00", "09:30"),
                        booking(3, "09:15", "09:30"), booking(4, "09:00", "09:15", override: true),
                        booking(5, "13:00", "13:15"), booking(6, "12:15", "12:30")]
        let closure = Closure(id: "c", officeId: Fixtures.office.id, from: Fixtures.date(day),
                              band: Fixtures.band("13:00", "14:00"), reason: "Schulung")
        let plan = CapacityPlan(for: Fixtures.date(day), setup: Self.setup(closures: [closure],
                                                                            changes: [Self.change(day, counters: 2)]))
        let findings = FollowUp.findings(plan: plan, bookings: bookings)
        XCTAssertEqual(findings, [
            FollowUp.Finding(occupationId: .booking(2), cause: .overCapacity),
            FollowUp.Finding(occupationId: .booking(5), cause: .closed("Schulung")),
            FollowUp.Finding(occupationId: .booking(6), cause: .outsideOpeningHours),
        ], "b1 and b3 keep the bookable counter, b4 the walk-in counter by override")
        XCTAssertEqual(FollowUp.findings(plan: CapacityPlan(for: Fixtures.date(day), setup: Fixtures.setup()),
                                         bookings: Array(bookings.prefix(4))), [], "all fit before the cut")
    }
}
