import SQLite

extension Schema {
    /// Who changed the catalogue, when, and what: one revision per import
    /// or admin edit, one item per municipality, service, office, offering,
    /// rule or closure it added, changed or removed (`CatalogueChanges`).
    /// The items name what they changed by id and kind and are never
    /// deleted with it, so the trail outlives what it describes.
    ///
    /// `setup_stamp` counts every change of what plans are made of
    /// (catalogue revisions, closures, capacity changes), in the change's
    /// own transaction: a server sees by it that another process changed
    /// the setup.
    ///
    /// A revision may strand bookings (fewer hours, fewer counters): they
    /// go on the "to contact" list as change kind `catalogue` with the
    /// revision's id, and a booking of a service its office no longer offers
    /// with the cause `serviceWithdrawn`. SQLite cannot widen a CHECK in
    /// place, so the list's table is built anew with its rows.
    static let catalogueRevisions = """
        CREATE TABLE catalogue_revisions(
            id INTEGER PRIMARY KEY,
            made_at INTEGER NOT NULL,
            made_by TEXT,
            source TEXT NOT NULL CHECK (source IN ('import', 'admin'))
        ) STRICT;
        CREATE TABLE catalogue_revision_items(
            revision_id INTEGER NOT NULL REFERENCES catalogue_revisions(id),
            position INTEGER NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('added', 'changed', 'removed')),
            subject TEXT NOT NULL,
            subject_id TEXT NOT NULL,
            office_id TEXT,
            municipality_id TEXT,
            fields TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (revision_id, position)
        ) STRICT;
        CREATE INDEX catalogue_revision_items_by_municipality ON catalogue_revision_items(municipality_id, revision_id);
        CREATE TABLE setup_stamp(
            only INTEGER PRIMARY KEY CHECK (only = 1),
            value INTEGER NOT NULL
        ) STRICT;
        INSERT INTO setup_stamp(only, value) VALUES (1, 0);
        CREATE TABLE affected_bookings_new(
            booking_id INTEGER NOT NULL REFERENCES bookings(id) ON DELETE CASCADE,
            office_id TEXT NOT NULL REFERENCES offices(id),
            change_kind TEXT NOT NULL CHECK (change_kind IN ('closure', 'capacity', 'catalogue')),
            change_id TEXT NOT NULL,
            cause TEXT NOT NULL CHECK (cause IN ('closed', 'overCapacity', 'outsideOpeningHours', 'serviceWithdrawn')),
            listed_at INTEGER NOT NULL,
            handled_at INTEGER,
            handled_by TEXT,
            PRIMARY KEY (booking_id, change_kind, change_id)
        ) STRICT;
        INSERT INTO affected_bookings_new SELECT booking_id, office_id, change_kind, change_id, cause, listed_at, handled_at, handled_by
            FROM affected_bookings;
        DROP TABLE affected_bookings;
        ALTER TABLE affected_bookings_new RENAME TO affected_bookings;
        CREATE INDEX affected_bookings_open ON affected_bookings(office_id, handled_at);
        """
}
