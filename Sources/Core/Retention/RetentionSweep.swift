import Scheduling
import SQLite

/// One rule of what is due, over one scope (an office, or every row): the
/// query that finds the due rows' keys, and what erasing or removing one
/// of them does. A run reads the keys a batch at a time and applies each;
/// an applied row leaves the query's rows, so the next batch reads on
/// without a cursor, and a dry run counts the same query.
struct RetentionSweep: Sendable {
    let kind: RetentionKind
    /// Selects one column, the key of each due row, in the order of the
    /// index that finds them; a batch adds `LIMIT ?`.
    let due: String
    let arguments: [SQLiteValue]
    /// Erases or removes the row; false when it had gone meanwhile.
    let apply: @Sendable (Connection, SQLiteValue, Instant) throws -> Bool

    /// Every sweep due at `now`: per office those its municipality times,
    /// then those that hold for every row.
    static func all(catalogue: Catalogue, now: Instant) -> [RetentionSweep] {
        catalogue.offices.flatMap { office -> [RetentionSweep] in
            guard let setup = catalogue.setup(office.id) else { return [] }
            let days = Int64(catalogue.municipalities.first { $0.id == office.municipalityId }?.retentionDays
                             ?? Municipality.defaultRetentionDays)
            return atOffice(setup, retentionDays: days, now: now)
        } + everywhere(now: now)
    }

    /// Bookings, call-centre items, ticket names and hold rows of one office.
    static func atOffice(_ setup: OfficeSetup, retentionDays: Int64, now: Instant) -> [RetentionSweep] {
        let office = setup.office.id.sqliteValue
        let cutoff = SQLiteValue.integer(now.secondsSinceEpoch - retentionDays * RetentionRules.secondsPerDay)
        let filedCutoff = SQLiteValue.integer(now.secondsSinceEpoch
                                              - RetentionRules.callCentreItemLatestDays * RetentionRules.secondsPerDay)
        let today = SQLiteValue.text(setup.timeZone.localDate(of: now).description)
        let booking: @Sendable (Connection, SQLiteValue, Instant) throws -> Bool = { db, id, now in
            try Erasure.booking(db, id: try key(id), reason: .retention, caller: nil, at: now)
        }
        return [
            // Ended long enough ago …
            RetentionSweep(kind: .bookings, due: """
                SELECT id FROM bookings INDEXED BY bookings_keeping_personal_data
                WHERE office_id = ? AND erased_at IS NULL AND end <= ? ORDER BY end
                """, arguments: [office, cutoff], apply: booking),
            // … or cancelled (lapsed too: cancelled when it lapsed) long enough ago, and not ended yet then.
            RetentionSweep(kind: .bookings, due: """
                SELECT id FROM bookings INDEXED BY bookings_cancelled_keeping_personal_data
                WHERE office_id = ? AND erased_at IS NULL AND status = 'cancelled' AND updated_at <= ? AND end > ?
                ORDER BY updated_at
                """, arguments: [office, cutoff, cutoff], apply: booking),
            RetentionSweep(kind: .callbacks, due: """
                SELECT id FROM callback_requests INDEXED BY callback_requests_keeping_personal_data
                WHERE office_id = ? AND erased_at IS NULL AND (done_at <= ? OR created_at <= ?) ORDER BY created_at
                """, arguments: [office, cutoff, filedCutoff]) { db, id, now in try Erasure.callback(db, id: try key(id), at: now) },
            RetentionSweep(kind: .memos, due: """
                SELECT id FROM memos INDEXED BY memos_keeping_personal_data
                WHERE office_id = ? AND erased_at IS NULL AND (done_at <= ? OR created_at <= ?) ORDER BY created_at
                """, arguments: [office, cutoff, filedCutoff]) { db, id, now in try Erasure.memo(db, id: try key(id), at: now) },
            RetentionSweep(kind: .ticketNames, due: """
                SELECT id FROM walk_in_tickets INDEXED BY walk_in_tickets_named
                WHERE office_id = ? AND name IS NOT NULL AND local_date < ? ORDER BY local_date
                """, arguments: [office, today]) { db, id, _ in try Erasure.ticketName(db, id: try key(id)) },
            RetentionSweep(kind: .holds, due: "SELECT id FROM holds WHERE \(HoldRows.unneeded) ORDER BY id",
                           arguments: HoldRows.unneededArguments(office: setup.office.id, policy: setup.policy, now: now),
                           apply: remove("holds", key: "id")),
        ]
    }

    /// Sessions, idempotency replies and settled outbox messages, wherever they are.
    static func everywhere(now: Instant) -> [RetentionSweep] {
        let seconds = now.secondsSinceEpoch
        return [
            RetentionSweep(kind: .sessions, due: "SELECT token_hash FROM sessions WHERE \(Accounts.ended) ORDER BY token_hash",
                           arguments: Accounts.endedArguments(idle: Accounts.defaultIdleTimeoutSeconds,
                                                              absolute: Accounts.defaultAbsoluteTimeoutSeconds, now: seconds),
                           apply: remove("sessions", key: "token_hash")),
            RetentionSweep(kind: .idempotencyReplies,
                           due: "SELECT key_hash FROM idempotency_keys WHERE \(IdempotencyLedger.expired) ORDER BY key_hash",
                           arguments: [.integer(IdempotencyLedger.expiredBefore(seconds))],
                           apply: remove("idempotency_keys", key: "key_hash")),
            RetentionSweep(kind: .outboxMessages, due: """
                SELECT id FROM outbox WHERE status IN ('sent', 'failed', 'withdrawn') AND settled_at <= ? ORDER BY id
                """, arguments: [.integer(seconds - RetentionRules.settledMessageDays * RetentionRules.secondsPerDay)],
                apply: remove("outbox", key: "id")),
        ]
    }

    /// Removes the row outright: nothing of it is kept for statistics.
    private static func remove(_ table: String, key column: String) -> @Sendable (Connection, SQLiteValue, Instant) throws -> Bool {
        { db, key, _ in
            try db.cachedStatement("DELETE FROM \(table) WHERE \(column) = ?").execute([key])
            return db.changes > 0
        }
    }

    private static func key<T: SQLiteValueConvertible>(_ value: SQLiteValue) throws -> T {
        guard let key = T.fromSQLiteValue(value) else { throw SQLiteError(code: .mismatch, message: "a due row's key is \(value)") }
        return key
    }

    /// The keys of the next batch, at most `limit`.
    func nextKeys(_ db: Connection, limit: Int) throws -> [SQLiteValue] {
        try db.cachedStatement(due + " LIMIT ?").query(StatementArguments(arguments + [.integer(Int64(limit))])).map { try $0[0] }
    }

    /// How many rows are due.
    func count(_ db: Connection) throws -> Int {
        try db.scalar("SELECT count(*) FROM (\(due))", StatementArguments(arguments), as: Int.self)
    }
}
