import Foundation
import XCTest

/// Personal data erased on time (issue 15), against the real server and
/// its SQLite file: a day's bookings, a cancellation, a callback and a memo,
/// a check-in and a walk-in ticket, all under distinctive names; restarted
/// 15 days later (the demo municipalities keep data 14), the start-up run
/// erases them, and neither the database file nor its `-wal` holds any of
/// them any more, byte for byte or as `strings` reads them, while the
/// statistics say what they said. Before the restart the same search finds
/// them all: the search can fail. Then the same through `terminbuch
/// retention run` (dry, then not), and the daily run at `--retention-time`
/// with the clock moved.
final class RetentionEndToEndTests: XCTestCase {
    static let office = "buergerbuero-mitte"

    /// What the citizens, the agent and the clerk wrote: each must be gone.
    struct Citizen {
        let name: String
        let email: String
        let phone: String
    }
    static let checkedIn = Citizen(name: "Xaver Zettelmeier", email: "zettelmeier.x@example.org", phone: "+49 471 5550123")
    static let cancelled = Citizen(name: "Quirina Pfefferkorn", email: "pfefferkorn.q@example.org", phone: "+49 471 5550456")
    static let caller = Citizen(name: "Bonifaz Kuckelkorn", email: "kuckelkorn.b@example.org", phone: "+49 471 5550789")
    static let bookingNote = "Zettelmeier bringt Geburtsurkunde"
    static let callbackNote = "Kuckelkorn fragt nach Expressdienst"
    static let callbackDone = "Kuckelkorn zurueckgerufen"
    static let memoText = "Kuckelkorn meldet Umzug"
    static var markers: [String] {
        [checkedIn, cancelled, caller].flatMap { [$0.name, $0.email, $0.phone] }
            + [bookingNote, callbackNote, callbackDone, memoText]
    }

    func testTheStartUpRunErasesADaysPersonalDataFromTheFileAndKeepsTheStatistics() throws {
        try requireSQLite3()
        let server = try DemoServer.start()
        defer { DemoServer.removeDatabase(of: server.process) }
        let day = try OfficeDay(server)
        let statistics = try day.statistics()
        XCTAssertGreaterThanOrEqual(statistics["cancellations"] as? Int ?? 0, 1, "\(statistics)")
        XCTAssertGreaterThanOrEqual(statistics["attended"] as? Int ?? 0, 1, "\(statistics)")
        server.process.stop()
        try assertFile(server.databasePath, holds: true, "before the run: the search finds them, so it can fail")

        let later = DemoServer.instant(DemoServer.adding(days: 15, to: server.date), "10:00")
        let restarted = try ServerProcess(databasePath: server.databasePath, arguments: ["--now", later])
        defer { restarted.stop() }
        let counts = try runCounts(restarted, trigger: "startup")
        // The demo's own bookings of that week are due too.
        XCTAssertGreaterThanOrEqual(counts["bookings"] ?? 0, 2, "\(counts)")
        XCTAssertGreaterThanOrEqual(counts["callbacks"] ?? 0, 1, "\(counts)")
        XCTAssertGreaterThanOrEqual(counts["memos"] ?? 0, 1, "\(counts)")
        try assertFile(server.databasePath, holds: false, "after the start-up run")

        let client = APIClient(port: restarted.port)
        let staff = [("Cookie", try client.signIn("staff-mitte"))]
        XCTAssertEqual(try day.statistics(client: client, staff: staff) as NSDictionary, statistics as NSDictionary,
                       "the same figures once erased")
        for (label, headers) in [("staff", staff), ("manage token", [("Authorization", "Bearer \(day.checkedInToken)")])] {
            let booking = try client.get("/api/v1/bookings/\(day.checkedInCode)", headers: headers)
            XCTAssertEqual(booking.status, 200, "\(label): \(booking.text)")
            let contact = booking.object["contact"] as? [String: Any] ?? [:]
            XCTAssertEqual(contact["name"] as? String ?? "", "", "\(label): \(booking.text)")
            XCTAssertNil(contact["email"], "\(label): \(booking.text)")
            XCTAssertNil(contact["phone"], "\(label): \(booking.text)")
            XCTAssertNil(booking.object["note"], "\(label): \(booking.text)")
            XCTAssertEqual(booking.object["status"] as? String, "checkedIn", "the status stays for the statistics")
        }
        let traded = try client.get("/termin/verwalten/\(day.checkedInCode)?token=\(day.checkedInToken)")
        XCTAssertEqual(traded.status, 303, traded.text)
        let manageCookie = try XCTUnwrap(traded.header("Set-Cookie")?.split(separator: ";").first.map(String.init))
        for (label, path, headers) in [("manage page", "/termin/verwalten/\(day.checkedInCode)", [("Cookie", manageCookie)]),
                                       ("staff booking page", "/buchungen/\(day.checkedInCode)", staff)] {
            let page = try client.get(path, headers: headers)
            XCTAssertEqual(page.status, 200, "\(label): \(page.text)")
            for marker in Self.markers { XCTAssertFalse(page.text.contains(marker), "\(label) shows \(marker)") }
        }
        restarted.stop()
        try assertFile(server.databasePath, holds: false, "after the server closed the file")
        try assertDatabaseInvariants(server.databasePath)
    }

    /// With `--test-clock-on-stdin`: the clock moved to a minute before
    /// the next day's 03:00 runs nothing, past it the daily run, once,
    /// recorded in the file.
    func testTheDailyRunComesAtTheRetentionTimeAndIsRecorded() throws {
        try requireSQLite3()
        let server = try DemoServer.start(extraArguments: ["--test-clock-on-stdin"])
        defer { server.stop() }
        _ = try runCounts(server.process, trigger: "startup")
        let tuesday = DemoServer.adding(days: 1, to: server.date)
        try server.process.setClock(DemoServer.instant(tuesday, "02:59"))
        try server.process.setClock(DemoServer.instant(tuesday, "03:00"))
        _ = try runCounts(server.process, trigger: "daily")
        XCTAssertEqual(server.process.occurrences(of: "retention run (daily)"), 1, server.process.output)
        let runs = try sqliteRows(server.databasePath, "SELECT trigger, started_at FROM retention_runs ORDER BY id")
        XCTAssertEqual(runs.map(\.first), ["startup", "daily"])
        let threeOClock = try XCTUnwrap(RFC3339Instant(DemoServer.instant(tuesday, "03:00")))
        let started = try XCTUnwrap(runs.last.flatMap { Int($0[1]) })
        XCTAssertTrue((threeOClock..<threeOClock + 30).contains(started), "at 03:00 (the clock runs on), not 02:59: \(runs)")
    }

    /// With `--log-format json` a run's line is an object of the event
    /// `retention` with every kind's count.
    func testTheRunsLineIsJSONWithItsCounts() throws {
        let server = try ServerProcess(arguments: ["--log-format", "json"])
        defer { server.stop(); DemoServer.removeDatabase(of: server) }
        XCTAssertTrue(server.waitForOutput(containing: #""event":"retention""#), server.output)
        let line = try XCTUnwrap(server.output.split(separator: "\n").first { $0.contains(#""event":"retention""#) })
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], String(line))
        XCTAssertEqual(object["level"] as? String, "info")
        XCTAssertTrue((object["message"] as? String ?? "").hasPrefix("terminbuch: retention run (startup) erased or removed "))
        let counts = try XCTUnwrap(object["counts"] as? [String: Int], String(line))
        XCTAssertEqual(Set(counts.keys), ["bookings", "callbacks", "memos", "ticketNames", "holds", "sessions",
                                          "idempotencyReplies", "outboxMessages"])
    }

    /// A retention time that is none is refused before anything starts.
    func testABadRetentionTimeIsAUsageError() throws {
        for bad in ["3", "3:00", "24:00", "03:60", "noon"] {
            let process = Process()
            process.executableURL = ServerProcess.executable
            process.arguments = ["serve", "--retention-time", bad, "--port", "0", "--no-mail"]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 64, "\(bad): \(said)")
            XCTAssertTrue(said.contains("--retention-time must be a time of day like 03:00"), "\(bad): \(said)")
        }
    }

    // MARK: The office's day

    /// Bookings, a cancellation, a callback, a memo, a check-in and a
    /// walk-in ticket at Bürgerbüro Mitte on the demo server's Monday.
    struct OfficeDay {
        let server: DemoServer
        let checkedInCode: String
        let checkedInToken: String

        init(_ server: DemoServer) throws {
            self.server = server
            let client = APIClient(port: server.port)
            let staff = [("Cookie", try client.signIn("staff-mitte"))]
            let agent = [("Cookie", try client.signIn("agent"))]
            let starts = try client.slotStarts(office: RetentionEndToEndTests.office, date: server.date)
            guard starts.count >= 2 else { throw RawClient.Failure(description: "two starts on \(server.date): \(starts)") }
            func book(_ citizen: Citizen, at start: String, note: String? = nil) throws -> (code: String, token: String) {
                var body = APIClient.bookingBody(office: RetentionEndToEndTests.office, start: start, name: citizen.name,
                                                 email: citizen.email, phone: citizen.phone)
                body["note"] = note
                let made = try client.post("/api/v1/bookings", json: body)
                guard made.status == 201, let code = (made.object["booking"] as? [String: Any])?["code"] as? String,
                      let token = made.object["manageToken"] as? String else {
                    throw RawClient.Failure(description: "booking for \(citizen.name): \(made.status) \(made.text)")
                }
                return (code, token)
            }
            let kept = try book(RetentionEndToEndTests.checkedIn, at: starts[0], note: RetentionEndToEndTests.bookingNote)
            (checkedInCode, checkedInToken) = kept
            let dropped = try book(RetentionEndToEndTests.cancelled, at: starts[1])
            try Self.expect(try client.post("/api/v1/bookings/\(dropped.code)/cancel", json: [:],
                                            headers: [("Authorization", "Bearer \(dropped.token)")]), "cancel")

            let caller = RetentionEndToEndTests.caller
            let callback = try client.post("/api/v1/callbacks", json: [
                "officeId": RetentionEndToEndTests.office, "name": caller.name, "phone": caller.phone,
                "topic": "Reisepass", "note": RetentionEndToEndTests.callbackNote,
            ], headers: agent)
            try Self.expect(callback, "callback", ok: 201)
            let memo = try client.post("/api/v1/memos", json: [
                "officeId": RetentionEndToEndTests.office, "subject": "Umzug", "text": RetentionEndToEndTests.memoText,
                "contact": caller.email,
            ], headers: agent)
            try Self.expect(memo, "memo", ok: 201)
            try Self.expect(try client.post("/api/v1/callbacks/\(callback.object["id"] as? String ?? "")/done",
                                            json: ["note": RetentionEndToEndTests.callbackDone], headers: staff), "callback done")
            try Self.expect(try client.send("POST", "/api/v1/memos/\(memo.object["id"] as? String ?? "")/done", headers: staff),
                            "memo done")
            try Self.expect(try client.post("/api/v1/bookings/\(checkedInCode)/check-in", json: [:], headers: staff), "check-in")
            try Self.expect(try client.post("/api/v1/offices/\(RetentionEndToEndTests.office)/walk-ins",
                                            json: ["services": [["id": "personalausweis"]]], headers: staff), "walk-in", ok: 201)
        }

        static func expect(_ response: RawClient.Response, _ label: String, ok status: Int = 200) throws {
            guard response.status == status else {
                throw RawClient.Failure(description: "\(label): \(response.status) \(response.text)")
            }
        }

        /// The office's statistics for the day, as staff read them.
        func statistics(client: APIClient? = nil, staff: [(String, String)]? = nil) throws -> [String: Any] {
            let client = client ?? APIClient(port: server.port)
            let staff = try staff ?? [("Cookie", try client.signIn("staff-mitte"))]
            let response = try client.get("/api/v1/offices/\(RetentionEndToEndTests.office)/statistics?from=\(server.date)&to=\(server.date)",
                                          headers: staff)
            try Self.expect(response, "statistics")
            return response.object
        }
    }

    // MARK: The file

    /// Waits for the run's process line and answers its counts by kind.
    func runCounts(_ server: ServerProcess, trigger: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Int] {
        let prefix = "terminbuch: retention run (\(trigger)) erased or removed "
        guard server.waitForOutput(containing: prefix, timeout: 30),
              let said = server.output.split(separator: "\n").first(where: { $0.contains(prefix) }) else {
            throw RawClient.Failure(description: "no \(trigger) run:\n\(server.output)")
        }
        return Self.counts(in: String(said.split(separator: prefix).last ?? ""))
    }

    /// `bookings 2, callbacks 1, …` as a dictionary.
    static func counts(in text: String) -> [String: Int] {
        Dictionary(text.split(separator: ", ").compactMap { pair -> (String, Int)? in
            let parts = pair.split(separator: " ")
            guard parts.count == 2, let count = Int(parts[1]) else { return nil }
            return (String(parts[0]), count)
        }) { first, _ in first }
    }

    /// Whether the database file and its `-wal` hold every marker (`holds`)
    /// or none: searched byte for byte, and in what `strings` prints.
    func assertFile(_ databasePath: String, holds: Bool, _ label: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let paths = [databasePath, databasePath + "-wal"].filter { FileManager.default.fileExists(atPath: $0) }
        let bytes = try paths.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        let printed = try paths.compactMap(Self.strings)
        let printable = printed.count == paths.count ? printed.joined(separator: "\n") : nil
        for marker in Self.markers {
            let inBytes = bytes.contains { $0.range(of: Data(marker.utf8)) != nil }
            XCTAssertEqual(inBytes, holds, "\(label): \(marker) in the bytes of \(paths)", file: file, line: line)
            guard let printable else { continue }
            XCTAssertEqual(printable.contains(marker), holds, "\(label): \(marker) in strings of \(paths)", file: file, line: line)
        }
    }

    /// What `strings` (binutils) prints of the file; nil without the tool,
    /// leaving the byte search, the stricter one.
    static func strings(_ path: String) throws -> String? {
        let tool = "/usr/bin/strings"
        guard FileManager.default.isExecutableFile(atPath: tool) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["-a", path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
