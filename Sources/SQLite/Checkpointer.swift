import Foundation

/// Copies committed pages from the WAL into the database file on its own
/// thread and connection, so the single writer never pauses for it.
///
/// SQLite's automatic checkpoint runs inside the commit that crosses the
/// threshold — on the writer, whose every millisecond is a queue of waiting
/// bookings. This thread does the bulk of the copying with a PASSIVE
/// checkpoint (it never blocks the writer or readers) at every interval and
/// once more at close; the writer's own checkpoint, only at
/// `Writer.restartFrames`, copies the rest so the WAL can start over.
/// Durability is unchanged: commits are durable in the WAL
/// (synchronous=FULL) before anyone hears of them.
final class Checkpointer: Sendable {
    private let stop = DispatchSemaphore(value: 0)
    private let stopped = DispatchSemaphore(value: 0)

    init(path: String, interval: Duration, busyTimeout: Duration) {
        let stop = self.stop
        let stopped = self.stopped
        let thread = Thread {
            defer { stopped.signal() }
            guard let connection = try? Connection.open(path: path, busyTimeout: busyTimeout) else { return }
            let (seconds, attoseconds) = interval.components
            let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
            while stop.wait(timeout: .now() + .nanoseconds(nanoseconds)) == .timedOut {
                try? connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
            }
            try? connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
        }
        thread.name = "SQLite checkpoint"
        thread.start()
    }

    /// Ends the thread after a last checkpoint. Safe to call more than once.
    func close() {
        stop.signal()
        stopped.wait()
        stopped.signal()
    }
}
