import Foundation
import Glibc
import XCTest

/// Storage faults under the running server (docs/architecture.md, "Storage
/// faults"): a full disk, a lock held by another process, a failing or
/// read-only file, the file deleted or replaced. Each is made for real on a
/// real SQLite file; each must answer 503 with `Retry-After` (API and
/// pages), `/ready` 503 with the reason, and never a 201 that is gone after
/// the fault clears or the server restarts.
final class StorageFaultTests: XCTestCase {
    static let office = "buergerbuero-mitte"
    static let problem = "https://terminbuch.example/problems/storage-unavailable"

    /// A booking a client was told about: it must be there later.
    struct Acknowledged {
        let code: String
        let token: String
    }

    // MARK: Locked

    func testALockHeldByAnotherProcessAnswers503QuicklyAndWritesResumeWhenItIsLetGo() throws {
        try requireSQLite3()
        let server = try DemoServer.start()
        defer { server.stop() }
        let client = APIClient(port: server.port)
        var starts = try freeStarts(client, server)
        var acknowledged = [try book(client, starts.removeFirst(), "before")]

        let lock = try LockHolder(databasePath: server.databasePath)
        let asked = Date()
        let refused = try client.post("/api/v1/bookings", json: body(starts[0], "locked"),
                                      headers: [("Idempotency-Key", "locked-retry-1")])
        XCTAssertLessThan(Date().timeIntervalSince(asked), 2, "a lock is answered within the busy timeout, not after 5 s")
        assertStorageUnavailable(refused, "booking while locked")
        assertStorageUnavailable(try client.post("/api/v1/bookings", json: body(starts[1], "locked again")), "second booking")
        XCTAssertEqual(try client.get("/api/v1/offices/\(Self.office)/slots?services=personalausweis&date=\(server.date)").status,
                       200, "reads do not wait for the writer's lock")
        try assertNotReady(client, reason: "SQLITE_BUSY", needsRestart: false)
        try assertPageUnavailable(server)

        lock.release()
        try assertReady(client)
        // The key was not used up by the refused request: under it, another
        // body (a new contact) books, where a kept key would answer 422
        // idempotency-conflict.
        let retried = try client.post("/api/v1/bookings", json: body(starts[0], "locked"),
                                      headers: [("Idempotency-Key", "locked-retry-1")])
        XCTAssertEqual(retried.status, 201, retried.text)
        acknowledged.append(try acknowledgement(retried))
        try assertPresentAfterRestart(acknowledged, server)
        assertLoggedOnce(server, "database is locked")
    }

    // MARK: Full

    /// The portable full disk: the file may not grow by a single page
    /// (`--test-database-growth-pages 0`, a real SQLITE_FULL).
    func testAFullDatabaseAnswers503AndKeepsEveryAcknowledgedBooking() throws {
        let server = try DemoServer.start(extraArguments: ["--test-database-growth-pages", "0"])
        defer { server.stop() }
        let client = APIClient(port: server.port)
        let (acknowledged, refused) = try bookUntilRefused(client, try freeStarts(client, server))
        assertStorageUnavailable(refused, "booking on a full database")
        try assertNotReady(client, reason: "SQLITE_FULL", needsRestart: false)
        // The restart lifts the limit: the space is there again.
        let restarted = try assertPresentAfterRestart(acknowledged, server, keepRunning: true)
        defer { restarted.stop() }
        assertLoggedOnce(server, "database or disk is full")
        let again = APIClient(port: restarted.port)
        try assertReady(again)
        let starts = try freeStarts(again, server)
        XCTAssertEqual(try again.post("/api/v1/bookings", json: body(starts[0], "after restart")).status, 201)
    }

    /// The real full disk: the database on a small tmpfs, the rest of it
    /// taken by a file; freeing the space lets writes through again.
    func testAFullDiskAnswers503UntilSpaceIsFreed() throws {
        try requireSQLite3()
        let mount = try TmpfsMount(sizeMegabytes: 48)
        defer { mount.remove() }
        let server = try DemoServer.start(databasePath: mount.path + "/terminbuch.sqlite")
        defer { server.stop() }
        let client = APIClient(port: server.port)
        let starts = try freeStarts(client, server)
        var acknowledged = [try book(client, starts[0], "before")]

        // An empty WAL must grow with the next commit, and cannot.
        try sqliteExecute(server.databasePath, "PRAGMA wal_checkpoint(TRUNCATE)")
        let filler = try mount.fill()
        // Not ready before any write fails: the log has no room to grow.
        try assertNotReady(client, reason: "KiB free on the file system", needsRestart: false)
        let (more, refused) = try bookUntilRefused(client, Array(starts.dropFirst()))
        acknowledged += more
        assertStorageUnavailable(refused, "booking on a full disk")
        try assertNotReady(client, reason: "SQLITE_FULL", needsRestart: false)

        try FileManager.default.removeItem(atPath: filler)
        try assertReady(client)
        let after = try client.post("/api/v1/bookings", json: body(starts[starts.count - 1], "space freed"))
        XCTAssertEqual(after.status, 201, after.text)
        acknowledged.append(try acknowledgement(after))
        try assertPresentAfterRestart(acknowledged, server)
    }

    // MARK: Failing and read-only file

    /// The WAL made immutable (`chattr +i`, which binds root too): every
    /// write to it fails (SQLITE_IOERR_WRITE) until the flag is cleared.
    func testAFailingFileAnswers503UntilItWorksAgain() throws {
        let server = try DemoServer.start()
        defer { server.stop() }
        let client = APIClient(port: server.port)
        let starts = try freeStarts(client, server)
        var acknowledged = [try book(client, starts[0], "before")]
        let wal = server.databasePath + "-wal"
        try chattr("+i", wal)
        defer { try? chattr("-i", wal) }

        assertStorageUnavailable(try client.post("/api/v1/bookings", json: body(starts[1], "io error")), "booking")
        try assertNotReady(client, reason: "SQLITE_IOERR", needsRestart: false)
        try chattr("-i", wal)
        try assertReady(client)
        let after = try client.post("/api/v1/bookings", json: body(starts[1], "io error"))
        XCTAssertEqual(after.status, 201, after.text)
        acknowledged.append(try acknowledgement(after))
        try assertPresentAfterRestart(acknowledged, server)
    }

    /// The database file immutable: SQLite opens it read-only and every
    /// write fails with SQLITE_READONLY. (A running connection cannot be made
    /// read-only as root: remounting refuses while the file is open for
    /// writing, and an immutable open file fails as an I/O error, above.)
    func testAReadOnlyDatabaseAnswers503() throws {
        let first = try DemoServer.start()
        defer { first.stop() }
        let starts = try freeStarts(APIClient(port: first.port), first)
        let acknowledged = [try book(APIClient(port: first.port), starts[0], "before")]
        first.process.stop()
        try chattr("+i", first.databasePath)
        defer { try? chattr("-i", first.databasePath) }

        let readOnly = try ServerProcess(databasePath: first.databasePath, arguments: ["--now", first.now])
        defer { readOnly.stop() }
        let client = APIClient(port: readOnly.port)
        assertStorageUnavailable(try client.post("/api/v1/bookings", json: body(starts[1], "read-only")), "booking")
        try assertNotReady(client, reason: "SQLITE_READONLY", needsRestart: false)
        XCTAssertEqual(try client.get("/api/v1/bookings/\(acknowledged[0].code)",
                                      headers: [("Authorization", "Bearer \(acknowledged[0].token)")]).status,
                       200, "reads go on")
        readOnly.stop()
        try chattr("-i", first.databasePath)
        try assertPresentAfterRestart(acknowledged, first)
    }

    // MARK: Deleted, replaced

    func testADeletedDatabaseFileRefusesWritesUntilARestart() throws {
        let server = try DemoServer.start()
        defer { server.stop() }
        let client = APIClient(port: server.port)
        let starts = try freeStarts(client, server)
        _ = try book(client, starts[0], "before")
        for suffix in ["", "-wal", "-shm"] { try FileManager.default.removeItem(atPath: server.databasePath + suffix) }

        for (index, start) in starts.dropFirst().prefix(3).enumerated() {
            assertStorageUnavailable(try client.post("/api/v1/bookings", json: body(start, "deleted \(index)")),
                                     "booking \(index) after the file was deleted")
        }
        try assertNotReady(client, reason: "was deleted", needsRestart: true)
        server.process.stop()
        assertLoggedOnce(server, "was deleted while the server was running")
        // Nothing was acknowledged after the deletion, so nothing was lost:
        // the restarted server has none of those bookings in its new file.
        let restarted = try ServerProcess(databasePath: server.databasePath, arguments: ["--now", server.now])
        defer { restarted.stop() }
        XCTAssertEqual(try sqliteRows(server.databasePath, "SELECT count(*) FROM bookings WHERE contact_email LIKE 'deleted-%'"),
                       [["0"]])
        try assertReady(APIClient(port: restarted.port))
    }

    func testAReplacedDatabaseFileRefusesWritesUntilARestart() throws {
        try requireSQLite3()
        let server = try DemoServer.start()
        defer { server.stop() }
        let client = APIClient(port: server.port)
        let starts = try freeStarts(client, server)
        let acknowledged = [try book(client, starts[0], "before")]
        let copy = server.databasePath + ".copy"
        try sqliteExecute(server.databasePath, "VACUUM INTO '\(copy)'")
        XCTAssertEqual(rename(copy, server.databasePath), 0, "rename over the open file")

        assertStorageUnavailable(try client.post("/api/v1/bookings", json: body(starts[1], "replaced")), "booking")
        try assertNotReady(client, reason: "replaced by another file", needsRestart: true)
        try assertPresentAfterRestart(acknowledged, server)
    }

    // MARK: Steps

    private func body(_ start: String, _ name: String) -> [String: Any] {
        APIClient.bookingBody(office: Self.office, start: start, name: name,
                              email: "\(name.replacingOccurrences(of: " ", with: "-"))-\(UUID().uuidString.prefix(8))@example.org")
    }

    /// Free online starts at Bürgerbüro Mitte over the next days.
    private func freeStarts(_ client: APIClient, _ server: DemoServer) throws -> [String] {
        var starts: [String] = []
        for day in 0..<5 {
            starts += try client.slotStarts(office: Self.office, date: DemoServer.adding(days: day, to: server.date))
        }
        XCTAssertGreaterThan(starts.count, 20)
        return starts
    }

    private func book(_ client: APIClient, _ start: String, _ name: String) throws -> Acknowledged {
        let response = try client.post("/api/v1/bookings", json: body(start, name))
        XCTAssertEqual(response.status, 201, response.text)
        return try acknowledgement(response)
    }

    private func acknowledgement(_ response: RawClient.Response) throws -> Acknowledged {
        guard let code = (response.object["booking"] as? [String: Any])?["code"] as? String,
              let token = response.object["manageToken"] as? String else {
            throw RawClient.Failure(description: "201 without code or token: \(response.text)")
        }
        return Acknowledged(code: code, token: token)
    }

    /// Books one start after another until the store refuses: the 201s
    /// before, and the refusal.
    private func bookUntilRefused(_ client: APIClient, _ starts: [String]) throws -> ([Acknowledged], RawClient.Response) {
        var acknowledged: [Acknowledged] = []
        for (index, start) in starts.enumerated() {
            let response = try client.post("/api/v1/bookings", json: body(start, "filling \(index)"))
            guard response.status == 201 else { return (acknowledged, response) }
            acknowledged.append(try acknowledgement(response))
        }
        throw RawClient.Failure(description: "\(starts.count) bookings and the store never refused")
    }

    private func assertStorageUnavailable(_ response: RawClient.Response, _ label: String,
                                          file: StaticString = #filePath, line: UInt = #line) {
        assertProblem(response, 503, type: "storage-unavailable", label, file: file, line: line)
        XCTAssertNotNil(response.header("Retry-After").flatMap(Int.init), "\(label): Retry-After", file: file, line: line)
    }

    /// One log line for the whole episode, however many requests met it,
    /// with SQLite's message (read once the server has stopped: all its output).
    private func assertLoggedOnce(_ server: DemoServer, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        let output = server.process.output
        XCTAssertEqual(server.process.occurrences(of: "storage unavailable"), 1, output, file: file, line: line)
        XCTAssertTrue(output.contains(message), "the log line carries \(message): \(output)", file: file, line: line)
    }

    private func assertNotReady(_ client: APIClient, reason: String, needsRestart: Bool,
                                file: StaticString = #filePath, line: UInt = #line) throws {
        let ready = try client.get("/ready")
        assertStorageUnavailable(ready, "/ready", file: file, line: line)
        XCTAssertTrue((ready.object["detail"] as? String ?? "").contains(reason), "/ready says \(reason): \(ready.text)",
                      file: file, line: line)
        XCTAssertEqual(ready.object["needsRestart"] as? Bool, needsRestart, ready.text, file: file, line: line)
        XCTAssertEqual(try client.get("/health").status, 200, "/health: the process is alive", file: file, line: line)
    }

    private func assertReady(_ client: APIClient, file: StaticString = #filePath, line: UInt = #line) throws {
        let ready = try client.get("/ready")
        XCTAssertEqual(ready.status, 200, ready.text, file: file, line: line)
        XCTAssertEqual(ready.object["status"] as? String, "ready", file: file, line: line)
    }

    /// A sign-in page post (its session is a write) answers the 503 page.
    private func assertPageUnavailable(_ server: DemoServer, file: StaticString = #filePath, line: UInt = #line) throws {
        let client = APIClient(port: server.port)
        let form = try client.get("/anmelden")
        guard let cookie = form.header("Set-Cookie")?.split(separator: ";").first,
              let token = cookie.split(separator: "=", maxSplits: 1).last else {
            return XCTFail("no CSRF cookie: \(form.headers)", file: file, line: line)
        }
        let response = try client.send("POST", "/anmelden", body: Array("_csrf=\(token)&username=admin&password=demo".utf8),
                                       headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Cookie", String(cookie))])
        XCTAssertEqual(response.status, 503, response.text, file: file, line: line)
        XCTAssertTrue(response.header("Content-Type")?.hasPrefix("text/html") ?? false, file: file, line: line)
        XCTAssertNotNil(response.header("Retry-After"), file: file, line: line)
        XCTAssertNil(response.headers.first { $0.0.lowercased() == "set-cookie" && $0.1.contains("session") },
                     "no session handed out", file: file, line: line)
    }

    /// Stops the server, starts it again on the same file, and finds every
    /// acknowledged booking there.
    @discardableResult
    private func assertPresentAfterRestart(_ acknowledged: [Acknowledged], _ server: DemoServer, keepRunning: Bool = false,
                                           file: StaticString = #filePath, line: UInt = #line) throws -> ServerProcess {
        server.process.stop()
        let restarted = try ServerProcess(databasePath: server.databasePath, arguments: ["--now", server.now])
        let client = APIClient(port: restarted.port)
        for booking in acknowledged {
            let response = try client.get("/api/v1/bookings/\(booking.code)", headers: [("Authorization", "Bearer \(booking.token)")])
            XCTAssertEqual(response.status, 200, "\(booking.code) after restart: \(response.text)", file: file, line: line)
        }
        if !keepRunning { restarted.stop() }
        return restarted
    }
}

/// The sqlite3 command-line tool holding the database's write lock
/// (`BEGIN EXCLUSIVE`) until `release`, as an operator's session would.
private final class LockHolder {
    let process = Process()
    let input = Pipe()
    let output = Pipe()

    init(databasePath: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", "-batch", databasePath]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(".timeout 5000\nBEGIN EXCLUSIVE;\nSELECT 'locked';\n".utf8))
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("locked") {
            let data = output.fileHandleForReading.availableData
            guard !data.isEmpty else { throw RawClient.Failure(description: "sqlite3 ended before taking the lock") }
            seen += data
        }
    }

    func release() {
        input.fileHandleForWriting.write(Data("COMMIT;\n".utf8))
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}

/// A tmpfs of its own, so the test can fill a disk without filling the machine's.
private struct TmpfsMount {
    let path: String

    init(sizeMegabytes: Int) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("tbfull-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let result = try run("/usr/bin/env", ["mount", "-t", "tmpfs", "-o", "size=\(sizeMegabytes)m", "tmpfs", path])
        guard result.status == 0 else {
            try? FileManager.default.removeItem(atPath: path)
            throw XCTSkip("cannot mount a tmpfs to fill (needs root with CAP_SYS_ADMIN): \(result.output)")
        }
    }

    /// Writes a file until the file system is full; returns its path.
    func fill() throws -> String {
        let filler = path + "/filler"
        let fd = open(filler, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw RawClient.Failure(description: "cannot create \(filler)") }
        defer { close(fd) }
        let chunk = [UInt8](repeating: 0x55, count: 64 * 1024)
        for size in [chunk.count, 4096, 512, 1] {
            while write(fd, chunk, size) == size {}
        }
        return filler
    }

    func remove() {
        _ = try? run("/usr/bin/env", ["umount", path])
        try? FileManager.default.removeItem(atPath: path)
    }
}

private func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, output)
}

/// `chattr` on a file; a skip, naming why, where the file system has no such flag.
private func chattr(_ flag: String, _ path: String) throws {
    let result = try run("/usr/bin/env", ["chattr", flag, path])
    guard result.status == 0 else {
        throw XCTSkip("chattr \(flag) is not possible here (needs root on ext4, xfs, btrfs or tmpfs): \(result.output)")
    }
}

/// Runs SQL through the sqlite3 command-line tool on a writable connection.
private func sqliteExecute(_ databasePath: String, _ sql: String) throws {
    let result = try run("/usr/bin/env", ["sqlite3", "-batch", databasePath, sql])
    guard result.status == 0 else { throw RawClient.Failure(description: "sqlite3 \(sql): \(result.output)") }
}
