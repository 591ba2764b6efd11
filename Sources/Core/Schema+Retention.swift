extension Schema {
    /// Personal data is erased on time (`Retention`): each row that holds
    /// some says when it was erased, the partial indexes find what still
    /// holds data without reading what was erased long ago, and each run is
    /// recorded with how many rows of which kind it erased or removed.
    ///
    /// - `bookings.erased_at`: the contact, the note and the audit trail's
    ///   "on behalf of" are gone; the row keeps office, services, times,
    ///   channel and status for the statistics.
    /// - `callback_requests.erased_at`, `memos.erased_at`: the same for what
    ///   the call centre filed for the office.
    /// - `walk_in_tickets.name`: the name a visitor may give at the desk,
    ///   so the clerk can call them by it; erased at the end of the day.
    /// - `booking_events` gains the action `erased` (rebuilt for its CHECK).
    static let retention = """
        ALTER TABLE bookings ADD COLUMN erased_at INTEGER;
        CREATE INDEX bookings_keeping_personal_data ON bookings(office_id, end) WHERE erased_at IS NULL;
        CREATE INDEX bookings_cancelled_keeping_personal_data ON bookings(office_id, updated_at)
            WHERE erased_at IS NULL AND status = 'cancelled';

        ALTER TABLE callback_requests ADD COLUMN erased_at INTEGER;
        CREATE INDEX callback_requests_keeping_personal_data ON callback_requests(office_id, created_at) WHERE erased_at IS NULL;
        ALTER TABLE memos ADD COLUMN erased_at INTEGER;
        CREATE INDEX memos_keeping_personal_data ON memos(office_id, created_at) WHERE erased_at IS NULL;

        ALTER TABLE walk_in_tickets ADD COLUMN name TEXT CHECK (name IS NULL OR name <> '');
        CREATE INDEX walk_in_tickets_named ON walk_in_tickets(office_id, local_date) WHERE name IS NOT NULL;

        CREATE TABLE retention_runs(
            id INTEGER PRIMARY KEY,
            started_at INTEGER NOT NULL,
            finished_at INTEGER NOT NULL,
            trigger TEXT NOT NULL CHECK (trigger IN ('startup', 'daily', 'command'))
        ) STRICT;
        CREATE TABLE retention_run_counts(
            run_id INTEGER NOT NULL REFERENCES retention_runs(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            rows INTEGER NOT NULL CHECK (rows > 0),
            PRIMARY KEY (run_id, kind)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE booking_events_new(
            id INTEGER PRIMARY KEY,
            booking_id INTEGER NOT NULL REFERENCES bookings(id) ON DELETE CASCADE,
            at INTEGER NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('created', 'confirmed', 'lapsed', 'cancelled', 'rescheduled',
                                                   'checkedIn', 'noShow', 'completed', 'erased')),
            channel TEXT NOT NULL CHECK (channel IN ('online', 'phone', 'desk')),
            account_id INTEGER REFERENCES accounts(id),
            actor TEXT,
            on_behalf_of TEXT,
            detail TEXT
        ) STRICT;
        INSERT INTO booking_events_new SELECT id, booking_id, at, action, channel, account_id, actor, on_behalf_of, detail
            FROM booking_events;
        DROP TABLE booking_events;
        ALTER TABLE booking_events_new RENAME TO booking_events;
        CREATE INDEX booking_events_by_booking ON booking_events(booking_id, id);
        """
}
