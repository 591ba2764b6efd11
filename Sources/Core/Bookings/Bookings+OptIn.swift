import Scheduling
import SQLite

/// What an opt-in link opens: a booking that still waits for it, the
/// booking it just confirmed (with a manage token for the citizen's way
/// on), or one that lapsed unconfirmed.
public enum OptIn: Hashable, Sendable {
    case awaiting(Booking)
    case confirmed(BookingConfirmation)
    case lapsed(Booking)

    var officeId: OfficeID {
        switch self {
        case .awaiting(let booking), .lapsed(let booking): booking.officeId
        case .confirmed(let confirmation): confirmation.booking.officeId
        }
    }
}

/// The double opt-in (docs/mail.md): an online booking at an office whose
/// policy asks for it waits as `pendingConfirmation`, holding its capacity,
/// until the citizen follows the link in the `optIn` message; unconfirmed
/// at `confirm_by`, it lapses and its capacity returns.
extension Bookings {
    /// The opt-in an order waits for: its link's token and how long it
    /// has, decided before the writer's turn; nil when the booking is
    /// confirmed at once (the policy does not ask, or a phone or desk
    /// booking). A booking that waits needs an e-mail address to be sent
    /// the link: without one it could only lapse, so it is refused.
    struct OptInWait: Sendable {
        let token: String
        let hash: [UInt8]
        let minutes: Int
    }

    static func optInWait(policy: BookingPolicy, channel: Channel, contact: Contact) throws -> OptInWait? {
        guard policy.confirmationRequired, channel == .online else { return nil }
        guard contact.email != nil else {
            throw BookingError.invalid(field: "contact.email", message: "is needed: the booking is confirmed by following the link sent there")
        }
        let (token, hash) = OptInRows.generateToken()
        return OptInWait(token: token, hash: hash, minutes: max(1, policy.confirmationMinutes))
    }

    /// The first message about a booking just made: the `confirmation`
    /// with its manage link, or, when it waits, the `optIn` with the
    /// confirm link and its deadline (and no manage link: that comes once
    /// it is confirmed).
    static func firstMessage(_ facts: MessageFacts.BookingFacts, waiting: OptInWait?, confirmBy: Instant?) -> MessageFacts {
        guard let waiting, let confirmBy else { return MessageFacts(booking: facts) }
        var booking = facts
        booking.manageToken = nil
        var message = MessageFacts(booking: booking)
        message.confirmToken = waiting.token
        message.confirmBy = confirmBy.secondsSinceEpoch
        return message
    }

    /// What the opt-in link of `code` with `token` opens now. An unknown
    /// code, a wrong token and a link already used are one answer,
    /// `notFound`, so codes cannot be probed.
    public func optIn(_ code: BookingCode, token: String) throws -> OptIn {
        let catalogue = try store.catalogue()
        let now = clock.now()
        return try store.read { db in try Self.optIn(db, code: code, token: token, catalogue: catalogue, now: now) }
    }

    /// Confirms a waiting booking, in one transaction: `confirmed`, its
    /// link spent (the hash cleared), the `confirmed` line in its history,
    /// and the `confirmation` message with a fresh manage link. A lapsed
    /// booking is answered as such and stays lapsed.
    public func confirm(_ code: BookingCode, token: String) throws -> OptIn {
        let catalogue = try store.catalogue()
        let clock = self.clock
        let store = self.store
        return try store.write(changingOfficeOf: \.officeId) { db in
            let now = clock.now()
            let state = try Self.optIn(db, code: code, token: token, catalogue: catalogue, now: now)
            guard case .awaiting(var booking) = state else { return state }
            try db.run("""
                UPDATE bookings SET status = 'confirmed', confirm_by = NULL, confirm_token_hash = NULL, updated_at = ? WHERE id = ?
                """, [now.secondsSinceEpoch, booking.id])
            try AuditTrail.record(db, bookingId: booking.id, action: .confirmed, caller: .citizen, at: now,
                                  onBehalfOf: booking.contact.name)
            let manageToken = try ManageTokens.mint(db, bookingId: booking.id, now: now)
            booking.status = .confirmed
            booking.confirmBy = nil
            if let email = booking.contact.email {
                let language = try db.cachedStatement("SELECT language FROM bookings WHERE id = ?").query([booking.id]).first
                    .map { try $0["language"] as String } ?? "de"
                try store.enqueue(db, MessageDraft(kind: .confirmation, language: language, recipient: email,
                                                   officeId: booking.officeId, bookingId: booking.id,
                                                   facts: MessageFacts(booking: Self.facts(of: booking, manageToken: manageToken))),
                                  now: now)
            }
            return .confirmed(BookingConfirmation(booking: booking, manageToken: manageToken))
        }
    }

    /// Lapses every booking whose opt-in time has run out, one transaction
    /// per office (each office's cached answers forgotten after its own):
    /// the sweep that makes pages and lists say so. Capacity does not wait
    /// for it: a waiting booking stops counting at its time
    /// (`OccupationRows.takesCapacity`), and every booking transaction at
    /// its office lapses it first. Answers how many lapsed.
    @discardableResult
    public func lapseUnconfirmed() throws -> Int {
        let now = clock.now()
        let store = self.store
        let clock = self.clock
        var lapsed = 0
        for office in try store.read({ try OptInRows.officesDue($0, now: now) }) {
            lapsed += try store.write(changing: office) { db in
                try OptInRows.lapseDue(db, store: store, office: office, now: clock.now())
            }
        }
        return lapsed
    }

    /// Whether the booking waits for its opt-in now: what pages say of it.
    public func awaitsConfirmation(_ booking: Booking) -> Bool {
        booking.awaitsConfirmation(at: clock.now())
    }

    /// Whether the booking lapsed unconfirmed by now.
    public func hasLapsed(_ booking: Booking) -> Bool {
        booking.hasLapsed(at: clock.now())
    }

    /// When the next waiting booking lapses: when the sweep is next due.
    public func nextLapse() throws -> Instant? {
        try store.read { try OptInRows.nextLapse($0) }
    }

    private static func optIn(_ db: Connection, code: BookingCode, token: String, catalogue: Catalogue,
                              now: Instant) throws -> OptIn {
        guard let (booking, _) = try BookingRows.find(db, code: code, catalogue: catalogue),
              let hash = try OptInRows.tokenHash(db, bookingId: booking.id),
              Crypto.constantTimeEqual(hash, OptInRows.hash(token)) else { throw BookingError.notFound }
        if booking.hasLapsed(at: now) { return .lapsed(booking) }
        guard booking.awaitsConfirmation(at: now) else { throw BookingError.notFound }
        return .awaiting(booking)
    }

    /// A message's facts of the booking as it is now.
    static func facts(of booking: Booking, manageToken: String?) -> MessageFacts.BookingFacts {
        MessageFacts.BookingFacts(
            code: booking.code.value, officeId: booking.officeId.rawValue,
            services: booking.services.map { .init(id: $0.serviceId.rawValue, quantity: $0.quantity) },
            start: booking.start.secondsSinceEpoch, end: booking.end.secondsSinceEpoch, channel: booking.channel.rawValue,
            name: booking.contact.name, manageToken: manageToken)
    }
}
