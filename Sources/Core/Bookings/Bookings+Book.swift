import Scheduling
import SQLite

/// What a caller asks to book.
public struct BookingOrder: Sendable {
    public var officeId: OfficeID
    public var services: [RequestedService]
    public var start: Instant
    public var holdId: String?
    public var contact: Contact
    public var note: String?
    /// Desk only: may use the walk-in reserve (audited).
    public var staffOverride: Bool
    /// The language the citizen used (`de`, `en`): every message about the
    /// booking is written in it.
    public var language: String

    public init(officeId: OfficeID, services: [RequestedService], start: Instant, holdId: String? = nil,
                contact: Contact, note: String? = nil, staffOverride: Bool = false, language: String = "de") {
        self.officeId = officeId
        self.services = services
        self.start = start
        self.holdId = holdId
        self.contact = contact
        self.note = note
        self.staffOverride = staffOverride
        self.language = language
    }
}

extension Bookings {
    /// Books, in one transaction: check the hold, that the contact has no
    /// active booking at the office at an overlapping time (two racing
    /// requests cannot both pass: the writer runs one at a time), the
    /// contact's limit,
    /// let the allocator decide on the rows as they are now, insert, count
    /// the slots. Returns once the commit is durable. With an idempotency
    /// key, a retry of the same request books nothing and gets the first
    /// confirmation back (`.replayed`); the same key with another request
    /// is refused (`Store.write(changing:idempotency:clock:_:)`). An online
    /// booking at an office that asks for the double opt-in waits for it
    /// (`Bookings+OptIn`); bookings of the office that lapsed meanwhile are
    /// lapsed first, so the decision and `slot_usage` agree.
    public func book(_ order: BookingOrder, caller: Caller,
                     idempotency: IdempotencyKey? = nil) throws -> Idempotent<BookingConfirmation> {
        try Self.check(order.services)
        if let problem = order.contact.problem { throw BookingError.invalid(field: problem.field, message: problem.message) }
        if let note = order.note, let message = FieldText.problemInLines(note) {
            throw BookingError.invalid(field: "note", message: message)
        }
        // One kind of line break is stored, so every export and page sees the same.
        var normalised = order
        normalised.note = order.note.map(FieldText.lines)
        let order = normalised
        let contactKeys = order.contact.keys
        let allocator = try allocator(order.officeId)
        let documents = try store.catalogue().documents(for: order.services.map(\.serviceId))
        let waiting = try Self.optInWait(policy: allocator.setup.policy, channel: caller.channel, contact: order.contact)
        let store = self.store
        // Everything that needs no database happens before the writer's turn:
        // the writer is the one thread every booking waits for.
        let (token, tokenHash) = ManageToken.generate()
        let firstCode = BookingCode.random()
        let result = try store.write(changing: order.officeId, idempotency: idempotency, clock: clock) { db, now in
            var replacing: Set<OccupationID> = []
            if let holdId = order.holdId, let live = try HoldRows.live(db, id: holdId, now: now) {
                // A hold for another time or office is a mistake, not a pass;
                // one made for another contact is someone else's.
                guard live.hold.officeId == order.officeId, live.hold.start == order.start else {
                    throw BookingError.invalid(field: "holdId", message: "the hold is for another office or time")
                }
                guard live.contactKeys.isEmpty || !live.contactKeys.isDisjoint(with: order.contact.keys) else {
                    throw BookingError.holdForAnotherContact
                }
                replacing.insert(.hold(holdId))
            }
            try OptInRows.lapseDue(db, store: store, office: order.officeId, now: now)
            let date = allocator.timeZone.localDate(of: order.start)
            let request = BookingRequest(
                services: order.services, channel: caller.channel, staffOverride: order.staffOverride,
                activeBookingsOfContact: try BookingRows.upcomingCount(db, office: order.officeId, contactKeys: contactKeys,
                                                                        now: now),
                replacing: replacing)
            // Before the allocator: a resent form is told of the booking it
            // already made, not that the time is now taken or the limit reached.
            if case .success(let minutes) = allocator.serviceMinutes(for: request),
               let existing = try BookingRows.overlappingCode(db, office: order.officeId, contactKeys: contactKeys,
                                                               during: order.start..<order.start.adding(minutes: minutes)) {
                throw BookingError.duplicateBooking(existing: caller.isSignedIn ? existing : nil)
            }
            let occupations = try OccupationRows.occupations(db, allocator: allocator, request: request, start: order.start, now: now)
            let plan = store.plan(allocator.setup, on: date)
            let placement = try Self.unwrap(allocator.decide(request, start: order.start, plan: plan,
                                                             occupations: occupations, now: now))
            let confirmBy = waiting.map { now.adding(minutes: $0.minutes) }
            let (id, code) = try Self.insertBooking(db, order: order, placement: placement, contactKeys: contactKeys,
                                                    tokenHash: tokenHash, firstCode: firstCode, caller: caller,
                                                    date: date, now: now, confirmBy: confirmBy, confirmTokenHash: waiting?.hash)
            try BookingRows.occupySlots(db, booking: id, placement: placement, plan: plan)
            if let holdId = order.holdId { _ = try HoldRows.end(db, id: holdId, booked: true, now: now) }
            let booking = Booking(
                id: id, code: code, status: waiting == nil ? .confirmed : .pendingConfirmation, officeId: order.officeId,
                services: order.services,
                start: placement.start, end: placement.end, channel: caller.channel, staffOverride: placement.usesOverride,
                contact: order.contact, note: order.note, documents: documents,
                location: allocator.setup.location(at: placement.start), createdAt: now, createdBy: caller.username,
                confirmBy: confirmBy)
            if let waiting, let confirmBy {
                // It waits: the opt-in link first, the manage link once confirmed.
                try store.enqueue(db, .optIn, about: booking, link: .none, now: now) {
                    $0.confirmToken = waiting.token
                    $0.confirmBy = confirmBy.secondsSinceEpoch
                }
            } else {
                try store.enqueue(db, .confirmation, about: booking, link: .first(token), now: now)
            }
            try store.enqueueReminder(db, for: booking, policy: allocator.setup.policy, now: now)
            return BookingConfirmation(booking: booking, manageToken: token)
        }
        // The kept confirmation has no place: that is the catalogue's
        // answer, not the booking's, so a replay asks it again, as every
        // read of a booking does.
        guard case .replayed(let kept) = result else {
            store.tally.count(.bookingCreated, channel: caller.channel, office: order.officeId)
            return result
        }
        var booking = kept.booking
        booking.location = allocator.setup.location(at: booking.start)
        return .replayed(BookingConfirmation(booking: booking, manageToken: kept.manageToken))
    }

    /// Inserts the booking row with a fresh code, drawing again on the rare
    /// collision with an existing one; with `confirmBy`, as waiting for its
    /// double opt-in until then (`Bookings+OptIn`).
    private static func insertBooking(_ db: Connection, order: BookingOrder, placement: Placement, contactKeys: [String],
                                      tokenHash: [UInt8], firstCode: BookingCode, caller: Caller, date: LocalDate,
                                      now: Instant, confirmBy: Instant?,
                                      confirmTokenHash: [UInt8]?) throws -> (Int64, BookingCode) {
        for attempt in 0..<8 {
            let code = attempt == 0 ? firstCode : BookingCode.random()
            do {
                let result = try db.cachedStatement("""
                    INSERT INTO bookings(code, office_id, status, channel, start, end, local_date, staff_override,
                        contact_name, contact_email, contact_phone, note, manage_token_hash, created_at,
                        created_by, created_by_account_id, updated_at, language, confirm_by, confirm_token_hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                try result.execute([code.value, order.officeId, confirmBy == nil ? "confirmed" : "pendingConfirmation",
                                    caller.channel.rawValue, placement.start.secondsSinceEpoch,
                                    placement.end.secondsSinceEpoch, date.description, placement.usesOverride,
                                    order.contact.name, order.contact.email, order.contact.phone, order.note,
                                    tokenHash, now.secondsSinceEpoch, caller.username, caller.accountId, now.secondsSinceEpoch,
                                    order.language, confirmBy?.secondsSinceEpoch, confirmTokenHash])
                let id = db.lastInsertRowID
                try BookingRows.insertContactKeys(db, booking: id, keys: contactKeys)
                for (position, service) in order.services.enumerated() {
                    try db.cachedStatement("INSERT INTO booking_services(booking_id, service_id, quantity, position) VALUES (?, ?, ?, ?)")
                        .execute([id, service.serviceId, service.quantity, position])
                }
                // docs/architecture.md, invariant 2: a staff override into the walk-in reserve is audited.
                try AuditTrail.record(db, bookingId: id, action: .created, caller: caller, at: now,
                                      onBehalfOf: order.contact.name,
                                      detail: placement.usesOverride ? AuditTrail.staffOverride : nil)
                return (id, code)
            } catch let error as SQLiteError where error.isUniqueViolation {
                continue
            }
        }
        throw BookingError.invalid(field: "code", message: "no free booking code after 8 draws")
    }
}
