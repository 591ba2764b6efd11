import Foundation
import Synchronization

/// One caller's write transaction, waiting for the writer thread.
final class WriteJob: Sendable {
    let work: @Sendable (Connection) throws -> Void
    private let outcome = Mutex<Result<Void, any Error>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable (Connection) throws -> Void) {
        self.work = work
    }

    /// Called once by the writer: after the commit is durable, or with the
    /// error that undid the job's work.
    func finish(_ result: Result<Void, any Error>) {
        outcome.withLock { $0 = result }
        done.signal()
    }

    /// Blocks the calling thread until `finish`.
    func wait() throws {
        done.wait()
        try outcome.withLock { $0! }.get()
    }
}

/// The jobs waiting for the writer thread, first come first served.
///
/// `@unchecked Sendable`: every stored property is read and written only
/// while holding `condition`, which is what makes sharing it between the
/// callers' threads and the writer thread safe. (A condition variable is
/// needed to let the writer sleep until work arrives; `Mutex` has none.)
final class WriteQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var pending: [WriteJob] = []
    private var isClosed = false
    private var writerThread: pthread_t?

    /// Called by the writer thread once it runs, so `submit` can recognise it.
    func registerWriterThread() {
        condition.withLock { writerThread = pthread_self() }
    }

    var isWriterThread: Bool {
        condition.withLock {
            writerThread.map { pthread_equal($0, pthread_self()) != 0 } ?? false
        }
    }

    func submit(_ job: WriteJob) throws {
        try condition.withLock {
            if let writerThread, pthread_equal(writerThread, pthread_self()) != 0 {
                // The writer would wait for itself forever.
                throw SQLiteError(
                    code: .misuse,
                    message: "Database.write called inside a write: it would deadlock; use the connection the outer write passes in")
            }
            guard !isClosed else {
                throw SQLiteError(code: .misuse, message: "the database is closed")
            }
            pending.append(job)
            condition.signal()
        }
    }

    /// The next jobs in arrival order, at most `maximum`; blocks while there
    /// are none. Empty once the queue is closed and drained, which tells
    /// the writer to stop. Jobs submitted before `close` still run.
    func next(maximum: Int) -> [WriteJob] {
        condition.withLock {
            while pending.isEmpty && !isClosed {
                condition.wait()
            }
            if pending.count <= maximum {
                defer { pending = [] }
                return pending
            }
            let batch = Array(pending.prefix(maximum))
            pending.removeFirst(maximum)
            return batch
        }
    }

    var pendingCount: Int {
        condition.withLock { pending.count }
    }

    /// Refuses new jobs from now on; the writer stops once it has run the
    /// ones already queued.
    func close() {
        condition.withLock {
            isClosed = true
            condition.broadcast()
        }
    }

    /// Fails everything still pending: the writer could not open the database.
    func failAll(_ error: any Error) {
        let orphans = condition.withLock {
            isClosed = true
            defer { pending = [] }
            return pending
        }
        for job in orphans {
            job.finish(.failure(error))
        }
    }
}
