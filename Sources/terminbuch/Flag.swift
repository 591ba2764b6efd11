/// One flag a command declares: its name, whether it takes a value, and the
/// line its usage text shows. A command's flags are one `FlagTable`, from
/// which its parser, its usage text and the check of the environment are
/// all made, so declaring a flag is one line:
///
///     .value("port", "8080", "the port to listen on (0: any free one)"),
///     .onOff("no-demo", "start without the demo catalogue and accounts"),
struct Flag: Sendable {
    enum Kind: Sendable, Equatable {
        /// `--name VALUE` or `--name=VALUE`; the last one given counts.
        case value(placeholder: String)
        /// `--name VALUE`, as often as needed; never read from the environment.
        case repeated(placeholder: String)
        /// `--name` alone, or `TERMINBUCH_NAME=1`.
        case onOff
    }

    let name: String
    let kind: Kind
    let help: String

    static func value(_ name: String, _ placeholder: String, _ help: String) -> Flag {
        Flag(name: name, kind: .value(placeholder: placeholder), help: help)
    }

    static func repeated(_ name: String, _ placeholder: String, _ help: String) -> Flag {
        Flag(name: name, kind: .repeated(placeholder: placeholder), help: help)
    }

    static func onOff(_ name: String, _ help: String) -> Flag {
        Flag(name: name, kind: .onOff, help: help)
    }

    /// Every command that opens the database takes it so.
    static let database = value("database", Options.defaultDatabasePath, "the database file")

    /// `--port 8080`, as the usage text shows it.
    var synopsis: String {
        switch kind {
        case .value(let placeholder): "--\(name) \(placeholder)"
        case .repeated(let placeholder): "--\(name) \(placeholder)…"
        case .onOff: "--\(name)"
        }
    }

    /// A repeated flag is given on the command line only.
    var readsEnvironment: Bool {
        if case .repeated = kind { return false }
        return true
    }

    /// The variable that sets it: `--blocking-threads` → `TERMINBUCH_BLOCKING_THREADS`.
    var environmentName: String { Self.environmentName(of: name) }

    static func environmentName(of name: String) -> String {
        "TERMINBUCH_" + name.uppercased().replacingOccurrences(of: "-", with: "_")
    }
}

/// The flags of one command (`serve`, `user add`): what it takes besides
/// flags, the flags themselves, and a note for the usage text.
struct FlagTable: Sendable {
    /// `catalogue import FILE`: the command and its positional arguments.
    let synopsis: String
    let flags: [Flag]
    let note: String

    init(_ synopsis: String, _ flags: [Flag], note: String = "") {
        self.synopsis = synopsis
        self.flags = flags
        self.note = note
    }

    func flag(named name: String) -> Flag? {
        flags.first { $0.name == name }
    }

    /// The usage text: the synopsis, then one aligned line per flag, then the note.
    var usage: String {
        let width = flags.map(\.synopsis.count).max() ?? 0
        let lines = flags.map { "  " + $0.synopsis.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.help }
        return (["usage: terminbuch \(synopsis)\(flags.isEmpty ? "" : " [flags]")"] + lines + (note.isEmpty ? [] : [note]))
            .joined(separator: "\n")
    }

    /// Several tables' usage, as a command of several sub-commands shows it.
    static func usage(_ tables: [FlagTable]) -> String {
        tables.map(\.usage).joined(separator: "\n\n")
    }
}
