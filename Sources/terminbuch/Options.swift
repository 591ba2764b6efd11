import Foundation

/// Command-line flags, each also readable from the environment as
/// `TERMINBUCH_<NAME>` (`--blocking-threads` → `TERMINBUCH_BLOCKING_THREADS`).
/// A flag wins over the environment, the environment over the default.
struct Options {
    private var values: [String: String] = [:]
    private var switches: Set<String> = []
    private(set) var positional: [String] = []

    struct UsageError: Error, CustomStringConvertible {
        let description: String
    }

    init(arguments: [String], switchNames: Set<String>) throws {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("--") else {
                positional.append(argument)
                continue
            }
            var name = String(argument.dropFirst(2))
            if let equals = name.firstIndex(of: "=") {
                values[String(name[..<equals])] = String(name[name.index(after: equals)...])
                continue
            }
            if switchNames.contains(name) {
                switches.insert(name)
                continue
            }
            guard index < arguments.count else { throw UsageError(description: "--\(name) needs a value") }
            name = name.lowercased()
            values[name] = arguments[index]
            index += 1
        }
    }

    func string(_ name: String, default fallback: String) -> String {
        values[name] ?? Self.environment(name) ?? fallback
    }

    func optionalString(_ name: String) -> String? {
        values[name] ?? Self.environment(name)
    }

    func int(_ name: String, default fallback: Int) throws -> Int {
        let text = values[name] ?? Self.environment(name)
        guard let text else { return fallback }
        guard let value = Int(text), value >= 0 else {
            throw UsageError(description: "--\(name) must be a whole number, not \"\(text)\"")
        }
        return value
    }

    func flag(_ name: String) -> Bool {
        switches.contains(name) || Self.environmentFlag(name)
    }

    /// Whether `TERMINBUCH_<NAME>` turns the switch on.
    static func environmentFlag(_ name: String) -> Bool {
        guard let text = environment(name)?.lowercased() else { return false }
        return ["1", "true", "yes", "on"].contains(text)
    }

    static func environment(_ name: String) -> String? {
        let key = "TERMINBUCH_" + name.uppercased().replacingOccurrences(of: "-", with: "_")
        return ProcessInfo.processInfo.environment[key]
    }
}
