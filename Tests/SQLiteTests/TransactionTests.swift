import XCTest

@testable import SQLite

final class TransactionTests: XCTestCase {
    private var directory: TemporaryDirectory!
    private var conn: Connection!

    override func setUpWithError() throws {
        directory = try TemporaryDirectory()
        conn = try Connection.open(path: directory.path())
        try conn.execute("""
            CREATE TABLE offices(id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT;
            CREATE TABLE bookings(
                id INTEGER PRIMARY KEY,
                office_id INTEGER NOT NULL REFERENCES offices(id) DEFERRABLE INITIALLY DEFERRED
            ) STRICT;
            """)
    }

    override func tearDown() {
        conn = nil
        directory = nil
    }

    private func names() throws -> [String] {
        try conn.query("SELECT name FROM offices ORDER BY id").map { try $0["name"] }
    }

    func testCommitsWhenTheBodyReturnsAndPassesItsResult() throws {
        let id = try conn.transaction { conn in
            try conn.run("INSERT INTO offices(name) VALUES ('Mitte')").lastInsertRowID
        }
        XCTAssertEqual(id, 1)
        XCTAssertFalse(conn.isInTransaction)
        // Durable means visible to a fresh connection.
        let other = try Connection.open(path: directory.path(), readOnly: true)
        XCTAssertEqual(try other.scalar("SELECT name FROM offices", as: String.self), "Mitte")
    }

    func testRollsBackOnThrowAndRethrowsTheOriginalError() throws {
        XCTAssertThrowsError(try conn.transaction { conn in
            try conn.run("INSERT INTO offices(name) VALUES ('Mitte')")
            try conn.run("INSERT INTO offices(name) VALUES ('Nord')")
            throw TestError(tag: "capacity exhausted")
        }) { error in
            XCTAssertEqual(error as? TestError, TestError(tag: "capacity exhausted"))
        }
        XCTAssertEqual(try names(), [])
        XCTAssertFalse(conn.isInTransaction)
    }

    func testASQLErrorInTheBodyRollsBackEarlierStatements() throws {
        let error = assertSQLiteError(try conn.transaction { conn in
            try conn.run("INSERT INTO offices(id, name) VALUES (1, 'Mitte')")
            try conn.run("INSERT INTO offices(id, name) VALUES (1, 'Nord')")
        })
        XCTAssertEqual(error?.code, .constraintPrimaryKey)
        XCTAssertEqual(try names(), [])
    }

    func testNestedTransactionIsASavepointThatCanFailAlone() throws {
        try conn.transaction { conn in
            try conn.run("INSERT INTO offices(name) VALUES ('Outer')")
            XCTAssertThrowsError(try conn.transaction { conn in
                XCTAssertEqual(conn.savepointDepth, 1)
                try conn.run("INSERT INTO offices(name) VALUES ('Inner')")
                throw TestError(tag: "inner")
            })
            try conn.transaction { conn in
                try conn.run("INSERT INTO offices(name) VALUES ('Inner kept')")
            }
        }
        XCTAssertEqual(try names(), ["Outer", "Inner kept"])
        XCTAssertEqual(conn.savepointDepth, 0)
    }

    func testOuterFailureUndoesReleasedSavepoints() throws {
        XCTAssertThrowsError(try conn.transaction { conn in
            try conn.savepoint { conn in
                try conn.run("INSERT INTO offices(name) VALUES ('Inner')")
            }
            throw TestError(tag: "outer")
        })
        XCTAssertEqual(try names(), [])
    }

    func testFailedCommitRollsBackAndThrows() throws {
        // A deferred foreign key is checked only at COMMIT, so COMMIT fails.
        let error = assertSQLiteError(try conn.transaction { conn in
            try conn.run("INSERT INTO offices(id, name) VALUES (1, 'Mitte')")
            try conn.run("INSERT INTO bookings(office_id) VALUES (42)")
            XCTAssertTrue(conn.hasDeferredForeignKeyViolations)
        })
        XCTAssertEqual(error?.code, .constraintForeignKey)
        XCTAssertEqual(error?.sql, "COMMIT TRANSACTION")
        XCTAssertFalse(conn.isInTransaction, "not left dangling")
        XCTAssertEqual(try names(), [])
    }

    func testEndingTheTransactionWithSQLInsideTheBodyIsReported() throws {
        let error = assertSQLiteError(try conn.transaction { conn in
            try conn.run("INSERT INTO offices(name) VALUES ('Mitte')")
            try conn.execute("ROLLBACK")
        })
        XCTAssertEqual(error?.code, .abort)
        XCTAssertFalse(conn.isInTransaction)
        XCTAssertEqual(try names(), [])
    }

    func testDeferredTransactionSeesOneSnapshot() throws {
        try conn.run("INSERT INTO offices(name) VALUES ('Mitte')")
        let reader = try Connection.open(path: directory.path(), readOnly: true)
        try reader.transaction(.deferred) { reader in
            XCTAssertEqual(try reader.scalar("SELECT count(*) FROM offices", as: Int.self), 1)
            try conn.run("INSERT INTO offices(name) VALUES ('Nord')")
            XCTAssertEqual(try reader.scalar("SELECT count(*) FROM offices", as: Int.self), 1, "same snapshot")
        }
        XCTAssertEqual(try reader.scalar("SELECT count(*) FROM offices", as: Int.self), 2)
    }
}
