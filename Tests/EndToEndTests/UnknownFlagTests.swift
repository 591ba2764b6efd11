import Foundation
import XCTest

/// A mistyped flag or `TERMINBUCH_…` variable is refused with the closest
/// known name, by every command, before anything is opened; the names
/// each command knows still work.
final class UnknownFlagTests: XCTestCase {
    private static let nowhere = "/nonexistent/never-created.sqlite"

    func testAMistypedFlagExits64NamingTheClosestOneInEveryCommand() throws {
        let cases: [([String], String)] = [
            (["serve", "--prot", "9000"], "unknown flag --prot (did you mean --port?)"),
            (["serve", "--no-acces-log"], "unknown flag --no-acces-log (did you mean --no-access-log?)"),
            (["serve", "--databse=x.sqlite"], "unknown flag --databse (did you mean --database?)"),
            (["user", "add", "--usrname", "x", "--role", "admin"], "unknown flag --usrname (did you mean --username?)"),
            (["user", "passwd", "--username", "x", "--pasword-file", "p"], "unknown flag --pasword-file (did you mean --password-file?)"),
            (["user", "list", "--datbase", Self.nowhere], "unknown flag --datbase (did you mean --database?)"),
            (["export", "--ofice", "buergerbuero-mitte"], "unknown flag --ofice (did you mean --office?)"),
            (["catalogue", "export", "--ouput", "x.json"], "unknown flag --ouput (did you mean --output?)"),
            (["catalogue", "import", "x.json", "--dryrun"], "unknown flag --dryrun (did you mean --dry-run?)"),
            (["backup", "--outptu", "x.sqlite"], "unknown flag --outptu (did you mean --output?)"),
            (["restore", "x.sqlite", "--database-path", Self.nowhere], "unknown flag --database-path (did you mean --database?)"),
        ]
        for (arguments, message) in cases {
            let run = try UserCommandTests.terminbuch(arguments)
            XCTAssertEqual(run.status, 64, "\(arguments): \(run.errors)")
            XCTAssertTrue(run.errors.contains(message), "\(arguments) should say \(message): \(run.errors)")
            XCTAssertTrue(run.errors.contains("usage: terminbuch \(arguments[0])"), "\(arguments) shows its usage: \(run.errors)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: Self.nowhere))
    }

    /// Checked against every command's flags, as one environment file
    /// serves them all: `TERMINBUCH_PORT` is no mistake for `backup`.
    func testAMistypedVariableExits64NamingTheClosestOneInEveryCommand() throws {
        let commands = [["serve"], ["user", "list"], ["export", "--office", "x"], ["catalogue", "export"],
                        ["backup", "--output", "x.sqlite"], ["restore", "x.sqlite"]]
        for command in commands {
            let run = try UserCommandTests.terminbuch(command + ["--database", Self.nowhere],
                                                      environment: ["TERMINBUCH_PROT": "9000", "TERMINBUCH_PORT": "0"])
            XCTAssertEqual(run.status, 64, "\(command): \(run.errors)")
            XCTAssertTrue(run.errors.contains("unknown environment variable TERMINBUCH_PROT (did you mean TERMINBUCH_PORT?)"),
                          "\(command): \(run.errors)")
        }
        let typo = try UserCommandTests.terminbuch(["user", "list", "--database", Self.nowhere],
                                                   environment: ["TERMINBUCH_DATABSE": Self.nowhere])
        XCTAssertEqual(typo.status, 64)
        XCTAssertTrue(typo.errors.contains("did you mean TERMINBUCH_DATABASE?"), typo.errors)
    }

    /// The names the flag tables declare, the test mode's, and variables
    /// set for other commands pass; the flag still wins over the variable.
    func testKnownFlagsAndVariablesStillWork() throws {
        let server = try ServerProcess(arguments: ["--no-access-log", "--connections-per-client=8"],
                                       environment: ["TERMINBUCH_PORT": "1", "TERMINBUCH_OFFICE": "buergerbuero-mitte",
                                                     "TERMINBUCH_OUTPUT": "/nonexistent/x", "TERMINBUCH_NO_DEMO": "0"])
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        try client.send("GET /health HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 200)
        XCTAssertNotEqual(server.port, 1, "--port 0 wins over TERMINBUCH_PORT")

        let list = try UserCommandTests.terminbuch(["user", "list", "--database", server.databasePath])
        XCTAssertEqual(list.status, 0, list.errors)
        XCTAssertTrue(list.output.contains("USERNAME"), list.output)
    }

    func testTheUsageTextListsEveryFlagOfEveryCommand() throws {
        let help = try UserCommandTests.terminbuch(["help"])
        XCTAssertEqual(help.status, 0)
        for flag in ["--port 8080", "--log-format plain|json", "--dry-run", "--office ID…", "--output FILE", "usage: terminbuch restore FILE"] {
            XCTAssertTrue(help.output.contains(flag), "help shows \(flag):\n\(help.output)")
        }
    }
}
