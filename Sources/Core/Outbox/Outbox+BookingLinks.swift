import Scheduling
import SQLite

/// "Resend my links": a citizen who lost the confirmation gives an e-mail
/// address and gets one message listing the upcoming bookings made with it,
/// each with a freshly minted manage link. The caller answers the same
/// whether or not there were any (so the form tells nobody which addresses
/// have bookings), and whether or not the request was throttled
/// (`BookingLinksThrottle`).
extension Outbox {
    /// Finds the upcoming bookings of the mailbox `email` names (by its
    /// contact key, however it is written), mints a manage token for each
    /// and writes one `bookingLinks` message to `email`, in one transaction;
    /// writes nothing when there are none, or when the address or the
    /// `client` (`HTTPRequest.clientKey`) asked too often. `invalid` for no mailbox.
    public func sendBookingLinks(to email: String, language: String, client: String) throws {
        let address = email.trimmingSpaces()
        guard let key = Contact.emailKey(address) else {
            throw BookingError.invalid(field: "email", message: "is not an e-mail address")
        }
        guard store.bookingLinksThrottle.admit(addressKey: key, client: client, now: clock.now()) else { return }
        let catalogue = try store.catalogue()
        let (clock, store) = (self.clock, self.store)
        try store.write { db in
            let now = clock.now()
            let upcoming = try db.query("""
                SELECT \(BookingRows.columns(of: "b")) FROM bookings b JOIN booking_contact_keys k ON k.booking_id = b.id
                WHERE k.key = ? AND b.status IN ('confirmed', 'pendingConfirmation') AND b.start > ? ORDER BY b.start, b.id
                """, [key, now.secondsSinceEpoch]).map { try BookingRows.booking($0, db: db, catalogue: catalogue) }
            guard let first = upcoming.first else { return }
            var facts = MessageFacts()
            facts.bookings = try upcoming.map { booking in
                MessageFacts.BookingFacts(booking, manageToken: try ManageTokens.mint(db, bookingId: booking.id, now: now))
            }
            // All of one address's bookings, so one office is as good as any:
            // the first booking's gives the message its Reply-To.
            try store.enqueue(db, MessageDraft(kind: .bookingLinks, language: language, recipient: address,
                                               officeId: first.officeId, bookingId: nil, facts: facts), now: now)
        }
    }

    /// Forgets the addresses and clients that asked more than the
    /// throttle's hour ago (`BookingLinksThrottle.forgetExpired`): after
    /// each retention run, so memory keeps no address longer than it must.
    public func forgetOldLinkRequests() {
        store.bookingLinksThrottle.forgetExpired(now: clock.now())
    }
}
