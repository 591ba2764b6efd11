import Scheduling

/// What was done to a booking: `confirmed` is the citizen following the
/// double opt-in's link, `lapsed` its time running out unconfirmed,
/// `erased` its personal data going (`Erasure`; the detail says whether
/// by `retention` or at the citizen's `request`).
public enum BookingAction: String, CaseIterable, Sendable {
    case created, confirmed, lapsed, cancelled, rescheduled, checkedIn, noShow, completed, erased
}

/// One line of a booking's history: who did what, when, through which
/// channel, and for whom.
public struct BookingEvent: Hashable, Sendable {
    public let action: BookingAction
    public let at: Instant
    public let channel: Channel
    /// The signed-in account that acted; nil when the citizen acted themself.
    public let accountId: Int64?
    /// That account's username at the time.
    public let actor: String?
    /// The citizen an agent or clerk acted for (the booking's contact).
    public let onBehalfOf: String?
    /// What changed, e.g. the time a booking was moved from.
    public let detail: String?
}
