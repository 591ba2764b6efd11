extension SQLiteError {
    /// Whether the error says the storage cannot be used just now — the
    /// disk, the file or another process — rather than that the statement or
    /// the data is wrong. The one place that sorts SQLite's codes so;
    /// everything above maps this answer, never the codes themselves.
    ///
    /// - `SQLITE_FULL`: the disk (or `max_page_count`) is full;
    /// - `SQLITE_BUSY`, `SQLITE_LOCKED`: another connection or process
    ///   holds the lock beyond the busy timeout;
    /// - `SQLITE_IOERR_*`: the file system failed a read, write or fsync;
    /// - `SQLITE_READONLY_*`: the file cannot be written (permissions,
    ///   an immutable file, a read-only mount) or was deleted or replaced
    ///   under the server (`DatabaseFile`);
    /// - `SQLITE_CANTOPEN`: a connection opened later (a reader, the
    ///   checkpointer) finds no file it may open.
    ///
    /// A transaction that fails so is rolled back: nothing of it is kept.
    public var isStorageUnavailable: Bool {
        switch code.primary {
        case .full, .busy, .locked, .ioError, .readOnly, .cantOpen: true
        default: false
        }
    }

    /// Whether it ends only with a restart: the server's file is gone.
    public var needsRestart: Bool { code == .readOnlyDBMoved }
}
