extension Schema {
    /// The front desk: walk-in tickets, the calls of the queue,
    /// and the secret addresses of the office's calendar feed.
    ///
    /// A ticket takes capacity like a booking (its `start`/`end` are the
    /// run of slots `WalkInAllocator` chose), so it is read with the
    /// occupations; `number` counts per office and day (`W-017`). Check-in
    /// times are not stored here: the audit trail has them.
    static let desk = """
        CREATE TABLE walk_in_tickets(
            id INTEGER PRIMARY KEY,
            office_id TEXT NOT NULL REFERENCES offices(id),
            local_date TEXT NOT NULL,
            number INTEGER NOT NULL CHECK (number >= 1),
            services TEXT NOT NULL,
            issued_at INTEGER NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL CHECK (end > start),
            estimated_call_at INTEGER NOT NULL,
            uses_unbookable INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL CHECK (status IN ('waiting', 'called', 'done', 'noShow')),
            called_at INTEGER,
            created_by TEXT,
            UNIQUE (office_id, local_date, number)
        ) STRICT;
        CREATE INDEX walk_in_tickets_by_office_and_start ON walk_in_tickets(office_id, start, end, status);
        CREATE TABLE queue_calls(
            id INTEGER PRIMARY KEY,
            office_id TEXT NOT NULL REFERENCES offices(id),
            local_date TEXT NOT NULL,
            booking_id INTEGER REFERENCES bookings(id) ON DELETE CASCADE,
            ticket_id INTEGER REFERENCES walk_in_tickets(id) ON DELETE CASCADE,
            called_at INTEGER NOT NULL,
            called_by TEXT,
            CHECK ((booking_id IS NULL) != (ticket_id IS NULL))
        ) STRICT;
        CREATE INDEX queue_calls_by_office_and_day ON queue_calls(office_id, local_date, id);
        CREATE TABLE feed_tokens(
            token_hash BLOB PRIMARY KEY,
            office_id TEXT NOT NULL REFERENCES offices(id),
            created_at INTEGER NOT NULL,
            created_by TEXT,
            revoked_at INTEGER
        ) STRICT;
        CREATE INDEX feed_tokens_by_office ON feed_tokens(office_id);
        """
}
