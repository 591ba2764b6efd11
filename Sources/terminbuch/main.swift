import Foundation

/// `terminbuch <command> [flags]`. Usage errors exit 64 (EX_USAGE) with a
/// message saying what to do instead; a refused catalogue file exits 65
/// (EX_DATAERR) with its problems.
let arguments = Array(CommandLine.arguments.dropFirst())
let command = arguments.first ?? "serve"

do {
    switch command {
    case "serve":
        try ServeCommand.run(arguments: Array(arguments.dropFirst()))
    case "user":
        try UserCommand.run(arguments: Array(arguments.dropFirst()))
    case "export":
        try ExportCommand.run(arguments: Array(arguments.dropFirst()))
    case "catalogue":
        try CatalogueCommand.run(arguments: Array(arguments.dropFirst()))
    case "help", "--help", "-h":
        print(ServeCommand.usage + "\n" + ExportCommand.usage + "\n" + CatalogueCommand.usage + "\n" + UserCommand.usage)
    default:
        throw Options.UsageError(description: "unknown command \"\(command)\"\n\n\(ServeCommand.usage)")
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
