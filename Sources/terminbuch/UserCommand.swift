import Core
import Foundation
import Glibc
import Scheduling

/// `terminbuch user add|passwd|list`: accounts for operators. Passwords come
/// from standard input or `--password-file`, never from the command line,
/// where `ps` and the shell history would show them.
enum UserCommand {
    static let usage = """
        usage: terminbuch user add --username U --role agent|staff|admin [--office ID]... [--municipality ID]...
                                   [--display-name N] [--functional-mailbox ADDRESS] [--password-file PATH] [--database PATH]
               terminbuch user passwd --username U [--password-file PATH] [--database PATH]
               terminbuch user list [--database PATH]
        The password is read from standard input (first line) unless --password-file is given.
        Agents answer for --municipality, staff work at --office; an admin given --municipality administers only those.
        --functional-mailbox: the call centre's shared address; messages about its agent's phone bookings never go there.
        """

    static func run(arguments: [String]) throws {
        guard let subcommand = arguments.first else { throw usageError("which user command?") }
        let rest = Array(arguments.dropFirst())
        switch subcommand {
        case "add":
            let flags = try Flags(rest, single: ["username", "role", "display-name", "functional-mailbox", "password-file", "database"],
                                  repeated: ["office", "municipality"])
            guard let username = flags.single["username"] else { throw usageError("user add needs --username") }
            guard let roleName = flags.single["role"] else { throw usageError("user add needs --role agent|staff|admin") }
            guard let role = Account.Role(rawValue: roleName) else {
                throw usageError("--role must be agent, staff or admin, not \"\(roleName)\"")
            }
            let mailbox = flags.single["functional-mailbox"]
            try administer { try Accounts.checkFunctionalMailbox(mailbox) }
            let accounts = try open(flags)
            let password = try readPassword(flags)
            let account = try administer {
                try accounts.add(username: username, displayName: flags.single["display-name"], password: password, role: role,
                                 officeIds: Set((flags.repeated["office"] ?? []).map { OfficeID($0) }),
                                 municipalityIds: Set((flags.repeated["municipality"] ?? []).map { MunicipalityID($0) }))
            }
            if let mailbox { try administer { try accounts.setFunctionalMailbox(mailbox, username: username) } }
            print("added \(account.role.rawValue) \(account.username)")
        case "passwd":
            let flags = try Flags(rest, single: ["username", "password-file", "database"], repeated: [])
            guard let username = flags.single["username"] else { throw usageError("user passwd needs --username") }
            let accounts = try open(flags)
            guard try accounts.account(username: username) != nil else { throw usageError("there is no user \"\(username)\"") }
            let password = try readPassword(flags)
            try administer { try accounts.changePassword(username: username, to: password) }
            print("changed the password of \(username); their sessions have ended")
        case "list":
            let flags = try Flags(rest, single: ["database"], repeated: [])
            let accounts = try open(flags)
            print(try table(accounts), terminator: "")
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
    static func open(_ flags: Flags) throws -> Accounts {
        let path = flags.single["database"] ?? Options.environment("database") ?? "./data/terminbuch.sqlite"
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
        } catch let error as Accounts.InvalidFunctionalMailbox {
            throw usageError(error.description)
        }
    }

    /// The first line of `--password-file`, or of standard input (asked
    /// twice, without echo, when it is a terminal).
    static func readPassword(_ flags: Flags) throws -> String {
        if let path = flags.single["password-file"] {
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
        Options.UsageError(description: "\(message)\n\n\(usage)")
    }

    /// `--name value` and `--name=value`; unknown flags and stray words are
    /// refused, and `--password` gets its own explanation.
    struct Flags {
        var single: [String: String] = [:]
        var repeated: [String: [String]] = [:]

        init(_ arguments: [String], single names: Set<String>, repeated lists: Set<String>) throws {
            var index = 0
            while index < arguments.count {
                let argument = arguments[index]
                index += 1
                guard argument.hasPrefix("--") else { throw UserCommand.usageError("unexpected \"\(argument)\"") }
                var name = String(argument.dropFirst(2))
                var value: String?
                if let equals = name.firstIndex(of: "=") {
                    value = String(name[name.index(after: equals)...])
                    name = String(name[..<equals])
                }
                if name == "password" {
                    throw UserCommand.usageError("passwords are never taken from the command line: pipe it to standard input or use --password-file")
                }
                guard names.contains(name) || lists.contains(name) else { throw UserCommand.usageError("unknown flag --\(name)") }
                if value == nil {
                    guard index < arguments.count else { throw UserCommand.usageError("--\(name) needs a value") }
                    value = arguments[index]
                    index += 1
                }
                if lists.contains(name) {
                    repeated[name, default: []].append(value!)
                } else {
                    guard single[name] == nil else { throw UserCommand.usageError("--\(name) is given twice") }
                    single[name] = value!
                }
            }
        }
    }
}
