/// Which existing appointments of a day no longer fit its plan after a
/// closure or fewer counters: they are kept (never dropped or cancelled
/// behind the citizen's back) and listed for staff to contact.
public enum FollowUp {
    public enum Cause: Hashable, Sendable {
        /// A slot of the appointment is closed; the closure's reason.
        case closed(String)
        /// The slots' counters no longer cover every appointment in them.
        case overCapacity
        /// No opening band covers the appointment any more.
        case outsideOpeningHours
    }

    public struct Finding: Hashable, Sendable {
        public let occupationId: OccupationID
        public let cause: Cause
    }

    /// The appointments among `bookings` that do not fit `plan`.
    ///
    /// `bookings` come in the order they were made: earlier ones keep their
    /// counters and the latest ones over a reduced number are the overflow,
    /// since the office promised the earlier ones first. An appointment
    /// keeps its place only if every one of its slots has room in its pool
    /// (`bookable` without override, `total` with one), as the allocator
    /// would have checked when it was made.
    public static func findings(plan: CapacityPlan, bookings: [Occupation]) -> [Finding] {
        var kept = [SlotUsage](repeating: SlotUsage(), count: plan.slots.count)
        var findings: [Finding] = []
        for booking in bookings where booking.kind == .booking && booking.quantity > 0 {
            var indices: [Int] = []
            var index = plan.firstSlotIndex(endingAfter: booking.start)
            while index < plan.slots.count, plan.slots[index].start < booking.end {
                indices.append(index)
                index += 1
            }
            if indices.isEmpty {
                findings.append(Finding(occupationId: booking.id, cause: .outsideOpeningHours))
                continue
            }
            if let closed = indices.lazy.compactMap({ plan.slots[$0].closure }).first {
                findings.append(Finding(occupationId: booking.id, cause: .closed(closed)))
                continue
            }
            let fits = indices.allSatisfy { index in
                let slot = plan.slots[index], usage = kept[index]
                guard usage.used + booking.quantity <= slot.total else { return false }
                return booking.staffOverride || usage.bookings + booking.quantity <= slot.bookable
            }
            guard fits else {
                findings.append(Finding(occupationId: booking.id, cause: .overCapacity))
                continue
            }
            for index in indices {
                if booking.staffOverride { kept[index].overrides += booking.quantity } else { kept[index].bookings += booking.quantity }
            }
        }
        return findings
    }
}
