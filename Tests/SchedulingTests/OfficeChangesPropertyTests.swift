import XCTest
@testable import Scheduling

/// Over random offices with random closures (whole and part days) and
/// changed counters, on days that include DST switches: availability never
/// offers a start in a closed slot, and bookings made one by one through
/// the allocator never put more into a slot than its changed counters.
final class OfficeChangesPropertyTests: XCTestCase {
    func testAvailabilityRespectsClosuresAndChangedCounters() {
        var placements = 0
        let cases = PropertyRunner.check("closures and capacity changes", salt: 71) { seed in
            var rng = SplitMix64(seed: seed)
            let scenario = ScenarioGenerator.make(&rng)
            let base = scenario.setup
            let changes = (0..<rng.int(1...3)).map { index -> CapacityChange in
                let band: TimeBand? = rng.chance(0.4) ? nil : {
                    let start = rng.int(0...(22 * 12)) * 5
                    return TimeBand(start: LocalTime(minutesSinceMidnight: start)!,
                                    end: LocalTime(minutesSinceMidnight: min(1440, start + rng.int(1...48) * 5))!)
                }()
                return CapacityChange(id: "k\(index)", officeId: base.office.id, date: rng.pick(scenario.dates),
                                      band: band, counters: rng.int(0...6))
            }
            let setup = try! OfficeSetup(office: base.office, services: base.services, offerings: base.offerings,
                                         rules: base.rules, closures: base.closures, policy: base.policy,
                                         observesPublicHolidays: base.observesPublicHolidays, capacityChanges: changes)
            let allocator = SlotAllocator(setup: setup)
            var occupations: [Occupation] = []
            for date in scenario.dates {
                let plan = allocator.plan(for: date)
                for (index, slot) in plan.slots.enumerated() {
                    let minutes = slot.localStart.minutesSinceMidnight
                    let expected = CapacityChange.deciding(changes, on: date, minutes: minutes, minutes + max(1, slot.minutes))
                    if let expected, slot.total != expected.counters {
                        return "slot \(index) on \(date) has \(slot.total) counters, change \(expected.id) says \(expected.counters)"
                    }
                }
                for _ in 0..<12 {
                    let request = ScenarioGenerator.request(scenario, rng: &rng)
                    guard case .success(let starts) = allocator.freeStarts(in: plan, for: request, occupations: occupations,
                                                                           now: scenario.startNow) else { continue }
                    for placement in starts {
                        for start in placement.slotStarts {
                            guard let index = plan.slotIndex(startingAt: start) else { return "start \(start) not a slot" }
                            if let closure = plan.slots[index].closure { return "offered \(start) in closure \(closure)" }
                        }
                    }
                    guard let chosen = starts.isEmpty ? nil : rng.pick(starts) else { continue }
                    guard case .success(let placement) = allocator.decide(request, start: chosen.start, plan: plan,
                                                                          occupations: occupations, now: scenario.startNow)
                    else { return "offered start \(chosen.start) refused" }
                    occupations.append(placement.occupation(id: .booking(Int64(occupations.count))))
                    placements += 1
                }
                let usage = DayUsage(plan: plan, occupations: occupations, now: scenario.startNow)
                for (index, slot) in plan.slots.enumerated() where usage.slots[index].used > slot.total {
                    return "slot \(slot.start) used \(usage.slots[index].used) > changed total \(slot.total)"
                }
                let ofTheDay = occupations.filter { booking in plan.slots.contains { $0.start < booking.end && booking.start < $0.end } }
                if !FollowUp.findings(plan: plan, bookings: ofTheDay).isEmpty {
                    return "a booking the allocator made is listed for follow-up"
                }
            }
            return nil
        }
        guard let cases else { return }
        XCTAssertEqual(cases, PropertyRunner.isFullRun ? 1000 : 1)
        if PropertyRunner.isFullRun { XCTAssertGreaterThan(placements, cases, "too few bookings to prove anything") }
    }
}
