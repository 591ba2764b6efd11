extension Schema {
    /// Callback requests and memos agents leave for offices.
    /// Both keep the account ids of who filed and who closed them, beside
    /// the usernames as they were, which survive a later rename. A done
    /// item always says when it was done (CHECK), so lists can trust it.
    static let callCentre = """
        CREATE TABLE callback_requests(
            id TEXT PRIMARY KEY,
            office_id TEXT NOT NULL REFERENCES offices(id),
            service_id TEXT REFERENCES services(id),
            name TEXT NOT NULL,
            phone TEXT NOT NULL,
            topic TEXT NOT NULL,
            note TEXT NOT NULL,
            preferred_from INTEGER,
            preferred_to INTEGER,
            status TEXT NOT NULL CHECK (status IN ('open', 'done')),
            created_by_account_id INTEGER REFERENCES accounts(id),
            created_by TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            done_by_account_id INTEGER REFERENCES accounts(id),
            done_by TEXT,
            done_at INTEGER,
            done_note TEXT,
            CHECK ((preferred_from IS NULL) = (preferred_to IS NULL)),
            CHECK (preferred_from IS NULL OR preferred_from < preferred_to),
            CHECK ((status = 'done') = (done_at IS NOT NULL AND done_by IS NOT NULL))
        ) STRICT;
        CREATE INDEX callback_requests_by_office ON callback_requests(office_id, status, created_at);
        CREATE TABLE memos(
            id TEXT PRIMARY KEY,
            office_id TEXT NOT NULL REFERENCES offices(id),
            subject TEXT NOT NULL,
            text TEXT NOT NULL,
            contact TEXT,
            status TEXT NOT NULL CHECK (status IN ('open', 'done')),
            created_by_account_id INTEGER REFERENCES accounts(id),
            created_by TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            done_by_account_id INTEGER REFERENCES accounts(id),
            done_by TEXT,
            done_at INTEGER,
            done_note TEXT,
            CHECK ((status = 'done') = (done_at IS NOT NULL AND done_by IS NOT NULL))
        ) STRICT;
        CREATE INDEX memos_by_office ON memos(office_id, status, created_at);
        """
}
