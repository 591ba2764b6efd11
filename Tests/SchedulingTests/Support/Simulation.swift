@testable import Scheduling

/// The state Booking would keep for one office, changed only through the
/// allocator's own decisions: bookings, holds, cancellations with cooldown,
/// hold expiry, reschedules, walk-in tickets, and time passing.
struct World {
    let scenario: Scenario
    var now: Instant
    var occupations: [Occupation] = []
    /// Booking id → contact number, to count active bookings per contact.
    var contactOf: [OccupationID: Int] = [:]
    /// Booking or hold id → the request it was decided with.
    var requestOf: [OccupationID: BookingRequest] = [:]
    private var nextId = 0

    init(scenario: Scenario) {
        self.scenario = scenario
        self.now = scenario.startNow
    }

    /// A decision that succeeded, with the moment and request it was made for.
    enum Event {
        case placed(Placement, BookingRequest, now: Instant)
        case walkIn(WalkInPlacement, now: Instant)
    }

    var bookings: [Occupation] { occupations.filter { if case .booking = $0.kind { true } else { false } } }
    var liveHolds: [Occupation] {
        occupations.filter { if case .hold = $0.kind { $0.isActive(at: now) } else { false } }
    }

    func activeBookings(ofContact contact: Int) -> Int {
        bookings.filter { contactOf[$0.id] == contact }.count
    }

    /// A fresh id of the kind asked for (`.booking`, `.walkInTicket`, …).
    mutating func makeId(_ kind: (Int64) -> OccupationID) -> OccupationID {
        nextId += 1
        return kind(Int64(nextId))
    }

    /// A fresh hold id.
    mutating func makeHoldId() -> OccupationID {
        nextId += 1
        return .hold("h\(nextId)")
    }

    /// Half the time a start the allocator lists as free for this request (so
    /// that slots fill up and refusals for capacity happen), otherwise any start.
    func pickStart(for request: BookingRequest, _ rng: inout SplitMix64) -> Instant {
        if rng.chance(0.5) {
            let date = rng.pick(scenario.dates)
            if case .success(let free) = scenario.allocator.freeStarts(
                in: scenario.plans[date]!, for: request, occupations: occupations, now: now), !free.isEmpty {
                return rng.pick(free).start
            }
        }
        return ScenarioGenerator.start(scenario, rng: &rng)
    }

    func decide(_ request: BookingRequest, start: Instant) -> Result<Placement, Refusal> {
        let date = scenario.zone.localDate(of: start)
        return scenario.allocator.decide(request, start: start, plan: scenario.plans[date], occupations: occupations, now: now)
    }

    /// Applies one random operation; returns the successful decisions it made.
    mutating func step(_ rng: inout SplitMix64) -> [Event] {
        switch rng.int(0...99) {
        case 0..<30: return book(&rng)
        case 30..<45: return hold(&rng)
        case 45..<55: return confirmHold(&rng)
        case 55..<65: return reschedule(&rng)
        case 65..<75: cancel(&rng); return []
        case 75..<80: releaseHold(&rng); return []
        case 80..<88: return walkIn(&rng)
        case 88..<92: forgetInactive(); return []
        default: advance(&rng); return []
        }
    }

    mutating func book(_ rng: inout SplitMix64) -> [Event] {
        let contact = rng.int(0...3)
        var request = ScenarioGenerator.request(scenario, rng: &rng)
        request.activeBookingsOfContact = activeBookings(ofContact: contact)
        guard case .success(let placement) = decide(request, start: pickStart(for: request, &rng)) else { return [] }
        let id = makeId(OccupationID.booking)
        occupations.append(placement.occupation(id: id))
        contactOf[id] = contact
        requestOf[id] = request
        return [.placed(placement, request, now: now)]
    }

    mutating func hold(_ rng: inout SplitMix64) -> [Event] {
        let request = ScenarioGenerator.request(scenario, rng: &rng)
        guard case .success(let placement) = decide(request, start: pickStart(for: request, &rng)) else { return [] }
        let id = makeHoldId()
        occupations.append(placement.hold(id: id, now: now, policy: scenario.policy))
        requestOf[id] = request
        return [.placed(placement, request, now: now)]
    }

    /// Turns a live hold into a booking, as `POST /bookings` with `holdId` does.
    mutating func confirmHold(_ rng: inout SplitMix64) -> [Event] {
        let holds = liveHolds
        guard !holds.isEmpty else { return [] }
        let held = rng.pick(holds)
        let contact = rng.int(0...3)
        var request = requestOf[held.id]!
        request.activeBookingsOfContact = activeBookings(ofContact: contact)
        request.replacing = [held.id]
        guard case .success(let placement) = decide(request, start: held.start) else { return [] }
        occupations.removeAll { $0.id == held.id }
        let id = makeId(OccupationID.booking)
        occupations.append(placement.occupation(id: id))
        contactOf[id] = contact
        requestOf[id] = request
        return [.placed(placement, request, now: now)]
    }

    /// Moves a booking atomically: the old one stays if the new time does not fit.
    mutating func reschedule(_ rng: inout SplitMix64) -> [Event] {
        let current = bookings
        guard !current.isEmpty else { return [] }
        let booking = rng.pick(current)
        let contact = contactOf[booking.id]!
        var request = requestOf[booking.id]!
        request.activeBookingsOfContact = activeBookings(ofContact: contact) - 1
        request.replacing = [booking.id]
        guard case .success(let placement) = decide(request, start: ScenarioGenerator.start(scenario, rng: &rng)) else { return [] }
        occupations.removeAll { $0.id == booking.id }
        occupations.append(placement.occupation(id: booking.id))
        return [.placed(placement, request, now: now)]
    }

    mutating func cancel(_ rng: inout SplitMix64) {
        let current = bookings
        guard !current.isEmpty else { return }
        let booking = rng.pick(current)
        occupations.removeAll { $0.id == booking.id }
        if let block = booking.cancelled(at: now, cooldownMinutes: scenario.policy.cancelCooldownMinutes) {
            occupations.append(block)
        }
    }

    mutating func releaseHold(_ rng: inout SplitMix64) {
        let holds = liveHolds
        guard !holds.isEmpty else { return }
        let held = rng.pick(holds)
        occupations.removeAll { $0.id == held.id }
    }

    mutating func walkIn(_ rng: inout SplitMix64) -> [Event] {
        let services = ScenarioGenerator.request(scenario, rng: &rng, channel: .desk).services
        guard case .success(let ticket) = scenario.walkIns.issue(services: services, occupations: occupations, now: now) else { return [] }
        occupations.append(ticket.occupation(id: makeId(OccupationID.walkInTicket)))
        return [.walkIn(ticket, now: now)]
    }

    /// Booking deletes expired holds and cooldowns now and then; counting must not care.
    mutating func forgetInactive() {
        occupations.removeAll { !$0.isActive(at: now) }
    }

    mutating func advance(_ rng: inout SplitMix64) {
        now = now.adding(minutes: rng.chance(0.05) ? 1440 : rng.pick([1, 5, 10, 30, 60, 240]))
    }
}
