import Foundation
import XCTest

/// docs/api.md against the real server: every bad request gets a
/// 4xx `application/problem+json` with `type`, `title`, `status` and
/// `detail`, the status docs/api.md names for it, and never a 5xx.
final class APIBadInputTests: XCTestCase {
    /// One demo server for the whole class (it takes a second or two to seed),
    /// hashing at production cost: the sign-in tests here measure that cost.
    nonisolated(unsafe) static var shared: Result<DemoServer, any Error>?

    override class func setUp() {
        super.setUp()
        shared = Result { try DemoServer.start(passwordCost: .production) }
    }

    override class func tearDown() {
        try? shared?.get().stop()
        shared = nil
        super.tearDown()
    }

    var server: DemoServer!
    var client: APIClient!
    /// A start that is free for an online booking at Mitte on the server's Monday.
    var freeStart: String!

    static let office: String = "buergerbuero-mitte"

    override func setUpWithError() throws {
        server = try XCTUnwrap(Self.shared, "no demo server").get()
        client = APIClient(port: server.port)
        // The last start of the day: the tests that book take the first ones.
        freeStart = try XCTUnwrap(client.slotStarts(office: Self.office, date: server.date).last)
    }

    /// A valid booking body with `change` applied; every case breaks one thing.
    func booking(_ change: (inout [String: Any]) -> Void = { _ in }) -> [String: Any] {
        var body = APIClient.bookingBody(office: Self.office, start: freeStart, name: "Erika Mustermann",
                                         email: "erika-\(UUID().uuidString.prefix(8))@example.org")
        change(&body)
        return body
    }

    func postBooking(_ body: Any) throws -> RawClient.Response {
        try client.post("/api/v1/bookings", json: body)
    }

    func postRaw(_ path: String, _ text: String, contentType: String? = "application/json",
                 headers: [(String, String)] = []) throws -> RawClient.Response {
        try client.send("POST", path, body: Array(text.utf8),
                        headers: (contentType.map { [("Content-Type", $0)] } ?? []) + headers)
    }

    // MARK: - Bodies that are not the JSON asked for

    func testMalformedJSONIs400() throws {
        let cases: [(String, String)] = [
            ("truncated", #"{"officeId": "buergerbuero-mitte", "services": [{"id": "personalausweis"#),
            ("trailing comma", #"{"officeId": "buergerbuero-mitte",}"#),
            ("trailing comma in array", #"{"services": [{"id": "personalausweis"},]}"#),
            ("single quotes", #"{'officeId': 'buergerbuero-mitte'}"#),
            ("unquoted key", #"{officeId: "buergerbuero-mitte"}"#),
            ("two documents", #"{} {}"#),
            ("empty body", ""),
            ("lone surrogate", #"{"officeId": "\ud800"}"#),
            ("duplicate key", #"{"officeId": "buergerbuero-mitte", "officeId": "kfz-zulassung"}"#),
            ("nesting too deep", String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)),
            ("number overflow", #"{"services": [{"id": "personalausweis", "quantity": 1e400}]}"#),
        ]
        for (label, text) in cases {
            assertProblem(try postRaw("/api/v1/bookings", text), 400, type: "malformed-request", label)
        }
        var invalidUTF8 = Array(#"{"officeId": ""#.utf8)
        invalidUTF8 += [0xFF, 0xFE]
        invalidUTF8 += Array(#""}"#.utf8)
        let response = try client.send("POST", "/api/v1/bookings", body: invalidUTF8, headers: [("Content-Type", "application/json")])
        assertProblem(response, 400, type: "malformed-request", "invalid UTF-8")
    }

    func testWellFormedJSONOfTheWrongTopLevelTypeIsRefused() throws {
        for text in ["[1, 2]", "\"booking\"", "42", "null", "true"] {
            let response = try postRaw("/api/v1/bookings", text)
            // Well-formed but not an object: the implementation says 422 with an
            // error for the body itself; 400 would be as acceptable.
            XCTAssertTrue([400, 422].contains(response.status), "\(text): \(response.status)")
            assertProblem(response, response.status, "top level \(text)")
        }
    }

    func testWrongContentTypeIs415() throws {
        let body = String(decoding: try JSONSerialization.data(withJSONObject: booking(), options: [.sortedKeys]), as: UTF8.self)
        for contentType in ["text/plain", "application/x-www-form-urlencoded", "application/xml",
                            "application/json; charset=iso-8859-1", "multipart/form-data; boundary=x"] {
            assertProblem(try postRaw("/api/v1/bookings", body, contentType: contentType), 415,
                          type: "unsupported-media-type", contentType)
        }
        assertProblem(try postRaw("/api/v1/bookings", body, contentType: nil), 415, type: "unsupported-media-type",
                      "no Content-Type")
        assertProblem(try postRaw("/api/v1/bookings", body, headers: [("Content-Encoding", "gzip")]), 415,
                      type: "unsupported-media-type", "Content-Encoding gzip")
        assertProblem(try postRaw("/api/v1/session", #"{"username":"agent","password":"demo"}"#, contentType: "text/plain"),
                      415, type: "unsupported-media-type", "sign-in as text/plain")
    }

    func testBodyOver64KiBIs413() throws {
        let note = String(repeating: "x", count: 70 * 1024)
        let text = Array(try JSONSerialization.data(withJSONObject: booking { $0["note"] = note }))
        // The server may answer as soon as it sees Content-Length, and close;
        // send what it takes and read the answer.
        let raw = try RawClient(port: server.port, timeout: 5)
        try raw.send("POST /api/v1/bookings HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: \(text.count)\r\n\r\n")
        try? raw.send(text)
        assertProblem(try raw.readResponse(), 413, type: "content-too-large", "Content-Length over 64 KiB")

        // Chunked, so the size shows only while reading: one chunk too big.
        let chunked = try RawClient(port: server.port, timeout: 5)
        try? chunked.send(Array("POST /api/v1/bookings HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n\(String(text.count, radix: 16))\r\n".utf8)
                          + text + Array("\r\n0\r\n\r\n".utf8))
        assertProblem(try chunked.readResponse(), 413, type: "content-too-large", "one chunk over 64 KiB")

        XCTAssertEqual(try client.get("/health").status, 200, "the server is still there")
    }

    /// A request of more than 64 KiB in all that arrives at once must be read
    /// to its end and answered: a body just under the API's limit (the head
    /// pushes the request over 64 KiB), and a chunked body over the limit in
    /// chunks of 8 KiB, whose 413 shows only after the first 64 KiB.
    func testRequestsOver64KiBInAllAreAnsweredPromptly() throws {
        let base = try JSONSerialization.data(withJSONObject: booking { $0["note"] = "" }).count
        let justUnder = Array(try JSONSerialization.data(withJSONObject: booking { $0["note"] = String(repeating: "x", count: 65_500 - base) }))
        XCTAssertLessThanOrEqual(justUnder.count, 64 * 1024)
        let raw = try RawClient(port: server.port, timeout: 3)
        let head = "POST /api/v1/bookings HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: \(justUnder.count)\r\n\r\n"
        XCTAssertGreaterThan(head.utf8.count + justUnder.count, 64 * 1024)
        try raw.send(Array(head.utf8) + justUnder)
        do {
            // The note is over its 1000 characters: 422, but an answer.
            assertProblem(try raw.readResponse(), 422, field: "note", "a body just under 64 KiB")
        } catch {
            XCTFail("a \(justUnder.count)-byte body (limit 65536) sent at once gets no answer: \(error)")
        }

        let over = Array(try JSONSerialization.data(withJSONObject: booking { $0["note"] = String(repeating: "x", count: 70 * 1024) }))
        var request = Array("POST /api/v1/bookings HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
        for offset in stride(from: 0, to: over.count, by: 8192) {
            let chunk = over[offset..<min(offset + 8192, over.count)]
            request += Array((String(chunk.count, radix: 16) + "\r\n").utf8) + chunk + Array("\r\n".utf8)
        }
        request += Array("0\r\n\r\n".utf8)
        let chunked = try RawClient(port: server.port, timeout: 3)
        try? chunked.send(request)
        do {
            assertProblem(try chunked.readResponse(), 413, type: "content-too-large", "chunked body over 64 KiB in 8 KiB chunks")
        } catch {
            XCTFail("a chunked body over the limit in 8 KiB chunks gets no answer: \(error)")
        }
    }

    // MARK: - Fields

    func testMissingFieldsAre422NamingEachField() throws {
        let response = try postRaw("/api/v1/bookings", "{}")
        for field in ["officeId", "services", "start", "contact"] {
            assertProblem(response, 422, type: "invalid-values", field: field, "empty object")
        }
        assertProblem(try postBooking(booking { $0["contact"] = ["email": "a@example.org"] }), 422, field: "contact.name",
                      "contact without name")
        assertProblem(try postBooking(booking { $0["services"] = [["quantity": 1]] }), 422, field: "services[0].id",
                      "service without id")
        assertProblem(try postRaw("/api/v1/session", "{}"), 422, field: "username", "sign-in without fields")
        assertProblem(try postRaw("/api/v1/holds", "{}"), 422, field: "officeId", "hold without fields")
    }

    func testWrongTypesAre422() throws {
        let cases: [(String, (inout [String: Any]) -> Void, String)] = [
            ("officeId number", { $0["officeId"] = 5 }, "officeId"),
            ("services object", { $0["services"] = ["id": "personalausweis"] }, "services"),
            ("services of strings", { $0["services"] = ["personalausweis"] }, "services[0]"),
            ("start number", { $0["start"] = 1_795_424_400 }, "start"),
            ("start bool", { $0["start"] = true }, "start"),
            ("contact array", { $0["contact"] = ["Erika"] }, "contact"),
            ("contact string", { $0["contact"] = "Erika" }, "contact"),
            ("name number", { $0["contact"] = ["name": 7, "email": "a@example.org"] }, "contact.name"),
            ("email array", { $0["contact"] = ["name": "E", "email": ["a@example.org"]] }, "contact.email"),
            ("note object", { $0["note"] = ["text": "hi"] }, "note"),
            ("holdId number", { $0["holdId"] = 12 }, "holdId"),
        ]
        for (label, change, field) in cases {
            assertProblem(try postBooking(booking(change)), 422, type: "invalid-values", field: field, label)
        }
    }

    func testUnknownOfficeIs404AndUnknownServiceIs422() throws {
        assertProblem(try postBooking(booking { $0["officeId"] = "rathaus-atlantis" }), 404, type: "not-found", "booking")
        assertProblem(try client.post("/api/v1/holds", json: ["officeId": "rathaus-atlantis", "start": freeStart!,
                                                              "services": [["id": "personalausweis"]]]),
                      404, type: "not-found", "hold")
        for path in ["/api/v1/offices/rathaus-atlantis",
                     "/api/v1/offices/rathaus-atlantis/slots?services=personalausweis&date=\(server.date)",
                     "/api/v1/offices/rathaus-atlantis/days?services=personalausweis"] {
            assertProblem(try client.get(path), 404, type: "not-found", path)
        }
        assertProblem(try postBooking(booking { $0["services"] = [["id": "kinderreisepass", "quantity": 1]] }), 422, "unknown service")
        assertProblem(try postBooking(booking { $0["services"] = [["id": "kfz-abmeldung", "quantity": 1]] }), 422,
                      "service of another office")
        assertProblem(try client.get("/api/v1/offices/\(Self.office)/slots?services=kinderreisepass&date=\(server.date)"), 422,
                      "slots of an unknown service")
        assertProblem(try postBooking(booking { $0["services"] = [] }), 422, field: "services", "no services")
        assertProblem(try postBooking(booking { $0["services"] = [["id": "personalausweis"], ["id": "personalausweis"]] }), 422,
                      "the same service twice")
        assertProblem(try postBooking(booking { $0["officeId"] = "Bürgerbüro Mitte" }), 422, field: "officeId",
                      "office id that is no identifier")
    }

    func testQuantityOutOfRangeIs422() throws {
        for quantity in ["0", "21", "-1", "\"x\"", "2.5", "true", "null", "[1]", "99999999999999999999999"] {
            var body = #"{"officeId": "buergerbuero-mitte", "services": [{"id": "personalausweis", "quantity": "#
            body += quantity + #"}], "start": ""# + freeStart + #"", "contact": {"name": "Q", "email": "q@example.org"}}"#
            let response = try postRaw("/api/v1/bookings", body)
            if quantity == "null" {
                // null counts as absent, and quantity defaults to 1.
                XCTAssertTrue([201, 409].contains(response.status), "quantity null: \(response.status) \(response.text)")
                continue
            }
            assertProblem(response, 422, field: "services[0].quantity", "quantity \(quantity)")
        }
        // Within 1…20 but over the service's own maximum (4 for a Personalausweis).
        assertProblem(try postBooking(booking { $0["services"] = [["id": "personalausweis", "quantity": 5]] }), 422,
                      type: "quantity-out-of-range", "quantity 5")
        for quantity in ["0", "21", "x", "1.5"] {
            assertProblem(try client.get("/api/v1/offices/\(Self.office)/slots?services=personalausweis&date=\(server.date)&quantity=\(quantity)"),
                          422, field: "quantity", "slots quantity=\(quantity)")
        }
    }

    func testStartsThatCannotBeBookedAre422() throws {
        for text in ["2026-11-23 09:30", "next monday", "2026-11-23T09:30:00", "23.11.2026 09:30", "",
                     "2026-11-23T09:30:00+99:99", "0000-01-01T00:00:00+00:00", "2026-02-30T09:30:00+01:00"] {
            assertProblem(try postBooking(booking { $0["start"] = text }), 422, type: "invalid-values", field: "start",
                          "start \"\(text)\"")
        }
        let date = server.date
        let cases: [(String, String, String)] = [
            ("off the slot grid", DemoServer.instant(date, "11:37"), "not-on-slot-boundary"),
            ("in the past", DemoServer.instant(DemoServer.adding(days: -7, to: date), "09:30"), "too-soon"),
            ("inside the minimum notice", DemoServer.instant(date, "08:00"), "too-soon"),
            ("beyond the horizon", DemoServer.instant(DemoServer.adding(days: 63, to: date), "09:30"), "beyond-horizon"),
            ("at night", DemoServer.instant(DemoServer.adding(days: 1, to: date), "03:00"), "outside-opening-hours"),
            ("on a Sunday", DemoServer.instant(DemoServer.adding(days: 6, to: date), "09:30"), "outside-opening-hours"),
        ]
        for (label, start, type) in cases {
            assertProblem(try postBooking(booking { $0["start"] = start }), 422, type: type, field: "start", label)
            assertProblem(try client.post("/api/v1/holds", json: ["officeId": Self.office, "start": start,
                                                                  "services": [["id": "personalausweis"]]]),
                          422, type: type, "hold \(label)")
        }
        // A service the office offers by phone and at the desk only.
        let licence = try client.slotStarts(office: "fuehrerscheinstelle", date: DemoServer.adding(days: 1, to: date),
                                            service: "fuehrerschein-umtausch")
        if let start = licence.first {
            assertProblem(try postBooking(booking {
                $0["officeId"] = "fuehrerscheinstelle"
                $0["services"] = [["id": "fuehrerschein-ersatz", "quantity": 1]]
                $0["start"] = start
            }), 422, type: "channel-not-allowed", "phone-only service online")
        }
    }

    func testContactNeedsEmailOrPhoneAndSaneValues() throws {
        assertProblem(try postBooking(booking { $0["contact"] = ["name": "Erika Mustermann"] }), 422, type: "invalid-values",
                      field: "contact", "no e-mail and no phone")
        assertProblem(try postBooking(booking { $0["contact"] = ["name": "Erika Mustermann", "email": NSNull(), "phone": NSNull()] }),
                      422, field: "contact", "e-mail and phone null")
        assertProblem(try postBooking(booking { $0["contact"] = ["name": String(repeating: "N", count: 201), "email": "n@example.org"] }),
                      422, field: "contact.name", "overlong name")
        assertProblem(try postBooking(booking { $0["contact"] = ["name": "", "email": "n@example.org"] }), 422,
                      field: "contact.name", "empty name")
        assertProblem(try postBooking(booking { $0["contact"] = ["name": "E", "email": "not-an-address"] }), 422,
                      field: "contact.email", "e-mail without @")
        assertProblem(try postBooking(booking { $0["contact"] = ["name": "E", "email": String(repeating: "a", count: 250) + "@example.org"] }),
                      422, field: "contact.email", "overlong e-mail")
        assertProblem(try postBooking(booking { $0["contact"] = ["name": "E", "phone": "call me maybe"] }), 422,
                      field: "contact.phone", "phone with letters")
        assertProblem(try postBooking(booking { $0["note"] = String(repeating: "n", count: 1001) }), 422, field: "note",
                      "overlong note")
    }

    // MARK: - Bookings that are not there

    func testUnknownCodeAndWrongTokenLookTheSame() throws {
        let start = try XCTUnwrap(client.slotStarts(office: Self.office, date: server.date).first)
        let created = try postBooking(booking { $0["start"] = start })
        XCTAssertEqual(created.status, 201, created.text)
        let code = try XCTUnwrap((created.object["booking"] as? [String: Any])?["code"] as? String)
        let token = try XCTUnwrap(created.object["manageToken"] as? String)

        let unknown = try client.get("/api/v1/bookings/ABC-DEF-GHJ", headers: [("Authorization", "Bearer \(token)")])
        assertProblem(unknown, 404, type: "not-found", "unknown code")
        let wrongToken = try client.get("/api/v1/bookings/\(code)", headers: [("Authorization", "Bearer \(String(token.reversed()))")])
        assertProblem(wrongToken, 404, type: "not-found", "wrong token")
        XCTAssertEqual(wrongToken.text, unknown.text, "a wrong token and an unknown code must not be told apart")
        assertProblem(try client.get("/api/v1/bookings/\(code)"), 404, type: "not-found", "no token")
        XCTAssertEqual(try client.get("/api/v1/bookings/\(code)").text, unknown.text)
        assertProblem(try client.get("/api/v1/bookings/not-a-code"), 404, type: "not-found", "malformed code")
        assertProblem(try client.get("/api/v1/bookings/\(code)", headers: [("Authorization", "Basic \(token)")]), 404,
                      "token under another scheme")

        // Changing it without the secret is as unknown as looking at it.
        let wrong = [("Authorization", "Bearer wrong-token")]
        assertProblem(try client.send("POST", "/api/v1/bookings/\(code)/cancel", headers: wrong), 404, type: "not-found", "cancel")
        assertProblem(try client.post("/api/v1/bookings/\(code)/reschedule", json: ["start": freeStart!], headers: wrong), 404,
                      type: "not-found", "reschedule")
        assertProblem(try client.get("/api/v1/bookings/\(code)/calendar.ics", headers: wrong), 404, type: "not-found", "calendar")
        let still = try client.get("/api/v1/bookings/\(code)", headers: [("Authorization", "Bearer \(token)")])
        XCTAssertEqual(still.object["status"] as? String, "confirmed")
        XCTAssertEqual((still.object["start"] as? String).flatMap(RFC3339Instant), RFC3339Instant(start))

        // Moving to a start that cannot be booked keeps the old one.
        let owner = [("Authorization", "Bearer \(token)")]
        assertProblem(try client.post("/api/v1/bookings/\(code)/reschedule", json: ["start": "soon"], headers: owner), 422,
                      field: "start", "reschedule to no date-time")
        assertProblem(try client.post("/api/v1/bookings/\(code)/reschedule",
                                      json: ["start": DemoServer.instant(server.date, "11:37")], headers: owner),
                      422, type: "not-on-slot-boundary", "reschedule off the grid")
        let kept = try client.get("/api/v1/bookings/\(code)", headers: owner)
        XCTAssertEqual((kept.object["start"] as? String).flatMap(RFC3339Instant), RFC3339Instant(start), "the old time is kept")

        assertProblem(try client.send("DELETE", "/api/v1/holds/no-such-hold"), 404, type: "not-found", "unknown hold")
    }

    // MARK: - Who may ask

    func testScheduleNeedsTheOfficesStaff() throws {
        let path = "/api/v1/offices/\(Self.office)/schedule?date=\(server.date)"
        let anonymous = try client.get(path)
        assertProblem(anonymous, 401, type: "unauthenticated", "without a session")
        XCTAssertNotNil(anonymous.header("WWW-Authenticate"), "401 carries a challenge")
        assertProblem(try client.get(path, headers: [("Cookie", "__Host-terminbuch-session=forged")]), 401, "forged session")

        let agent = try client.signIn("agent")
        assertProblem(try client.get(path, headers: [("Cookie", agent)]), 403, type: "forbidden", "as agent")
        let staff = try client.signIn("staff-mitte")
        assertProblem(try client.get("/api/v1/offices/buergerbuero-nord/schedule?date=\(server.date)", headers: [("Cookie", staff)]),
                      403, type: "forbidden", "staff of another office")
        for date in ["2026-13-45", "2026-02-30", "yesterday", "", "20261123"] {
            assertProblem(try client.get("/api/v1/offices/\(Self.office)/schedule?date=\(date)", headers: [("Cookie", staff)]),
                          422, field: "date", "schedule date=\(date)")
        }
        assertProblem(try client.get("/api/v1/offices/\(Self.office)/schedule", headers: [("Cookie", staff)]), 422,
                      field: "date", "schedule without date")
        assertProblem(try client.get("/api/v1/bookings?query=Schmidt"), 401, "search without a session")

        assertProblem(try client.post("/api/v1/session", json: ["username": "agent", "password": "wrong"]), 401,
                      type: "unauthenticated", "wrong password")
        assertProblem(try client.post("/api/v1/session", json: ["username": "nobody", "password": "demo"]), 401,
                      type: "unauthenticated", "unknown user")
    }

    /// Unknown usernames take as long as wrong passwords, so sign-in does
    /// not tell which accounts exist.
    func testSignInDoesNotRevealWhichUsernamesExist() throws {
        func timed(_ username: String) throws -> TimeInterval {
            let started = Date()
            assertProblem(try client.post("/api/v1/session", json: ["username": username, "password": "not-the-password"]), 401,
                          type: "unauthenticated", username)
            return Date().timeIntervalSince(started)
        }
        let known = try timed("agent")
        let unknown = try timed("nobody-\(UUID().uuidString.prefix(6))")
        XCTAssertGreaterThan(unknown, known * 0.3, "unknown user \(unknown) s, wrong password \(known) s")
    }

    /// Wrong passwords cost the server a scrypt each; a burst of them must
    /// not hold up everyone else's requests (docs/architecture.md: throttle sign-ins
    /// "without letting an attacker lock others out").
    func testSignInBurstDoesNotStallOtherRequests() throws {
        let port = server.port
        let burst = 12
        let gate = StartGate()
        let flooded = DispatchSemaphore(value: 0)
        let flood = Thread {
            runThreads(burst, gate: gate) { _ in
                let client = APIClient(port: port, timeout: 60)
                let connected = Result { try client.connect() }
                gate.wait()
                _ = try? connected.get()
                _ = try? client.post("/api/v1/session", json: ["username": "agent", "password": "wrong"])
            }
            flooded.signal()
        }
        // The burst is under way once the server has answered one of its sign-ins.
        let signInsBefore = server.process.occurrences(of: "POST /api/v1/session ")
        flood.start()
        XCTAssertTrue(server.process.waitForOutput(containing: "POST /api/v1/session ", times: signInsBefore + 1, timeout: 60))
        let bystander = APIClient(port: port, timeout: 60)
        let started = Date()
        let answer = try bystander.get("/api/v1/offices/\(Self.office)/schedule?date=\(server.date)")
        let waited = Date().timeIntervalSince(started)
        assertProblem(answer, 401, "schedule without a session during the burst")
        XCTAssertLessThan(waited, 0.5, "a request without any password work waited \(waited) s behind \(burst) sign-ins")
        XCTAssertEqual(flooded.wait(timeout: .now() + 60), .success, "the burst ends")
    }

    func testAvailabilityQueriesAreChecked() throws {
        let base = "/api/v1/offices/\(Self.office)"
        assertProblem(try client.get("\(base)/slots?services=personalausweis&date=2026-13-45"), 422, field: "date", "date=2026-13-45")
        assertProblem(try client.get("\(base)/slots?services=personalausweis"), 422, field: "date", "slots without date")
        assertProblem(try client.get("\(base)/days"), 422, field: "services", "days without services")
        assertProblem(try client.get("\(base)/days?services="), 422, field: "services", "days with empty services")
        assertProblem(try client.get("\(base)/slots?date=\(server.date)"), 422, field: "services", "slots without services")
        assertProblem(try client.get("\(base)/days?services=Personal%20Ausweis"), 422, field: "services", "services not ids")
        assertProblem(try client.get("\(base)/days?services=personalausweis&from=someday"), 422, field: "from", "from=someday")
        let eleven = (0..<11).map { "s\($0)" }.joined(separator: ",")
        assertProblem(try client.get("\(base)/days?services=\(eleven)"), 422, field: "services", "eleven services")
    }

    // MARK: - Routing

    func testWrongMethodsAndUnknownPathsAreProblems() throws {
        let deleted = try client.send("DELETE", "/api/v1/offices")
        assertProblem(deleted, 405, type: "method-not-allowed", "DELETE /api/v1/offices")
        let allow = try XCTUnwrap(deleted.header("Allow"), "405 names the allowed methods")
        XCTAssertTrue(allow.contains("GET"), allow)
        XCTAssertFalse(allow.contains("DELETE"), allow)

        let put = try client.send("PUT", "/api/v1/bookings", body: Array("{}".utf8), headers: [("Content-Type", "application/json")])
        assertProblem(put, 405, type: "method-not-allowed", "PUT /api/v1/bookings")
        XCTAssertTrue(put.header("Allow")?.contains("POST") ?? false, put.header("Allow") ?? "no Allow")
        assertProblem(try client.send("DELETE", "/api/v1/bookings/ABC-DEF-GHJ"), 405, "DELETE a booking")

        for path in ["/api/v1/nothing/here", "/api/v2/offices", "/api/v1/services/personalausweis/extra", "/api/v1/"] {
            assertProblem(try client.get(path), 404, type: "not-found", path)
        }
    }

    // MARK: - Idempotency-Key

    func testIdempotencyKeyReplaysTheFirstAnswerAndNeverBooksTwice() throws {
        try requireSQLite3()
        let starts = try client.slotStarts(office: Self.office, date: server.date)
        XCTAssertGreaterThanOrEqual(starts.count, 4)
        let key = "idem-\(UUID().uuidString)"
        let email = "idem-\(UUID().uuidString.prefix(8).lowercased())@example.org"
        let body = booking {
            $0["start"] = starts[1]
            $0["contact"] = ["name": "Ida Idem", "email": email]
        }
        let first = try client.post("/api/v1/bookings", json: body, headers: [("Idempotency-Key", key)])
        XCTAssertEqual(first.status, 201, first.text)
        let again = try client.post("/api/v1/bookings", json: body, headers: [("Idempotency-Key", key)])
        XCTAssertEqual(again.status, 201, again.text)
        XCTAssertEqual(again.text, first.text, "the same key and body give the very same answer")

        // The same key with another body is refused (draft-ietf-httpapi-idempotency-key-header: 422).
        var other = body
        other["start"] = starts[2]
        assertProblem(try client.post("/api/v1/bookings", json: other, headers: [("Idempotency-Key", key)]), 422,
                      type: "idempotency-conflict", "same key, other body")
        XCTAssertEqual(try sqliteRows(server.databasePath, "SELECT count(*) FROM bookings WHERE contact_email = '\(email)'"),
                       [["1"]], "one booking for one key")

        // Ten at once with one key: one booking, ten identical answers.
        let racedKey = "idem-race-\(UUID().uuidString)"
        let racedEmail = "idem-race-\(UUID().uuidString.prefix(8).lowercased())@example.org"
        var racedBody = booking { $0["start"] = starts[3] }
        racedBody["contact"] = ["name": "Ida Race", "email": racedEmail]
        let racedData = try JSONSerialization.data(withJSONObject: racedBody, options: [.sortedKeys])
        let port = server.port
        let gate = StartGate()
        let answers = Locked<[String]>([])
        runThreads(10, gate: gate) { _ in
            let client = APIClient(port: port)
            let connected = Result { try client.connect() }
            gate.wait()
            let answer = Result {
                try connected.get()
                return try client.send("POST", "/api/v1/bookings", body: [UInt8](racedData),
                                       headers: [("Content-Type", "application/json"), ("Idempotency-Key", racedKey)])
            }
            answers.withLock {
                switch answer {
                case .success(let response): $0.append("\(response.status) \(response.text)")
                case .failure(let error): $0.append("error \(error)")
                }
            }
        }
        let distinct = Set(answers.current)
        XCTAssertEqual(distinct.count, 1, "ten identical answers:\n" + distinct.joined(separator: "\n"))
        XCTAssertTrue(distinct.first?.hasPrefix("201 ") ?? false, distinct.first ?? "")
        XCTAssertEqual(try sqliteRows(server.databasePath, "SELECT count(*) FROM bookings WHERE contact_email = '\(racedEmail)'"),
                       [["1"]], "one booking for ten requests with one key")

        for bad in [String(repeating: "k", count: 256), "with space"] {
            assertProblem(try client.post("/api/v1/bookings", json: booking(), headers: [("Idempotency-Key", bad)]), 422,
                          "Idempotency-Key \(bad.prefix(20))")
        }
    }

    // MARK: - Limits that are conflicts, not bad input

    func testContactLimitIs409LikeATakenTime() throws {
        let starts = try client.slotStarts(office: Self.office, date: DemoServer.adding(days: 1, to: server.date))
        XCTAssertGreaterThanOrEqual(starts.count, 3)
        let email = "limit-\(UUID().uuidString.prefix(8).lowercased())@example.org"
        for start in starts.prefix(2) {
            let response = try postBooking(booking { $0["start"] = start; $0["contact"] = ["name": "Lim", "email": email] })
            XCTAssertEqual(response.status, 201, response.text)
        }
        // The same address written differently is the same contact.
        assertProblem(try postBooking(booking { $0["start"] = starts[2]; $0["contact"] = ["name": "Lim", "email": email.uppercased()] }),
                      409, type: "slot-taken", "third booking of one contact")
    }
}
