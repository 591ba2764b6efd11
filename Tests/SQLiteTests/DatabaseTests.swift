import Foundation
import XCTest

@testable import SQLite

final class DatabaseTests: XCTestCase {
    private var directory: TemporaryDirectory!

    override func setUpWithError() throws {
        directory = try TemporaryDirectory()
    }

    override func tearDown() {
        directory = nil
    }

    private static let counterSchema: Migrator = {
        var migrator = Migrator()
        migrator.register("v1-counter") { conn in
            try conn.execute("""
                CREATE TABLE counter(id INTEGER PRIMARY KEY, n INTEGER NOT NULL) STRICT;
                INSERT INTO counter VALUES (1, 0);
                CREATE TABLE items(id INTEGER PRIMARY KEY, label TEXT NOT NULL UNIQUE) STRICT;
                CREATE TABLE tags(
                    item_id INTEGER NOT NULL REFERENCES items(id) DEFERRABLE INITIALLY DEFERRED
                ) STRICT;
                """)
        }
        return migrator
    }()

    private func open(_ configuration: Database.Configuration = .init()) throws -> Database {
        try Database(path: directory.path("data/db/terminbuch.sqlite"), migrator: Self.counterSchema, configuration: configuration)
    }

    private func counter(_ database: Database) throws -> Int {
        try database.read { try $0.scalar("SELECT n FROM counter WHERE id = 1") }
    }

    /// Read, then write back: loses updates unless writes are serialised.
    @Sendable private static func increment(_ conn: Connection) throws {
        let n: Int = try conn.scalar("SELECT n FROM counter WHERE id = 1")
        try conn.run("UPDATE counter SET n = ? WHERE id = 1", [n + 1])
    }

    func testOpeningCreatesDirectoryAndFileAndMigrates() throws {
        let database = try open()
        XCTAssertTrue(FileManager.default.fileExists(atPath: database.path))
        XCTAssertEqual(try counter(database), 0)
        let applied = try database.read { try Self.counterSchema.appliedMigrations(in: $0) }
        XCTAssertEqual(applied, ["v1-counter"])
        database.close()
        // Reopening finds everything in place and migrates nothing.
        let again = try open()
        XCTAssertEqual(try counter(again), 0)
    }

    func testOpeningADatabaseOfANewerReleaseFails() throws {
        try open().close()
        XCTAssertThrowsError(try Database(path: directory.path("data/db/terminbuch.sqlite"), migrator: Migrator())) { error in
            guard case MigrationError.unknownMigrations(["v1-counter"]) = error else { return XCTFail("\(error)") }
        }
    }

    func testConcurrentWritesAreSerialised() throws {
        let database = try open()
        let errors = ErrorLog()
        onThreads(8) { _ in
            for _ in 0..<200 {
                do {
                    try database.write(Self.increment)
                } catch {
                    errors.record(error)
                }
            }
        }
        XCTAssertEqual(errors.all, [])
        XCTAssertEqual(try counter(database), 1600)
    }

    func testReadersDoNotWaitForAnOpenWriteAndSeeTheLastCommit() throws {
        let database = try open()
        try database.write { try $0.run("UPDATE counter SET n = 1") }
        let writing = DispatchSemaphore(value: 0)
        let finishWrite = DispatchSemaphore(value: 0)
        let writeDone = DispatchSemaphore(value: 0)
        Thread {
            do {
                try database.write { conn in
                    try conn.run("UPDATE counter SET n = 2")
                    writing.signal()
                    finishWrite.wait()  // a long transaction, holding the write lock
                }
            } catch {
                XCTFail("\(error)")
            }
            writeDone.signal()
        }.start()

        writing.wait()
        let start = ContinuousClock.now
        XCTAssertEqual(try counter(database), 1, "the committed value, not the write in progress")
        XCTAssertEqual(try database.read { try $0.scalar("SELECT count(*) FROM counter", as: Int.self) }, 1)
        XCTAssertLessThan(ContinuousClock.now - start, .milliseconds(500), "the read did not wait")
        finishWrite.signal()
        writeDone.wait()
        XCTAssertEqual(try counter(database), 2)
    }

    func testWriteRollsBackAndRethrowsTheCallersError() throws {
        let database = try open()
        XCTAssertThrowsError(try database.write { conn in
            try conn.run("INSERT INTO items(label) VALUES ('a')")
            throw TestError(tag: "slot taken")
        }) { error in
            XCTAssertEqual(error as? TestError, TestError(tag: "slot taken"))
        }
        XCTAssertEqual(try database.read { try $0.scalar("SELECT count(*) FROM items", as: Int.self) }, 0)
        // The writer is fine afterwards.
        let id = try database.write { try $0.run("INSERT INTO items(label) VALUES ('b')").lastInsertRowID }
        XCTAssertEqual(id, 1)
    }

    func testReadsCannotWrite() throws {
        let database = try open()
        let error = assertSQLiteError(try database.read { try $0.run("DELETE FROM counter") })
        XCTAssertEqual(error?.code.primary, .readOnly)
        XCTAssertEqual(try counter(database), 0)
    }

    func testWriteInsideWriteThrowsInsteadOfDeadlocking() throws {
        let database = try open()
        let error = assertSQLiteError(try database.write { _ in
            try database.write { _ in }
        })
        XCTAssertEqual(error?.code, .misuse)
    }

    func testWriteWaitsForAnotherProcessUntilTheBusyTimeout() throws {
        let database = try open(.init(busyTimeout: .milliseconds(200)))
        let other = try Connection.open(path: database.path)
        try other.execute("BEGIN IMMEDIATE")
        let error = assertSQLiteError(try database.write(Self.increment))
        XCTAssertTrue(error?.isBusy ?? false, "\(String(describing: error))")
        try other.execute("ROLLBACK")
        try database.write(Self.increment)
        XCTAssertEqual(try counter(database), 1)
    }

    func testReadsShareABoundedPool() throws {
        let database = try open(.init(maximumReaderCount: 2))
        let readers = Gauge()
        let errors = ErrorLog()
        onThreads(6) { _ in
            do {
                try database.read { conn in
                    readers.enter()
                    defer { readers.leave() }
                    Thread.sleep(forTimeInterval: 0.02)
                    XCTAssertEqual(try conn.scalar("SELECT n FROM counter", as: Int.self), 0)
                }
            } catch {
                errors.record(error)
            }
        }
        XCTAssertEqual(errors.all, [])
        XCTAssertEqual(readers.peak, 2, "never more connections than the maximum")
    }

    func testCloseFinishesAndRefusesLaterCalls() throws {
        let database = try open()
        try database.write(Self.increment)
        database.close()
        database.close()
        XCTAssertEqual(assertSQLiteError(try database.write(Self.increment))?.code, .misuse)
        XCTAssertEqual(assertSQLiteError(try database.read { _ in })?.code, .misuse)
        let check = try Connection.open(path: database.path, readOnly: true)
        XCTAssertEqual(try check.scalar("SELECT n FROM counter", as: Int.self), 1)
    }
}
