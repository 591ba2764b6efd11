import SQLite

/// The schema, as an ordered list of migrations. Shipped migrations are
/// never edited; a change is a new migration at the end.
enum Schema {
    static let migrator: Migrator = {
        var migrator = Migrator()
        migrator.register("v1-catalogue") { connection in
            try connection.execute("""
                CREATE TABLE municipalities(
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    land TEXT NOT NULL
                ) STRICT;
                CREATE TABLE offices(
                    id TEXT PRIMARY KEY,
                    municipality_id TEXT NOT NULL REFERENCES municipalities(id),
                    name TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('citizensOffice', 'vehicleRegistration', 'drivingLicence', 'mobile')),
                    address TEXT NOT NULL,
                    time_zone TEXT NOT NULL DEFAULT 'Europe/Berlin'
                ) STRICT;
                """)
        }
        return migrator
    }()
}
