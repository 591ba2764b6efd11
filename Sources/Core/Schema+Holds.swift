import SQLite

extension Schema {
    /// Holds made scarce (`BookingPolicy.holdRefusal`): each office's limits,
    /// and per hold who made it (`client_key`: the client address, or the
    /// account of staff and agents) and for whom (`hold_contacts`: the
    /// contact's keys, once known).
    ///
    /// A hold's row outlives the hold: released, booked or run out, it keeps
    /// its `expires_at` (a release or a booking sets it to that moment) and
    /// says whether a booking replaced it, so the rate window and the
    /// cooldown against holding the same start again can be counted. Rows
    /// go once neither can need them.
    static let holdLimits = """
        ALTER TABLE offices ADD COLUMN max_live_holds INTEGER NOT NULL DEFAULT 3;
        ALTER TABLE offices ADD COLUMN max_holds_per_window INTEGER NOT NULL DEFAULT 10;
        ALTER TABLE offices ADD COLUMN hold_window_minutes INTEGER NOT NULL DEFAULT 10;
        ALTER TABLE holds ADD COLUMN client_key TEXT NOT NULL DEFAULT '';
        ALTER TABLE holds ADD COLUMN booked INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX holds_by_client ON holds(office_id, client_key, created_at);
        CREATE TABLE hold_contacts(
            hold_id TEXT NOT NULL REFERENCES holds(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            PRIMARY KEY (hold_id, key)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX hold_contacts_by_key ON hold_contacts(key);
        """
}
