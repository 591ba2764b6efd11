import SQLite

extension Schema {
    /// Changed counters on single dates, and the "to contact" list of
    /// bookings a closure or a cut no longer fits.
    ///
    /// `affected_bookings` is a list, not a state of the booking: the booking
    /// stays as it is until staff cancel or move it through the normal use
    /// cases; a row leaves the list when handled or when its booking is no
    /// longer active.
    static let officeChanges = """
        CREATE TABLE capacity_changes(
            id TEXT PRIMARY KEY,
            office_id TEXT NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
            date TEXT NOT NULL,
            band_start TEXT,
            band_end TEXT,
            counters INTEGER NOT NULL CHECK (counters >= 0 AND counters <= 999),
            reason TEXT NOT NULL,
            created_by TEXT,
            created_at INTEGER NOT NULL,
            CHECK ((band_start IS NULL) = (band_end IS NULL))
        ) STRICT;
        CREATE INDEX capacity_changes_by_office ON capacity_changes(office_id, date);
        CREATE TABLE closure_records(
            closure_id TEXT PRIMARY KEY,
            created_by TEXT,
            created_at INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE affected_bookings(
            booking_id INTEGER NOT NULL REFERENCES bookings(id) ON DELETE CASCADE,
            office_id TEXT NOT NULL REFERENCES offices(id),
            change_kind TEXT NOT NULL CHECK (change_kind IN ('closure', 'capacity')),
            change_id TEXT NOT NULL,
            cause TEXT NOT NULL CHECK (cause IN ('closed', 'overCapacity', 'outsideOpeningHours')),
            listed_at INTEGER NOT NULL,
            handled_at INTEGER,
            handled_by TEXT,
            PRIMARY KEY (booking_id, change_kind, change_id)
        ) STRICT;
        CREATE INDEX affected_bookings_open ON affected_bookings(office_id, handled_at);
        """
}
