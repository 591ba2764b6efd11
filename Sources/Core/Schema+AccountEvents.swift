import SQLite

extension Schema {
    /// Who changed which account, when, and how: one row per account made,
    /// disabled, enabled or given a new password, written in the change's
    /// own transaction (`AccountEvent.record`). `made_by` is the admin's
    /// username, NULL for `terminbuch user` on the command line. Accounts
    /// are never deleted, so every row keeps the account it names; rows
    /// are only ever inserted. An account deleted by hand in SQL takes its
    /// lines with it, as it takes its feed tokens.
    static let accountEvents = """
        CREATE TABLE account_events(
            id INTEGER PRIMARY KEY,
            made_at INTEGER NOT NULL,
            made_by TEXT,
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            action TEXT NOT NULL CHECK (action IN ('created', 'disabled', 'enabled', 'passwordChanged'))
        ) STRICT;
        CREATE INDEX account_events_by_account ON account_events(account_id, id);
        """
}
