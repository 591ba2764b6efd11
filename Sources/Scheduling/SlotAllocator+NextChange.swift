/// When an answer of the allocator stops being true by the clock alone.
///
/// Availability is a pure function of (rules, closures, occupations, now)
/// (invariant 8). Without a write, only `now` moves, and the answer for a
/// day changes only at a few instants: a start falls inside the minimum
/// notice, a phone reserve is released, a hold expires, a cooldown ends, an
/// unconfirmed booking lapses, the day rolls over or the next day is
/// released. Until the earliest of these the same inputs give the same
/// answer, which lets Booking reuse it.
extension SlotAllocator {
    public func nextChange(in plan: CapacityPlan, occupations: [Occupation], after now: Instant) -> Instant {
        var next = now.adding(hours: 24)
        func consider(_ instant: Instant) {
            if instant > now && instant < next { next = instant }
        }
        let notice = policy.minNoticeMinutes
        for slot in plan.slots where slot.end > now {
            // A start is admitted while start ≥ now + notice: it drops out one
            // second after start − notice.
            consider(slot.start.adding(minutes: -notice).adding(seconds: 1))
            if slot.phoneReserve > 0 { consider(policy.phoneReserveRelease(forSlotStartingAt: slot.start)) }
        }
        for occupation in occupations {
            if let lapsesAt = occupation.lapsesAt { consider(lapsesAt) }
            switch occupation.kind {
            case .hold(let expiresAt): consider(expiresAt)
            case .cooldown(let until): consider(until)
            case .booking, .walkIn: break
            }
        }
        let today = timeZone.localDate(of: now)
        consider(timeZone.startOfDay(today.adding(days: 1)))
        if let release = timeZone.instant(on: today, at: policy.releaseTime) { consider(release) }
        return next
    }
}
