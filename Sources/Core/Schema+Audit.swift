extension Schema {
    /// Who did what to a booking, through which channel and for whom
    ///. Rows are only ever inserted: the history is the
    /// record staff and admins rely on when a citizen disputes a change.
    /// `bookings.created_by_account_id` ties a booking to the account that
    /// made it, which survives a later rename of the username.
    static let audit = """
        CREATE TABLE booking_events(
            id INTEGER PRIMARY KEY,
            booking_id INTEGER NOT NULL REFERENCES bookings(id) ON DELETE CASCADE,
            at INTEGER NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('created', 'cancelled', 'rescheduled', 'checkedIn', 'noShow', 'completed')),
            channel TEXT NOT NULL CHECK (channel IN ('online', 'phone', 'desk')),
            account_id INTEGER REFERENCES accounts(id),
            actor TEXT,
            on_behalf_of TEXT,
            detail TEXT
        ) STRICT;
        CREATE INDEX booking_events_by_booking ON booking_events(booking_id, id);
        ALTER TABLE bookings ADD COLUMN created_by_account_id INTEGER REFERENCES accounts(id);
        """
}
