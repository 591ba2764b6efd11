import Foundation
import XCTest

@testable import SQLite

/// Faults of the storage under an open `Database`: which errors say "the
/// storage is unavailable" (`isStorageUnavailable`), the file watched for
/// being deleted or replaced (`DatabaseFile`), and the readiness probe.
final class DatabaseFaultTests: XCTestCase {
    private var directory: TemporaryDirectory!

    override func setUpWithError() throws {
        directory = try TemporaryDirectory()
    }

    override func tearDown() {
        directory = nil
    }

    private static let schema: Migrator = {
        var migrator = Migrator()
        migrator.register("v1-items") { try $0.execute("CREATE TABLE items(id INTEGER PRIMARY KEY, label TEXT NOT NULL) STRICT") }
        return migrator
    }()

    private func open(batch: Int = 1) throws -> Database {
        try Database(path: directory.path(), migrator: Self.schema, configuration: .init(maximumBatchSize: batch))
    }

    private static func insert(_ label: String) -> @Sendable (Connection) throws -> Void {
        { try $0.run("INSERT INTO items(label) VALUES (?)", [label]) }
    }

    func testTheCodesOfAnUnavailableStorage() {
        for code in [ResultCode.full, .busy, .busyTimeout, .locked, .ioError, .ioErrorFsync, .readOnly, .readOnlyDBMoved, .cantOpen] {
            XCTAssertTrue(SQLiteError(code: code, message: "").isStorageUnavailable, "\(code)")
        }
        for code in [ResultCode.error, .constraint, .constraintUnique, .misuse, .range, .mismatch, .corrupt, .abort] {
            XCTAssertFalse(SQLiteError(code: code, message: "").isStorageUnavailable, "\(code)")
        }
        XCTAssertTrue(SQLiteError(code: .readOnlyDBMoved, message: "").needsRestart)
        XCTAssertFalse(SQLiteError(code: .readOnly, message: "").needsRestart)
    }

    func testADeletedFileRefusesWritesFromThenOn() throws {
        let database = try open()
        try database.write(Self.insert("before"))
        try FileManager.default.removeItem(atPath: database.path)
        for attempt in 0..<2 {
            let error = assertSQLiteError(try database.write(Self.insert("after \(attempt)")))
            XCTAssertEqual(error?.code, .readOnlyDBMoved)
            XCTAssertTrue(error?.message.contains("was deleted") ?? false, "\(String(describing: error))")
        }
        XCTAssertEqual(assertSQLiteError(try database.probe())?.code, .readOnlyDBMoved)
    }

    /// Deleted while the transaction ran: its commit went into a file nobody
    /// opens again, so its caller is told so, never "done".
    func testAFileDeletedDuringAWriteIsNotAcknowledged() throws {
        for batch in [1, 8] {
            let database = try open(batch: batch)
            let path = database.path
            let error = assertSQLiteError(try database.write { connection in
                try Self.insert("during")(connection)
                try FileManager.default.removeItem(atPath: path)
            })
            XCTAssertEqual(error?.code, .readOnlyDBMoved, "batch \(batch)")
            database.close()
            try? FileManager.default.removeItem(atPath: path + "-wal")
            try? FileManager.default.removeItem(atPath: path + "-shm")
        }
    }

    func testAReplacedFileRefusesWrites() throws {
        let database = try open()
        try database.write(Self.insert("before"))
        let other = directory.path("other.sqlite")
        try Connection.open(path: other).execute("CREATE TABLE items(id INTEGER PRIMARY KEY, label TEXT NOT NULL) STRICT")
        XCTAssertEqual(rename(other, database.path), 0)
        let error = assertSQLiteError(try database.write(Self.insert("after")))
        XCTAssertEqual(error?.code, .readOnlyDBMoved)
        XCTAssertTrue(error?.message.contains("replaced") ?? false, "\(String(describing: error))")
    }

    /// Our log is not the new file's: left beside it, the next open would
    /// replay our frames onto it (and show our rows, or a corrupt file).
    func testAReplacedFileIsOpenedLaterWithoutOurLog() throws {
        let database = try open()
        for index in 0..<200 { try database.write(Self.insert(String(repeating: "row \(index) ", count: 20))) }
        let other = directory.path("other.sqlite")
        try Connection.open(path: other).execute("""
            PRAGMA journal_mode = DELETE;
            CREATE TABLE unrelated(x);
            CREATE TABLE items(id INTEGER PRIMARY KEY, label TEXT NOT NULL) STRICT;
            """)
        XCTAssertEqual(rename(other, database.path), 0)
        XCTAssertEqual(assertSQLiteError(try database.write(Self.insert("after")))?.code, .readOnlyDBMoved)
        database.close()

        XCTAssertTrue(FileManager.default.fileExists(atPath: database.path + "-wal.orphaned"), "kept, beside")
        let reopened = try Connection.open(path: database.path)
        XCTAssertEqual(try reopened.scalar("PRAGMA integrity_check", as: String.self), "ok")
        XCTAssertEqual(try reopened.scalar("SELECT count(*) FROM items", as: Int.self), 0, "the new file's rows, not ours")
    }

    func testTheProbeMeetsALockAndPassesOnceItIsLetGo() throws {
        let database = try open()
        try database.probe()
        let other = try Connection.open(path: database.path)
        try other.execute("BEGIN EXCLUSIVE")
        XCTAssertTrue(assertSQLiteError(try database.probe())?.isBusy ?? false)
        try other.execute("ROLLBACK")
        try database.probe()
    }

    /// The probe takes a page and gives it back: where a growing write
    /// would meet a full disk, it meets SQLITE_FULL, and keeps nothing.
    func testTheProbeMeetsAFullDatabaseAndChangesNothing() throws {
        let database = try open()
        let pages = try database.read { try $0.scalar("PRAGMA page_count", as: Int.self) }
        let tables = try database.read { try $0.scalar("SELECT count(*) FROM sqlite_schema", as: Int.self) }
        try database.write { try $0.execute("PRAGMA max_page_count = \(pages)") }
        XCTAssertEqual(assertSQLiteError(try database.probe())?.code.primary, .full)
        try database.write { try $0.execute("PRAGMA max_page_count = \(pages + 10)") }
        try database.probe()
        XCTAssertEqual(try database.read { try $0.scalar("SELECT count(*) FROM sqlite_schema", as: Int.self) }, tables,
                       "no table of the probe's is kept")
        XCTAssertEqual(try database.read { try $0.scalar("PRAGMA page_count", as: Int.self) }, pages)
    }
}
