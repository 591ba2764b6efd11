import Scheduling
import SQLite

/// The `affected` message: a closure, a capacity change or a catalogue
/// revision has just put a booking on its office's "to contact" list, and
/// the citizen hears why, with a manage link to choose a new time. Written
/// in the transaction that lists the booking, so a rehearsed catalogue
/// change (a dry run, a preview) rolls its messages back with it.
extension Store {
    /// One message per listed booking that has an address, in the booking's
    /// language; `reason` is what staff wrote for a closure (its form says
    /// citizens are shown it), nil otherwise.
    func enqueueAffected(_ db: Connection, _ listed: [AffectedBooking], reason: String?, now: Instant) throws {
        for row in listed {
            let booking = row.booking
            // The one place an affected message picks its recipient: the
            // lead switches it to `BookingRecipient` once that is on main.
            guard let recipient = booking.contact.email else { continue }
            let language = try db.cachedStatement("SELECT language FROM bookings WHERE id = ?")
                .query([booking.id]).first.map { try $0["language"] as String } ?? "de"
            var facts = MessageFacts(booking: MessageFacts.BookingFacts(
                booking, manageToken: try ManageTokens.mint(db, bookingId: booking.id, now: now)))
            facts.cause = row.cause.rawValue
            facts.reason = reason.flatMap { $0.isEmpty ? nil : $0 }
            try enqueue(db, MessageDraft(kind: .affected, language: language, recipient: recipient, officeId: booking.officeId,
                                         bookingId: booking.id, facts: facts), now: now)
        }
    }
}
