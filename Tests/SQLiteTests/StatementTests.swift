import XCTest

@testable import SQLite

final class StatementTests: XCTestCase {
    private var directory: TemporaryDirectory!
    private var conn: Connection!

    override func setUpWithError() throws {
        directory = try TemporaryDirectory()
        conn = try Connection.open(path: directory.path())
        try conn.execute("""
            CREATE TABLE offices(id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT) STRICT;
            INSERT INTO offices VALUES (1, 'Bürgerbüro Mitte', 'Berlin');
            INSERT INTO offices VALUES (2, 'Kfz-Zulassung', 'Berlin');
            INSERT INTO offices VALUES (3, 'Führerscheinstelle', 'Köln');
            """)
    }

    override func tearDown() {
        conn = nil
        directory = nil
    }

    func testNamedParametersWithEveryPrefixAndWithOrWithoutPrefixInTheKey() throws {
        XCTAssertEqual(try conn.scalar("SELECT name FROM offices WHERE id = :id", ["id": 2], as: String.self), "Kfz-Zulassung")
        XCTAssertEqual(try conn.scalar("SELECT name FROM offices WHERE id = @id", [":id": 3], as: String.self), "Führerscheinstelle")
        XCTAssertEqual(try conn.scalar("SELECT name FROM offices WHERE id = $id", ["$id": 1], as: String.self), "Bürgerbüro Mitte")
        // One name used twice is one parameter.
        let rows = try conn.query(
            "SELECT id FROM offices WHERE city = :city OR name = :city || ' Mitte' ORDER BY id",
            ["city": "Köln"])
        XCTAssertEqual(try rows.map { try $0["id"] as Int }, [3])
        let run = try conn.run(
            "INSERT INTO offices(id, name, city) VALUES (:id, :name, :city)",
            ["id": 4, "name": "Mobiles Bürgerbüro", "city": nil])
        XCTAssertEqual(run, RunResult(changes: 1, lastInsertRowID: 4))
        XCTAssertNil(try conn.scalar("SELECT city FROM offices WHERE id = 4", as: String?.self))
    }

    func testArgumentMismatchesAreErrorsNotSilentNulls() throws {
        let sql = "SELECT name FROM offices WHERE id = :id AND city = :city"
        let missing = assertSQLiteError(try conn.query(sql, ["id": 1]))
        XCTAssertEqual(missing?.code, .range)
        XCTAssertEqual(missing?.sql, sql)
        XCTAssertTrue(missing?.message.contains(":city") ?? false, "\(String(describing: missing))")

        let unknown = assertSQLiteError(try conn.query(sql, ["id": 1, "city": "Berlin", "zip": "10115"]))
        XCTAssertTrue(unknown?.message.contains(":zip") ?? false, "\(String(describing: unknown))")

        XCTAssertEqual(assertSQLiteError(try conn.query("SELECT ?, ?", [1]))?.code, .range)
        XCTAssertEqual(assertSQLiteError(try conn.query("SELECT ?", [1, 2]))?.code, .range)
        XCTAssertEqual(assertSQLiteError(try conn.query("SELECT ?", ["x": 1]))?.code, .range)
        // Positional values may fill named parameters in order.
        XCTAssertEqual(try conn.scalar("SELECT :a || :b", ["x", "y"], as: String.self), "xy")
    }

    func testStatementCacheReusesOnePreparedStatementPerSQL() throws {
        let sql = "SELECT name FROM offices WHERE id = ?"
        let first = try conn.cachedStatement(sql)
        let countBefore = conn.statementCacheCount
        for id in 1...3 {
            _ = try conn.query(sql, [id])
        }
        XCTAssertEqual(try conn.scalar(sql, [3], as: String.self), "Führerscheinstelle")
        XCTAssert(try conn.cachedStatement(sql) === first, "the same prepared statement, not a new one")
        XCTAssertEqual(conn.statementCacheCount, countBefore)
        XCTAssertFalse(first.isActive, "the helpers reset it, so it holds no read snapshot")
    }

    func testQueryOneDoesNotLeaveTheStatementMidResult() throws {
        let sql = "SELECT id FROM offices ORDER BY id"
        XCTAssertEqual(try conn.queryOne(sql).map { try $0["id"] as Int }, 1)
        XCTAssertFalse(try conn.cachedStatement(sql).isActive)
    }

    func testStatementCacheIsBounded() throws {
        for value in 0..<(Connection.statementCacheLimit + 10) {
            _ = try conn.query("SELECT \(value)")
        }
        XCTAssertLessThanOrEqual(conn.statementCacheCount, Connection.statementCacheLimit)
    }

    func testPreparedStatementStepsBindsAndResets() throws {
        let statement = try conn.prepare("SELECT name FROM offices WHERE city = ? ORDER BY id")
        try statement.bind(["Berlin"])
        XCTAssertEqual(try statement.step().map { try $0["name"] as String }, "Bürgerbüro Mitte")
        XCTAssertTrue(statement.isActive)
        statement.reset()  // same bindings, from the start
        XCTAssertEqual(try statement.query(["Berlin"]).count, 2)
        XCTAssertEqual(try statement.query(["Köln"]).map { try $0[0] as String }, ["Führerscheinstelle"])
        XCTAssertEqual(statement.columnNames, ["name"])

        let insert = try conn.prepare("INSERT INTO offices(name) VALUES (?)")
        for name in ["A", "B", "C"] {
            try insert.execute([name])
        }
        XCTAssertEqual(try conn.scalar("SELECT count(*) FROM offices", as: Int.self), 6)
    }

    func testPreparingSeveralStatementsAtOnceIsRefused() throws {
        let error = assertSQLiteError(try conn.prepare("DELETE FROM offices; DROP TABLE offices"))
        XCTAssertEqual(error?.code, .misuse)
        XCTAssertEqual(try conn.scalar("SELECT count(*) FROM offices", as: Int.self), 3, "nothing ran")
        // A trailing semicolon or comment is not a second statement.
        XCTAssertNoThrow(try conn.prepare("SELECT 1; -- the end"))
        XCTAssertEqual(assertSQLiteError(try conn.prepare("  -- nothing "))?.code, .misuse)
    }

    func testScriptErrorsNameTheFailingStatement() throws {
        let error = assertSQLiteError(try conn.execute("""
            INSERT INTO offices(id, name) VALUES (10, 'Ten');
            INSERT INTO offices(id, name) VALUES (1, 'Duplicate');
            INSERT INTO offices(id, name) VALUES (11, 'Eleven');
            """))
        XCTAssertEqual(error?.code, .constraintPrimaryKey)
        XCTAssertEqual(error?.sql, "INSERT INTO offices(id, name) VALUES (1, 'Duplicate');")
        XCTAssertEqual(try conn.scalar("SELECT count(*) FROM offices WHERE id >= 10", as: Int.self), 1,
                       "statements before the error ran (scripts are not transactions), later ones did not")
        let syntax = assertSQLiteError(try conn.execute("SELEKT 1"))
        XCTAssertEqual(syntax?.code, .error)
        XCTAssertTrue(syntax?.message.contains("syntax error") ?? false)
    }

    func testUsingAStatementOfAClosedConnectionIsSafeToDrop() throws {
        var statement: Statement? = try conn.prepare("SELECT 1")
        conn = nil  // sqlite3_close_v2 waits for the statement's finalize
        statement = nil
        XCTAssertNil(statement)
    }
}
