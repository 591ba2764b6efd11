import Scheduling
import Synchronization

/// Holds: capacity kept for `holdMinutes` while a citizen fills in the form.
extension Appointments {
    public func hold(office officeId: String, services: [RequestedService], start: Instant, caller: Caller) throws -> Hold {
        let made = Mutex<Hold?>(nil)
        _ = try hold(office: officeId, services: services, start: start, caller: caller, idempotency: nil) { hold in
            made.withLock { $0 = hold }
            return StoredReply(status: 201, body: [])
        }
        return made.withLock { $0! }
    }

    /// Holds with an optional idempotency key (API.md: a `POST` that creates
    /// accepts one): a retry with the same key and request returns the reply
    /// `render` made the first time and holds nothing more; the same key with
    /// another request is refused.
    public func hold(office officeId: String, services: [RequestedService], start: Instant, caller: Caller,
                     idempotency: IdempotencyKey?, render: @escaping @Sendable (Hold) throws -> StoredReply) throws -> StoredReply {
        try Self.check(services)
        let allocator = try allocator(officeId)
        let clock = self.clock
        let store = self.store
        let id = Crypto.base64URL(Crypto.randomBytes(16))
        enum Outcome: Sendable {
            case replayed(StoredReply)
            case made(Hold, recorded: StoredReply?)
        }
        let outcome = try store.write(changing: officeId) { db -> Outcome in
            let now = clock.now()
            if let idempotency, let reply = try IdempotencyLedger.replay(db, idempotency, now: now.secondsSinceEpoch) {
                return .replayed(reply)
            }
            try db.cachedStatement("DELETE FROM holds WHERE office_id = ? AND expires_at <= ?")
                .execute([officeId, now.secondsSinceEpoch])
            let request = BookingRequest(services: services, channel: caller.channel)
            let occupations = try Occupancy.occupations(db, allocator: allocator, request: request, start: start, now: now)
            let plan = store.plan(allocator.setup, on: allocator.timeZone.localDate(of: start))
            let placement = try Self.unwrap(allocator.decide(request, start: start, plan: plan, occupations: occupations, now: now))
            let expires = now.adding(minutes: allocator.policy.holdMinutes)
            try db.run("""
                INSERT INTO holds(id, office_id, channel, start, end, services, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, [id, officeId, caller.channel.rawValue, placement.start.secondsSinceEpoch, placement.end.secondsSinceEpoch,
                      services.map { "\($0.serviceId)*\($0.quantity)" }.joined(separator: ","), now.secondsSinceEpoch,
                      expires.secondsSinceEpoch])
            let hold = Hold(id: id, officeId: officeId, start: placement.start, end: placement.end, expiresAt: expires)
            guard let idempotency else { return .made(hold, recorded: nil) }
            let reply = try render(hold)
            try IdempotencyLedger.record(db, idempotency, reply: reply, now: now.secondsSinceEpoch)
            return .made(hold, recorded: reply)
        }
        switch outcome {
        case .replayed(let reply), .made(_, recorded: let reply?): return reply
        case .made(let hold, recorded: nil): return try render(hold)
        }
    }

    /// Gives a hold's capacity back at once; unknown or expired holds are an error.
    public func releaseHold(_ id: String) throws {
        let now = clock.now()
        let office = try store.database.write { db -> String? in
            try db.queryOne("DELETE FROM holds WHERE id = ? AND expires_at > ? RETURNING office_id", [id, now.secondsSinceEpoch])
                .map { try $0["office_id"] }
        }
        guard let office else { throw BookingError.holdNotFound }
        store.availability.invalidate(office)
    }
}
