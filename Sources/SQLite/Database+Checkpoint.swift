import CSQLite

extension Database {
    /// Copies every committed page from the WAL into the database file now
    /// and, `truncating`, empties the `-wal` file to zero bytes, so what an
    /// erasure overwrote in the file is not still in an older frame of the
    /// log. Answers whether it completed.
    ///
    /// Runs on a connection of its own, outside any transaction (a
    /// checkpoint cannot run inside one, and every job of the writer is).
    /// It waits for the writer between two commits, and a truncation waits
    /// for every reader to leave the log: each attempt waits for as long as
    /// the busy timeout, so a reader that keeps an old snapshot open — a
    /// backup, another process's long read — makes it answer false after
    /// `attempts` tries instead of blocking writes for longer.
    ///
    /// A truncation copies what it can with a passive checkpoint first,
    /// which never blocks the writer: the truncating one, which holds the
    /// writer while it copies, then copies only what was committed
    /// meanwhile. (Measured after a retention run over a million bookings:
    /// truncating at once held bookings for up to 0.9 s.)
    public func checkpoint(truncating: Bool, attempts: Int = 3) throws -> Bool {
        let connection = try Connection.open(path: path, busyTimeout: busyTimeout)
        if truncating { _ = try connection.checkpoint(truncating: false) }
        for _ in 0..<max(attempts, 1) {
            if try connection.checkpoint(truncating: truncating) { return true }
        }
        return false
    }
}

extension Connection {
    /// One checkpoint attempt: true when the whole log was copied (and,
    /// `truncating`, emptied); false when a lock kept it from finishing.
    func checkpoint(truncating: Bool) throws -> Bool {
        var logFrames: Int32 = 0
        var copiedFrames: Int32 = 0
        let mode = truncating ? SQLITE_CHECKPOINT_TRUNCATE : SQLITE_CHECKPOINT_PASSIVE
        let code = sqlite3_wal_checkpoint_v2(handle, nil, mode, &logFrames, &copiedFrames)
        switch code & 0xff {
        case SQLITE_OK: return logFrames == copiedFrames
        case SQLITE_BUSY, SQLITE_LOCKED: return false
        default: throw SQLiteError(code: code, connection: handle)
        }
    }
}
