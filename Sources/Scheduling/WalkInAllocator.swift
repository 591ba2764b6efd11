/// Walk-in tickets (Wartenummern): where a visitor without an appointment
/// fits into the rest of today, and when they will probably be called.
///
/// A ticket takes `k` back-to-back slots like a booking, starting no earlier
/// than now (a slot already running is not offered: the visitor would overrun
/// into the next slot's appointment). It takes, in this order:
/// 1. the walk-in reserve of the remaining day — the earliest run that the
///    reserve alone can carry;
/// 2. otherwise capacity that can no longer be booked because it is inside the
///    minimum notice, together with the reserve.
/// It never takes capacity someone booked or holds, and never a band of kind
/// `appointmentsOnly` ("nur mit Termin"). The estimated call time is the start
/// of the run, which already accounts for everyone ahead (their tickets and
/// appointments hold the earlier capacity) and for the service durations.
public struct WalkInAllocator: Sendable {
    public let setup: OfficeSetup

    public init(setup: OfficeSetup) {
        self.setup = setup
    }

    /// A ticket for `services` issued at `now`, or why not. When nothing is
    /// left today the refusal names the next date with walk-in capacity.
    public func issue(services: [RequestedService], occupations: [Occupation], now: Instant) -> Result<WalkInPlacement, Refusal> {
        let validated: ValidatedRequest
        switch ValidatedRequest.validate(BookingRequest(services: services, channel: .desk), setup: setup) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let value): validated = value
        }
        let today = setup.timeZone.localDate(of: now)
        let usage = DayUsage(plan: CapacityPlan(for: today, setup: setup), occupations: occupations, now: now)
        if let ticket = earliestRun(validated, usage: usage, notBefore: now, includeUnbookable: false)
            ?? earliestRun(validated, usage: usage, notBefore: now, includeUnbookable: true) {
            return .success(ticket)
        }
        return .failure(.walkInQuotaExhausted(nextAcceptingDate: nextAcceptingDate(after: today, services: services)))
    }

    /// What the public walk-in board shows at `now` for a typical request:
    /// whether a band is running, whether a ticket would be given, and the
    /// estimated wait. The number of people waiting is Core's to count.
    public func status(for services: [RequestedService], occupations: [Occupation], now: Instant) -> WalkInStatus {
        let plan = CapacityPlan(for: setup.timeZone.localDate(of: now), setup: setup)
        let isOpen = plan.slots.contains { $0.isOpen && $0.start <= now && now < $0.end }
        switch issue(services: services, occupations: occupations, now: now) {
        case .success(let ticket):
            return WalkInStatus(isOpen: isOpen, acceptingWalkIns: true, estimatedWaitMinutes: ticket.waitMinutes(from: now),
                                nextAcceptingDate: nil)
        case .failure(.walkInQuotaExhausted(let next)):
            return WalkInStatus(isOpen: isOpen, acceptingWalkIns: false, estimatedWaitMinutes: nil, nextAcceptingDate: next)
        case .failure:
            return WalkInStatus(isOpen: isOpen, acceptingWalkIns: false, estimatedWaitMinutes: nil, nextAcceptingDate: nil)
        }
    }

    /// The first date after `date` (within `searchDays`) whose walk-in
    /// reserve could take a ticket for `services`, assuming no tickets yet.
    public func nextAcceptingDate(after date: LocalDate, services: [RequestedService], searchDays: Int = 60) -> LocalDate? {
        guard case .success(let validated) = ValidatedRequest.validate(
            BookingRequest(services: services, channel: .desk), setup: setup) else { return nil }
        guard searchDays >= 1 else { return nil }
        for offset in 1...searchDays {
            let day = date.adding(days: offset)
            let plan = CapacityPlan(for: day, setup: setup)
            guard !plan.slots.isEmpty else { continue }
            let usage = DayUsage(plan: plan, occupations: [], now: setup.timeZone.startOfDay(day))
            if earliestRun(validated, usage: usage, notBefore: usage.now, includeUnbookable: false) != nil { return day }
        }
        return nil
    }

    private func earliestRun(_ validated: ValidatedRequest, usage: DayUsage, notBefore: Instant,
                             includeUnbookable: Bool) -> WalkInPlacement? {
        let plan = usage.plan
        for band in plan.bands where band.kind != .appointmentsOnly && band.serves(validated.serviceIds) {
            let count = validated.slotCount(slotMinutes: band.slotMinutes)
            for index in band.slotRange where plan.slots[index].start >= notBefore {
                guard plan.isContiguousRun(from: index, count: count) else { continue }
                let run = index..<(index + count)
                let rooms = run.map { usage.walkInRoom(slot: $0, policy: setup.policy, includeUnbookable: includeUnbookable) }
                guard rooms.allSatisfy({ $0 >= 1 }) else { continue }
                // Bands are in time order, so the first run found is the earliest.
                return WalkInPlacement(
                    officeId: plan.officeId, date: plan.date, bandId: band.id,
                    start: plan.slots[index].start, end: plan.slots[index + count - 1].end,
                    slotStarts: run.map { plan.slots[$0].start }, serviceMinutes: validated.minutes,
                    estimatedCallAt: max(notBefore, plan.slots[index].start),
                    usesUnbookableCapacity: includeUnbookable && run.contains {
                        usage.walkInRoom(slot: $0, policy: setup.policy, includeUnbookable: false) < 1
                    })
            }
        }
        return nil
    }
}

/// Where a walk-in ticket was placed.
public struct WalkInPlacement: Hashable, Sendable {
    public let officeId: OfficeID
    public let date: LocalDate
    public let bandId: String
    public let start: Instant
    public let end: Instant
    public let slotStarts: [Instant]
    public let serviceMinutes: Int
    /// When the desk will probably call the ticket (the API's `estimatedCallAt`).
    public let estimatedCallAt: Instant
    /// True when the run needed bookable capacity inside the minimum notice.
    public let usesUnbookableCapacity: Bool

    /// The occupation to store with the ticket so that later tickets queue behind it.
    public func occupation(id: OccupationID) -> Occupation {
        Occupation(id: id, kind: .walkIn, start: start, end: end, channel: .desk)
    }

    /// Minutes from `now` until the estimated call.
    public func waitMinutes(from now: Instant) -> Int {
        Int(max(0, estimatedCallAt.seconds(since: now)) / 60)
    }
}

/// The walk-in board (`GET …/walk-in-status`).
public struct WalkInStatus: Hashable, Sendable {
    /// A slot of today's plan is running right now.
    public let isOpen: Bool
    public let acceptingWalkIns: Bool
    /// Minutes until a ticket issued now would probably be called.
    public let estimatedWaitMinutes: Int?
    /// When not accepting: the next date with walk-in capacity, if any soon.
    public let nextAcceptingDate: LocalDate?
}
