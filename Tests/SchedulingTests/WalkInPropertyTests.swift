import XCTest
@testable import Scheduling

/// Walk-in tickets under invariants 1, 2 and 4: on a day already partly
/// booked, hand out tickets until the office says the quota is exhausted.
/// Tickets never take capacity someone booked or holds, never exceed a slot's
/// counters, never start before they are issued, never use an
/// appointments-only band, and use bookable capacity only inside the minimum
/// notice and only once the walk-in reserve of the remaining day is gone.
final class WalkInPropertyTests: XCTestCase {
    func testWalkInTicketsNeverTakeBookedCapacity() {
        var tickets = 0, fromBookable = 0
        guard let cases = PropertyRunner.check("walk-in tickets", salt: 9, { seed in
            var rng = SplitMix64(seed: seed)
            let scenario = ScenarioGenerator.make(&rng)
            var world = World(scenario: scenario)
            for _ in 0..<25 { _ = world.book(&rng) }
            for _ in 0..<5 { _ = world.hold(&rng) }
            let date = rng.pick(scenario.dates)
            let now = scenario.zone.startOfDay(date).adding(minutes: rng.int((5 * 60)...(17 * 60)))
            guard now >= world.now else { return nil }
            world.now = now
            let plan = scenario.plans[date]!
            let before = DayUsage(plan: plan, occupations: world.occupations, now: now)
            let services = ScenarioGenerator.request(scenario, rng: &rng, channel: .desk).services

            for _ in 0..<60 {
                let decision = scenario.walkIns.issue(services: services, occupations: world.occupations, now: now)
                guard case .success(let ticket) = decision else {
                    if case .failure(.walkInQuotaExhausted(let next)) = decision, let next, next <= date {
                        return "next accepting date \(next) is not after \(date)"
                    }
                    break
                }
                tickets += 1
                if ticket.start < now || ticket.estimatedCallAt < now { return "ticket starts before it was issued" }
                guard let band = plan.bands.first(where: { $0.id == ticket.bandId }) else { return "ticket outside today's bands" }
                if band.kind == .appointmentsOnly { return "ticket in an appointments-only band" }
                if !plan.isContiguousRun(from: plan.slotIndex(startingAt: ticket.start)!, count: ticket.slotStarts.count) {
                    return "ticket slots not back to back"
                }
                let usage = DayUsage(plan: plan, occupations: world.occupations, now: now)
                if ticket.usesUnbookableCapacity {
                    fromBookable += 1
                    for index in plan.slots.indices where ticket.slotStarts.contains(plan.slots[index].start) {
                        let reserveLeft = plan.slots[index].walkIn - usage.slots[index].walkIns - usage.slots[index].overrides
                        if reserveLeft < 1 && plan.slots[index].start >= now.adding(minutes: scenario.policy.minNoticeMinutes) {
                            return "took bookable capacity outside the minimum notice"
                        }
                    }
                }
                world.occupations.append(ticket.occupation(id: world.makeId(OccupationID.walkInTicket)))
                let after = DayUsage(plan: plan, occupations: world.occupations, now: now)
                for (index, slot) in plan.slots.enumerated() {
                    if after.slots[index].used > slot.total { return "slot \(slot.start) over total" }
                    if after.slots[index].bookings != before.slots[index].bookings { return "appointments changed" }
                    if after.slots[index].bookings > slot.bookable { return "slot \(slot.start) over bookable" }
                }
            }
            return nil
        }) else { return }
        XCTAssertEqual(cases, PropertyRunner.isFullRun ? 1000 : 1)
        if PropertyRunner.isFullRun {
            XCTAssertGreaterThan(tickets, 1500)
            XCTAssertGreaterThan(fromBookable, 50)
        }
        print("walk-in tickets: \(cases) cases, \(tickets) tickets, \(fromBookable) using capacity inside the notice")
    }
}
