import Scheduling

/// The double opt-in as a booking's state: one rule for every page and
/// answer that asks whether a booking still waits, or lapsed.
extension Booking {
    /// Whether it waits for the citizen to follow the opt-in link at `now`.
    public func awaitsConfirmation(at now: Instant) -> Bool {
        status == .pendingConfirmation && confirmBy.map { now < $0 } == true
    }

    /// Whether it lapsed unconfirmed: cancelled by the sweep (which keeps
    /// `confirmBy`, where a cancellation clears it), or past its time and
    /// not swept yet — it takes no capacity from then on (`OccupationRows`).
    public func hasLapsed(at now: Instant) -> Bool {
        guard let confirmBy else { return false }
        return status == .cancelled || (status == .pendingConfirmation && now >= confirmBy)
    }
}
