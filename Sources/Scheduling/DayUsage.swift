/// How much of one slot is taken, split by the pool it came from. Keeping the
/// pools apart is what lets the allocator enforce "bookings ≤ bookable" and
/// "online leaves the phone reserve" separately from "used ≤ total".
public struct SlotUsage: Hashable, Sendable {
    /// Bookings, holds and cool-downs without override (the bookable pool).
    public var bookings: Int = 0
    /// The part of `appointments` that came through the phone channel; it is
    /// what consumes the phone reserve.
    public var phone: Int = 0
    /// Desk bookings by staff override (into the walk-in reserve).
    public var overrides: Int = 0
    /// Walk-in tickets.
    public var walkIns: Int = 0

    public init() {}

    /// `used(s)` of docs/architecture.md.
    public var used: Int { bookings + overrides + walkIns }
}

/// `used(s)` of every slot of a plan at `now`: the occupations active at
/// `now`, in any order (the sums do not depend on it).
public struct DayUsage: Hashable, Sendable {
    public let plan: CapacityPlan
    public let now: Instant
    /// Aligned with `plan.slots`.
    public let slots: [SlotUsage]

    /// - Parameter replacing: occupation ids to leave out — a booking made
    ///   from a hold ignores that hold, a reschedule the booking it moves.
    public init(plan: CapacityPlan, occupations: [Occupation], now: Instant, replacing: Set<OccupationID> = []) {
        var usage = [SlotUsage](repeating: SlotUsage(), count: plan.slots.count)
        for occupation in occupations
        where occupation.isActive(at: now) && occupation.quantity > 0 && !replacing.contains(occupation.id) {
            var index = plan.firstSlotIndex(endingAfter: occupation.start)
            while index < plan.slots.count, plan.slots[index].start < occupation.end {
                switch occupation.pool {
                case .bookable:
                    usage[index].bookings += occupation.quantity
                    if occupation.channel == .phone { usage[index].phone += occupation.quantity }
                case .override:
                    usage[index].overrides += occupation.quantity
                case .walkIn:
                    usage[index].walkIns += occupation.quantity
                }
                index += 1
            }
        }
        self.plan = plan
        self.now = now
        self.slots = usage
    }

    /// Whether the phone reserve of slot `index` has been opened to online.
    public func isPhoneReserveReleased(slot index: Int, policy: BookingPolicy) -> Bool {
        now >= policy.phoneReserveRelease(forSlotStartingAt: plan.slots[index].start)
    }

    /// Counters still free in slot `index` for one more appointment through
    /// `channel`; with `staffOverride`, up to `total`. Zero for closed slots.
    public func room(slot index: Int, channel: Channel, staffOverride: Bool, policy: BookingPolicy) -> Int {
        let slot = plan.slots[index]
        guard slot.isOpen else { return 0 }
        let usage = slots[index]
        let underTotal = slot.total - usage.used
        if staffOverride { return max(0, underTotal) }
        var room = min(slot.bookable - usage.bookings, underTotal)
        if !channel.mayUsePhoneReserve && !isPhoneReserveReleased(slot: index, policy: policy) {
            // Phone bookings count against the reserve; only its unused part is withheld.
            let withheld = max(0, slot.phoneReserve - usage.phone)
            room = min(room, slot.bookable - withheld - usage.bookings)
        }
        return max(0, room)
    }

    /// Counters still free in slot `index` for a walk-in ticket: the unused
    /// walk-in reserve, plus — once the slot is inside the minimum notice and
    /// no longer bookable — whatever nobody booked.
    public func walkInRoom(slot index: Int, policy: BookingPolicy, includeUnbookable: Bool) -> Int {
        let slot = plan.slots[index]
        guard slot.isOpen else { return 0 }
        let usage = slots[index]
        let underTotal = slot.total - usage.used
        let reserve = slot.walkIn - usage.overrides - usage.walkIns
        let insideNotice = slot.start < now.adding(minutes: policy.minNoticeMinutes)
        let room = includeUnbookable && insideNotice ? underTotal : min(reserve, underTotal)
        return max(0, room)
    }
}
