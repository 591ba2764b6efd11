import Foundation
import Synchronization

/// The single writer: one connection, owned by one dedicated thread, which
/// runs every caller's write transaction, one after another, in arrival order.
///
/// Why a thread draining a queue rather than a mutex around the connection:
/// the queue is where group commit lives. While the writer waits for one
/// commit's fsync, the next callers queue up; the writer can take them all
/// and commit them together, one fsync for many transactions (see
/// `Writer+GroupCommit.swift`). With a mutex each caller would commit alone
/// and the disk's fsync rate would cap the booking rate. The price is two
/// thread hand-offs per write (microseconds, against a millisecond fsync).
///
/// The connection is opened on the writer thread and never leaves it, so it
/// needs no lock and no `Sendable` escape hatch.
final class Writer: Sendable {
    let queue = WriteQueue()
    /// The file the connection opened, checked around every batch.
    let file: DatabaseFile
    /// Signalled when the thread has closed the connection and ended.
    private let stopped = DispatchSemaphore(value: 0)

    /// Starts the thread, which opens the database and migrates it; returns
    /// once that is done, or throws its error.
    init(path: String, migrator: Migrator, busyTimeout: Duration, maximumBatchSize: Int,
         automaticCheckpoints: Bool = true, commitObserver: (@Sendable (Duration) -> Void)? = nil) throws {
        precondition(maximumBatchSize >= 1, "maximumBatchSize must be at least 1")
        let startup = WriteJob { _ in }
        let queue = self.queue
        let file = DatabaseFile(path: path)
        self.file = file
        let stopped = self.stopped
        let thread = Thread {
            Writer.serve(
                path: path, migrator: migrator, busyTimeout: busyTimeout, maximumBatchSize: maximumBatchSize,
                automaticCheckpoints: automaticCheckpoints, commitObserver: commitObserver, queue: queue, file: file,
                startup: startup)
            stopped.signal()
        }
        thread.name = "SQLite writer"
        thread.start()
        try startup.wait()
    }

    deinit {
        // Never wait here: the last reference may be dropped on the writer
        // thread itself (a job that captured the database), which would then
        // wait for itself. The thread finishes the queue and ends on its own.
        queue.close()
    }

    /// Runs `body` in an immediate transaction on the writer thread and
    /// returns once it is committed and durable, or rolled back.
    func write<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) throws -> T {
        let result = ResultBox<T>()
        let job = WriteJob { connection in
            result.store(try body(connection))
        }
        try queue.submit(job)
        try job.wait()
        return result.take()
    }

    /// Lets the queued writes finish, then closes the connection. Safe to
    /// call more than once.
    func close() {
        precondition(!queue.isWriterThread, "Database.close() called inside a write: it would wait for itself")
        queue.close()
        stopped.wait()
        stopped.signal()  // for the next caller of close
    }

    /// With a checkpointer beside it, the writer still checkpoints once the
    /// WAL reaches this many frames. A checkpoint racing a busy writer never
    /// catches up, so the WAL would only grow — every commit extending the
    /// file, the kernel zeroing new blocks, every fsync also journalling the
    /// new size. Run on the writer, between commits, it copies just what the
    /// checkpointer has not yet copied, and the next commit starts the WAL
    /// over at its beginning, writing into blocks that already exist.
    static let restartFrames = 4000

    private static func serve(
        path: String, migrator: Migrator, busyTimeout: Duration, maximumBatchSize: Int,
        automaticCheckpoints: Bool, commitObserver: (@Sendable (Duration) -> Void)?, queue: WriteQueue, file: DatabaseFile,
        startup: WriteJob
    ) {
        queue.registerWriterThread()
        let connection: Connection
        do {
            connection = try Connection.open(path: path, busyTimeout: busyTimeout)
            file.recordOpened()
            try migrator.migrate(connection)
            if !automaticCheckpoints { try connection.execute("PRAGMA wal_autocheckpoint = \(restartFrames)") }
        } catch {
            queue.failAll(error)
            startup.finish(.failure(error))
            return
        }
        startup.finish(.success(()))
        while true {
            let jobs = queue.next(maximum: maximumBatchSize)
            if !jobs.isEmpty, let moved = file.check() {
                // Work written now would go into a file nobody opens again.
                for job in jobs { job.finish(.failure(moved)) }
                continue
            }
            let started = ContinuousClock.now
            switch jobs.count {
            case 0:
                return  // closed and drained; returning releases the connection
            case 1:
                runAlone(jobs[0], on: connection, file: file)
            default:
                runBatch(jobs, on: connection, file: file)
            }
            commitObserver?(ContinuousClock.now - started)
        }
    }

    /// One job, one transaction, one commit.
    ///
    /// - Parameter file: checked after the commit, before the job hears
    ///   "done": a file deleted meanwhile took the work with it. Nil only in
    ///   tests that run jobs on a bare connection.
    static func runAlone(_ job: WriteJob, on connection: Connection, file: DatabaseFile? = nil) {
        do {
            try connection.transaction(.immediate) { try job.work($0) }
            job.finish(file?.check().map { .failure($0) } ?? .success(()))
        } catch {
            job.finish(.failure(error))
        }
    }
}

/// Carries a write's result from the writer thread back to its caller.
private final class ResultBox<T: Sendable>: Sendable {
    private let value = Mutex<T?>(nil)

    func store(_ result: T) {
        value.withLock { $0 = result }
    }

    /// Only after the job finished successfully, when `store` has run.
    func take() -> T {
        value.withLock { $0.take()! }
    }
}
