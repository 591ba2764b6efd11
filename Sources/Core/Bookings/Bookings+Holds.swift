import Scheduling

/// Holds: capacity kept for `holdMinutes` while a citizen fills in the form.
/// They are scarce (`BookingPolicy.holdRefusal`), checked in the write
/// transaction that inserts them, so concurrent requests cannot overshoot.
extension Bookings {
    /// Who a hold counts against: the account of staff and agents (a whole
    /// office or call centre may share one address), else the client.
    static func holder(_ caller: Caller, client: String) -> String {
        caller.accountId.map { "account:\($0)" } ?? "client:" + client
    }

    /// Holds with an optional idempotency key (a `POST` that creates
    /// accepts one): a retry with the same key and request gets the first
    /// hold back (`.replayed`) and holds nothing more; the same key with
    /// another request is refused.
    ///
    /// `client` is the client address the per-client limits count by;
    /// `contact`, when known, is whom the hold is for: a booking on it must
    /// be that contact's. `previous`, a hold the caller had before (a
    /// journey choosing its time again), is given back first, or kept when
    /// it is still live for the same start and services: giving it up and
    /// holding the same start again is what the cooldown refuses.
    public func hold(office officeId: OfficeID, services: [RequestedService], start: Instant, caller: Caller,
                     client: String, contact: Contact? = nil, replacing previous: String? = nil,
                     idempotency: IdempotencyKey? = nil) throws -> Idempotent<Hold> {
        try Self.check(services)
        if let problem = contact?.problem { throw BookingError.invalid(field: problem.field, message: problem.message) }
        let allocator = try allocator(officeId)
        let store = self.store
        let id = Crypto.base64URL(Crypto.randomBytes(16))
        let holder = Self.holder(caller, client: client)
        let contactKeys = contact?.keys ?? []
        let servicesText = services.map { "\($0.serviceId)*\($0.quantity)" }.joined(separator: ",")
        let result = try store.write(changing: officeId, idempotency: idempotency, clock: clock) { db, now in
            let policy = allocator.policy
            try HoldRows.purge(db, office: officeId, policy: policy, now: now)
            if let previous, let kept = try HoldRows.live(db, id: previous, now: now) {
                if kept.hold.officeId == officeId, kept.hold.start == start, kept.services == servicesText { return kept.hold }
                _ = try HoldRows.end(db, id: previous, booked: false, now: now)
            }
            let record = try HoldRows.record(db, office: officeId, start: start, client: holder, contactKeys: contactKeys,
                                             policy: policy, now: now)
            if let refusal = policy.holdRefusal(for: record, now: now) { throw BookingError.holdRefused(refusal) }
            let request = BookingRequest(services: services, channel: caller.channel)
            let occupations = try OccupationRows.occupations(db, allocator: allocator, request: request, start: start, now: now)
            let plan = store.plan(allocator.setup, on: allocator.timeZone.localDate(of: start))
            let placement = try Self.unwrap(allocator.decide(request, start: start, plan: plan, occupations: occupations, now: now))
            let hold = Hold(id: id, officeId: officeId, start: placement.start, end: placement.end,
                            expiresAt: now.adding(minutes: policy.holdMinutes))
            try HoldRows.insert(db, hold: hold, channel: caller.channel, services: servicesText, client: holder,
                                contactKeys: contactKeys, now: now)
            return hold
        }
        // A previous hold kept as it was is no new one.
        if case .made(let hold) = result, hold.id == id {
            store.tally.count(.holdMade, channel: caller.channel, office: officeId)
        }
        return result
    }

    /// Makes a live hold the contact's once the form has it (the journey's
    /// details step): from then on a booking on it must be this contact's,
    /// and it counts towards the contact's live holds. A hold made for
    /// someone else stays theirs (`holdForAnotherContact`); the same
    /// contact again changes nothing.
    public func holdFor(_ contact: Contact, hold id: String) throws {
        if let problem = contact.problem { throw BookingError.invalid(field: problem.field, message: problem.message) }
        let keys = contact.keys
        let catalogue = try store.catalogue()
        let now = clock.now()
        try store.write { db in
            guard let live = try HoldRows.live(db, id: id, now: now),
                  let policy = catalogue.setup(live.hold.officeId)?.policy else { throw BookingError.holdNotFound }
            guard live.contactKeys.isEmpty else {
                if live.contactKeys.isDisjoint(with: keys) { throw BookingError.holdForAnotherContact }
                return
            }
            // Only the contact counts here: the client was counted when the hold was made.
            let record = try HoldRows.record(db, office: live.hold.officeId, start: live.hold.start, client: nil,
                                             contactKeys: keys, policy: policy, now: now)
            if let refusal = policy.holdRefusal(for: record, now: now) { throw BookingError.holdRefused(refusal) }
            try HoldRows.addContactKeys(db, hold: id, keys)
        }
    }

    /// Gives a hold's capacity back at once; unknown or expired holds are an
    /// error. The holder cannot hold the same start again within the
    /// cooldown (`BookingPolicy.holdRefusal`).
    public func releaseHold(_ id: String) throws {
        let now = clock.now()
        _ = try store.write(changingOfficeOf: { $0 }) { db -> OfficeID in
            guard let office = try HoldRows.end(db, id: id, booked: false, now: now) else { throw BookingError.holdNotFound }
            return office
        }
    }
}
