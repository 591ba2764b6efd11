import Scheduling
import SQLite

extension Store {
    /// The one idempotent write, for every use case that creates something
    /// a retry must not create again. All of it is one transaction: with a
    /// key seen before with the same request, `body` does not run and the
    /// value it made then is answered as `.replayed`; with a key seen before
    /// with another request, `BookingError.idempotencyKeyReused`; otherwise
    /// `body` runs at the clock's `now` and its value is answered as `.made`
    /// and, with a key, kept sealed in the ledger for a day. A body that
    /// throws rolls everything back: nothing written, no key kept.
    ///
    /// - Parameter officeId: the office whose capacity the write changes
    ///   (its cached availability is forgotten); nil when it changes none.
    func write<Made: Replayable>(changing officeId: OfficeID?, idempotency: IdempotencyKey?, clock: any Clock,
                                 _ body: @escaping @Sendable (Connection, Instant) throws -> Made) throws -> Idempotent<Made> {
        let transaction = Self.idempotent(idempotency, clock: clock, body)
        guard let officeId else { return try write(transaction) }
        return try write(changing: officeId, transaction)
    }

    /// The same for a change of the catalogue (`changeCatalogue`): an admin
    /// adding an office, a service, a rule.
    func changeCatalogue<Made: Replayable>(idempotency: IdempotencyKey?, clock: any Clock,
                                           _ body: @escaping @Sendable (CatalogueWriter, Instant) throws -> Made) throws -> Idempotent<Made> {
        let transaction = Self.idempotent(idempotency, clock: clock) { db, now in try body(CatalogueWriter(db), now) }
        return try changeCatalogue { writer in try transaction(writer.db) }
    }

    private static func idempotent<Made: Replayable>(_ idempotency: IdempotencyKey?, clock: any Clock,
                                                     _ body: @escaping @Sendable (Connection, Instant) throws -> Made)
        -> @Sendable (Connection) throws -> Idempotent<Made> {
        { db in
            let now = clock.now()
            guard let idempotency else { return .made(try body(db, now)) }
            if let kept: Made = try IdempotencyLedger.replay(db, idempotency, now: now.secondsSinceEpoch) {
                return .replayed(kept)
            }
            let made = try body(db, now)
            try IdempotencyLedger.record(db, idempotency, made, now: now.secondsSinceEpoch)
            return .made(made)
        }
    }
}
