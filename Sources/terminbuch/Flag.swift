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
