/// Versioned schema changes, applied in the order they were registered and
/// recorded by name in `schema_migrations`, so each runs once per database.
///
///     var migrator = Migrator()
///     migrator.register("v1-offices") { conn in
///         try conn.execute("CREATE TABLE offices(id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT")
///     }
///     try migrator.migrate(connection)
///
/// Never edit or reorder a migration that has shipped: add a new one.
public struct Migrator: Sendable {
    private struct Migration: Sendable {
        let name: String
        let disablesForeignKeys: Bool
        let body: @Sendable (Connection) throws -> Void
    }

    private var migrations: [Migration] = []

    public init() {}

    /// The registered names, in order.
    public var names: [String] {
        migrations.map(\.name)
    }

    /// Adds a migration after the ones registered so far.
    ///
    /// `disablingForeignKeys` is for SQLite's table rebuild (create new,
    /// copy, drop old, rename), the only way to change a column: dropping a
    /// referenced table with foreign keys on would cascade or fail. Keys are
    /// switched off around the migration's transaction and checked with
    /// `PRAGMA foreign_key_check` before it commits; a dangling reference
    /// fails the migration.
    public mutating func register(
        _ name: String,
        disablingForeignKeys: Bool = false,
        _ body: @escaping @Sendable (Connection) throws -> Void
    ) {
        precondition(!names.contains(name), "Migrator: migration '\(name)' is registered twice")
        migrations.append(Migration(name: name, disablesForeignKeys: disablingForeignKeys, body: body))
    }

    /// Applies the migrations the database lacks, each in its own immediate
    /// transaction together with its record, so a failing migration leaves
    /// neither half a schema change nor a record of it.
    public func migrate(_ connection: Connection) throws {
        guard !connection.isInTransaction else {
            throw SQLiteError(code: .misuse, message: "migrate must run outside a transaction: each migration commits on its own")
        }
        try connection.execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                name TEXT NOT NULL PRIMARY KEY,
                applied_at TEXT NOT NULL
            ) STRICT
            """)
        let applied = try appliedMigrations(in: connection)
        let known = Set(names)
        let unknown = applied.filter { !known.contains($0) }
        guard unknown.isEmpty else {
            throw MigrationError.unknownMigrations(unknown)
        }
        let appliedSet = Set(applied)
        for migration in migrations where !appliedSet.contains(migration.name) {
            do {
                try apply(migration, on: connection)
            } catch {
                throw MigrationError.migrationFailed(name: migration.name, underlying: error)
            }
        }
    }

    /// Names recorded in the database, in the order they were applied.
    /// Empty for a database never migrated.
    public func appliedMigrations(in connection: Connection) throws -> [String] {
        let table = "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'"
        guard try connection.queryOne(table) != nil else { return [] }
        return try connection.query("SELECT name FROM schema_migrations ORDER BY rowid").map { try $0[0] }
    }

    private func apply(_ migration: Migration, on connection: Connection) throws {
        if migration.disablesForeignKeys {
            // A no-op inside a transaction, so it goes before BEGIN.
            try connection.execute("PRAGMA foreign_keys = OFF")
        }
        defer {
            if migration.disablesForeignKeys {
                try? connection.execute("PRAGMA foreign_keys = ON")
            }
        }
        try connection.transaction(.immediate) { conn in
            // Another process may have applied it since we looked; the
            // immediate transaction makes this check and the work atomic.
            let done = try conn.scalar("SELECT count(*) FROM schema_migrations WHERE name = ?", [migration.name], as: Int.self)
            guard done == 0 else { return }
            try migration.body(conn)
            if migration.disablesForeignKeys, let violation = try conn.queryOne("PRAGMA foreign_key_check") {
                let table: String = try violation["table"]
                let parent: String = try violation["parent"]
                throw SQLiteError(
                    code: .constraintForeignKey,
                    message: "after the migration a row of \(table) refers to a missing row of \(parent)",
                    sql: "PRAGMA foreign_key_check")
            }
            try conn.run(
                "INSERT INTO schema_migrations(name, applied_at) VALUES (?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
                [migration.name])
        }
    }
}

/// Why the schema could not be brought up to date.
public enum MigrationError: Error, CustomStringConvertible {
    /// The database records migrations this program does not have: a newer
    /// version of the program migrated it.
    case unknownMigrations([String])
    /// A migration threw; it was rolled back and not recorded.
    case migrationFailed(name: String, underlying: any Error)

    public var description: String {
        switch self {
        case .unknownMigrations(let names):
            "the database has migrations this program does not know (\(names.joined(separator: ", "))): it was migrated by a newer version; run that version, or restore a backup taken before the upgrade"
        case .migrationFailed(let name, let underlying):
            "migration '\(name)' failed and was rolled back, the schema is as before it: \(underlying)"
        }
    }
}
