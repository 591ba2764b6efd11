import Foundation
import XCTest

/// The front desk against the real executable: the CSV and iCalendar
/// exports (and the `export` command writing the same bytes), walk-in
/// tickets to the end of the day's quota, check-in and call next.
final class DeskEndToEndTests: XCTestCase {
    let office = "buergerbuero-mitte"

    /// RFC 4180 read back: fields, quotes doubled, CRLF between records.
    func parseCSV(_ text: String, separator: Character) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" { field.append("\""); characters.removeFirst() } else { quoted = false }
                } else { field.append(character) }
            } else if character == "\"" {
                quoted = true
            } else if character == separator {
                record.append(field); field = ""
            } else if character == "\r\n" {
                record.append(field); records.append(record); record = []; field = ""
            } else {
                field.append(character)
            }
        }
        return records
    }

    func testExportsQuoteNeutraliseAndMatchTheExportCommand() throws {
        let server = try DemoServer.start()
        defer { server.stop() }
        let client = APIClient(port: server.port)
        let staff = try client.signIn("staff-mitte")
        let starts = try client.slotStarts(office: office, date: server.date)
        var body = APIClient.bookingBody(office: office, start: starts[4], name: "=HYPERLINK(\"http://x\";\"klick\")",
                                         email: "formel@example.org")
        body["note"] = "Zeile 1\r\nZeile 2; \"zitiert\""
        XCTAssertEqual(try client.post("/api/v1/bookings", json: body).status, 201)
        XCTAssertEqual(try client.post("/api/v1/bookings", json: APIClient.bookingBody(
            office: office, start: starts[5], name: "Jürgen Müller; \"Sohn\"", phone: "+49 471 123456")).status, 201)

        let standard = try client.get("/api/v1/offices/\(office)/schedule.csv?date=\(server.date)", headers: [("Cookie", staff)])
        XCTAssertEqual(standard.status, 200)
        XCTAssertEqual(standard.contentTypeEssence, "text/csv")
        let rows = parseCSV(String(decoding: standard.body, as: UTF8.self), separator: ",")
        XCTAssertEqual(rows.first?.prefix(4), ["date", "start", "end", "code"])
        XCTAssertTrue(rows.dropFirst().allSatisfy { $0.count == rows[0].count }, "\(rows)")
        let names = rows.dropFirst().map { $0[8] }
        XCTAssertTrue(names.contains("'=HYPERLINK(\"http://x\";\"klick\")"), "\(names)")
        XCTAssertTrue(names.contains("Jürgen Müller; \"Sohn\""), "\(names)")
        XCTAssertTrue(rows.contains { $0[12] == "Zeile 1\nZeile 2; \"zitiert\"" }, "stored with LF")
        XCTAssertTrue(rows.contains { $0[10] == "'+49 471 123456" })

        let excel = try client.get("/api/v1/offices/\(office)/schedule.csv?date=\(server.date)&excel=1", headers: [("Cookie", staff)])
        XCTAssertEqual(Array(excel.body.prefix(3)), [0xEF, 0xBB, 0xBF])
        let excelRows = parseCSV(String(decoding: excel.body.dropFirst(3), as: UTF8.self), separator: ";")
        XCTAssertEqual(excelRows.first, ["Datum", "Beginn", "Ende", "Buchungscode", "Status", "Kanal", "Leistungen", "Anzahl",
                                         "Name", "E-Mail", "Telefon", "Unterlagen", "Hinweis"], "German headers for people")
        XCTAssertEqual(excelRows.count, rows.count)
        for (excelRow, row) in zip(excelRows.dropFirst(), rows.dropFirst()) {
            let parts = row[0].split(separator: "-")
            XCTAssertEqual(excelRow[0], "\(parts[2]).\(parts[1]).\(parts[0])", "TT.MM.JJJJ")
            XCTAssertEqual(excelRow[4], ["confirmed": "Gebucht", "pendingConfirmation": "Noch nicht bestätigt"][row[4]], "German status")
            XCTAssertEqual(excelRow[5], ["online": "Online", "phone": "Telefon", "desk": "Vor Ort"][row[5]], "German channel")
            XCTAssertEqual(Array(excelRow[1...3]) + Array(excelRow[6...]), Array(row[1...3]) + Array(row[6...]),
                           "the same names, notes and times in both dialects")
        }

        let ics = try client.get("/api/v1/offices/\(office)/schedule.ics?date=\(server.date)", headers: [("Cookie", staff)])
        let text = String(decoding: ics.body, as: UTF8.self)
        XCTAssertEqual(text.components(separatedBy: "BEGIN:VEVENT").count - 1, rows.count - 1)
        XCTAssertTrue(text.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin"))
        XCTAssertTrue(text.contains("DTSTART;TZID=Europe/Berlin:"))

        // The export command: the same bytes from the same database.
        for (arguments, expected) in [(["--format", "csv"], standard.body), (["--format", "csv", "--excel"], excel.body)] {
            let output = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString).csv")
            defer { try? FileManager.default.removeItem(at: output) }
            let process = Process()
            process.executableURL = ServerProcess.executable
            process.arguments = ["export", "--office", office, "--date", server.date, "--database", server.databasePath,
                                 "--output", output.path] + arguments
            try process.run()
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0)
            XCTAssertEqual([UInt8](try Data(contentsOf: output)), expected, arguments.joined(separator: " "))
        }
        let usage = Process()
        usage.executableURL = ServerProcess.executable
        usage.arguments = ["export", "--office", office, "--format", "pdf", "--database", server.databasePath]
        usage.standardError = Pipe()
        try usage.run()
        usage.waitUntilExit()
        XCTAssertEqual(usage.terminationStatus, 64)
    }

    func testWalkInsUntilTheQuotaIsUsedUpThenCheckInAndCallNext() throws {
        let server = try DemoServer.start()
        defer { server.stop() }
        let client = APIClient(port: server.port)
        let staff = try client.signIn("staff-mitte")
        let path = "/api/v1/offices/\(office)/walk-ins"
        // A double click at the desk: the same key, the same ticket.
        let once = [("Cookie", staff), ("Idempotency-Key", "desk-click-1")]
        let first = try client.post(path, json: ["services": [["id": "wohnsitz-anmelden"]]], headers: once)
        let again = try client.post(path, json: ["services": [["id": "wohnsitz-anmelden"]]], headers: once)
        XCTAssertEqual(first.status, 201, first.text)
        XCTAssertEqual(again.status, 201)
        XCTAssertEqual(again.body, first.body)
        assertProblem(try client.post(path, json: ["services": [["id": "reisepass"]]], headers: once), 422, type: "idempotency-conflict")
        var numbers: [String] = []
        var last: RawClient.Response?
        for _ in 0..<80 {
            let response = try client.post(path, json: ["services": [["id": "personalausweis", "quantity": 1]]], headers: [("Cookie", staff)])
            last = response
            guard response.status == 201 else { break }
            numbers.append(response.object["number"] as? String ?? "")
            XCTAssertEqual(response.object["status"] as? String, "waiting")
        }
        XCTAssertEqual(numbers.prefix(2), ["W-002", "W-003"])
        let refused = try XCTUnwrap(last)
        assertProblem(refused, 409, type: "walk-in-quota-exhausted")
        XCTAssertEqual(refused.object["nextAcceptingDate"] as? String, DemoServer.adding(days: 1, to: server.date))

        let schedule = try client.get("/api/v1/offices/\(office)/schedule?date=\(server.date)", headers: [("Cookie", staff)])
        XCTAssertEqual((schedule.object["walkIns"] as? [[String: Any]])?.compactMap { $0["number"] as? String }, ["W-001"] + numbers)
        try Schedule(schedule.object).assertWithinCapacity("after the walk-ins")

        let status = try client.get("/api/v1/offices/\(office)/walk-in-status")
        XCTAssertEqual(status.object["acceptingWalkIns"] as? Bool, false)
        XCTAssertEqual(status.object["waiting"] as? Int, numbers.count + 1)
        XCTAssertEqual(status.object["open"] as? Bool, false, "07:05: not open yet")
        XCTAssertTrue(status.object.keys.contains("estimatedWaitMinutes"))

        let code = try XCTUnwrap((schedule.object["appointments"] as? [[String: Any]])?.first?["code"] as? String)
        let checkedIn = try client.post("/api/v1/bookings/\(code)/check-in", json: [:], headers: [("Cookie", staff)])
        XCTAssertEqual(checkedIn.object["status"] as? String, "checkedIn", checkedIn.text)
        assertProblem(try client.post("/api/v1/bookings/\(code)/check-in", json: [:], headers: [("Cookie", staff)]), 409,
                      type: "booking-not-changeable")
        let agent = try APIClient(port: server.port).signIn("agent")
        assertProblem(try client.post("/api/v1/bookings/\(code)/no-show", json: [:], headers: [("Cookie", agent)]), 403)
        let call = try client.post("/api/v1/offices/\(office)/queue/call-next", json: [:], headers: [("Cookie", staff)])
        XCTAssertEqual(call.status, 200, call.text)
        XCTAssertEqual(call.object["kind"] as? String, "walkIn", "nobody's appointment is due at 07:05; W-001 came first")
        XCTAssertEqual((call.object["walkIn"] as? [String: Any])?["number"] as? String, "W-001")
        try assertDatabaseInvariants(server.databasePath)
    }

    /// A code of another office answers the desk exactly as an unknown code
    /// does (404, the same problem, the same page), so staff cannot probe
    /// which codes exist elsewhere (docs/architecture.md, "Not found, not forbidden").
    func testAnotherOfficesCodeIsNotFoundLikeAnUnknownOne() throws {
        let server = try DemoServer.start()
        defer { server.stop() }
        let client = APIClient(port: server.port)
        let run = try UserCommandTests.terminbuch(["user", "add", "--username", "staff-nord", "--role", "staff",
                                                   "--office", "buergerbuero-nord", "--database", server.databasePath],
                                                  input: "desk-oracle-1\n")
        XCTAssertEqual(run.status, 0, run.errors)
        let nord = try client.signIn("staff-nord", password: "desk-oracle-1")
        let start = try XCTUnwrap(try client.slotStarts(office: office, date: server.date).first)
        let booked = try client.post("/api/v1/bookings", json: APIClient.bookingBody(office: office, start: start, name: "Orakel",
                                                                                     email: "orakel@example.org"))
        let code = try XCTUnwrap((booked.object["booking"] as? [String: Any])?["code"] as? String, booked.text)
        let unknown = "ZZZ-ZZZ-ZZZ"

        for step in ["check-in", "no-show", "complete"] {
            let existing = try client.post("/api/v1/bookings/\(code)/\(step)", json: [:], headers: [("Cookie", nord)])
            let missing = try client.post("/api/v1/bookings/\(unknown)/\(step)", json: [:], headers: [("Cookie", nord)])
            assertProblem(existing, 404, type: "not-found", "\(step), Mitte's code, Nord's clerk")
            XCTAssertEqual(existing.text, missing.text, "\(step): the same answer as for an unknown code")
        }

        // The desk pages: Nord's own desk, Mitte's code.
        let form = try client.get("/dienst/buergerbuero-nord/tagesplan", headers: [("Cookie", nord)])
        XCTAssertEqual(form.status, 200, form.text)
        let csrf = try XCTUnwrap(form.headers.first { $0.0.lowercased() == "set-cookie" && $0.1.hasPrefix("__Host-csrf=") }?
            .1.split(separator: ";").first.map(String.init))
        let token = String(csrf.dropFirst("__Host-csrf=".count))
        func post(_ code: String) throws -> RawClient.Response {
            try client.send("POST", "/dienst/buergerbuero-nord/termine/\(code)/ankunft", body: Array("_csrf=\(token)".utf8),
                            headers: [("Cookie", "\(nord); \(csrf)"), ("Content-Type", "application/x-www-form-urlencoded")])
        }
        let existingPage = try post(code), missingPage = try post(unknown)
        XCTAssertEqual(existingPage.status, 404, existingPage.text)
        XCTAssertEqual(missingPage.status, 404, missingPage.text)
        XCTAssertEqual(existingPage.text, missingPage.text, "the same page for both")
        let mitte = try client.get("/api/v1/bookings/\(code)", headers: [("Authorization", "Bearer \(booked.object["manageToken"] as? String ?? "")")])
        XCTAssertEqual(mitte.object["status"] as? String, "confirmed", "nothing was changed")
    }
}
