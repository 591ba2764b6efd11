import Core
import Foundation

/// `terminbuch backup`: a consistent copy of the database while servers
/// keep serving and writing, checked before it counts (docs/operations.md).
enum BackupCommand {
    static let flags = FlagTable("backup", [
        .database,
        .value("output", "FILE", "where the copy goes (required); an existing file is never overwritten"),
    ], note: "The copy is checked with PRAGMA integrity_check; a copy that fails it is removed and the command fails.")

    static func run(arguments: [String]) throws {
        let options = try Options(arguments: arguments, table: flags)
        try options.requireNoPositional()
        guard let output = options.optionalString("output") else { throw options.usageError("--output is required") }
        let started = ContinuousClock.now
        let bytes = try DatabaseBackup.backup(database: options.databasePath, to: output)
        let took = ContinuousClock.now - started
        print("backed up \(options.databasePath) to \(output): \(bytes) bytes in "
              + took.formatted(.units(allowed: [.seconds, .milliseconds], width: .narrow)) + ", integrity_check ok")
    }
}
