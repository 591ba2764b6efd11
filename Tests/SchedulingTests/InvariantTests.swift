import XCTest
@testable import Scheduling

/// The invariants 1–6 of docs/architecture.md as properties: random offices, random
/// sequences of bookings, holds, confirmations, reschedules, cancellations,
/// hold expiry, walk-in tickets and time passing — every change made only
/// through the allocator's own decisions — and after every step the
/// invariants must hold. Each test runs 1,000 generated cases.
final class InvariantTests: XCTestCase {
    static let steps = 40

    /// Runs a random sequence and checks `check` after every step.
    private func simulate(salt: UInt64, _ name: String,
                          check: @escaping (_ world: World, _ events: [World.Event]) -> String?) {
        var decisions = 0
        guard let cases = PropertyRunner.check(name, salt: salt, { seed in
            var rng = SplitMix64(seed: seed)
            let scenario = ScenarioGenerator.make(&rng)
            var world = World(scenario: scenario)
            for step in 0..<Self.steps {
                let events = world.step(&rng)
                decisions += events.count
                if let failure = check(world, events) { return "step \(step): \(failure)" }
            }
            return nil
        }) else { return }
        XCTAssertEqual(cases, PropertyRunner.isFullRun ? 1000 : 1)
        // Guards the generator: a property over cases that never book proves nothing.
        if PropertyRunner.isFullRun { XCTAssertGreaterThan(decisions, 3 * cases, "too few successful decisions") }
        print("\(name): \(cases) cases, \(cases * Self.steps) steps, \(decisions) successful decisions")
    }

    /// Usage of every slot of every scenario day at the world's `now`.
    private static func usages(_ world: World) -> [DayUsage] {
        world.scenario.dates.map { DayUsage(plan: world.scenario.plans[$0]!, occupations: world.occupations, now: world.now) }
    }

    /// Invariant 1: `used(s) ≤ total(s)` for every slot, always.
    func testInvariant1_usedNeverExceedsTotal() {
        simulate(salt: 1, "invariant 1") { world, _ in
            for usage in Self.usages(world) {
                for (index, slot) in usage.plan.slots.enumerated() where usage.slots[index].used > slot.total {
                    return "slot \(slot.start) used \(usage.slots[index].used) > total \(slot.total)"
                }
            }
            return nil
        }
    }

    /// Invariant 2: bookings (without override) in `s` ≤ `bookable(s)`, and
    /// override bookings only where a desk asked for one.
    func testInvariant2_bookingsNeverExceedBookable() {
        simulate(salt: 2, "invariant 2") { world, _ in
            for usage in Self.usages(world) {
                for (index, slot) in usage.plan.slots.enumerated() where usage.slots[index].bookings > slot.bookable {
                    return "slot \(slot.start) appointments \(usage.slots[index].bookings) > bookable \(slot.bookable)"
                }
            }
            for occupation in world.occupations where occupation.staffOverride && occupation.channel != .desk {
                return "override occupation \(occupation.id) through \(occupation.channel)"
            }
            return nil
        }
    }

    /// Invariant 3: while a slot's phone reserve is unreleased, online
    /// bookings, holds and their cool-downs leave it alone.
    func testInvariant3_onlineNeverEatsUnreleasedPhoneReserve() {
        simulate(salt: 3, "invariant 3") { world, _ in
            let policy = world.scenario.policy
            for date in world.scenario.dates {
                let plan = world.scenario.plans[date]!
                for slot in plan.slots where world.now < policy.phoneReserveRelease(forSlotStartingAt: slot.start) {
                    let online = world.occupations.filter {
                        $0.isActive(at: world.now) && $0.channel == .online && !$0.staffOverride
                            && $0.start < slot.end && slot.start < $0.end
                    }.reduce(0) { $0 + $1.quantity }
                    if online > slot.bookable - slot.phoneReserve {
                        return "slot \(slot.start): online \(online) > bookable \(slot.bookable) − reserve \(slot.phoneReserve)"
                    }
                }
            }
            return nil
        }
    }

    /// Invariant 4: no booking outside the opening rules, on a closure or
    /// holiday, or outside the window — checked against an independent oracle
    /// at the moment of each decision.
    func testInvariant4_noBookingOutsideRulesClosuresOrWindow() {
        simulate(salt: 4, "invariant 4") { world, events in
            for event in events {
                switch event {
                case .placed(let placement, let request, let now):
                    if let violation = Oracle.violation(of: placement, request: request, now: now, setup: world.scenario.setup) {
                        return "placement at \(placement.start.rfc3339(in: world.scenario.zone)): \(violation)"
                    }
                case .walkIn(let ticket, let now):
                    if ticket.start < now { return "walk-in ticket starts before it was issued" }
                    if world.scenario.zone.localDate(of: ticket.start) != world.scenario.zone.localDate(of: now) {
                        return "walk-in ticket for another day"
                    }
                    let rule = world.scenario.setup.rules.first { $0.id == ticket.bandId }!
                    if rule.kind == .appointmentsOnly { return "walk-in ticket in an appointments-only band" }
                }
            }
            return nil
        }
    }

    /// Invariant 5: a multi-slot booking takes back-to-back slots of one band.
    func testInvariant5_multiSlotBookingsContiguousInOneBand() {
        simulate(salt: 5, "invariant 5") { world, events in
            for case .placed(let placement, _, _) in events {
                let plan = world.scenario.plans[placement.date] ?? world.scenario.allocator.plan(for: placement.date)
                guard let first = plan.slotIndex(startingAt: placement.start) else { return "start is no slot" }
                for (offset, start) in placement.slotStarts.enumerated() {
                    let index = first + offset
                    guard index < plan.slots.count, plan.slots[index].start == start else { return "slot \(offset) is not the next slot" }
                    if plan.slots[index].bandId != placement.bandId { return "slot \(offset) in band \(plan.slots[index].bandId)" }
                    if offset > 0 && plan.slots[index - 1].end != start { return "gap before slot \(offset)" }
                    if !plan.slots[index].isOpen { return "slot \(offset) is closed" }
                }
                if placement.end != plan.slots[first + placement.slotCount - 1].end { return "end is not the last slot's end" }
            }
            return nil
        }
    }

    /// Invariant 6, in the pure core: concurrent attempts all decide against
    /// the same snapshot (and may all see room); the single writer then
    /// re-decides each against the current state before committing, as
    /// Core's transaction does. Whatever the order, 1–5 keep holding, and a
    /// loser is told `slotTaken` (or hits its contact limit), never an error.
    func testInvariant6_racingAttemptsCommittedThroughTheWriterKeepInvariants() {
        var contested = 0
        guard let cases = PropertyRunner.check("invariant 6", salt: 6, { seed in
            var rng = SplitMix64(seed: seed)
            let scenario = ScenarioGenerator.make(&rng)
            var world = World(scenario: scenario)
            for _ in 0..<20 { _ = world.step(&rng) }
            let hotStart = ScenarioGenerator.start(scenario, rng: &rng)
            let attempts = (0..<rng.int(2...8)).map { _ -> (BookingRequest, Instant) in
                var request = ScenarioGenerator.request(scenario, rng: &rng)
                request.activeBookingsOfContact = 0
                return (request, rng.chance(0.8) ? hotStart : ScenarioGenerator.start(scenario, rng: &rng))
            }
            let snapshot = world
            let optimistic = attempts.map { snapshot.decide($0.0, start: $0.1) }
            var committed = 0
            for index in rng.shuffled(Array(attempts.indices)) {
                let (request, start) = attempts[index]
                switch world.decide(request, start: start) {
                case .success(let placement):
                    if case .failure = optimistic[index] { return "refused on the snapshot but fitting later" }
                    if let violation = Oracle.violation(of: placement, request: request, now: world.now, setup: scenario.setup) {
                        return violation
                    }
                    world.occupations.append(placement.occupation(id: world.makeId(OccupationID.booking)))
                    committed += 1
                case .failure(let refusal):
                    if case .success = optimistic[index], refusal != .slotTaken {
                        return "a loser got \(refusal) instead of slotTaken"
                    }
                }
            }
            if committed < optimistic.filter({ if case .success = $0 { true } else { false } }).count { contested += 1 }
            for usage in Self.usages(world) {
                for (index, slot) in usage.plan.slots.enumerated() {
                    let used = usage.slots[index]
                    if used.used > slot.total || used.bookings > slot.bookable {
                        return "slot \(slot.start) over capacity: \(used)"
                    }
                }
            }
            return nil
        }) else { return }
        XCTAssertEqual(cases, PropertyRunner.isFullRun ? 1000 : 1)
        if PropertyRunner.isFullRun { XCTAssertGreaterThan(contested, 30, "too few contested races") }
        print("invariant 6: \(cases) cases, \(contested) with more optimistic winners than capacity")
    }
}
