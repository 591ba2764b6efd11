/// The slot allocator: decides whether and where a booking fits, for one
/// office. Pure — every answer is a function of (setup, occupations, now), so
/// the same inputs always give the same output and Booking can run it inside
/// its write transaction against the rows it just read.
///
/// A booking needing `d` minutes takes `k = ceil(d / slotMinutes)` back-to-back
/// slots of one band, and fits when every one of them has room for its
/// channel (see `DayUsage.room`).
public struct SlotAllocator: Sendable {
    public let setup: OfficeSetup

    public init(setup: OfficeSetup) {
        self.setup = setup
    }

    public var timeZone: TimeZoneRules { setup.timeZone }
    public var policy: BookingPolicy { setup.policy }

    public func plan(for date: LocalDate) -> CapacityPlan {
        CapacityPlan(for: date, setup: setup)
    }

    public func window(at now: Instant) -> BookingWindow {
        setup.policy.window(at: now, in: setup.timeZone)
    }

    /// `d`, the minutes the request needs, or why the request is invalid.
    public func serviceMinutes(for request: BookingRequest) -> Result<Int, Refusal> {
        ValidatedRequest.validate(request, setup: setup).map(\.minutes)
    }

    // MARK: - Availability

    /// Every start on `date` at which the whole booking fits for the request's
    /// channel, in time order. Fails only for an invalid request or a contact
    /// at their limit; a day without room is an empty list.
    public func freeStarts(on date: LocalDate, for request: BookingRequest, occupations: [Occupation], now: Instant) -> Result<[Placement], Refusal> {
        freeStarts(in: plan(for: date), for: request, occupations: occupations, now: now)
    }

    /// As above, with a plan the caller already has (it must be this office's).
    public func freeStarts(in plan: CapacityPlan, for request: BookingRequest, occupations: [Occupation], now: Instant) -> Result<[Placement], Refusal> {
        let validated: ValidatedRequest
        switch checkRequest(request) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let value): validated = value
        }
        let window = window(at: now)
        guard plan.date <= window.latestDate else { return .success([]) }
        let usage = DayUsage(plan: plan, occupations: occupations, now: now, replacing: request.replacing)
        let rooms = Rooms(usage: usage, channel: request.channel, staffOverride: request.staffOverride, policy: policy)

        var starts: [Placement] = []
        for band in plan.bands where band.serves(validated.serviceIds) {
            if band.kind == .walkInOnly && !request.staffOverride { continue }
            let count = validated.slotCount(slotMinutes: band.slotMinutes)
            for index in band.slotRange where plan.slots[index].start >= window.earliestStart {
                guard plan.isContiguousRun(from: index, count: count) else { continue }
                if case .success(let placement) = fit(validated, plan: plan, from: index, count: count,
                                                      room: { rooms.normal[$0] }, overrideRoom: { rooms.override[$0] }) {
                    starts.append(placement)
                }
            }
        }
        return .success(starts)
    }

    /// The days from `from` to `to` (both inclusive, clipped to the booking
    /// window) with at least one free start, each with its starts.
    public func daysWithFreeStarts(from: LocalDate, to: LocalDate, for request: BookingRequest,
                                   occupations: [Occupation], now: Instant) -> Result<[DayAvailability], Refusal> {
        if case .failure(let refusal) = checkRequest(request) { return .failure(refusal) }
        let window = window(at: now)
        let first = max(from, window.today)
        let last = min(to, window.latestDate)
        guard first <= last else { return .success([]) }

        // Each day only needs the occupations touching it.
        var byDate: [LocalDate: [Occupation]] = [:]
        for occupation in occupations where occupation.isActive(at: now) {
            let startDate = timeZone.localDate(of: occupation.start)
            let endDate = timeZone.localDate(of: occupation.end.adding(seconds: -1))
            var date = max(startDate, first)
            while date <= min(endDate, last) {
                byDate[date, default: []].append(occupation)
                date = date.adding(days: 1)
            }
        }

        var days: [DayAvailability] = []
        var date = first
        while date <= last {
            let starts = freeStarts(on: date, for: request, occupations: byDate[date] ?? [], now: now)
            if case .success(let list) = starts, !list.isEmpty {
                days.append(DayAvailability(date: date, freeStarts: list))
            }
            date = date.adding(days: 1)
        }
        return .success(days)
    }

    // MARK: - Decisions

    /// Whether the booking (or hold) can start at `start`, and where it goes.
    public func decide(_ request: BookingRequest, start: Instant, occupations: [Occupation], now: Instant) -> Result<Placement, Refusal> {
        decide(request, start: start, plan: nil, occupations: occupations, now: now)
    }

    /// As above, reusing `plan` when it is the plan of `start`'s date.
    public func decide(_ request: BookingRequest, start: Instant, plan cached: CapacityPlan?,
                       occupations: [Occupation], now: Instant) -> Result<Placement, Refusal> {
        let validated: ValidatedRequest
        switch ValidatedRequest.validate(request, setup: setup) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let value): validated = value
        }
        let window = window(at: now)
        let date = timeZone.localDate(of: start)
        if date > window.latestDate { return .failure(.beyondHorizon(latest: window.latestDate)) }
        if start < window.earliestStart { return .failure(.tooSoon(earliest: window.earliestStart)) }

        let plan = cached.flatMap { $0.date == date && $0.officeId == setup.office.id ? $0 : nil } ?? self.plan(for: date)
        guard let index = plan.slotIndex(startingAt: start) else {
            if let closure = plan.closure { return .failure(.closed(reason: closure)) }
            if let bandIndex = plan.bandIndex(containing: start) {
                let next = plan.bands[bandIndex].slotRange.first { plan.slots[$0].start > start && plan.slots[$0].isOpen }
                return .failure(.notOnSlotBoundary(next: next.map { plan.slots[$0].start }))
            }
            return .failure(.outsideOpeningHours)
        }
        if let closure = plan.slots[index].closure { return .failure(.closed(reason: closure)) }
        let band = plan.band(ofSlotAt: index)
        guard band.serves(validated.serviceIds) else { return .failure(.serviceNotAtThisTime) }
        if band.kind == .walkInOnly && !request.staffOverride { return .failure(.walkInOnly) }
        let count = validated.slotCount(slotMinutes: band.slotMinutes)
        guard plan.isContiguousRun(from: index, count: count) else { return .failure(.crossesBreak) }
        if let closed = plan.slots[index..<(index + count)].first(where: { !$0.isOpen }) {
            return .failure(.closed(reason: closed.closure ?? ""))
        }
        if let refusal = contactRefusal(request) { return .failure(refusal) }

        let usage = DayUsage(plan: plan, occupations: occupations, now: now, replacing: request.replacing)
        let policy = self.policy
        return fit(validated, plan: plan, from: index, count: count,
                   room: { usage.room(slot: $0, channel: request.channel, staffOverride: false, policy: policy) },
                   overrideRoom: { usage.room(slot: $0, channel: request.channel, staffOverride: true, policy: policy) })
    }

    // MARK: - Internals

    private func checkRequest(_ request: BookingRequest) -> Result<ValidatedRequest, Refusal> {
        ValidatedRequest.validate(request, setup: setup).flatMap { validated in
            contactRefusal(request).map { .failure($0) } ?? .success(validated)
        }
    }

    private func contactRefusal(_ request: BookingRequest) -> Refusal? {
        guard let active = request.activeBookingsOfContact,
              active >= setup.policy.maxActiveBookingsPerContact else { return nil }
        return .contactLimitReached(limit: setup.policy.maxActiveBookingsPerContact)
    }

    /// The capacity check of a structurally valid run of slots; `room` and
    /// `overrideRoom` give a slot's free counters without and with override.
    private func fit(_ validated: ValidatedRequest, plan: CapacityPlan, from index: Int, count: Int,
                     room: (Int) -> Int, overrideRoom: (Int) -> Int) -> Result<Placement, Refusal> {
        let run = index..<(index + count)
        let request = validated.request
        let usesOverride: Bool
        if run.allSatisfy({ room($0) >= 1 }) {
            usesOverride = false
        } else if request.staffOverride && run.allSatisfy({ overrideRoom($0) >= 1 }) {
            usesOverride = true
        } else if !request.staffOverride && run.contains(where: { plan.slots[$0].bookable == 0 }) {
            return .failure(.walkInOnly)
        } else {
            return .failure(.slotTaken)
        }
        return .success(Placement(
            officeId: plan.officeId, date: plan.date, bandId: plan.slots[index].bandId,
            start: plan.slots[index].start, end: plan.slots[index + count - 1].end,
            slotStarts: run.map { plan.slots[$0].start }, serviceMinutes: validated.minutes,
            channel: request.channel, usesOverride: usesOverride))
    }

    /// Room per slot for one request, computed once per day for `freeStarts`.
    private struct Rooms {
        let normal: [Int]
        let override: [Int]

        init(usage: DayUsage, channel: Channel, staffOverride: Bool, policy: BookingPolicy) {
            let indices = usage.plan.slots.indices
            normal = indices.map { usage.room(slot: $0, channel: channel, staffOverride: false, policy: policy) }
            override = staffOverride
                ? indices.map { usage.room(slot: $0, channel: channel, staffOverride: true, policy: policy) }
                : []
        }
    }
}
