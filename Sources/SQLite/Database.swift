import Foundation
import Synchronization

/// The application's database: one writer connection that runs every write
/// transaction, one at a time, and a pool of read-only connections for reads,
/// which in WAL mode never wait for the writer.
///
///     let database = try Database(path: "/var/lib/terminbuch/terminbuch.sqlite", migrator: migrator)
///     let id = try database.write { conn in
///         try conn.run("INSERT INTO bookings(code) VALUES (?)", [code]).lastInsertRowID
///     }
///     let count = try database.read { conn in
///         try conn.scalar("SELECT count(*) FROM bookings", as: Int.self)
///     }
///
/// Both calls block the calling thread: they are meant for worker threads,
/// never for an event-loop thread or an async task's cooperative pool.
public final class Database: Sendable {
    public struct Configuration: Sendable {
        /// How long a connection waits for a lock held by another process
        /// (a backup, the CLI) before failing with SQLITE_BUSY.
        ///
        /// 250 ms by default: inside the process nobody waits for a lock
        /// (one writer; WAL readers never wait), so only another process can
        /// hold one. A statement run from the CLI or a backup step lets go
        /// within milliseconds, and a transaction left open lets go in
        /// minutes, not seconds, so waiting longer helps nobody — while the
        /// writer waits, every write queued behind it waits too. Callers hear
        /// SQLITE_BUSY (a 503 with Retry-After) a quarter of a second later.
        public var busyTimeout: Duration
        /// Read-only connections opened at most; a `read` beyond waits.
        public var maximumReaderCount: Int
        /// Write transactions the writer may commit together (group commit,
        /// see `Writer+GroupCommit.swift`). 1, the default, commits each on
        /// its own: simplest to reason about, and as fast as the disk's fsync.
        public var maximumBatchSize: Int

        /// How often a background thread checkpoints the WAL into the
        /// database file; nil leaves it to SQLite's automatic checkpoint on
        /// the writer (see `Checkpointer`).
        public var checkpointInterval: Duration?

        /// Told how long each of the writer's transactions took, from BEGIN
        /// to a durable COMMIT (a group commit's batch is one): for metrics.
        /// It runs on the writer thread, between commits, so it must be quick.
        public var commitObserver: (@Sendable (Duration) -> Void)?

        public init(busyTimeout: Duration = .milliseconds(250), maximumReaderCount: Int = 4, maximumBatchSize: Int = 1,
                    checkpointInterval: Duration? = nil, commitObserver: (@Sendable (Duration) -> Void)? = nil) {
            self.busyTimeout = busyTimeout
            self.maximumReaderCount = maximumReaderCount
            self.maximumBatchSize = maximumBatchSize
            self.checkpointInterval = checkpointInterval
            self.commitObserver = commitObserver
        }
    }

    public let path: String
    /// How long a connection of this database waits for another's lock.
    let busyTimeout: Duration
    /// Held until closed, so that a restore cannot replace the file under us.
    private let lock: DatabaseLock
    let writer: Writer
    private let readers: ReaderPool
    private let checkpointer: Checkpointer?
    private let commitWatch = Mutex<CommitWatch?>(nil)

    /// Opens the database at `path`, creating the file and its directory if
    /// missing, and applies the migrations it lacks before returning. Throws
    /// `SQLITE_BUSY` while a restore replaces the file (`DatabaseLock`).
    /// `path` must name a file: ":memory:" would give every connection its
    /// own empty database.
    public init(path: String, migrator: Migrator = Migrator(), configuration: Configuration = Configuration()) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw SQLiteError(code: .cantOpen, message: "cannot create the directory \(directory) for \(path): \(error.localizedDescription)")
        }
        self.path = path
        self.busyTimeout = configuration.busyTimeout
        self.lock = try DatabaseLock(path: path, .shared)
        self.writer = try Writer(
            path: path, migrator: migrator,
            busyTimeout: configuration.busyTimeout,
            maximumBatchSize: configuration.maximumBatchSize,
            automaticCheckpoints: configuration.checkpointInterval == nil,
            commitObserver: configuration.commitObserver)
        self.readers = ReaderPool(
            path: path,
            maximumCount: configuration.maximumReaderCount,
            busyTimeout: configuration.busyTimeout)
        self.checkpointer = configuration.checkpointInterval.map {
            Checkpointer(path: path, interval: $0, busyTimeout: configuration.busyTimeout)
        }
    }

    deinit {
        readers.close()
        checkpointer?.close()
    }

    /// Calls `onCommit` on a thread of its own whenever another connection
    /// (another process's, or this database's own writer) may have
    /// committed, once the commit can be read (`CommitWatch`), until
    /// `close()`. Several commits in quick succession may come as one call.
    /// Watching is the caller's choice, so a database opened for a command
    /// or a test starts no thread; a second call is a programming error.
    public func watchCommits(_ onCommit: @escaping @Sendable () -> Void) throws {
        try commitWatch.withLock { current in
            precondition(current == nil, "Database.watchCommits called twice")
            current = try CommitWatch(path: path, settle: { [writer] in _ = try? writer.write { _ in } }, onCommit: onCommit)
        }
    }

    /// Runs `body` in an immediate transaction on the writer connection and
    /// returns its result once the transaction is committed and on disk.
    /// When `body` throws, everything it wrote is rolled back and its error
    /// is rethrown as is.
    ///
    /// `body` runs on the writer thread, hence `@Sendable`; the caller waits.
    /// Keep it short and free of anything but database work: every other
    /// write waits behind it. Calling `write` inside `body` throws (it would
    /// deadlock); use the connection passed in.
    @discardableResult
    public func write<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) throws -> T {
        try writer.write(body)
    }

    /// Runs `body` on a read-only connection, in a deferred transaction: all
    /// its queries see the same committed snapshot, and none waits for a
    /// write in progress. Writes in `body` fail with SQLITE_READONLY.
    ///
    /// Do not call `read` or `write` inside `body`: the connection you hold
    /// stays out of the pool meanwhile, and with every connection held that
    /// way the nested calls wait for each other forever.
    @discardableResult
    public func read<T>(_ body: (Connection) throws -> T) throws -> T {
        try readers.read(body)
    }

    /// Throws the error that keeps the database from taking a write now, or
    /// returns when it would take one: what `/ready` asks. The file is the
    /// one opened (`DatabaseFile`); a reader answers; and the writer, in one
    /// transaction behind the writes queued before, takes a new page and
    /// gives it back (where a growing write meets a full disk or
    /// `max_page_count`), then commits a change to the file's header (where
    /// it meets a lock, a read-only file or a failing disk), without changing
    /// anything a query reads. Costs one fsync: for a readiness check every
    /// few seconds, not for every request.
    public func probe() throws {
        if let moved = writer.file.check() { throw moved }
        if let full = writer.file.spaceCheck() { throw full }
        try read { try $0.execute("SELECT count(*) FROM sqlite_schema") }
        try write { connection in
            struct GiveBack: Error {}
            do {
                try connection.savepoint { connection in
                    try connection.execute("CREATE TABLE terminbuch_probe(page)")
                    throw GiveBack()
                }
            } catch is GiveBack {}
            let id = try connection.scalar("PRAGMA application_id", as: Int.self)
            try connection.execute("PRAGMA application_id = \(id)")
        }
    }

    /// Ends the commit watch, finishes the writes already queued, then
    /// closes every connection; later calls throw. For an orderly shutdown
    /// (and tests that delete the file); dropping the last reference also
    /// closes, without waiting.
    public func close() {
        commitWatch.withLock { $0 }?.close()
        writer.close()
        readers.close()
        checkpointer?.close()
        lock.release()
    }
}
