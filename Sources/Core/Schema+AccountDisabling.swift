import SQLite

extension Schema {
    /// When an admin disabled the account, or NULL while it may sign in:
    /// an account is disabled, never deleted, so the bookings and audit
    /// lines that name it keep their author.
    static let accountDisabling = """
        ALTER TABLE accounts ADD COLUMN disabled_at INTEGER;
        """
}
