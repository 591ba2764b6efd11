import XCTest
@testable import Scheduling

/// `nextChange` is what lets Booking reuse an availability answer: between
/// `now` and the instant it names, time alone must not change the answer.
/// Checked at random instants inside that span, and at its last second.
final class NextChangeTests: XCTestCase {
    func testAvailabilityDoesNotChangeBeforeTheNamedInstant() {
        var checked = 0
        var changedAtBoundary = 0
        guard let cases = PropertyRunner.check("nextChange", salt: 81, { seed in
            var rng = SplitMix64(seed: seed)
            let scenario = ScenarioGenerator.make(&rng)
            var world = World(scenario: scenario)
            for _ in 0..<20 { _ = world.step(&rng) }
            let now = world.now.adding(minutes: rng.int(-2 * 1440...2 * 1440))
            let request = ScenarioGenerator.request(scenario, rng: &rng)
            let date = rng.pick(scenario.dates)
            let allocator = scenario.allocator
            let plan = allocator.plan(for: date)
            let occupations = world.occupations
            let next = allocator.nextChange(in: plan, occupations: occupations, after: now)
            if next <= now { return "nextChange \(next) is not after now \(now)" }
            let answer = allocator.freeStarts(in: plan, for: request, occupations: occupations, now: now)
            let span = next.seconds(since: now)
            var instants = [next.adding(seconds: -1)]
            for _ in 0..<4 { instants.append(now.adding(seconds: Int64(rng.int(0...Int(max(0, span - 1)))))) }
            for instant in instants where instant >= now {
                checked += 1
                if allocator.freeStarts(in: plan, for: request, occupations: occupations, now: instant) != answer {
                    return "the answer changed at \(instant), before nextChange \(next) (now \(now))"
                }
            }
            if allocator.freeStarts(in: plan, for: request, occupations: occupations, now: next) != answer { changedAtBoundary += 1 }
            return nil
        }) else { return }
        XCTAssertGreaterThanOrEqual(cases, 1000)
        XCTAssertGreaterThan(checked, 4000)
        XCTAssertGreaterThan(changedAtBoundary, 0, "some named instants are real changes, not only a safe bound")
    }
}
