import Core
import Foundation
import WebApp

/// `terminbuch catalogue export|import`: the catalogue as a file
/// (docs/catalogue.md). An import is one transaction on the database a
/// running server uses too; a file it refuses exits 65 (EX_DATAERR) with
/// every problem, and nothing is written.
enum CatalogueCommand {
    static let exportFlags = FlagTable("catalogue export", [
        .value("output", "FILE", "where to write (default: standard output); the same bytes for the same catalogue"),
        .database,
    ])
    static let importFlags = FlagTable("catalogue import FILE", [
        .onOff("dry-run", "print what it would add, change and remove, and write nothing"),
        .database,
    ], note: "Import applies the file whole or not at all.")
    static let flagTables = [exportFlags, importFlags]

    /// A file or an import refused for what it holds: exit 65.
    struct Refused: Error, CustomStringConvertible {
        let description: String
    }

    static func run(arguments: [String]) throws {
        let usage = FlagTable.usage(flagTables)
        guard let subcommand = arguments.first else { throw Options.UsageError(description: "which catalogue command?\n\n\(usage)") }
        let rest = Array(arguments.dropFirst())
        switch subcommand {
        case "export": try export(try Options(arguments: rest, table: exportFlags))
        case "import": try importFile(try Options(arguments: rest, table: importFlags))
        default: throw Options.UsageError(description: "unknown catalogue command \"\(subcommand)\"\n\n\(usage)")
        }
    }

    private static func export(_ options: Options) throws {
        try options.requireNoPositional()
        let databasePath = options.databasePath
        // An export never creates a database: a typo in the path would
        // otherwise produce an empty, "successful" catalogue.
        guard FileManager.default.fileExists(atPath: databasePath) else {
            throw Options.UsageError(description: "no database at \(databasePath); pass --database")
        }
        let store = try Store(path: databasePath)
        defer { store.close() }
        let bytes = CatalogueFile.write(try UseCases(store: store).catalogueImport.export())
        if let output = options.optionalString("output") {
            try Data(bytes).write(to: URL(fileURLWithPath: output), options: .atomic)
        } else {
            FileHandle.standardOutput.write(Data(bytes))
        }
    }

    private static func importFile(_ options: Options) throws {
        guard options.positional.count == 1, let path = options.positional.first else {
            throw options.usageError("catalogue import needs one FILE")
        }
        let document = try read(path)
        let store = try Store(path: options.databasePath)
        defer { store.close() }
        let dryRun = options.flag("dry-run")
        let outcome: CatalogueOutcome
        do {
            outcome = try UseCases(store: store).catalogueImport.apply(document, dryRun: dryRun)
        } catch let conflict as CatalogueImport.Conflict {
            throw Refused(description: "\(path) is refused, nothing was written: \(conflict)")
        }
        print(report(outcome, dryRun: dryRun), terminator: "")
    }

    /// The file at `path`: one that cannot be read is a usage error (exit 64),
    /// one refused for what it holds exit 65, as `serve` treats the demo's.
    static func read(_ path: String) throws -> CatalogueDocument {
        do { return try CatalogueFile.read(contentsOf: path) } catch {
            switch error {
            case .unreadable: throw Options.UsageError(description: error.description)
            case .refused: throw Refused(description: error.description)
            }
        }
    }

    /// One line per item, grouped by what happens to it, then one per
    /// booking the change puts on its office's "to contact" list.
    static func report(_ outcome: CatalogueOutcome, dryRun: Bool) -> String {
        let changes = outcome.changes
        guard !changes.isEmpty else { return dryRun ? "would change nothing\n" : "changed nothing\n" }
        let verbs = dryRun ? ("would add", "would change", "would remove") : ("added", "changed", "removed")
        let listed = dryRun ? "would put on the \"to contact\" list" : "put on the \"to contact\" list"
        return (changes.added.map { "\(verbs.0) \($0)\n" } + changes.changed.map { "\(verbs.1) \($0)\n" }
            + changes.removed.map { "\(verbs.2) \($0)\n" }
            + outcome.stranded.map { "\(listed): booking \($0.booking.code) at \($0.booking.officeId), \($0.cause.rawValue)\n" }).joined()
    }
}
