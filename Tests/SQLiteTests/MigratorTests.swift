import XCTest

@testable import SQLite

final class MigratorTests: XCTestCase {
    private var directory: TemporaryDirectory!
    private var conn: Connection!

    override func setUpWithError() throws {
        directory = try TemporaryDirectory()
        conn = try Connection.open(path: directory.path())
    }

    override func tearDown() {
        conn = nil
        directory = nil
    }

    /// v1 creates a log table; every migration appends its name to it, so the
    /// table shows what ran and in which order.
    private func migrator(_ names: [String], runs: Counter = Counter()) -> Migrator {
        var migrator = Migrator()
        for name in names {
            migrator.register(name) { conn in
                runs.increment()
                try conn.execute("CREATE TABLE IF NOT EXISTS log(name TEXT NOT NULL) STRICT")
                try conn.run("INSERT INTO log(name) VALUES (?)", [name])
            }
        }
        return migrator
    }

    private func log() throws -> [String] {
        try conn.query("SELECT name FROM log ORDER BY rowid").map { try $0[0] }
    }

    func testAppliesInOrderRecordsAndSkipsOnRerun() throws {
        let runs = Counter()
        let migrator = migrator(["v1-offices", "v2-services", "v3-bookings"], runs: runs)
        try migrator.migrate(conn)
        XCTAssertEqual(try log(), ["v1-offices", "v2-services", "v3-bookings"])
        XCTAssertEqual(try migrator.appliedMigrations(in: conn), ["v1-offices", "v2-services", "v3-bookings"])
        let appliedAt = try conn.scalar("SELECT applied_at FROM schema_migrations WHERE name = 'v1-offices'", as: String.self)
        XCTAssertTrue(appliedAt.hasSuffix("Z") && appliedAt.count == 24, "ISO 8601 UTC: \(appliedAt)")

        try migrator.migrate(conn)
        try migrator.migrate(try Connection.open(path: directory.path()))
        XCTAssertEqual(runs.count, 3, "each migration ran once")
        XCTAssertEqual(try log(), ["v1-offices", "v2-services", "v3-bookings"])
    }

    func testNewMigrationsOfANewerReleaseAreAppliedAfterTheOldOnes() throws {
        try migrator(["v1", "v2"]).migrate(conn)
        try migrator(["v1", "v2", "v3"]).migrate(conn)
        XCTAssertEqual(try log(), ["v1", "v2", "v3"])
    }

    func testUnknownRecordedMigrationMeansTheDatabaseIsNewerThanTheCode() throws {
        try migrator(["v1", "v2"]).migrate(conn)
        let runs = Counter()
        XCTAssertThrowsError(try migrator(["v1"], runs: runs).migrate(conn)) { error in
            guard case MigrationError.unknownMigrations(let names) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(names, ["v2"])
            XCTAssertTrue("\(error)".contains("newer version"), "\(error)")
        }
        XCTAssertEqual(runs.count, 0)
    }

    func testFailingMigrationRollsBackIsNotRecordedAndStopsTheRest() throws {
        var migrator = migrator(["v1"])
        migrator.register("v2-broken") { conn in
            try conn.execute("CREATE TABLE services(id INTEGER PRIMARY KEY) STRICT")
            try conn.run("INSERT INTO log(name) VALUES ('v2-broken')")
            try conn.execute("INSERT INTO no_such_table VALUES (1)")
        }
        migrator.register("v3") { conn in
            try conn.run("INSERT INTO log(name) VALUES ('v3')")
        }
        XCTAssertThrowsError(try migrator.migrate(conn)) { error in
            guard case MigrationError.migrationFailed(let name, let underlying) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(name, "v2-broken")
            XCTAssertEqual((underlying as? SQLiteError)?.code, .error)
            XCTAssertTrue("\(error)".contains("no such table: no_such_table"), "\(error)")
        }
        XCTAssertEqual(try migrator.appliedMigrations(in: conn), ["v1"])
        XCTAssertEqual(try log(), ["v1"])
        XCTAssertNil(try conn.queryOne("SELECT name FROM sqlite_schema WHERE name = 'services'"), "DDL rolled back too")
        XCTAssertFalse(conn.isInTransaction)
    }

    func testSchemaMigrationsTableIsStrict() throws {
        try Migrator().migrate(conn)
        let sql = try conn.scalar("SELECT sql FROM sqlite_schema WHERE name = 'schema_migrations'", as: String.self)
        XCTAssertTrue(sql.hasSuffix("STRICT"), sql)
        XCTAssertEqual(try conn.scalar("SELECT count(*) FROM schema_migrations", as: Int.self), 0)
    }

    func testTableRebuildWithForeignKeysDisabled() throws {
        var migrator = Migrator()
        migrator.register("v1") { conn in
            try conn.execute("""
                CREATE TABLE offices(id INTEGER PRIMARY KEY, name TEXT) STRICT;
                CREATE TABLE bookings(id INTEGER PRIMARY KEY, office_id INTEGER NOT NULL REFERENCES offices(id) ON DELETE CASCADE) STRICT;
                INSERT INTO offices VALUES (1, 'Mitte');
                INSERT INTO bookings VALUES (10, 1);
                """)
        }
        // SQLite's 12-step rebuild: make `name` NOT NULL.
        migrator.register("v2-offices-name-not-null", disablingForeignKeys: true) { conn in
            try conn.execute("""
                CREATE TABLE offices_new(id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT;
                INSERT INTO offices_new SELECT id, name FROM offices;
                DROP TABLE offices;
                ALTER TABLE offices_new RENAME TO offices;
                """)
        }
        try migrator.migrate(conn)
        XCTAssertEqual(try conn.scalar("SELECT count(*) FROM bookings", as: Int.self), 1, "the DROP did not cascade")
        XCTAssertEqual(try conn.scalar("PRAGMA foreign_keys", as: Int.self), 1, "switched back on")

        var dangling = migrator
        dangling.register("v3-dangling", disablingForeignKeys: true) { conn in
            try conn.run("DELETE FROM offices")
        }
        XCTAssertThrowsError(try dangling.migrate(conn)) { error in
            guard case MigrationError.migrationFailed("v3-dangling", let underlying) = error else { return XCTFail("\(error)") }
            XCTAssertTrue((underlying as? SQLiteError)?.isForeignKeyViolation ?? false, "\(underlying)")
        }
        XCTAssertEqual(try conn.scalar("SELECT count(*) FROM offices", as: Int.self), 1)
        XCTAssertEqual(try conn.scalar("PRAGMA foreign_keys", as: Int.self), 1)
    }

    func testMigratingInsideATransactionIsRefused() throws {
        try conn.execute("BEGIN")
        XCTAssertEqual(assertSQLiteError(try migrator(["v1"]).migrate(conn))?.code, .misuse)
        try conn.execute("ROLLBACK")
    }
}
