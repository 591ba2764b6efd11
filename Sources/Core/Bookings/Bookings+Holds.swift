import Scheduling

/// Holds: capacity kept for `holdMinutes` while a citizen fills in the form.
extension Bookings {
    /// Holds with an optional idempotency key (a `POST` that creates
    /// accepts one): a retry with the same key and request gets the first
    /// hold back (`.replayed`) and holds nothing more; the same key with
    /// another request is refused.
    public func hold(office officeId: OfficeID, services: [RequestedService], start: Instant, caller: Caller,
                     idempotency: IdempotencyKey? = nil) throws -> Idempotent<Hold> {
        try Self.check(services)
        let allocator = try allocator(officeId)
        let store = self.store
        let id = Crypto.base64URL(Crypto.randomBytes(16))
        return try store.write(changing: officeId, idempotency: idempotency, clock: clock) { db, now in
            try db.cachedStatement("DELETE FROM holds WHERE office_id = ? AND expires_at <= ?")
                .execute([officeId, now.secondsSinceEpoch])
            let request = BookingRequest(services: services, channel: caller.channel)
            let occupations = try OccupationRows.occupations(db, allocator: allocator, request: request, start: start, now: now)
            let plan = store.plan(allocator.setup, on: allocator.timeZone.localDate(of: start))
            let placement = try Self.unwrap(allocator.decide(request, start: start, plan: plan, occupations: occupations, now: now))
            let expires = now.adding(minutes: allocator.policy.holdMinutes)
            try db.run("""
                INSERT INTO holds(id, office_id, channel, start, end, services, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, [id, officeId, caller.channel.rawValue, placement.start.secondsSinceEpoch, placement.end.secondsSinceEpoch,
                      services.map { "\($0.serviceId)*\($0.quantity)" }.joined(separator: ","), now.secondsSinceEpoch,
                      expires.secondsSinceEpoch])
            return Hold(id: id, officeId: officeId, start: placement.start, end: placement.end, expiresAt: expires)
        }
    }

    /// Gives a hold's capacity back at once; unknown or expired holds are an error.
    public func releaseHold(_ id: String) throws {
        let now = clock.now()
        _ = try store.write(changingOfficeOf: { $0 }) { db -> OfficeID in
            guard let office: OfficeID = try db.queryOne(
                "DELETE FROM holds WHERE id = ? AND expires_at > ? RETURNING office_id", [id, now.secondsSinceEpoch]
            ).map({ try $0["office_id"] }) else { throw BookingError.holdNotFound }
            return office
        }
    }
}
