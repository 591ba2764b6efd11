import Scheduling

/// When personal data falls due for erasure. Here so far only a booking's
/// (what its citizen is told, `PersonalData.erasureDue`); the retention
/// sweep asks the same rule.
extension RetentionRules {
    /// A booking's personal data is kept `retentionDays` (the
    /// municipality's) after its appointment ended or, cancelled or
    /// lapsed unconfirmed, after that happened (`updatedAt`, which the
    /// cancellation and the lapse set last).
    package static func bookingErasureDue(status: Booking.Status, end: Instant, updatedAt: Instant,
                                          retentionDays: Int) -> Instant {
        let from = status == .cancelled ? updatedAt : end
        return from.adding(seconds: Int64(retentionDays) * 86_400)
    }
}
