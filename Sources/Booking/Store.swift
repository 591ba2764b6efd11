import SQLite

/// The application's storage: the database with Terminbuch's schema.
/// Every use case reads and writes through it; nothing else opens the file.
public final class Store: Sendable {
    public let database: Database

    /// Opens the database at `path`, creating and migrating it when missing.
    public init(path: String, configuration: Database.Configuration = Database.Configuration()) throws {
        database = try Database(path: path, migrator: Schema.migrator, configuration: configuration)
    }

    /// Whether the database answers a query: what `/health` reports.
    public func isHealthy() -> Bool {
        (try? database.read { try $0.scalar("SELECT count(*) FROM schema_migrations", as: Int.self) }) != nil
    }

    public func close() {
        database.close()
    }
}
