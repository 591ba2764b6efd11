import Scheduling

/// Whether a booking can still be cancelled or moved: it is upcoming
/// (confirmed or waiting for confirmation) and has not begun yet. The use
/// cases refuse a change by this rule, the "to contact" list calls only
/// such bookings, and the pages offer a change only then.
extension Booking {
    public func isChangeable(at now: Instant) -> Bool {
        Self.isChangeable(status: status, start: start, at: now) && !hasLapsed(at: now)
    }

    /// The rule on a row's status and start, for rows read without their appointment.
    static func isChangeable(status: Status, start: Instant, at now: Instant) -> Bool {
        status.isUpcoming && start > now
    }
}
