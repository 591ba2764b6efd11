import Foundation
import XCTest

/// `terminbuch user add|passwd|list` as an operator runs it, against the
/// database of a running server; and the demo accounts, which sign in only
/// while the server runs in demo mode.
final class UserCommandTests: XCTestCase {
    struct Run {
        let status: Int32
        let output: String
        let errors: String
    }

    /// Runs `terminbuch <arguments>` with `input` on standard input; passwords
    /// it hashes cost what `passwordCost` says (the test cost is asked for by
    /// its variable, so the arguments stay the operator's).
    static func terminbuch(_ arguments: [String], input: String = "", environment: [String: String] = [:],
                           passwordCost: ServerProcess.PasswordCost = .test) throws -> Run {
        let process = Process()
        process.executableURL = ServerProcess.executable
        process.arguments = arguments
        let cost = passwordCost == .test
            ? ServerProcess.PasswordCost.testModeEnvironment.merging(["TERMINBUCH_TEST_PASSWORD_COST": "1"]) { $1 } : [:]
        process.environment = ProcessInfo.processInfo.environment.merging(cost) { $1 }.merging(environment) { $1 }
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
                   errors: String(decoding: errors, as: UTF8.self))
    }

    func testAddListPasswdAndSignIn() throws {
        let server = try DemoServer.start()
        defer { server.stop() }
        let db = ["--database", server.databasePath]
        let client = APIClient(port: server.port)

        let added = try Self.terminbuch(["user", "add", "--username", "k.albers", "--role", "staff", "--office", "buergerbuero-nord",
                                         "--office", "buergerbuero-mitte", "--display-name", "Kim Albers"] + db,
                                        input: "Korrekt-Pferd-7\n")
        XCTAssertEqual(added.status, 0, added.errors)
        XCTAssertFalse(added.output.contains("Korrekt"), "the password is never echoed")
        let passwordFile = FileManager.default.temporaryDirectory.appendingPathComponent("tb-password-\(UUID().uuidString)")
        try "Lübeck-Agentin-1\n".write(to: passwordFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: passwordFile) }
        let agent = try Self.terminbuch(["user", "add", "--username", "hl-agent", "--role", "agent", "--municipality", "luebeck",
                                         "--password-file", passwordFile.path] + db)
        XCTAssertEqual(agent.status, 0, agent.errors)

        let list = try Self.terminbuch(["user", "list"] + db)
        XCTAssertEqual(list.status, 0, list.errors)
        let lines = list.output.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first?.split(separator: " ", omittingEmptySubsequences: true).prefix(4).joined(separator: " "),
                       "USERNAME ROLE SCOPE DEMO")
        XCTAssertEqual(lines.dropFirst().map { String($0.split(separator: " ")[0]) }, ["admin", "agent", "hl-agent", "k.albers", "staff-mitte"])
        let albers = try XCTUnwrap(lines.first { $0.hasPrefix("k.albers") })
        XCTAssertTrue(albers.contains("office:buergerbuero-mitte,office:buergerbuero-nord"), albers)
        XCTAssertTrue(albers.contains(" no ") && albers.hasSuffix("Kim Albers"), albers)
        XCTAssertTrue(try XCTUnwrap(lines.first { $0.hasPrefix("agent ") }).contains(" yes "), "demo accounts are marked")

        // The running server sees the new accounts at once.
        let session = try client.signIn("k.albers", password: "Korrekt-Pferd-7")
        XCTAssertEqual(try client.get("/api/v1/session", headers: [("Cookie", session)]).object["role"] as? String, "staff")
        _ = try client.signIn("hl-agent", password: "Lübeck-Agentin-1")

        let changed = try Self.terminbuch(["user", "passwd", "--username", "k.albers"] + db, input: "Neues-Passwort-2\r\n")
        XCTAssertEqual(changed.status, 0, changed.errors)
        XCTAssertEqual(try client.get("/api/v1/session", headers: [("Cookie", session)]).status, 401, "old sessions end")
        assertProblem(try client.post("/api/v1/session", json: ["username": "k.albers", "password": "Korrekt-Pferd-7"]), 401)
        _ = try client.signIn("k.albers", password: "Neues-Passwort-2")
    }

    func testUsageErrorsExit64AndChangeNothing() throws {
        let server = try DemoServer.start()
        defer { server.stop() }
        let db = ["--database", server.databasePath]
        let password = "long-enough-password\n"
        let cases: [(String, [String], String)] = [
            ("no subcommand", ["user"], "which user command"),
            ("unknown subcommand", ["user", "remove", "--username", "x"], "unknown user command"),
            ("no username", ["user", "add", "--role", "admin"] + db, "--username"),
            ("no role", ["user", "add", "--username", "x"] + db, "--role"),
            ("bad role", ["user", "add", "--username", "x", "--role", "boss"] + db, "agent, staff or admin"),
            ("password in argv", ["user", "add", "--username", "x", "--role", "admin", "--password", "secret-secret"] + db,
             "never taken from the command line"),
            ("password= in argv", ["user", "add", "--username", "x", "--role", "admin", "--password=secret-secret"] + db,
             "never taken from the command line"),
            ("unknown flag", ["user", "add", "--username", "x", "--role", "admin", "--colour", "red"] + db, "unknown flag --colour"),
            ("stray word", ["user", "list", "everyone"] + db, "unexpected"),
            ("flag without value", ["user", "add", "--username"], "needs a value"),
            ("unknown office", ["user", "add", "--username", "x", "--role", "staff", "--office", "nowhere"] + db,
             "no office \"nowhere\""),
            ("unknown municipality", ["user", "add", "--username", "x", "--role", "agent", "--municipality", "atlantis"] + db,
             "no municipality \"atlantis\""),
            ("staff with a municipality", ["user", "add", "--username", "x", "--role", "staff", "--municipality", "luebeck"] + db,
             "staff work at"),
            ("agent with an office", ["user", "add", "--username", "x", "--role", "agent", "--office", "buergerbuero-mitte",
                                      "--municipality", "luebeck"] + db, "an agent answers"),
            ("admin with an office", ["user", "add", "--username", "x", "--role", "admin", "--office", "buergerbuero-mitte"] + db,
             "an admin"),
            ("taken username", ["user", "add", "--username", "Agent", "--role", "admin"] + db, "already a user"),
            ("bad username", ["user", "add", "--username", "a b", "--role", "admin"] + db, "username"),
            ("passwd of nobody", ["user", "passwd", "--username", "nobody"] + db, "no user \"nobody\""),
            ("no database", ["user", "list", "--database", "/nonexistent/terminbuch.sqlite"], "no database at"),
        ]
        for (label, arguments, message) in cases {
            let run = try Self.terminbuch(arguments, input: password)
            XCTAssertEqual(run.status, 64, "\(label): \(run.errors)")
            XCTAssertTrue(run.errors.contains(message), "\(label) should say \(message): \(run.errors)")
            XCTAssertTrue(run.errors.contains("usage: terminbuch user"), "\(label) shows the usage")
        }
        let short = try Self.terminbuch(["user", "add", "--username", "x", "--role", "admin"] + db, input: "short\n")
        XCTAssertEqual(short.status, 64)
        XCTAssertTrue(short.errors.contains("at least 10 characters"), short.errors)
        let list = try Self.terminbuch(["user", "list"] + db)
        XCTAssertEqual(list.output.split(separator: "\n").count, 4, "still only the three demo accounts:\n\(list.output)")
    }

    /// The test cost is out of reach without test mode: asked for by its
    /// variable alone, `user` refuses and writes nothing.
    func testTheTestPasswordCostIsRefusedOutsideTestMode() throws {
        let demo = try DemoServer.start()
        defer { demo.stop() }
        let db = ["--database", demo.databasePath]
        let refused = try Self.terminbuch(["user", "add", "--username", "cheap", "--role", "admin"] + db, input: "ein-langes-Passwort\n",
                                          environment: ["TERMINBUCH_TEST_PASSWORD_COST": "1"], passwordCost: .production)
        XCTAssertEqual(refused.status, 64, refused.errors)
        XCTAssertTrue(refused.errors.contains("TERMINBUCH_TEST_MODE=1"), refused.errors)
        let list = try Self.terminbuch(["user", "list"] + db)
        XCTAssertFalse(list.output.contains("cheap"), list.output)
    }

    func testDemoAccountsSignInOnlyInDemoMode() throws {
        let demo = try DemoServer.start()
        let path = demo.databasePath
        let added = try Self.terminbuch(["user", "add", "--username", "ops", "--role", "admin", "--database", path],
                                        input: "ein-langes-Passwort\n")
        XCTAssertEqual(added.status, 0, added.errors)
        let demoSession = try APIClient(port: demo.port).signIn("admin")
        demo.process.stop()
        defer { DemoServer.removeDatabase(of: demo.process) }

        let production = try ServerProcess(databasePath: path, arguments: ["--no-demo"])
        defer { production.stop() }
        let client = APIClient(port: production.port)
        for name in ["agent", "staff-mitte", "admin"] {
            assertProblem(try client.post("/api/v1/session", json: ["username": name, "password": "demo"]), 401, "\(name) with --no-demo")
        }
        XCTAssertEqual(try client.get("/api/v1/session", headers: [("Cookie", demoSession)]).status, 401, "nor their old sessions")
        _ = try client.signIn("ops", password: "ein-langes-Passwort")
    }
}
