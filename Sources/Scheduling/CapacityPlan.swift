/// One slot of one band on one day: its place in time and its counters.
public struct Slot: Hashable, Sendable {
    public let start: Instant
    public let end: Instant
    /// Wall-clock start as the rule's grid produced it.
    public let localStart: LocalTime
    /// Wall-clock time at `end` (`24:00` at the end of the day; `03:00` for a
    /// slot that started at 01:30 on the spring-forward day).
    public let localEnd: LocalTime
    public let bandId: String
    /// Counters staffed.
    public let total: Int
    /// Counters reserved for walk-ins.
    public let walkIn: Int
    /// Part of `bookable` held for the phone channel until its release.
    public let phoneReserve: Int
    /// Why the slot is closed (a holiday's name or a closure's reason); nil when open.
    public let closure: String?

    public var bookable: Int { total - walkIn }
    public var isOpen: Bool { closure == nil }
    public var minutes: Int { Int(end.seconds(since: start) / 60) }
}

/// The slots one opening rule produces on one day. A booking's slots always
/// lie inside one band; the gap between two bands is a break.
public struct Band: Hashable, Sendable {
    /// The id of the rule that produced the band.
    public let id: String
    public let kind: OpeningRule.Kind
    public let slotMinutes: Int
    public let serviceIds: Set<ServiceID>?
    public let localBand: TimeBand
    /// The band's slots, as indices into `CapacityPlan.slots`.
    public let slotRange: Range<Int>

    public func serves<S: Sequence>(_ requested: S) -> Bool where S.Element == ServiceID {
        guard let serviceIds else { return true }
        return requested.allSatisfy(serviceIds.contains)
    }
}

/// The capacity of one office on one local date, derived from its rules,
/// closures and the public holidays of its Land.
///
/// Daylight saving time: slots follow the wall clock. On the spring-forward
/// day, slots starting in the missing hour (02:00–02:59) do not exist. On the
/// fall-back day the repeated hour 02:00–02:59 is offered once, in its first
/// (summer-time, +02:00) pass, so that "02:30" on a letter names exactly one
/// instant; the second pass has no slots, and a booking cannot span it (its
/// slots would not be back to back). Any slot that would physically overlap
/// the previous one is dropped, so counters are never counted twice.
///
/// Overlapping rules are not added up: two rules whose bands overlap on a day
/// are a configuration error (see `OpeningRule.problems(in:)`). Should they
/// reach the planner anyway, the one that starts first (then the smaller id)
/// wins and the others are listed in `ignoredRuleIds`, which never
/// over-states capacity.
public struct CapacityPlan: Hashable, Sendable {
    public let officeId: OfficeID
    public let date: LocalDate
    /// Every slot of every band, closed ones included (see `Slot.closure`),
    /// in time order; no two overlap.
    public let slots: [Slot]
    /// Bands in time order.
    public let bands: [Band]
    /// Why the whole day is closed (a holiday or whole-day closure), if it is.
    public let closure: String?
    /// Rules in force on this date that the plan could not use (overlap or
    /// invalid values).
    public let ignoredRuleIds: [String]
    /// For each slot, the index of its band in `bands`.
    let bandIndexOfSlot: [Int]

    init(officeId: OfficeID, date: LocalDate, slots: [Slot], bands: [Band], closure: String?, ignoredRuleIds: [String]) {
        self.officeId = officeId
        self.date = date
        self.slots = slots
        self.bands = bands
        self.closure = closure
        self.ignoredRuleIds = ignoredRuleIds
        var owner = [Int](repeating: 0, count: slots.count)
        for (bandIndex, band) in bands.enumerated() {
            for slotIndex in band.slotRange { owner[slotIndex] = bandIndex }
        }
        self.bandIndexOfSlot = owner
    }

    public var openSlots: [Slot] { slots.filter(\.isOpen) }

    public func band(ofSlotAt index: Int) -> Band { bands[bandIndexOfSlot[index]] }

    /// The slot starting exactly at `start`.
    public func slotIndex(startingAt start: Instant) -> Int? {
        let index = firstSlotIndex(endingAfter: start)
        return index < slots.count && slots[index].start == start ? index : nil
    }

    /// The first slot whose end is after `instant` (`slots.count` if none).
    /// Slots never overlap, so ends are sorted like starts.
    public func firstSlotIndex(endingAfter instant: Instant) -> Int {
        var low = 0, high = slots.count
        while low < high {
            let middle = (low + high) / 2
            if slots[middle].end <= instant { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The band whose time span contains `instant`, if any.
    public func bandIndex(containing instant: Instant) -> Int? {
        bands.firstIndex { band in
            !band.slotRange.isEmpty && slots[band.slotRange.lowerBound].start <= instant
                && instant < slots[band.slotRange.upperBound - 1].end
        }
    }

    /// Whether `count` slots from `index` are back to back inside one band.
    public func isContiguousRun(from index: Int, count: Int) -> Bool {
        guard count >= 1, index >= 0 else { return false }
        let band = self.band(ofSlotAt: index)
        guard index + count <= band.slotRange.upperBound else { return false }
        for next in (index + 1)..<(index + count) where slots[next - 1].end != slots[next].start {
            return false
        }
        return true
    }
}
