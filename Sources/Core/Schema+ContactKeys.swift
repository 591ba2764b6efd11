import SQLite

extension Schema {
    /// Every key of a booking's contact (`Contact.keys`: the e-mail's and
    /// the phone's), so the per-contact limit finds the bookings sharing any
    /// of them through one index, and the console's search by address or
    /// number finds them by the same rule.
    ///
    /// The keys are Swift's rule, not SQL's, so this migration computes them
    /// for the bookings that exist; a row whose stored e-mail and phone give
    /// no key under today's rule keeps its old key. `bookings.contact_key`,
    /// one key per booking, goes.
    static func contactKeys(_ db: Connection) throws {
        let keyed = try db.query("SELECT id, contact_name, contact_email, contact_phone, contact_key FROM bookings").map { row in
            let contact = Contact(name: try row["contact_name"], email: try row["contact_email"], phone: try row["contact_phone"])
            let keys = contact.keys
            return (id: try row["id"] as Int64, keys: keys.isEmpty ? [try row["contact_key"] as String] : keys)
        }
        // Dropped first, so the new table takes the pages the old index
        // gives back: a fresh database keeps no free page, which the
        // readiness probe would take for room on a full disk.
        try db.execute("""
            DROP INDEX bookings_by_contact;
            ALTER TABLE bookings DROP COLUMN contact_key;
            CREATE TABLE booking_contact_keys(
                booking_id INTEGER NOT NULL REFERENCES bookings(id) ON DELETE CASCADE,
                key TEXT NOT NULL,
                PRIMARY KEY (booking_id, key)
            ) STRICT, WITHOUT ROWID;
            CREATE INDEX booking_contact_keys_by_key ON booking_contact_keys(key, booking_id);
            """)
        for booking in keyed { try BookingRows.insertContactKeys(db, booking: booking.id, keys: booking.keys) }
    }
}
