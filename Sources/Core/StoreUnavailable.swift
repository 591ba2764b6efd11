import SQLite

/// The store cannot be read or written just now: the disk is full, another
/// process holds the lock, the file system fails or refuses writes, or the
/// database file was deleted or replaced under the server. Not the
/// request's fault, and nothing of it was kept (its transaction rolled
/// back, an idempotency key stays unused); callers answer "try again
/// later". Which SQLite errors count is `SQLiteError.isStorageUnavailable`.
public struct StoreUnavailable: Error, Sendable, CustomStringConvertible {
    /// What an operator needs to act, e.g. "SQLITE_FULL: database or disk is full".
    public let reason: String
    /// The fault ends only with a restart (the file is gone); else it ends
    /// when its cause does (space freed, lock released).
    public let needsRestart: Bool

    init(_ error: SQLiteError) {
        reason = "\(error.code.name): \(error.message)"
        needsRestart = error.needsRestart
    }

    public var description: String { "storage unavailable (\(reason))" }
}
