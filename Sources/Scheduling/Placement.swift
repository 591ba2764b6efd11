/// Where a booking fits: the outcome of a successful decision, and what
/// Core stores (as an `Occupation`) inside the same transaction.
public struct Placement: Hashable, Sendable {
    public let officeId: OfficeID
    public let date: LocalDate
    public let bandId: String
    /// Start of the first slot.
    public let start: Instant
    /// End of the last slot: the capacity taken (the API's `end`).
    public let end: Instant
    /// Start of each slot taken, back to back.
    public let slotStarts: [Instant]
    /// Minutes the services need (`d`); `start + serviceMinutes ≤ end`.
    public let serviceMinutes: Int
    public let channel: Channel
    /// True only when the booking needed the walk-in reserve; Core audits it.
    public let usesOverride: Bool

    public var slotCount: Int { slotStarts.count }

    /// The occupation to store for this placement.
    public func occupation(id: OccupationID, kind: Occupation.Kind = .booking) -> Occupation {
        Occupation(id: id, kind: kind, start: start, end: end, channel: channel, staffOverride: usesOverride)
    }

    /// A hold on this placement that expires `holdMinutes` after `now`.
    public func hold(id: OccupationID, now: Instant, policy: BookingPolicy) -> Occupation {
        occupation(id: id, kind: .hold(expiresAt: now.adding(minutes: policy.holdMinutes)))
    }
}

/// One day of `daysWithFreeStarts`.
public struct DayAvailability: Hashable, Sendable {
    public let date: LocalDate
    public let freeStarts: [Placement]
}
