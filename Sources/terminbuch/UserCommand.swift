import Core
import Foundation
import Glibc
import Scheduling

/// `terminbuch user add|passwd|list`: accounts for operators. Passwords come
/// from standard input or `--password-file`, never from the command line,
/// where `ps` and the shell history would show them.
enum UserCommand {
    static let addFlags = FlagTable("user add", [
        .value("username", "U", "the new account's name (required)"),
        .value("role", "agent|staff|admin", "what it may do (required)"),
        .repeated("office", "ID", "where staff work"),
        .repeated("municipality", "ID", "what an agent answers for, or the only ones an admin administers"),
        .value("display-name", "N", "the name pages show"),
        .value("password-file", "PATH", "read the password from this file's first line"),
        .database,
    ])
    static let passwdFlags = FlagTable("user passwd", [
        .value("username", "U", "whose password (required)"),
        .value("password-file", "PATH", "read the password from this file's first line"),
        .database,
    ], note: "add and passwd read the password from standard input (first line) unless --password-file is given.")
    static let listFlags = FlagTable("user list", [.database])
    static let flagTables = [addFlags, passwdFlags, listFlags]

    static func run(arguments: [String]) throws {
        guard let subcommand = arguments.first else { throw usageError("which user command?") }
        let rest = Array(arguments.dropFirst())
        if rest.contains(where: { $0 == "--password" || $0.hasPrefix("--password=") }) {
            throw usageError("passwords are never taken from the command line: pipe it to standard input or use --password-file")
        }
        switch subcommand {
        case "add":
            let options = try Options(arguments: rest, table: addFlags)
            try options.requireNoPositional()
            guard let username = options.optionalString("username") else { throw usageError("user add needs --username") }
            guard let roleName = options.optionalString("role") else { throw usageError("user add needs --role agent|staff|admin") }
            guard let role = Account.Role(rawValue: roleName) else {
                throw usageError("--role must be agent, staff or admin, not \"\(roleName)\"")
            }
            let accounts = try open(options)
            let password = try readPassword(options)
            let account = try administer {
                try accounts.add(username: username, displayName: options.optionalString("display-name"), password: password,
                                 role: role, officeIds: Set(options.list("office").map { OfficeID($0) }),
                                 municipalityIds: Set(options.list("municipality").map { MunicipalityID($0) }))
            }
            print("added \(account.role.rawValue) \(account.username)")
        case "passwd":
            let options = try Options(arguments: rest, table: passwdFlags)
            try options.requireNoPositional()
            guard let username = options.optionalString("username") else { throw usageError("user passwd needs --username") }
            let accounts = try open(options)
            guard try accounts.account(username: username) != nil else { throw usageError("there is no user \"\(username)\"") }
            let password = try readPassword(options)
            try administer { try accounts.changePassword(username: username, to: password) }
            print("changed the password of \(username); their sessions have ended")
        case "list":
            let options = try Options(arguments: rest, table: listFlags)
            try options.requireNoPositional()
            print(try table(try open(options)), terminator: "")
        default:
            throw usageError("unknown user command \"\(subcommand)\"")
        }
    }

    /// The accounts as an aligned table, one line each.
    static func table(_ accounts: Accounts) throws -> String {
        var rows = [["USERNAME", "ROLE", "SCOPE", "DEMO", "DISABLED", "DISPLAY NAME"]]
        for account in try accounts.all() {
            let scope = (account.officeIds.sorted().map { "office:" + $0.rawValue }
                + account.municipalityIds.sorted().map { "municipality:" + $0.rawValue }).joined(separator: ",")
            rows.append([account.username, account.role.rawValue, scope.isEmpty ? "-" : scope,
                         try accounts.isDemoAccount(account) ? "yes" : "no", account.isDisabled ? "yes" : "no", account.displayName])
        }
        let widths = (0..<5).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            (0..<5).map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                + "  " + row[5] + "\n"
        }.joined()
    }

    /// The database of `--database` (or `TERMINBUCH_DATABASE`), which must exist:
    /// a mistyped path would otherwise create an empty one.
    static func open(_ options: Options) throws -> Accounts {
        let path = options.databasePath
        guard FileManager.default.fileExists(atPath: path) else {
            throw usageError("there is no database at \(path): start `terminbuch serve` once to create it, or pass --database")
        }
        return Accounts(store: try Store(path: path), hasher: try TestMode.passwordHasher())
    }

    /// The operator's mistakes are usage errors (exit 64), with the rule they broke.
    static func administer<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as Accounts.AdministrationError {
            throw usageError(error.description)
        }
    }

    /// The first line of `--password-file`, or of standard input (asked
    /// twice, without echo, when it is a terminal).
    static func readPassword(_ options: Options) throws -> String {
        if let path = options.optionalString("password-file") {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw usageError("cannot read the password file \(path)")
            }
            return firstLine(String(decoding: data, as: UTF8.self))
        }
        if isatty(STDIN_FILENO) != 0 {
            let first = try prompt("Password: ")
            guard try prompt("Again: ") == first else { throw usageError("the two passwords differ") }
            return first
        }
        return firstLine(String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self))
    }

    private static func prompt(_ text: String) throws -> String {
        FileHandle.standardError.write(Data(text.utf8))
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSANOW, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSANOW, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = readLine(strippingNewline: true) else { throw usageError("no password given") }
        return line
    }

    /// Up to the first line feed, without a carriage return before it.
    /// Bytes, not characters: Swift reads "\r\n" as one character.
    private static func firstLine(_ text: String) -> String {
        var line = Array(text.utf8.prefix { $0 != UInt8(ascii: "\n") })
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        return String(decoding: line, as: UTF8.self)
    }

    static func usageError(_ message: String) -> Options.UsageError {
        Options.UsageError(description: "\(message)\n\n\(FlagTable.usage(flagTables))")
    }
}
