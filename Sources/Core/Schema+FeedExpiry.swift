extension Schema {
    /// Calendar-feed tokens expire, and end with the account that made
    /// them: deleting the account deletes its feeds.
    static let feedExpiry = """
        ALTER TABLE feed_tokens ADD COLUMN expires_at INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE feed_tokens ADD COLUMN account_id INTEGER REFERENCES accounts(id) ON DELETE CASCADE;
        CREATE INDEX feed_tokens_by_account ON feed_tokens(account_id);
        """ + feedExpiryBackfill

    /// Tokens made before run a year from their creation (365 days written
    /// out: a shipped migration does not follow a later change of
    /// `CalendarFeeds.lifetimeSeconds`) and belong to the account their
    /// `created_by` names; one whose creator is not found has no account
    /// and is no longer served.
    static let feedExpiryBackfill = """
        UPDATE feed_tokens SET expires_at = created_at + 31536000,
            account_id = (SELECT id FROM accounts WHERE accounts.username = feed_tokens.created_by);
        """
}
