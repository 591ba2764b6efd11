import Scheduling

/// When a booking's personal data falls due for erasure, as its citizen
/// is told (`PersonalData.erasureDue`); the sweep's SQL
/// (`RetentionSweep.atOffice`) selects by the same two cutoffs, and
/// `RetentionPropertyTests` holds the two to each other.
extension RetentionRules {
    /// A booking's personal data is kept `retentionDays` (the
    /// municipality's) after its appointment ended or, cancelled or
    /// lapsed unconfirmed, after that happened (`updatedAt`, which the
    /// cancellation and the lapse set last).
    package static func bookingErasureDue(status: Booking.Status, end: Instant, updatedAt: Instant,
                                          retentionDays: Int) -> Instant {
        let from = status == .cancelled ? updatedAt : end
        return from.adding(seconds: Int64(retentionDays) * secondsPerDay)
    }
}
