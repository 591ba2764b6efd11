import Scheduling
import SQLite

/// The `affected` message: a closure, a capacity change or a catalogue
/// revision has just put a booking on its office's "to contact" list, and
/// the citizen hears why, with a manage link to choose a new time. Written
/// in the transaction that lists the booking, so a rehearsed catalogue
/// change (a dry run, a preview) rolls its messages back with it.
extension Store {
    /// One message per listed booking to whoever receives its messages
    /// (`BookingRecipient`), in the booking's language; `reason` is what
    /// staff wrote for a closure (its form says citizens are shown it), nil
    /// otherwise.
    func enqueueAffected(_ db: Connection, _ listed: [AffectedBooking], reason: String?, now: Instant) throws {
        for row in listed {
            try enqueue(db, .affected, about: row.booking, link: .minted, now: now) { facts in
                facts.cause = row.cause.rawValue
                facts.reason = reason.flatMap { $0.isEmpty ? nil : $0 }
            }
        }
    }
}
