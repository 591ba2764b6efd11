import Foundation

/// `terminbuch <command> [flags]`. Usage errors exit 64 (EX_USAGE) with a
/// message saying what to do instead; a refused catalogue file exits 65
/// (EX_DATAERR) with its problems.
let arguments = Array(CommandLine.arguments.dropFirst())
let command = arguments.first ?? "serve"
let rest = Array(arguments.dropFirst())

/// Every command's flags, for the usage text and the check of the environment.
let flagTables = [ServeCommand.flags, ExportCommand.flags] + CatalogueCommand.flagTables + UserCommand.flagTables
    + [BackupCommand.flags, RestoreCommand.flags, RetentionCommand.flags]

do {
    try EnvironmentCheck.run(knowing: flagTables)
    switch command {
    case "serve": try ServeCommand.run(arguments: rest)
    case "user": try UserCommand.run(arguments: rest)
    case "export": try ExportCommand.run(arguments: rest)
    case "catalogue": try CatalogueCommand.run(arguments: rest)
    case "backup": try BackupCommand.run(arguments: rest)
    case "restore": try RestoreCommand.run(arguments: rest)
    case "retention": try RetentionCommand.run(arguments: rest)
    case "help", "--help", "-h": print(FlagTable.usage(flagTables))
    default: throw Options.UsageError(description: "unknown command \"\(command)\"\n\n\(ServeCommand.flags.usage)")
    }
} catch let error as Options.UsageError {
    FileHandle.standardError.write(Data("terminbuch: \(error.description)\n".utf8))
    exit(64)
} catch let error as CatalogueCommand.Refused {
    FileHandle.standardError.write(Data("terminbuch: \(error.description)\n".utf8))
    exit(65)
} catch {
    FileHandle.standardError.write(Data("terminbuch: \(error)\n".utf8))
    exit(1)
}
