import Scheduling

/// A booking a closure, a cut in counters or a catalogue change no longer
/// fits: on the office's "to contact" list until staff mark it handled, or
/// cancel or move it.
public struct AffectedBooking: Sendable, Hashable {
    public enum Change: Sendable, Hashable {
        case closure(String)
        case capacity(String)
        /// A catalogue revision (an import or an admin's edit), by its id:
        /// fewer hours, fewer counters, a new closure, a service withdrawn.
        case catalogue(String)

        public var kind: String {
            switch self {
            case .closure: "closure"
            case .capacity: "capacity"
            case .catalogue: "catalogue"
            }
        }

        public var id: String {
            switch self {
            case .closure(let id), .capacity(let id), .catalogue(let id): id
            }
        }

        /// What this kind of change does to a booking, when it does one
        /// thing: a catalogue revision may do any.
        var cause: Cause? {
            switch self {
            case .closure: .closed
            case .capacity: .overCapacity
            case .catalogue: nil
            }
        }

        init?(kind: String, id: String) {
            switch kind {
            case "closure": self = .closure(id)
            case "capacity": self = .capacity(id)
            case "catalogue": self = .catalogue(id)
            default: return nil
            }
        }
    }

    public enum Cause: String, Sendable, Hashable {
        case closed, overCapacity, outsideOpeningHours
        /// The office no longer offers a service the booking is for (a
        /// catalogue change): only a catalogue revision lists this.
        case serviceWithdrawn

        init(_ cause: FollowUp.Cause) {
            switch cause {
            case .closed: self = .closed
            case .overCapacity: self = .overCapacity
            case .outsideOpeningHours: self = .outsideOpeningHours
            }
        }
    }

    public let booking: Booking
    public let change: Change
    public let cause: Cause
    public let listedAt: Instant
    public let handledAt: Instant?
    public let handledBy: String?
}
