import Core
import Foundation

/// `terminbuch restore FILE`: a backup put in place of the database, once
/// it has passed its checks and no process uses the database
/// (docs/operations.md).
enum RestoreCommand {
    static let flags = FlagTable("restore FILE", [.database],
                                 note: "Refused while a server or another terminbuch command has the database open.")

    static func run(arguments: [String]) throws {
        let options = try Options(arguments: arguments, table: flags)
        guard options.positional.count == 1, let file = options.positional.first else {
            throw options.usageError("restore needs one FILE")
        }
        try DatabaseBackup.restore(file, to: options.databasePath)
        print("restored \(file) to \(options.databasePath)")
    }
}
