import Foundation

/// Refuses a `TERMINBUCH_…` variable no command reads, naming the closest
/// one that is read: a typo in a unit's environment file would otherwise
/// be ignored without a word. Checked against every command's flags, not
/// only the running one's, because one environment file serves them all
/// (a backup timer shares the server's `TERMINBUCH_PORT`).
enum EnvironmentCheck {
    /// Variables read outside the flag tables: the test mode's, and those
    /// the repository's own scripts set for their tools, which a server
    /// started from them inherits.
    static let otherKnownNames = [TestMode.environmentName, "TERMINBUCH_BINARY", "TERMINBUCH_EXECUTABLE",
                                  "TERMINBUCH_BROWSER_ARTIFACTS", "TERMINBUCH_BROWSER_NOW", "TERMINBUCH_SCREENSHOTS",
                                  "TERMINBUCH_CONFORMANCE_SESSION", "TERMINBUCH_CONFORMANCE_SPARE_SESSION",
                                  "TERMINBUCH_CONFORMANCE_AGENT_SESSION", "TERMINBUCH_CONFORMANCE_ADMIN_SESSION"]

    static func run(knowing tables: [FlagTable]) throws {
        let fromFlags = tables.flatMap(\.flags).filter(\.readsEnvironment).map(\.environmentName)
        var known: [String] = []
        for name in fromFlags + otherKnownNames where !known.contains(name) { known.append(name) }
        for name in ProcessInfo.processInfo.environment.keys.sorted() where name.hasPrefix("TERMINBUCH_") && !known.contains(name) {
            let closest = ClosestName.to(name, among: known).map { " (did you mean \($0)?)" } ?? ""
            throw Options.UsageError(description: "unknown environment variable \(name)\(closest)")
        }
    }
}
