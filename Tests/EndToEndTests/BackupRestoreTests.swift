import Foundation
import XCTest

/// `terminbuch backup` and `terminbuch restore` against a real server
/// (docs/operations.md, "Backup and restore"): a copy taken during a burst
/// of bookings holds every booking acknowledged before it began, a restore
/// puts it in place of a database no process uses, and a server started
/// on it has the bookings.
final class BackupRestoreTests: XCTestCase {
    struct Confirmed: Sendable {
        let code: String
        let token: String
    }

    func testABackupDuringABurstOfBookingsHoldsEveryAcknowledgedOneAndRestoresOnANewPath() throws {
        try requireSQLite3()
        let server = try DemoServer.start()
        defer { server.stop() }
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let candidates = try Self.candidateStarts(port: server.port, date: server.date)

        let port = server.port
        let stop = Locked(false)
        let confirmed = Locked<[Confirmed]>([])
        let unexpected = Locked<[String]>([])
        let loadDone = DispatchSemaphore(value: 0)
        Thread {
            runThreads(6) { worker in
                let client = APIClient(port: port, timeout: 10)
                var attempt = 0
                while !stop.current {
                    attempt += 1
                    let start = candidates[(worker * 7919 + attempt) % candidates.count]
                    do {
                        let response = try client.post("/api/v1/bookings", json: APIClient.bookingBody(
                            office: "buergerbuero-mitte", start: start, name: "Backup \(worker)-\(attempt)",
                            email: "backup-\(worker)-\(attempt)@example.org"))
                        if response.status == 201, let booking = response.object["booking"] as? [String: Any],
                           let code = booking["code"] as? String, let token = response.object["manageToken"] as? String {
                            confirmed.withLock { $0.append(Confirmed(code: code, token: token)) }
                        } else if response.problemType != "https://terminbuch.example/problems/slot-taken" {
                            unexpected.withLock { $0.append("\(response.status): \(response.text.prefix(200))") }
                        }
                    } catch {
                        unexpected.withLock { $0.append("\(error)") }
                    }
                }
            }
            loadDone.signal()
        }.start()

        XCTAssertTrue(confirmed.wait(until: { $0.count >= 15 }, timeout: 60), "the burst books")
        let acknowledgedBefore = confirmed.current
        let output = folder + "/backup.sqlite"
        let backup = try UserCommandTests.terminbuch(["backup", "--database", server.databasePath, "--output", output])
        let acknowledgedDuring = confirmed.current.count
        XCTAssertTrue(confirmed.wait(until: { $0.count > acknowledgedDuring }, timeout: 30), "the server books on after the backup")
        stop.withLock { $0 = true }
        XCTAssertEqual(loadDone.wait(timeout: .now() + 30), .success)

        XCTAssertEqual(backup.status, 0, backup.errors)
        XCTAssertNotNil(backup.output.firstMatch(of: /backed up .* to .*backup\.sqlite: \d+ bytes in [\d.]+m?s, integrity_check ok/),
                        backup.output)
        XCTAssertEqual(unexpected.current, [], "the server kept answering while the backup ran")
        XCTAssertEqual(try sqliteRows(output, "PRAGMA integrity_check"), [["ok"]])
        let copied = Set(try sqliteRows(output, "SELECT code FROM bookings").map { $0[0] })
        XCTAssertEqual(acknowledgedBefore.filter { !copied.contains($0.code) }.map(\.code), [],
                       "every booking acknowledged before the backup began is in the copy")

        let again = try UserCommandTests.terminbuch(["backup", "--database", server.databasePath, "--output", output])
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.errors.contains("exists already"), again.errors)
        XCTAssertEqual(Set(try sqliteRows(output, "SELECT code FROM bookings").map { $0[0] }), copied, "the backup is untouched")

        let restoredPath = folder + "/restored/terminbuch.sqlite"
        let restore = try UserCommandTests.terminbuch(["restore", output, "--database", restoredPath])
        XCTAssertEqual(restore.status, 0, restore.errors)
        let restored = try ServerProcess(databasePath: restoredPath, arguments: ["--now", server.now])
        defer { restored.stop() }
        let missing = try Self.missing(acknowledgedBefore, port: restored.port)
        XCTAssertEqual(missing, [], "every booking of the backup is served by a server started on the restored file")
    }

    /// Refused while a server has the target open; once it is gone (killed,
    /// so its `-wal` is left behind), the restore replaces the file, and the
    /// old file's log does not come back: what was booked after the backup
    /// is gone, what was booked before is there.
    func testARestoreIsRefusedWhileAServerUsesTheTargetAndLeavesNoOldLogBehind() throws {
        let server = try DemoServer.start()
        var killed = false
        defer { if !killed { server.stop() } else { DemoServer.removeDatabase(of: server.process) } }
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let starts = try Self.candidateStarts(port: server.port, date: server.date)
        let client = APIClient(port: server.port)
        let before = try Self.book(client, start: starts[0], tag: "before")
        let output = folder + "/backup.sqlite"
        XCTAssertEqual(try UserCommandTests.terminbuch(["backup", "--database", server.databasePath, "--output", output]).status, 0)
        let after = try Self.book(client, start: starts[1], tag: "after")

        let refused = try UserCommandTests.terminbuch(["restore", output, "--database", server.databasePath])
        XCTAssertEqual(refused.status, 1, refused.errors)
        XCTAssertTrue(refused.errors.contains("in use by a running server"), refused.errors)
        XCTAssertEqual(try client.get("/api/v1/bookings/\(after.code)", headers: [("Authorization", "Bearer \(after.token)")]).status,
                       200, "the refused restore changed nothing")

        server.process.signal(SIGKILL)
        killed = true
        XCTAssertNotNil(server.process.waitForExit(timeout: 10))
        XCTAssertTrue(FileManager.default.fileExists(atPath: server.databasePath + "-wal"), "a killed server leaves its log")
        let restore = try UserCommandTests.terminbuch(["restore", output, "--database", server.databasePath])
        XCTAssertEqual(restore.status, 0, restore.errors)
        XCTAssertFalse(FileManager.default.fileExists(atPath: server.databasePath + "-wal"), "the old file's log is gone")
        XCTAssertFalse(FileManager.default.fileExists(atPath: server.databasePath + ".restoring"))

        let restarted = try ServerProcess(databasePath: server.databasePath, arguments: ["--now", server.now])
        defer { restarted.stop() }
        XCTAssertEqual(try Self.missing([before], port: restarted.port), [])
        let gone = try APIClient(port: restarted.port)
            .get("/api/v1/bookings/\(after.code)", headers: [("Authorization", "Bearer \(after.token)")])
        XCTAssertEqual(gone.status, 404, "a booking made after the backup is not in the restored file")
    }

    func testARestoreRefusesWhatIsNoSoundTerminbuchDatabase() throws {
        try requireSQLite3()
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let target = folder + "/terminbuch.sqlite"
        let text = folder + "/notes.txt"
        try Data(String(repeating: "not a database\n", count: 100).utf8).write(to: URL(fileURLWithPath: text))
        let foreign = folder + "/foreign.sqlite"
        let sqlite3 = try Process.run(URL(fileURLWithPath: "/usr/bin/env"), arguments: ["sqlite3", foreign, "CREATE TABLE t(x)"])
        sqlite3.waitUntilExit()
        XCTAssertEqual(sqlite3.terminationStatus, 0)
        for (file, message) in [(text, "is not a readable SQLite database"), (foreign, "is not a Terminbuch database"),
                                (folder + "/missing.sqlite", "there is no file")] {
            let run = try UserCommandTests.terminbuch(["restore", file, "--database", target])
            XCTAssertEqual(run.status, 1, "\(file): \(run.errors)")
            XCTAssertTrue(run.errors.contains(message), "\(file) should say \(message): \(run.errors)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: target), "nothing was put in place")
        }
        let usage = try UserCommandTests.terminbuch(["restore", "--database", target])
        XCTAssertEqual(usage.status, 64)
        XCTAssertTrue(usage.errors.contains("restore needs one FILE"), usage.errors)
        let noOutput = try UserCommandTests.terminbuch(["backup", "--database", target])
        XCTAssertEqual(noOutput.status, 64)
        XCTAssertTrue(noOutput.errors.contains("--output is required"), noOutput.errors)
        let noDatabase = try UserCommandTests.terminbuch(["backup", "--database", target, "--output", folder + "/b.sqlite"])
        XCTAssertEqual(noDatabase.status, 1)
        XCTAssertTrue(noDatabase.errors.contains("there is no database at"), noDatabase.errors)
        XCTAssertFalse(FileManager.default.fileExists(atPath: target), "a backup never creates the database it copies")
    }

    private static func scratchFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tb-backup-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Free starts at buergerbuero-mitte on `date` and the days after.
    private static func candidateStarts(port: Int, date: String) throws -> [String] {
        let client = APIClient(port: port)
        var starts: [String] = []
        for offset in 0..<5 {
            starts += try client.slotStarts(office: "buergerbuero-mitte", date: DemoServer.adding(days: offset, to: date))
        }
        guard starts.count >= 10 else { throw RawClient.Failure(description: "only \(starts.count) free starts") }
        return starts
    }

    private static func book(_ client: APIClient, start: String, tag: String) throws -> Confirmed {
        let response = try client.post("/api/v1/bookings", json: APIClient.bookingBody(
            office: "buergerbuero-mitte", start: start, name: "Restore \(tag)", email: "restore-\(tag)@example.org"))
        guard response.status == 201, let booking = response.object["booking"] as? [String: Any],
              let code = booking["code"] as? String, let token = response.object["manageToken"] as? String else {
            throw RawClient.Failure(description: "booking failed: \(response.status) \(response.text)")
        }
        return Confirmed(code: code, token: token)
    }

    /// The bookings a server on `port` does not find, with why.
    private static func missing(_ bookings: [Confirmed], port: Int) throws -> [String] {
        let client = APIClient(port: port)
        return try bookings.compactMap { booking in
            let response = try client.get("/api/v1/bookings/\(booking.code)", headers: [("Authorization", "Bearer \(booking.token)")])
            return response.status == 200 && response.object["code"] as? String == booking.code
                ? nil : "\(booking.code): \(response.status)"
        }
    }
}
