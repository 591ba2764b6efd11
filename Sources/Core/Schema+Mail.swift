extension Schema {
    /// What Terminbuch tells people by e-mail, and what that needs.
    ///
    /// - `outbox`: one row per message, written in the transaction of the
    ///   change that causes it (`Store.enqueue`), so a message exists if and
    ///   only if its change committed. `message_id` is drawn when the row is
    ///   written and never changes: a resend after a crash carries the same
    ///   `Message-ID`. `facts` is the message's JSON snapshot
    ///   (`MessageFacts`), rendered into words only when it is delivered.
    ///   A pending row is due at `next_attempt_at`; `settled_at` is when it
    ///   was sent, failed, or withdrawn (a reminder for a booking that was
    ///   moved or cancelled before it was due).
    /// - `manage_tokens`: manage links minted after the booking (a message
    ///   that carries one, "resend my links"); each works like the
    ///   booking's first token (`bookings.manage_token_hash`).
    /// - `bookings.language`: the language the citizen used, for every later
    ///   message; `confirm_by` and `confirm_token_hash`: a booking waiting
    ///   for its double opt-in lapses at `confirm_by`, and the opt-in link
    ///   works once (the hash is cleared when it is used). Every booking at an
///   office first lapses that office's waiting bookings whose time is up,
///   so they are indexed by office and time, apart from all the others;
///   and the allocator's occupancy query, which asks whether a waiting
///   booking's time is up, stays covered by its index with `confirm_by` in it.
    /// - the office's policy: `confirmation_required`, `confirmation_minutes`,
    ///   `reminder_hours`; an account's `functional_mailbox`: a call
    ///   centre's shared address, which phone bookings never write to.
    /// - `booking_events` is rebuilt to admit the actions `confirmed` (the
    ///   citizen followed the opt-in link) and `lapsed` (they did not).
    static let mail = """
        CREATE TABLE outbox(
            id INTEGER PRIMARY KEY,
            message_id TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ('confirmation', 'optIn', 'reminder', 'moved', 'cancelled', 'affected',
                                               'bookingLinks', 'officeMemo', 'officeCallback')),
            language TEXT NOT NULL,
            recipient TEXT NOT NULL,
            office_id TEXT REFERENCES offices(id),
            booking_id INTEGER REFERENCES bookings(id),
            facts TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'withdrawn')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NOT NULL,
            settled_at INTEGER,
            last_error TEXT
        ) STRICT;
        CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE status = 'pending';
        CREATE INDEX outbox_by_booking ON outbox(booking_id, kind) WHERE booking_id IS NOT NULL;
        CREATE INDEX outbox_failed_by_office ON outbox(office_id, settled_at) WHERE status = 'failed';

        CREATE TABLE manage_tokens(
            booking_id INTEGER NOT NULL REFERENCES bookings(id),
            token_hash BLOB NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (booking_id, token_hash)
        ) STRICT, WITHOUT ROWID;

        ALTER TABLE bookings ADD COLUMN language TEXT NOT NULL DEFAULT 'de';
        ALTER TABLE bookings ADD COLUMN confirm_by INTEGER;
        ALTER TABLE bookings ADD COLUMN confirm_token_hash BLOB;
        CREATE INDEX bookings_awaiting_confirmation ON bookings(office_id, confirm_by) WHERE status = 'pendingConfirmation';
        DROP INDEX bookings_by_office_and_start;
        CREATE INDEX bookings_by_office_and_start ON bookings(office_id, start, end, status, channel, staff_override, confirm_by);

        ALTER TABLE offices ADD COLUMN confirmation_required INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE offices ADD COLUMN confirmation_minutes INTEGER NOT NULL DEFAULT 30 CHECK (confirmation_minutes >= 1);
        ALTER TABLE offices ADD COLUMN reminder_hours INTEGER NOT NULL DEFAULT 24 CHECK (reminder_hours >= 0);
        ALTER TABLE accounts ADD COLUMN functional_mailbox TEXT;

        CREATE TABLE booking_events_new(
            id INTEGER PRIMARY KEY,
            booking_id INTEGER NOT NULL REFERENCES bookings(id) ON DELETE CASCADE,
            at INTEGER NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('created', 'confirmed', 'lapsed', 'cancelled', 'rescheduled',
                                                   'checkedIn', 'noShow', 'completed')),
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
