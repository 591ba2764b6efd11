import Scheduling
import SQLite

/// Changing a booking after the fact: cancel and move, each one transaction
/// that checks access and state on the row it changes.
extension Bookings {
    /// Cancels an upcoming booking; its slots are given back after the
    /// office's cooldown (against appointment trading).
    public func cancel(_ code: BookingCode, access: Access, caller: Caller) throws -> Booking {
        let catalogue = try store.catalogue()
        let clock = self.clock
        let store = self.store
        let cancelled = try store.write(changingOfficeOf: \.officeId) { db in
            let now = clock.now()
            let booking = try Self.changeable(db, code: code, access: access, catalogue: catalogue, now: now)
            return try Self.cancel(db, booking, catalogue: catalogue, caller: caller, store: store, now: now)
        }
        store.tally.count(.bookingCancelled, channel: caller.channel, office: cancelled.officeId)
        return cancelled
    }

    /// Cancels a changeable booking inside the caller's write transaction:
    /// its slots freed into the cooldown, its history and its e-mail
    /// written. What cancelling means, for `cancel` and for erasing an
    /// upcoming booking's data (`erasePersonalData`); the caller counts it.
    static func cancel(_ db: Connection, _ booking: Booking, catalogue: Catalogue, caller: Caller, store: Store,
                       now: Instant) throws -> Booking {
        guard let setup = catalogue.setup(booking.officeId) else { throw BookingError.unknownOffice(booking.officeId) }
        var booking = booking
        // A booking cancelled while it waited for its opt-in did not lapse (`Booking+OptIn`).
        try db.run("UPDATE bookings SET status = 'cancelled', confirm_by = NULL, updated_at = ? WHERE id = ?",
                   [now.secondsSinceEpoch, booking.id])
        try BookingRows.releaseSlots(db, booking: booking.id, office: booking.officeId)
        try BookingRows.coolDown(db, booking: booking, policy: setup.policy, now: now)
        try AuditTrail.record(db, bookingId: booking.id, action: .cancelled, caller: caller, at: now,
                              onBehalfOf: booking.contact.name)
        booking.status = .cancelled
        booking.confirmBy = nil
        try store.tellCancelled(db, booking, caller: caller, now: now)
        return booking
    }

    /// Moves a booking to `start`, atomically: when the new time does not
    /// fit, nothing changes and the old time is kept.
    public func reschedule(_ code: BookingCode, to start: Instant, access: Access, caller: Caller) throws -> Booking {
        let catalogue = try store.catalogue()
        let clock = self.clock
        let store = self.store
        let moved = try store.write(changingOfficeOf: \.officeId) { db in
            let now = clock.now()
            var booking = try Self.changeable(db, code: code, access: access, catalogue: catalogue, now: now)
            guard let setup = catalogue.setup(booking.officeId) else { throw BookingError.unknownOffice(booking.officeId) }
            try OptInRows.lapseDue(db, store: store, office: booking.officeId, now: now)
            let allocator = SlotAllocator(setup: setup)
            let date = allocator.timeZone.localDate(of: start)
            let request = BookingRequest(
                services: booking.services, channel: booking.channel, staffOverride: booking.staffOverride,
                activeBookingsOfContact: try BookingRows.upcomingCount(db, office: booking.officeId,
                                                                       contactKeys: booking.contact.keys, now: now,
                                                                       excluding: booking.id),
                replacing: [.booking(booking.id)])
            let occupations = try OccupationRows.occupations(db, allocator: allocator, request: request, start: start, now: now)
            let plan = store.plan(setup, on: date)
            let placement = try Self.unwrap(allocator.decide(request, start: start, plan: plan, occupations: occupations, now: now))
            try BookingRows.releaseSlots(db, booking: booking.id, office: booking.officeId)
            try BookingRows.coolDown(db, booking: booking, policy: setup.policy, now: now,
                                         keeping: placement.start..<placement.end)
            try db.run("UPDATE bookings SET start = ?, end = ?, local_date = ?, staff_override = ?, updated_at = ? WHERE id = ?",
                       [placement.start.secondsSinceEpoch, placement.end.secondsSinceEpoch, date.description,
                        placement.usesOverride, now.secondsSinceEpoch, booking.id])
            try BookingRows.occupySlots(db, booking: booking.id, placement: placement, plan: plan)
            try AuditTrail.record(db, bookingId: booking.id, action: .rescheduled, caller: caller, at: now,
                                  onBehalfOf: booking.contact.name,
                                  detail: "from " + RFC3339.format(booking.start, in: allocator.timeZone))
            let previous = booking.start..<booking.end
            booking.start = placement.start
            booking.end = placement.end
            booking.staffOverride = placement.usesOverride
            booking.location = setup.location(at: placement.start)
            try store.tellMoved(db, booking, from: previous, caller: caller, policy: setup.policy, now: now)
            return booking
        }
        store.tally.count(.bookingMoved, channel: caller.channel, office: moved.officeId)
        return moved
    }

    /// Whether the booking can still be cancelled or moved now: what pages offer.
    public func isChangeable(_ booking: Booking) -> Bool {
        booking.isChangeable(at: clock.now())
    }

    /// The booking if the caller may change it and it still lies ahead.
    static func changeable(_ db: Connection, code: BookingCode, access: Access, catalogue: Catalogue,
                           now: Instant) throws -> Booking {
        guard let (booking, hash) = try BookingRows.find(db, code: code, catalogue: catalogue),
              access.allows(booking, tokenHashes: hash, catalogue: catalogue) else { throw BookingError.notFound }
        guard booking.isChangeable(at: now) else {
            throw BookingError.notChangeable(status: booking.status)
        }
        return booking
    }

    /// Bookings found by code, name, e-mail or phone (agents and staff),
    /// optionally of one office and one day; at most 50, by time.
    public func search(_ text: String, office officeId: OfficeID?, date: LocalDate?, access: Access) throws -> [Booking] {
        // A manage token opens one booking, never a search across all of them.
        if case .manageToken = access { return [] }
        let catalogue = try store.catalogue()
        let query = text.trimmingSpaces()
        var conditions: [String] = []
        var arguments: [(any SQLiteValueConvertible)?] = []
        if !query.isEmpty {
            var alternatives = ["contact_name LIKE ? ESCAPE '\\'"]
            arguments.append("%" + Self.escapeLike(query) + "%")
            if let code = BookingCode(parsing: query) { alternatives.append("code = ?"); arguments.append(code.value) }
            let byKey = "id IN (SELECT booking_id FROM booking_contact_keys WHERE key = ?)"
            if let key = Contact.emailKey(query) { alternatives.append(byKey); arguments.append(key) }
            if let key = Contact.phoneKey(query), let phone = Contact.normalisedPhone(query) {
                alternatives.append(byKey)
                arguments.append(key)
                alternatives.append("""
                    replace(replace(replace(replace(replace(replace(contact_phone, ' ', ''), '-', ''), '/', ''), '(', ''), ')', ''), '.', '') LIKE ?
                    """)
                arguments.append("%" + String(phone.dropFirst(3)) + "%")
            }
            conditions.append("(" + alternatives.joined(separator: " OR ") + ")")
        }
        if let officeId { conditions.append("office_id = ?"); arguments.append(officeId) }
        if let date { conditions.append("local_date = ?"); arguments.append(date.description) }
        if let offices = access.officeIds(in: catalogue) {
            conditions.append("office_id IN (" + offices.map { _ in "?" }.joined(separator: ",") + ")")
            arguments.append(contentsOf: offices.sorted().map { $0 as (any SQLiteValueConvertible)? })
        }
        let condition = conditions.isEmpty ? "1" : conditions.joined(separator: " AND ")
        return try store.read { db in
            try BookingRows.bookings(db, where: condition, StatementArguments(arguments), catalogue: catalogue, limit: 50)
        }
    }

    static func escapeLike(_ text: String) -> String {
        text.replacingAll(["\\": "\\\\", "%": "\\%", "_": "\\_"])
    }
}

extension String {
    func replacingAll(_ replacements: [Character: String]) -> String {
        var result = ""
        for character in self { result += replacements[character] ?? String(character) }
        return result
    }
}
