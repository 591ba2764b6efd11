import SQLite

/// Sessions: a fresh token at every sign-in (so a token planted before
/// sign-in is worthless), idle and absolute timeouts, and sign-out that
/// deletes the session on the server.
extension Accounts {
    public struct Session: Sendable {
        public let token: String
        public let account: Account
    }

    public func startSession(for account: Account) throws -> Session {
        let token = Crypto.base64URL(Crypto.randomBytes(32))
        let now = clock.now().secondsSinceEpoch
        try store.write { db in
            try db.run("INSERT INTO sessions(token_hash, account_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)",
                       [Self.hash(token), account.id, now, now])
        }
        return Session(token: token, account: account)
    }

    /// The account of a live session, or nil; a session past a timeout is
    /// deleted on the way. Sliding the idle timeout is written at most once a
    /// minute, so reads stay reads.
    public func account(forSession token: String) throws -> Account? {
        let now = clock.now().secondsSinceEpoch
        let hash = Self.hash(token)
        guard let row = try store.read({ db in
            try db.queryOne("""
                SELECT s.account_id, s.created_at, s.last_seen_at, a.is_demo, a.disabled_at FROM sessions s
                JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = ?
                """, [hash])
        }) else { return nil }
        let created: Int64 = try row["created_at"]
        let lastSeen: Int64 = try row["last_seen_at"]
        let isDemo: Bool = try row["is_demo"]
        let disabledAt: Int64? = try row["disabled_at"]
        // A demo account's session outlives no restart without demo mode;
        // disabling deletes an account's sessions, this is the second lock.
        if Self.hasEnded(createdAt: created, lastSeenAt: lastSeen, idle: idleTimeoutSeconds, absolute: absoluteTimeoutSeconds,
                         now: now) || (isDemo && !demoAccountsEnabled) || disabledAt != nil {
            try endSession(token)
            return nil
        }
        if now - lastSeen >= 60 {
            try store.write { db in
                try db.run("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", [now, hash])
            }
        }
        return try account(id: try row["account_id"])
    }

    func isDemo(_ accountId: Int64) throws -> Bool {
        try store.read { db in
            try db.scalar("SELECT is_demo FROM accounts WHERE id = ?", [accountId], as: Bool?.self) ?? false
        }
    }

    public func endSession(_ token: String) throws {
        let hash = Self.hash(token)
        try store.write { db in try db.run("DELETE FROM sessions WHERE token_hash = ?", [hash]) }
    }

    /// The one rule of a session's end: past its idle or its absolute
    /// timeout. Checked on every request, and swept by the retention run
    /// (`RetentionSweep.sessions`) for the sessions nobody came back to,
    /// as `ended` with `endedArguments`.
    static func hasEnded(createdAt: Int64, lastSeenAt: Int64, idle: Int64, absolute: Int64, now: Int64) -> Bool {
        now - lastSeenAt > idle || now - createdAt > absolute
    }

    static let ended = "(last_seen_at < ? OR created_at < ?)"

    static func endedArguments(idle: Int64, absolute: Int64, now: Int64) -> [SQLiteValue] {
        [.integer(now - idle), .integer(now - absolute)]
    }

    static func hash(_ token: String) -> [UInt8] { Crypto.sha256("session:" + token) }
}
