import Foundation
import XCTest

/// `terminbuch retention run` as an operator runs it, on the database of a
/// running demo server: the dry run prints what is due and erases nothing,
/// the run erases it and prints the same, and nothing is due after.
final class RetentionCommandTests: XCTestCase {
    static func terminbuch(_ arguments: [String]) throws -> UserCommandTests.Run { try UserCommandTests.terminbuch(arguments) }

    func testADryRunPrintsAndErasesNothingAndTheRunErasesWhatItPrinted() throws {
        let server = try DemoServer.start()
        defer { server.stop() }
        // A month on, the demo's bookings of this week are past Bremerhaven's 14 days.
        let later = DemoServer.instant(DemoServer.adding(days: 30, to: server.date), "03:00")
        let arguments = ["retention", "run", "--database", server.databasePath, "--now", later]

        let dry = try Self.terminbuch(arguments + ["--dry-run"])
        XCTAssertEqual(dry.status, 0, dry.errors)
        let erasable = try XCTUnwrap(dry.output.split(separator: "\n").first { $0.hasPrefix("would erase ") && $0.hasSuffix(" bookings") },
                                     dry.output)
        XCTAssertTrue(dry.output.hasSuffix(" rows in all, nothing written\n"), dry.output)
        XCTAssertEqual(try Self.terminbuch(arguments + ["--dry-run"]).output, dry.output, "the dry run changed nothing")
        XCTAssertEqual(try Self.terminbuch(["retention", "run", "--database", server.databasePath, "--dry-run"]).output,
                       "nothing is due\n", "today nothing of the demo is due")

        let run = try Self.terminbuch(arguments)
        XCTAssertEqual(run.status, 0, run.errors)
        XCTAssertEqual(run.output, dry.output.replacingOccurrences(of: "would erase", with: "erased")
            .replacingOccurrences(of: "would remove", with: "removed").replacingOccurrences(of: ", nothing written", with: ""))
        XCTAssertTrue(run.output.contains(erasable.replacingOccurrences(of: "would erase", with: "erased")), run.output)
        XCTAssertEqual(try Self.terminbuch(arguments).output, "nothing is due\n")
        XCTAssertEqual(try APIClient(port: server.port).get("/health").status, 200, "the server served on")
    }

    func testBadFlagsAndAMissingDatabaseAreUsageErrors() throws {
        let unknown = try Self.terminbuch(["retention", "run", "--dry", "--database", "/nonexistent/terminbuch.sqlite"])
        XCTAssertEqual(unknown.status, 64)
        XCTAssertTrue(unknown.errors.contains("usage: terminbuch retention run"), unknown.errors)
        let badNow = try Self.terminbuch(["retention", "run", "--now", "tomorrow"])
        XCTAssertEqual(badNow.status, 64)
        XCTAssertTrue(badNow.errors.contains("--now must be a date-time"), badNow.errors)
        let missing = try Self.terminbuch(["retention", "run", "--database", "/nonexistent/terminbuch.sqlite"])
        XCTAssertEqual(missing.status, 64)
        XCTAssertTrue(missing.errors.contains("no database at /nonexistent/terminbuch.sqlite"), missing.errors)
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/nonexistent"))
        XCTAssertEqual(try Self.terminbuch(["retention", "sweep"]).status, 64)
    }
}
