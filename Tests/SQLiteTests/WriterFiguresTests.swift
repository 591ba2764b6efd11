import Dispatch
import Foundation
import Synchronization
import XCTest

@testable import SQLite

/// What the writer shows for metrics: each transaction timed once
/// (`commitObserver`), the writes queued behind the one it runs, and the
/// size of the write-ahead log.
final class WriterFiguresTests: XCTestCase {
    func testEachWriteIsTimedAndTheLogsSizeIsRead() throws {
        let directory = try TemporaryDirectory()
        let timed = Mutex<[Duration]>([])
        let database = try Database(path: directory.path(), configuration: .init(commitObserver: { duration in
            timed.withLock { $0.append(duration) }
        }))
        defer { database.close() }
        let opened = timed.withLock { $0.count }  // opening runs a job of its own

        try database.write { try $0.execute("CREATE TABLE t(x INTEGER) STRICT") }
        try database.write { try $0.run("INSERT INTO t VALUES (1)") }
        XCTAssertThrowsError(try database.write { try $0.run("INSERT INTO nowhere VALUES (1)") })
        // A transaction is timed after its caller hears of it, before the
        // writer takes the next: one more write has the three timed.
        try database.write { _ in }
        let durations = timed.withLock { Array($0.dropFirst(opened)) }
        XCTAssertTrue((3...4).contains(durations.count), "a failed transaction is timed too: \(durations)")
        XCTAssertTrue(durations.prefix(3).allSatisfy { $0 > .zero })

        let figures = database.writerFigures
        XCTAssertEqual(figures.queuedWrites, 0)
        var status = stat()
        XCTAssertEqual(stat(directory.path() + "-wal", &status), 0)
        XCTAssertEqual(figures.walBytes, Int(status.st_size))
        XCTAssertGreaterThan(figures.walBytes, 0, "the commits are in the log until a checkpoint")
    }

    func testAWriteWaitingBehindTheWriterIsCounted() throws {
        let directory = try TemporaryDirectory()
        let database = try Database(path: directory.path())
        defer { database.close() }
        let running = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        DispatchQueue.global().async(group: done) {
            try? database.write { _ in
                running.signal()
                release.wait()
            }
        }
        running.wait()
        XCTAssertEqual(database.writerFigures.queuedWrites, 0, "the one it runs is not counted")
        DispatchQueue.global().async(group: done) { try? database.write { _ in } }
        // The second caller queues its job before it waits: watch for it (bounded).
        let deadline = Date().addingTimeInterval(10)
        while database.writerFigures.queuedWrites == 0 && Date() < deadline { sched_yield() }
        XCTAssertEqual(database.writerFigures.queuedWrites, 1)
        release.signal()
        done.wait()
        XCTAssertEqual(database.writerFigures.queuedWrites, 0)
    }
}
