import Foundation

/// The flags given to one command, parsed against its `FlagTable`: an
/// unknown flag is a usage error naming the closest known one. Each value
/// flag and switch is also readable from the environment as
/// `TERMINBUCH_<NAME>` (`--blocking-threads` → `TERMINBUCH_BLOCKING_THREADS`).
/// A flag wins over the environment, the environment over the default.
struct Options {
    let table: FlagTable
    private var values: [String: String] = [:]
    private var lists: [String: [String]] = [:]
    private var switches: Set<String> = []
    private(set) var positional: [String] = []

    struct UsageError: Error, CustomStringConvertible {
        let description: String
    }

    init(arguments: [String], table: FlagTable) throws {
        self.table = table
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("--") else {
                positional.append(argument)
                continue
            }
            var name = String(argument.dropFirst(2))
            var value: String?
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard let flag = table.flag(named: name) else {
                let closest = ClosestName.to(name, among: table.flags.map(\.name)).map { " (did you mean --\($0)?)" } ?? ""
                throw usageError("unknown flag --\(name)\(closest)")
            }
            if flag.kind == .onOff {
                guard value == nil else { throw usageError("--\(name) is a switch and takes no value") }
                switches.insert(name)
                continue
            }
            if value == nil {
                guard index < arguments.count else { throw usageError("--\(name) needs a value") }
                value = arguments[index]
                index += 1
            }
            if case .repeated = flag.kind {
                lists[name, default: []].append(value!)
            } else {
                values[name] = value!
            }
        }
    }

    /// A usage error followed by the command's usage text.
    func usageError(_ message: String) -> UsageError {
        UsageError(description: "\(message)\n\n\(table.usage)")
    }

    /// Refuses any positional argument.
    func requireNoPositional() throws {
        guard positional.isEmpty else { throw usageError("unexpected \(positional.joined(separator: " "))") }
    }

    static let defaultDatabasePath = "./data/terminbuch.sqlite"

    /// `--database` (`Flag.database`), or its default.
    var databasePath: String { string(Flag.database.name, default: Self.defaultDatabasePath) }

    func string(_ name: String, default fallback: String) -> String {
        optionalString(name) ?? fallback
    }

    func optionalString(_ name: String) -> String? {
        values[declared(name)] ?? Self.environment(name)
    }

    /// Every value of a repeated flag, in the order given.
    func list(_ name: String) -> [String] {
        lists[declared(name)] ?? []
    }

    func int(_ name: String, default fallback: Int) throws -> Int {
        guard let text = optionalString(name) else { return fallback }
        guard let value = Int(text), value >= 0 else {
            throw UsageError(description: "--\(name) must be a whole number, not \"\(text)\"")
        }
        return value
    }

    func flag(_ name: String) -> Bool {
        switches.contains(declared(name)) || Self.environmentFlag(name)
    }

    /// Reading a flag the table does not declare is a programming error:
    /// it could never be given.
    private func declared(_ name: String) -> String {
        precondition(table.flag(named: name) != nil, "--\(name) is not in the flag table of \(table.synopsis)")
        return name
    }

    /// Whether `TERMINBUCH_<NAME>` turns the switch on.
    static func environmentFlag(_ name: String) -> Bool {
        guard let text = environment(name)?.lowercased() else { return false }
        return ["1", "true", "yes", "on"].contains(text)
    }

    static func environment(_ name: String) -> String? {
        ProcessInfo.processInfo.environment[Flag.environmentName(of: name)]
    }
}
