import XCTest
@testable import Scheduling

/// Invariant 7: cancelling a booking or letting a hold expire gives the
/// capacity back — a cancelled booking only after its cooldown.
final class CapacityReturnTests: XCTestCase {
    private static func usage(_ occupations: [Occupation], _ scenario: Scenario, at now: Instant) -> [[SlotUsage]] {
        scenario.dates.map { DayUsage(plan: scenario.plans[$0]!, occupations: occupations, now: now).slots }
    }

    /// Accounting: a cancelled booking counts exactly as before until the
    /// cooldown ends, and not at all from then on; an expired hold counts not at all.
    func testInvariant7_cancelAndExpiryReturnCapacityAfterCooldown() {
        var cancels = 0, expiries = 0
        guard let cases = PropertyRunner.check("invariant 7 (accounting)", salt: 7, { seed in
            var rng = SplitMix64(seed: seed)
            let scenario = ScenarioGenerator.make(&rng)
            var world = World(scenario: scenario)
            for _ in 0..<30 { _ = world.step(&rng) }
            for _ in 0..<20 where world.bookings.isEmpty { _ = world.book(&rng) }
            for _ in 0..<20 where world.liveHolds.isEmpty { _ = world.hold(&rng) }
            let now = world.now
            if let booking = world.bookings.isEmpty ? nil : rng.pick(world.bookings) {
                cancels += 1
                let others = world.occupations.filter { $0.id != booking.id }
                let cooldown = scenario.policy.cancelCooldownMinutes
                let after = others + (booking.cancelled(at: now, cooldownMinutes: cooldown).map { [$0] } ?? [])
                let until = now.adding(minutes: cooldown)
                for moment in [now, until.adding(seconds: -1), until, until.adding(minutes: rng.int(1...600))] where moment >= now {
                    let expected = moment < until ? Self.usage(world.occupations, scenario, at: moment) : Self.usage(others, scenario, at: moment)
                    if Self.usage(after, scenario, at: moment) != expected {
                        return "cancelled booking counted wrongly at +\(moment.seconds(since: now))s (cooldown \(cooldown) min)"
                    }
                }
            }
            if let hold = world.liveHolds.isEmpty ? nil : rng.pick(world.liveHolds), case .hold(let expiresAt) = hold.kind {
                expiries += 1
                let others = world.occupations.filter { $0.id != hold.id }
                for moment in [expiresAt, expiresAt.adding(minutes: rng.int(1...600))]
                where Self.usage(world.occupations, scenario, at: moment) != Self.usage(others, scenario, at: moment) {
                    return "expired hold still counted at \(moment)"
                }
            }
            return nil
        }) else { return }
        XCTAssertEqual(cases, PropertyRunner.isFullRun ? 1000 : 1)
        print("invariant 7 (accounting): \(cases) cases, \(cancels) cancellations, \(expiries) hold expiries")
    }

    /// Behaviour: fill a start until the allocator says `slotTaken`, cancel one
    /// booking (or let the holds expire): while cooling off the start stays
    /// taken, afterwards the same request fits again.
    func testInvariant7_filledStartFitsAgainAfterCooldownOrExpiry() {
        var exercised = 0
        guard let cases = PropertyRunner.check("invariant 7 (refill)", salt: 17, { seed in
            var rng = SplitMix64(seed: seed)
            let scenario = ScenarioGenerator.make(&rng)
            var world = World(scenario: scenario)
            for _ in 0..<15 { _ = world.step(&rng) }
            let useHolds = rng.chance(0.4)
            let wait = useHolds ? scenario.policy.holdMinutes : scenario.policy.cancelCooldownMinutes
            let now0 = world.now
            let now1 = now0.adding(minutes: wait)
            // A request and a start that fit now and are still inside the window after the wait.
            var chosen: (BookingRequest, Instant)?
            for _ in 0..<4 where chosen == nil {
                let request = ScenarioGenerator.request(scenario, rng: &rng)
                let date = rng.pick(scenario.dates)
                guard case .success(let later) = scenario.allocator.freeStarts(
                    in: scenario.plans[date]!, for: request, occupations: world.occupations, now: now1), !later.isEmpty
                else { continue }
                let start = rng.pick(later).start
                if case .success = world.decide(request, start: start) { chosen = (request, start) }
            }
            guard let (request, start) = chosen else { return nil }

            var filled: [Occupation] = []
            while true {
                switch world.decide(request, start: start) {
                case .success(let placement):
                    let id = world.makeId(OccupationID.booking)
                    let occupation = useHolds ? placement.hold(id: id, now: now0, policy: scenario.policy) : placement.occupation(id: id)
                    world.occupations.append(occupation)
                    filled.append(occupation)
                    if filled.count > 50 { return "more than 50 bookings fit into one start" }
                    continue
                case .failure(let refusal):
                    if refusal != .slotTaken { return "filling ended with \(refusal), not slotTaken" }
                }
                break
            }
            exercised += 1
            if !useHolds {
                let victim = rng.pick(filled)
                world.occupations.removeAll { $0.id == victim.id }
                if let block = victim.cancelled(at: now0, cooldownMinutes: wait) { world.occupations.append(block) }
                if wait > 0, case .success = world.decide(request, start: start) {
                    return "capacity came back before the cooldown ended"
                }
            }
            world.now = now1
            if case .failure(let refusal) = world.decide(request, start: start) {
                return "capacity did not come back after \(useHolds ? "hold expiry" : "the cooldown"): \(refusal)"
            }
            return nil
        }) else { return }
        XCTAssertEqual(cases, PropertyRunner.isFullRun ? 1000 : 1)
        if PropertyRunner.isFullRun { XCTAssertGreaterThan(exercised, 300, "too few cases filled a start") }
        print("invariant 7 (refill): \(cases) cases, \(exercised) filled a start and got it back")
    }
}
