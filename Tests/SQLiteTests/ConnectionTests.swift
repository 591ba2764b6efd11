import Foundation
import XCTest

@testable import SQLite

final class ConnectionTests: XCTestCase {
    private var directory: TemporaryDirectory!

    override func setUpWithError() throws {
        directory = try TemporaryDirectory()
    }

    override func tearDown() {
        directory = nil
    }

    private func openWithSchema() throws -> Connection {
        let conn = try Connection.open(path: directory.path())
        try conn.execute("""
            CREATE TABLE offices(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE) STRICT;
            CREATE TABLE bookings(
                id INTEGER PRIMARY KEY,
                office_id INTEGER NOT NULL REFERENCES offices(id),
                code TEXT NOT NULL
            ) STRICT;
            INSERT INTO offices VALUES (1, 'Bürgerbüro Mitte');
            """)
        return conn
    }

    func testOpenSetsWALFullSyncAndForeignKeys() throws {
        let conn = try Connection.open(path: directory.path())
        XCTAssertEqual(try conn.scalar("PRAGMA journal_mode", as: String.self), "wal")
        XCTAssertEqual(try conn.scalar("PRAGMA synchronous", as: Int.self), 2, "2 is FULL")
        XCTAssertEqual(try conn.scalar("PRAGMA foreign_keys", as: Int.self), 1)
        try conn.execute("CREATE TABLE t(x INTEGER) STRICT")
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory.path() + "-wal"), "the write went to the WAL")

        let reader = try Connection.open(path: directory.path(), readOnly: true)
        XCTAssertEqual(try reader.scalar("PRAGMA journal_mode", as: String.self), "wal")
        XCTAssertEqual(try reader.scalar("PRAGMA foreign_keys", as: Int.self), 1)
        XCTAssertTrue(reader.isReadOnly)
    }

    func testReadOnlyConnectionRefusesWrites() throws {
        let conn = try openWithSchema()
        let reader = try Connection.open(path: directory.path(), readOnly: true)
        let error = assertSQLiteError(try reader.run("DELETE FROM offices"))
        XCTAssertEqual(error?.code.primary, .readOnly)
        XCTAssertEqual(try conn.scalar("SELECT count(*) FROM offices", as: Int.self), 1)
    }

    func testOpeningAMissingFileReadOnlyFails() throws {
        let error = assertSQLiteError(try Connection.open(path: directory.path("missing.sqlite"), readOnly: true))
        XCTAssertEqual(error?.code.primary, .cantOpen)
        XCTAssertTrue(error?.message.contains("missing.sqlite") ?? false, "\(String(describing: error))")
    }

    func testPrimaryKeyViolationCarriesExtendedCodeMessageAndSQL() throws {
        let conn = try openWithSchema()
        let sql = "INSERT INTO offices(id, name) VALUES (?, ?)"
        let error = assertSQLiteError(try conn.run(sql, [1, "Zweites Büro"]))
        XCTAssertEqual(error?.code, .constraintPrimaryKey)
        XCTAssertEqual(error?.code.primary, .constraint)
        XCTAssertEqual(error?.sql, sql)
        XCTAssertEqual(error?.message, "UNIQUE constraint failed: offices.id")
        XCTAssertTrue(error?.isConstraintViolation ?? false)
        XCTAssertTrue(error?.isPrimaryKeyViolation ?? false)
        XCTAssertFalse(error?.isBusy ?? true)
        let description = error.map { "\($0)" } ?? ""
        XCTAssertTrue(description.contains("SQLITE_CONSTRAINT_PRIMARYKEY (1555)"), description)
        XCTAssertTrue(description.contains("UNIQUE constraint failed: offices.id"), description)
        XCTAssertTrue(description.contains(sql), description)
        XCTAssertFalse(description.contains("Zweites"), "arguments (personal data) stay out of errors")
    }

    func testUniqueNotNullAndStrictTypeViolations() throws {
        let conn = try openWithSchema()
        let unique = assertSQLiteError(try conn.run("INSERT INTO offices(name) VALUES ('Bürgerbüro Mitte')"))
        XCTAssertEqual(unique?.code, .constraintUnique)
        XCTAssertTrue(unique?.isUniqueViolation ?? false)
        XCTAssertEqual(assertSQLiteError(try conn.run("INSERT INTO offices(name) VALUES (NULL)"))?.code, .constraintNotNull)
        try conn.execute("CREATE TABLE counters(office_id INTEGER NOT NULL, n INTEGER NOT NULL) STRICT")
        XCTAssertEqual(
            assertSQLiteError(try conn.run("INSERT INTO counters VALUES (1, 'seven')"))?.code,
            .constraintDataType, "STRICT tables refuse text in an INTEGER column")
    }

    func testForeignKeysAreEnforced() throws {
        let conn = try openWithSchema()
        try conn.run("INSERT INTO bookings(office_id, code) VALUES (1, 'AB12')")
        let sql = "INSERT INTO bookings(office_id, code) VALUES (?, ?)"
        let error = assertSQLiteError(try conn.run(sql, [99, "CD34"]))
        XCTAssertEqual(error?.code, .constraintForeignKey)
        XCTAssertTrue(error?.isForeignKeyViolation ?? false)
        XCTAssertEqual(error?.sql, sql)
        XCTAssertEqual(assertSQLiteError(try conn.run("DELETE FROM offices WHERE id = 1"))?.code, .constraintForeignKey)
        XCTAssertEqual(try conn.scalar("SELECT count(*) FROM bookings", as: Int.self), 1)
    }

    func testBusyTimeoutWaitsThenFails() throws {
        let holder = try Connection.open(path: directory.path())
        let waiter = try Connection.open(path: directory.path(), busyTimeout: .milliseconds(300))
        try holder.execute("BEGIN IMMEDIATE")
        let start = ContinuousClock.now
        let error = assertSQLiteError(try waiter.transaction(.immediate) { _ in })
        let waited = ContinuousClock.now - start
        XCTAssertTrue(error?.isBusy ?? false, "\(String(describing: error))")
        XCTAssertGreaterThanOrEqual(waited, .milliseconds(250), "it waited for the timeout")
        XCTAssertLessThan(waited, .seconds(3))
        XCTAssertFalse(waiter.isInTransaction)
        try holder.execute("COMMIT")
    }

    func testBusyTimeoutSucceedsWhenTheLockIsReleasedInTime() throws {
        let path = directory.path()
        _ = try Connection.open(path: path)  // create the file in WAL mode
        let locked = DispatchSemaphore(value: 0)
        let holderThread = Thread {
            do {
                let holder = try Connection.open(path: path)
                try holder.execute("BEGIN IMMEDIATE; CREATE TABLE t(x INTEGER) STRICT")
                locked.signal()
                Thread.sleep(forTimeInterval: 0.2)
                try holder.execute("INSERT INTO t VALUES (1); COMMIT")
            } catch {
                XCTFail("\(error)")
                locked.signal()
            }
        }
        holderThread.start()
        locked.wait()
        let waiter = try Connection.open(path: path, busyTimeout: .seconds(5))
        let start = ContinuousClock.now
        try waiter.transaction(.immediate) { conn in
            try conn.run("INSERT INTO t VALUES (2)")
        }
        XCTAssertGreaterThanOrEqual(ContinuousClock.now - start, .milliseconds(100), "it waited for the lock")
        XCTAssertEqual(try waiter.query("SELECT x FROM t ORDER BY x").map { try $0[0] as Int }, [1, 2])
    }

    func testRunReportsChangesAndLastInsertRowID() throws {
        let conn = try openWithSchema()
        let insert = try conn.run("INSERT INTO offices(name) VALUES ('Kfz-Zulassung')")
        XCTAssertEqual(insert, RunResult(changes: 1, lastInsertRowID: 2))
        let update = try conn.run("UPDATE offices SET name = name || '!'")
        XCTAssertEqual(update.changes, 2)
    }
}
