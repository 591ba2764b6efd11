import Foundation

/// Read-only connections, opened on demand up to a maximum and lent to one
/// `read` at a time. In WAL mode a reader reads the last committed snapshot
/// and never waits for the writer, so reads only ever wait for each other
/// when all connections are lent out.
///
/// `@unchecked Sendable`: the mutable state (`idle`, `openCount`, `isClosed`)
/// is touched only while holding `condition`, and a `Connection` (not
/// `Sendable`) is either in `idle`, reachable by nobody else, or lent to
/// exactly one thread until it comes back — never shared.
final class ReaderPool: @unchecked Sendable {
    private let condition = NSCondition()
    private var idle: [Connection] = []
    private var openCount = 0
    private var isClosed = false
    private let maximumCount: Int
    private let path: String
    private let busyTimeout: Duration

    init(path: String, maximumCount: Int, busyTimeout: Duration) {
        precondition(maximumCount >= 1, "maximumReaderCount must be at least 1")
        self.path = path
        self.maximumCount = maximumCount
        self.busyTimeout = busyTimeout
    }

    /// Runs `body` in a deferred transaction, so all its queries see one
    /// snapshot: a booking list and its count cannot disagree.
    ///
    /// Not reentrant: a `read` inside a `read` takes a second connection and
    /// can deadlock once all are lent out. Use the connection you were given.
    func read<T>(_ body: (Connection) throws -> T) throws -> T {
        let connection = try checkOut()
        defer { checkIn(connection) }
        return try connection.transaction(.deferred) { try body($0) }
    }

    private func checkOut() throws -> Connection {
        let reused: Connection? = try condition.withLock {
            while idle.isEmpty && openCount >= maximumCount && !isClosed {
                condition.wait()
            }
            guard !isClosed else {
                throw SQLiteError(code: .misuse, message: "the database is closed")
            }
            if let connection = idle.popLast() {
                return connection
            }
            openCount += 1  // reserve the slot; opening happens outside the lock
            return nil
        }
        if let reused {
            return reused
        }
        do {
            return try Connection.open(path: path, readOnly: true, busyTimeout: busyTimeout)
        } catch {
            condition.withLock {
                openCount -= 1
                condition.signal()
            }
            throw error
        }
    }

    private func checkIn(_ connection: Connection) {
        condition.withLock {
            // A connection somebody left inside a transaction would serve the
            // next reader a stale snapshot; drop it instead (closes on release).
            if isClosed || connection.isInTransaction {
                openCount -= 1
            } else {
                idle.append(connection)
            }
            condition.signal()
        }
    }

    /// Closes the idle connections; lent ones close when they come back.
    func close() {
        condition.withLock {
            isClosed = true
            openCount -= idle.count
            idle = []
            condition.broadcast()
        }
    }
}
