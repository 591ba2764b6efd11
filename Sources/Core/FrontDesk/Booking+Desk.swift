import Scheduling

/// What the front desk does with an appointment on its day, and when each
/// step is allowed. The rules are small but strict: a no-show can only be
/// noted once the appointment has begun (before that the person may still
/// come), a check-in only on the appointment's day, and only a checked-in
/// appointment can be completed. Nothing undoes a cancellation.
extension Booking {
    public enum DeskAction: String, CaseIterable, Sendable {
        case checkIn, noShow, complete

        /// The status the appointment has afterwards.
        public var resultingStatus: Status {
            switch self {
            case .checkIn: .checkedIn
            case .noShow: .noShow
            case .complete: .completed
            }
        }

        var auditAction: BookingAction {
            switch self {
            case .checkIn: .checkedIn
            case .noShow: .noShow
            case .complete: .completed
            }
        }
    }

    /// Why the desk cannot take a step (HTTP 409).
    public enum DeskRefusal: Error, Hashable, Sendable {
        /// The status does not allow the step (cancelled, already done, …).
        case wrongStatus(Status, DeskAction)
        /// Check-in happens on the appointment's day only.
        case notOnItsDay(LocalDate)
        /// A no-show is noted only once the appointment has begun.
        case notYetBegun(Instant)
    }

    /// Nil when `action` is allowed at `now`, else why not.
    public func deskRefusal(_ action: DeskAction, now: Instant, zone: TimeZoneRules) -> DeskRefusal? {
        switch action {
        case .checkIn:
            guard status.isUpcoming else { return .wrongStatus(status, action) }
            let day = zone.localDate(of: start)
            guard zone.localDate(of: now) == day else { return .notOnItsDay(day) }
        case .noShow:
            guard status.isUpcoming else { return .wrongStatus(status, action) }
            guard now >= start else { return .notYetBegun(start) }
        case .complete:
            guard status == .checkedIn else { return .wrongStatus(status, action) }
        }
        return nil
    }
}
