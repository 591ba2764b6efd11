import Foundation
import XCTest

/// The executable as operators run it: database created on first start,
/// `/health`, and the graceful drain on SIGTERM and SIGINT.
final class ServeCommandTests: XCTestCase {
    func testMissingDatabaseIsCreatedAndHealthAnswers() throws {
        let server = try ServerProcess()
        defer { server.stop() }
        XCTAssertTrue(FileManager.default.fileExists(atPath: server.databasePath))
        let client = try RawClient(port: server.port)
        try client.send("GET /health HTTP/1.1\r\nHost: t\r\n\r\n")
        let response = try client.readResponse()
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.header("Content-Type"), "application/json")
        XCTAssertEqual(response.text, #"{"status":"ok"}"#)
        server.waitForOutput(containing: "GET /health 200 15 ")
        XCTAssertTrue(server.output.contains("GET /health 200 15 "), "one access-log line per request:\n\(server.output)")
    }

    func testSIGTERMFinishesTheRequestInFlightThenExitsZero() throws {
        try assertGracefulDrain(on: SIGTERM)
    }

    func testSIGINTDrainsLikeSIGTERM() throws {
        try assertGracefulDrain(on: SIGINT)
    }

    private func assertGracefulDrain(on signal: Int32) throws {
        // One loop, so the idle client's answer comes after the loop took in
        // the request in flight, and the idle close after the listener closed.
        let server = try ServerProcess(arguments: ["--workers", "1"])
        let inFlight = try RawClient(port: server.port)
        try inFlight.send("GET /health HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nfirst")
        let idle = try RawClient(port: server.port)
        try idle.send("GET /health HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(try idle.readResponse().status, 200)

        server.signal(signal)
        XCTAssertTrue(idle.isClosedByServer(), "idle keep-alive connections are closed at once")
        XCTAssertThrowsError(try RawClient(port: server.port), "new connections are refused while draining")
        XCTAssertTrue(server.process.isRunning, "the request in flight keeps the server up")

        try inFlight.send("half")
        try inFlight.send("!")
        let response = try inFlight.readResponse()
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.header("Connection"), "close")
        XCTAssertEqual(server.waitForExit(), 0)
        XCTAssertTrue(server.output.contains("terminbuch: stopped"), server.output)
    }

    func testUsageErrorsExit64WithAMessage() throws {
        let process = Process()
        process.executableURL = ServerProcess.executable
        process.arguments = ["serve", "--port", "eighty"]
        let pipe = Pipe()
        process.standardError = pipe
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 64)
        let message = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertTrue(message.contains("--port must be a whole number"), message)
    }

    /// A wrong proxy range or connection cap is a usage error, before
    /// anything is opened: a typo there would trust another network.
    func testBadTrustedProxiesAndConnectionCapsExit64() throws {
        for (arguments, expected) in [(["--trusted-proxies", "10.1.2.3/8"], "did you mean 10.0.0.0/8"),
                                      (["--trusted-proxies", "10.0.0.0/33"], "prefix length"),
                                      (["--trusted-proxies", "proxy.internal"], "not an IPv4 or IPv6 address"),
                                      (["--connections-per-client", "0"], "at least 1")] {
            let (status, message) = try serve(["--port", "0", "--database", "/nonexistent/never-created.sqlite"] + arguments)
            XCTAssertEqual(status, 64, "\(arguments): \(message)")
            XCTAssertTrue(message.contains(expected), "\(arguments): \(message)")
        }
    }

    /// Mail goes one way: two transports, flag or variable, are a usage
    /// error naming both, as are a CA file without an SMTP server and an
    /// SMTP URL or sender that cannot be used; before anything is opened.
    func testMailFlagsThatDisagreeExit64NamingWhy() throws {
        for (arguments, environment, expected) in [
            (["--mail-dir", "/tmp/mail", "--smtp-url", "smtp://localhost:25"], [:], "not --smtp-url and --mail-dir"),
            (["--no-mail"], ["TERMINBUCH_SENDMAIL": "/usr/sbin/sendmail"], "not --sendmail and --no-mail"),
            (["--smtp-ca-file", "/tmp/ca.pem"], [:], "--smtp-ca-file is the SMTP server's CA: give it with --smtp-url"),
            (["--smtp-url", "smtp://localhost:99999"], [:], "--smtp-url: SMTP URL port must be 1 to 65535"),
            (["--mail-from", "termine@amt\r\nBcc: x@y.example"], [String: String](), "--mail-from: "),
        ] {
            let (status, message) = try serve(
                ["--port", "0", "--database", "/nonexistent/never-created.sqlite", "--public", Self.publicDirectory] + arguments,
                environment: ProcessInfo.processInfo.environment.merging(environment) { $1 })
            XCTAssertEqual(status, 64, "\(arguments) \(environment): \(message)")
            XCTAssertTrue(message.contains(expected), "\(arguments) \(environment): \(message)")
        }
    }

    /// In demo mode a new database is seeded from the demo's catalogue
    /// file: one the server cannot read is a usage error, one it refuses
    /// exits 65 naming each problem, and neither seeds anything.
    func testADemoCatalogueItCannotReadExits64AndOneItRefusesExits65() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("terminbuch-demo-file-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let refused = directory.appendingPathComponent("refused.json")
        try Data(#"{"version": 1, "municipalities": [{"id": "bremerhaven", "name": "Bremerhaven", "retentionDays": 0}]}"#.utf8)
            .write(to: refused)
        for (file, status, expected) in [(directory.appendingPathComponent("missing.json"), Int32(64), "pass --demo-catalogue"),
                                         (refused, 65, "municipalities[0].retentionDays: must be from 1 to 365")] {
            let database = directory.appendingPathComponent("\(status).sqlite").path
            let (code, message) = try serve(["--port", "0", "--database", database, "--demo-catalogue", file.path,
                                             "--public", Self.publicDirectory])
            XCTAssertEqual(code, status, message)
            XCTAssertTrue(message.contains("the demo catalogue \(file.path)") && message.contains(expected), message)
            XCTAssertEqual(try sqliteRows(database, "SELECT (SELECT count(*) FROM offices) + (SELECT count(*) FROM accounts)"),
                           [["0"]], "nothing seeded")
        }
    }

    static let publicDirectory = ServerProcess.packageRoot.appendingPathComponent("Public").path

    /// Runs `terminbuch serve` with `arguments` to its end: its exit status
    /// and what it wrote on standard error.
    private func serve(_ arguments: [String], environment: [String: String]? = nil) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = ServerProcess.executable
        process.arguments = ["serve"] + arguments
        if let environment { process.environment = environment }
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, message)
    }

    /// The cheap scrypt cost the suite runs on, and the clock it moves, are
    /// refused by a server not in test mode, whether asked for by flag or by variable.
    func testTheTestSwitchesAreRefusedOutsideTestMode() throws {
        for (arguments, environment) in [(["--test-password-cost"], [String: String]()),
                                          ([], ["TERMINBUCH_TEST_PASSWORD_COST": "1"]),
                                          (["--now", "2026-12-01T07:55:00+01:00", "--test-clock-on-stdin"], [:])] {
            let (status, message) = try serve(
                ["--port", "0", "--database", "/nonexistent/never-created.sqlite", "--public", Self.publicDirectory] + arguments,
                environment: ProcessInfo.processInfo.environment.filter { $0.key != "TERMINBUCH_TEST_MODE" }.merging(environment) { $1 })
            XCTAssertEqual(status, 64, "\(arguments) \(environment): \(message)")
            XCTAssertTrue(message.contains("TERMINBUCH_TEST_MODE=1"), message)
        }
    }

    /// Started as in production, the server hashes at full strength.
    func testAServerOutsideTestModeHashesAtProductionCost() throws {
        try requireSQLite3()
        let server = try ServerProcess(passwordCost: .production)
        defer {
            server.stop()
            DemoServer.removeDatabase(of: server)
        }
        let hashes = try sqliteRows(server.databasePath, "SELECT password_hash FROM accounts")
        XCTAssertEqual(hashes.count, 3, "the demo accounts")
        for hash in hashes { XCTAssertTrue(hash.first?.hasPrefix("scrypt$17$8$1$") ?? false, "\(hash)") }
    }

    func testEnvironmentVariablesConfigureTheServer() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tb-env-\(UUID().uuidString)")
        let path = directory.appendingPathComponent("from-env.sqlite").path
        let process = Process()
        process.executableURL = ServerProcess.executable
        process.arguments = ["serve", "--port", "0", "--public", ServerProcess.packageRoot.appendingPathComponent("Public").path]
        process.environment = ProcessInfo.processInfo.environment
            .merging(ServerProcess.PasswordCost.testModeEnvironment) { $1 }
            .merging(["TERMINBUCH_DATABASE": path, "TERMINBUCH_TEST_PASSWORD_COST": "1", "TERMINBUCH_NO_MAIL": "1"]) { $1 }
        let stdout = Pipe()
        process.standardOutput = stdout
        try process.run()
        // Blocking reads until the server says it listens (or ends).
        var said = Data()
        while !String(decoding: said, as: UTF8.self).contains("listening on") {
            let more = stdout.fileHandleForReading.availableData
            if more.isEmpty { break }
            said.append(more)
        }
        process.terminate()
        process.waitUntilExit()
        XCTAssertTrue(FileManager.default.fileExists(atPath: path))
        XCTAssertEqual(process.terminationStatus, 0)
    }
}
