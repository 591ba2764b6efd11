import Foundation
import Synchronization
import XCTest

@testable import SQLite

/// `Database.watchCommits`: a commit through other connections on the same
/// file wakes the watch, readable by then, and `close()` ends it.
final class CommitWatchTests: XCTestCase {
    /// The file every database of the test opens, in a directory that goes with the test.
    private lazy var path: String = {
        let directory = try! TemporaryDirectory()
        addTeardownBlock { withExtendedLifetime(directory) {} }
        return directory.path("data/watched.sqlite")
    }()

    private static let schema: Migrator = {
        var migrator = Migrator()
        migrator.register("v1-counter") { conn in
            try conn.execute("CREATE TABLE counter(id INTEGER PRIMARY KEY, n INTEGER NOT NULL) STRICT; INSERT INTO counter VALUES (1, 0);")
        }
        return migrator
    }()

    private func open() throws -> Database {
        try Database(path: path, migrator: Self.schema)
    }

    private static func counter(_ database: Database) throws -> Int {
        try database.read { try $0.scalar("SELECT n FROM counter WHERE id = 1") }
    }

    private static func increment(_ database: Database) throws {
        try database.write { try $0.execute("UPDATE counter SET n = n + 1 WHERE id = 1") }
    }

    /// Counts its calls and what a reader saw in each; `seen(n)` waits
    /// (generously, event-driven) for a call whose read found `n`.
    private final class Observer: Sendable {
        private let values = Mutex<[Int]>([])
        private let called = DispatchSemaphore(value: 0)

        func record(_ value: Int) {
            values.withLock { $0.append(value) }
            called.signal()
        }

        var calls: Int { values.withLock { $0.count } }

        func seen(_ value: Int, within seconds: Int = 10) -> Bool {
            let deadline = DispatchTime.now() + .seconds(seconds)
            while !values.withLock({ $0.contains(value) }) {
                guard called.wait(timeout: deadline) == .success else { return false }
            }
            return true
        }
    }

    private func watch(_ database: Database) throws -> Observer {
        let observer = Observer()
        try database.watchCommits { [database] in observer.record((try? Self.counter(database)) ?? -1) }
        return observer
    }

    func testACommitThroughAnotherDatabaseWakesTheWatchAndCanBeReadByThen() throws {
        let watched = try open()
        defer { watched.close() }
        let observer = try watch(watched)
        let other = try open()
        defer { other.close() }

        try Self.increment(other)
        // The other database stays open: no close of its -wal follows the
        // commit, so only the commit's own writes can have woken the watch.
        XCTAssertTrue(observer.seen(1), "woken with the commit readable")
        try Self.increment(other)
        XCTAssertTrue(observer.seen(2))
    }

    func testTheWatchedDatabasesOwnCommitsWakeItToo() throws {
        let watched = try open()
        defer { watched.close() }
        let observer = try watch(watched)
        try Self.increment(watched)
        XCTAssertTrue(observer.seen(1))
    }

    func testCloseEndsTheWatchWithItsDescriptors() throws {
        let descriptorsBefore = try Self.openDescriptors()
        let watched = try open()
        let observer = try watch(watched)
        let other = try open()
        defer { other.close() }
        try Self.increment(other)
        XCTAssertTrue(observer.seen(1))

        watched.close()
        let callsAtClose = observer.calls
        // A second watch on the same file sees the next commit; had the
        // first one outlived its close, it would have had the same events.
        let witness = try open()
        defer { witness.close() }
        let witnessing = try watch(witness)
        try Self.increment(other)
        XCTAssertTrue(witnessing.seen(2))
        XCTAssertEqual(observer.calls, callsAtClose, "no call after close()")

        witness.close()
        other.close()
        XCTAssertEqual(try Self.openDescriptors(), descriptorsBefore, "the inotify descriptor and the pipe are closed")
    }

    /// A shutdown and a test's teardown may both close.
    func testClosingAWatchedDatabaseTwiceIsSafe() throws {
        let watched = try open()
        _ = try watch(watched)
        watched.close()
        watched.close()
    }

    private static func openDescriptors() throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd"))
    }
}
