import CSQLite

/// One SQLite connection: one `sqlite3` handle and its statement cache.
///
/// Opened with `SQLITE_OPEN_NOMUTEX` ("multi-thread" mode): SQLite does not
/// lock the connection on every call, because this module never lets two
/// threads use one connection at once — the writer connection lives on the
/// writer thread, and a reader connection belongs to one `read` at a time.
/// `FULLMUTEX` would buy nothing but a mutex round trip per bind, step and
/// column read, and it would not make concurrent use correct anyway: the
/// statement cache and transaction state would still be shared. For the same
/// reason `Connection` is not `Sendable`; the compiler keeps it where it is.
public final class Connection {
    let handle: OpaquePointer
    public let path: String
    public let isReadOnly: Bool
    private var statementCache: [String: Statement] = [:]
    /// Depth of nested `savepoint` calls, which names each savepoint.
    var savepointDepth = 0

    /// Queries built at run time (e.g. `IN (?, ?, ?)` of varying length)
    /// would grow the cache without bound; past this many it starts over.
    static let statementCacheLimit = 256

    /// Opens (and, unless `readOnly`, creates) the database at `path`, then
    /// sets it up for durable, concurrent use: WAL journal, foreign keys
    /// enforced, `synchronous=FULL` (a commit returns only once it is on
    /// disk), `secure_delete` and a busy timeout.
    public static func open(
        path: String,
        readOnly: Bool = false,
        busyTimeout: Duration = .seconds(5)
    ) throws -> Connection {
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        flags |= readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        var db: OpaquePointer?
        let code = sqlite3_open_v2(path, &db, flags, nil)
        guard code == SQLITE_OK, let db else {
            let error = SQLiteError(code: code, connection: db)
            // SQLite allocates a handle even when opening fails.
            sqlite3_close_v2(db)
            throw SQLiteError(code: error.code, message: "cannot open \(path): \(error.message)")
        }
        // From here `deinit` closes the handle if setting up fails.
        let connection = Connection(handle: db, path: path, readOnly: readOnly)
        try connection.configure(busyTimeout: busyTimeout)
        return connection
    }

    private init(handle: OpaquePointer, path: String, readOnly: Bool) {
        self.handle = handle
        self.path = path
        self.isReadOnly = readOnly
    }

    deinit {
        statementCache.removeAll()
        // `_v2` defers the close until statements still held by callers are
        // finalised, instead of failing with SQLITE_BUSY and leaking.
        sqlite3_close_v2(handle)
    }

    private func configure(busyTimeout: Duration) throws {
        sqlite3_extended_result_codes(handle, 1)
        let (seconds, attoseconds) = busyTimeout.components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        sqlite3_busy_timeout(handle, Int32(clamping: milliseconds))

        if !isReadOnly {
            // WAL is stored in the file, so read-only connections inherit it
            // (and may not set it). The pragma reports failure only through
            // the mode it returns, hence the check.
            let mode = try prepare("PRAGMA journal_mode = WAL").query().first.map { try $0[0] as String }
            guard mode == "wal" || mode == "memory" else {
                throw SQLiteError(
                    code: .error,
                    message: "cannot switch \(path) to WAL (journal mode is \(mode ?? "unknown")); WAL needs a local file system with shared memory")
            }
        }
        // All three are per connection, not stored in the file, so every
        // connection sets them. `foreign_keys` is silently ignored inside a
        // transaction, which is one more reason to set it here, first.
        // `secure_delete` overwrites what an UPDATE or DELETE frees with
        // zeros, so an erased value is gone from the file, not left in a
        // page's free space for `strings` to find.
        try execute("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA secure_delete = ON")
        // Pages are read through a memory map instead of a copy per read:
        // less CPU for every query (SQLite's own I/O still writes).
        try execute("PRAGMA mmap_size = 268435456")
    }

    /// Runs a script of one or more statements, e.g. a migration. Rows are
    /// discarded. Not cached: scripts run once.
    public func execute(_ sql: String) throws {
        try sql.withCString { start in
            var remaining = start
            while remaining.pointee != 0 {
                var statement: OpaquePointer?
                var tail: UnsafePointer<CChar>?
                let code = sqlite3_prepare_v2(handle, remaining, -1, &statement, &tail)
                guard code == SQLITE_OK else {
                    throw SQLiteError(code: code, connection: handle, sql: String(cString: remaining))
                }
                guard let statement else { break }  // only whitespace or comments left
                defer { sqlite3_finalize(statement) }
                var stepCode: Int32
                repeat {
                    stepCode = sqlite3_step(statement)
                } while stepCode == SQLITE_ROW
                guard stepCode == SQLITE_DONE else {
                    let text = String(cString: sqlite3_sql(statement))
                    throw SQLiteError(code: stepCode, connection: handle, sql: text.trimmingSurroundingWhitespace)
                }
                guard let tail else { break }
                remaining = tail
            }
        }
    }

    /// Prepares a statement the caller owns. Prefer `cachedStatement` (or the
    /// query helpers, which use it) for SQL that runs more than once.
    public func prepare(_ sql: String) throws -> Statement {
        try Statement(connection: self, sql: sql, persistent: false)
    }

    /// The statement for `sql`, prepared on first use and kept for the life
    /// of the connection.
    ///
    /// A cached statement is shared by everyone who asks for the same SQL on
    /// this connection: finish with it (the query helpers always do) before
    /// running the same SQL again, or the second use resets the first.
    public func cachedStatement(_ sql: String) throws -> Statement {
        if let statement = statementCache[sql] {
            return statement
        }
        let statement = try Statement(connection: self, sql: sql, persistent: true)
        if statementCache.count >= Self.statementCacheLimit {
            statementCache.removeAll()
        }
        statementCache[sql] = statement
        return statement
    }

    var statementCacheCount: Int { statementCache.count }

    /// The rowid of the most recent successful INSERT on this connection,
    /// whichever statement made it.
    public var lastInsertRowID: Int64 {
        sqlite3_last_insert_rowid(handle)
    }

    /// Rows changed by the most recent INSERT, UPDATE or DELETE.
    public var changes: Int {
        Int(sqlite3_changes64(handle))
    }
}

/// Spelled out so that nobody adds the conformance: see the type's comment.
@available(*, unavailable)
extension Connection: Sendable {}
