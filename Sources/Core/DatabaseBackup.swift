import Foundation
import SQLite

/// Backups of the application's database and their restore
/// (`terminbuch backup`, `terminbuch restore`, docs/operations.md): the
/// copying and replacing is the SQLite module's; what makes a file a
/// Terminbuch database worth restoring is decided here.
public enum DatabaseBackup {
    /// A backup or a restore refused for what the file is, or where it goes.
    public struct Refused: Error, CustomStringConvertible {
        public let description: String
    }

    /// Copies the database at `path` into `output` while servers keep using
    /// it, checks the copy and returns its size in bytes. A copy that fails
    /// its check is removed: a backup nobody can restore is no backup.
    public static func backup(database path: String, to output: String) throws -> Int {
        do {
            try Database.copy(path, into: output)
        } catch let error as SQLiteError where error.code.primary == .cantOpen {
            throw Refused(description: error.message)
        }
        let problems = try Database.integrityProblems(of: output)
        guard problems.isEmpty else {
            try? FileManager.default.removeItem(atPath: output)
            throw Refused(description: "the copy fails integrity_check, so it was removed: " + problems.joined(separator: "; "))
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: output)
        return (attributes[.size] as? NSNumber)?.intValue ?? 0
    }

    /// Puts a copy of the backup `file` at `path` once it has passed its
    /// checks: a sound SQLite file, made by Terminbuch (its migrations
    /// begin with ours), by this version or an older one. Refused while
    /// any process has `path` open.
    public static func restore(_ file: String, to path: String) throws {
        guard FileManager.default.fileExists(atPath: file) else { throw Refused(description: "there is no file \(file)") }
        let applied: [String]
        do {
            let problems = try Database.integrityProblems(of: file)
            guard problems.isEmpty else {
                throw Refused(description: "\(file) fails integrity_check: " + problems.joined(separator: "; "))
            }
            applied = try Schema.migrator.appliedMigrations(in: try Connection.open(path: file, readOnly: true))
        } catch let error as SQLiteError {
            throw Refused(description: "\(file) is not a readable SQLite database: \(error.message)")
        }
        let known = Schema.migrator.names
        guard applied.first == known.first else {
            throw Refused(description: "\(file) is not a Terminbuch database: it has no schema_migrations beginning with \(known[0])")
        }
        if let unknown = applied.first(where: { !known.contains($0) }) {
            throw Refused(description: "\(file) was made by a newer Terminbuch (migration \(unknown)); restore it with that version")
        }
        do {
            try Database.replaceFile(at: path, withCopyOf: file)
        } catch let error as SQLiteError where error.code.primary == .busy {
            throw Refused(description: error.message)
        }
    }
}
