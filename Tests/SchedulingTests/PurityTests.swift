import XCTest
@testable import Scheduling

/// Invariant 8: availability is a pure function of (rules, closures,
/// bookings, holds, now) — same inputs, same answer; the order of occupations,
/// rules and closures is irrelevant; and `freeStarts` lists exactly the starts
/// `decide` accepts.
final class PurityTests: XCTestCase {
    func testInvariant8_availabilityIsAPureFunction() {
        var compared = 0
        guard let cases = PropertyRunner.check("invariant 8", salt: 8, { seed in
            var rng = SplitMix64(seed: seed)
            let scenario = ScenarioGenerator.make(&rng)
            var world = World(scenario: scenario)
            for _ in 0..<20 { _ = world.step(&rng) }
            let now = world.now.adding(minutes: rng.int(-2 * 1440...2 * 1440))
            let request = ScenarioGenerator.request(scenario, rng: &rng)
            let date = rng.pick(scenario.dates)
            let occupations = world.occupations
            let shuffled = rng.shuffled(occupations)
            let allocator = scenario.allocator
            let setup = scenario.setup
            let reordered = SlotAllocator(setup: try! OfficeSetup(
                office: setup.office, services: rng.shuffled(setup.services), offerings: rng.shuffled(setup.offerings),
                rules: rng.shuffled(setup.rules), closures: rng.shuffled(setup.closures), policy: setup.policy,
                observesPublicHolidays: setup.observesPublicHolidays))

            let plan = allocator.plan(for: date)
            if plan != allocator.plan(for: date) || plan != reordered.plan(for: date) { return "plan differs between calls" }
            let usage = DayUsage(plan: plan, occupations: occupations, now: now)
            if usage != DayUsage(plan: plan, occupations: shuffled, now: now) { return "usage depends on occupation order" }

            let free = allocator.freeStarts(on: date, for: request, occupations: occupations, now: now)
            if free != allocator.freeStarts(on: date, for: request, occupations: occupations, now: now) { return "freeStarts differs between calls" }
            if free != allocator.freeStarts(on: date, for: request, occupations: shuffled, now: now) { return "freeStarts depends on occupation order" }
            if free != reordered.freeStarts(on: date, for: request, occupations: shuffled, now: now) { return "freeStarts depends on rule order" }

            var accepted: [Placement] = []
            let candidates = plan.slots.map(\.start) + (0..<5).map { _ in ScenarioGenerator.start(scenario, rng: &rng) }
            for start in candidates {
                let decision = allocator.decide(request, start: start, occupations: occupations, now: now)
                compared += 1
                if decision != allocator.decide(request, start: start, occupations: shuffled, now: now)
                    || decision != reordered.decide(request, start: start, occupations: occupations, now: now) {
                    return "decide(\(start)) depends on input order"
                }
                if case .success(let placement) = decision, plan.slotIndex(startingAt: start) != nil { accepted.append(placement) }
            }
            switch free {
            case .success(let starts):
                if Set(starts) != Set(accepted) {
                    return "freeStarts lists \(starts.count) starts but decide accepts \(accepted.count)"
                }
            case .failure(let refusal):
                if !accepted.isEmpty { return "freeStarts refused (\(refusal)) but decide accepted starts" }
            }

            let days = allocator.daysWithFreeStarts(from: scenario.dates[0], to: scenario.dates.last!,
                                                    for: request, occupations: shuffled, now: now)
            if case .success(let list) = days, case .success(let starts) = free {
                let listed = list.first { $0.date == date }?.freeStarts ?? []
                if listed != starts { return "daysWithFreeStarts disagrees with freeStarts on \(date)" }
            }

            let services = request.services
            if scenario.walkIns.issue(services: services, occupations: occupations, now: now)
                != scenario.walkIns.issue(services: services, occupations: shuffled, now: now) {
                return "walk-in ticket depends on occupation order"
            }
            return nil
        }) else { return }
        XCTAssertEqual(cases, PropertyRunner.isFullRun ? 1000 : 1)
        print("invariant 8: \(cases) cases, \(compared) decisions compared")
    }
}
