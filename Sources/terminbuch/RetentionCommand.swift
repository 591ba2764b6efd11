import Core
import Foundation
import Scheduling

/// `terminbuch retention run`: erases the personal data whose time is up
/// and removes what nobody needs any more, as a server does once a day
/// (docs/operations.md#retention). Safe while servers run on the same
/// database: it writes in short batches through the same single-writer
/// rules as they do.
enum RetentionCommand {
    static let flags = FlagTable("retention run", [
        .onOff("dry-run", "print what it would erase and remove, and write nothing"),
        .database,
        .value("now", "2026-12-01T03:00:00+01:00", "erase what is due at this instant instead of now"),
    ], note: "Each run (not a dry one) is recorded in the database with what it erased.")

    static func run(arguments: [String]) throws {
        guard arguments.first == "run" else {
            let what = arguments.first.map { "unknown retention command \"\($0)\"" } ?? "which retention command?"
            throw Options.UsageError(description: "\(what)\n\n\(flags.usage)")
        }
        let options = try Options(arguments: Array(arguments.dropFirst()), table: flags)
        try options.requireNoPositional()
        var clock: any Clock = SystemClock()
        if let now = options.optionalString("now") {
            guard let instant = RFC3339.parse(now) else {
                throw options.usageError("--now must be a date-time like 2026-12-01T03:00:00+01:00")
            }
            clock = AdjustableClock(startingAt: instant, running: false)
        }
        // A run never creates a database: a typo in the path would erase
        // nothing and say so.
        guard FileManager.default.fileExists(atPath: options.databasePath) else {
            throw options.usageError("no database at \(options.databasePath); pass --database")
        }
        let store = try Store(path: options.databasePath)
        defer { store.close() }
        let report = try Retention(store: store, clock: clock).run(.command, dryRun: options.flag("dry-run"))
        print(lines(report), terminator: "")
    }

    /// One line per kind with something to do, then the total; or that nothing is due.
    static func lines(_ report: RetentionReport) -> String {
        guard report.total > 0 else { return "nothing is due\n" }
        let kinds = RetentionKind.allCases.filter { report[$0] > 0 }.map { kind in
            let (verb, things) = words(kind)
            return "\(report.dryRun ? "would \(verb)" : past(verb)) \(report[kind]) \(things)\n"
        }
        let total = "\(report.total) rows in all\(report.dryRun ? ", nothing written" : "")\n"
        let log = report.logEmptied == false
            ? "the write-ahead log is not yet emptied (a reader holds an old snapshot): the next checkpoint empties it\n" : ""
        return kinds.joined() + total + log
    }

    private static func words(_ kind: RetentionKind) -> (verb: String, things: String) {
        switch kind {
        case .bookings: ("erase", "bookings")
        case .callbacks: ("erase", "callback requests")
        case .memos: ("erase", "memos")
        case .ticketNames: ("erase", "walk-in ticket names")
        case .holds: ("remove", "expired holds")
        case .sessions: ("remove", "ended sessions")
        case .idempotencyReplies: ("remove", "idempotency replies")
        case .outboxMessages: ("remove", "settled outbox messages")
        }
    }

    private static func past(_ verb: String) -> String { verb + "d" }
}
