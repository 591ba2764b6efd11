import Foundation
import XCTest

/// The call centre over HTTP (docs/api.md, "The operations"): callbacks and memos
/// filed by an agent, listed and closed by the office; every bad input a
/// problem; idempotent filing; and what an agent's booking carries — the
/// phone channel with its reserve, and the agent in its history.
final class CallCentreAPITests: SharedDemoServerTestCase {
    var server: DemoServer!
    var client: APIClient!
    var agent: [(String, String)] = []
    var staff: [(String, String)] = []

    override func setUpWithError() throws {
        server = try sharedServer
        client = APIClient(port: server.port)
        agent = [("Cookie", try client.signIn("agent"))]
        staff = [("Cookie", try client.signIn("staff-mitte"))]
    }

    var tomorrow: String { DemoServer.adding(days: 1, to: server.date) }

    func callbackBody(_ changes: [String: Any] = [:]) -> [String: Any] {
        var body: [String: Any] = ["officeId": "buergerbuero-mitte", "serviceId": "reisepass", "name": "Erika Mustermann",
                                   "phone": "0471 590-2000", "topic": "Reisepass abholen", "note": "Fragt nach Expressdienst",
                                   "preferredTime": ["from": DemoServer.instant(tomorrow, "09:00"), "to": DemoServer.instant(tomorrow, "11:00")]]
        for (key, value) in changes { body[key] = value }
        return body
    }

    func testCallbackIsFiledListedAndMarkedDone() throws {
        let created = try client.post("/api/v1/callbacks", json: callbackBody(), headers: agent)
        XCTAssertEqual(created.status, 201, created.text)
        let callback = created.object
        let id = try XCTUnwrap(callback["id"] as? String)
        XCTAssertEqual(callback["status"] as? String, "open")
        XCTAssertEqual(callback["createdBy"] as? String, "agent")
        XCTAssertEqual(callback["serviceId"] as? String, "reisepass")
        XCTAssertEqual(callback["phone"] as? String, "0471 590-2000")
        let window = try XCTUnwrap(callback["preferredTime"] as? [String: Any])
        XCTAssertEqual(RFC3339Instant(window["from"] as? String ?? ""), RFC3339Instant(DemoServer.instant(tomorrow, "09:00")))
        XCTAssertNotNil(RFC3339Instant(callback["createdAt"] as? String ?? ""))
        XCTAssertNil(callback["doneBy"])

        let open = try client.get("/api/v1/offices/buergerbuero-mitte/callbacks?status=open", headers: staff)
        XCTAssertEqual(open.status, 200)
        XCTAssertTrue((open.object["callbacks"] as? [[String: Any]] ?? []).contains { $0["id"] as? String == id })

        let done = try client.post("/api/v1/callbacks/\(id)/done", json: ["note": "Zurückgerufen"], headers: staff)
        XCTAssertEqual(done.status, 200, done.text)
        XCTAssertEqual(done.object["status"] as? String, "done")
        XCTAssertEqual(done.object["doneBy"] as? String, "staff-mitte")
        XCTAssertEqual(done.object["doneNote"] as? String, "Zurückgerufen")
        XCTAssertNotNil(RFC3339Instant(done.object["doneAt"] as? String ?? ""))
        assertProblem(try client.post("/api/v1/callbacks/\(id)/done", json: [:], headers: staff), 409, type: "conflict", "twice")

        let closed = try client.get("/api/v1/offices/buergerbuero-mitte/callbacks?status=done", headers: staff)
        XCTAssertTrue((closed.object["callbacks"] as? [[String: Any]] ?? []).contains { $0["id"] as? String == id })
        let stillOpen = try client.get("/api/v1/offices/buergerbuero-mitte/callbacks?status=open", headers: staff)
        XCTAssertFalse((stillOpen.object["callbacks"] as? [[String: Any]] ?? []).contains { $0["id"] as? String == id })
    }

    func testMemoIsLeftListedAndMarkedDoneWithoutABody() throws {
        let created = try client.post("/api/v1/memos", json: ["officeId": "buergerbuero-mitte", "subject": "Umzug gemeldet",
                                                              "text": "Bitte Melderegister prüfen.\nDanke!"], headers: agent)
        XCTAssertEqual(created.status, 201, created.text)
        let id = try XCTUnwrap(created.object["id"] as? String)
        XCTAssertEqual(created.object["status"] as? String, "open")
        XCTAssertNil(created.object["contact"])
        let memos = try client.get("/api/v1/offices/buergerbuero-mitte/memos", headers: staff)
        XCTAssertTrue((memos.object["memos"] as? [[String: Any]] ?? []).contains { $0["id"] as? String == id })
        let done = try client.send("POST", "/api/v1/memos/\(id)/done", headers: staff)
        XCTAssertEqual(done.status, 200, done.text)
        XCTAssertEqual(done.object["doneBy"] as? String, "staff-mitte")
        XCTAssertNil(done.object["doneNote"])
        assertProblem(try client.send("POST", "/api/v1/memos/unknown-id/done", headers: staff), 404)
        assertProblem(try client.send("POST", "/api/v1/callbacks/\(id)/done", headers: staff), 404, "a memo's id is no callback's")
    }

    func testBadCallbacksAndMemosAreProblems() throws {
        let json = [("Content-Type", "application/json")]
        let cases: [(String, [String: Any], Int, [String])] = [
            ("no name", callbackBody(["name": ""]), 422, ["name"]),
            ("only spaces", callbackBody(["name": "   "]), 422, ["name"]),
            ("name not a string", callbackBody(["name": 7]), 422, ["name"]),
            ("bad phone", callbackBody(["phone": "call me"]), 422, ["phone"]),
            ("short phone", callbackBody(["phone": "12"]), 422, ["phone"]),
            ("no topic", callbackBody(["topic": NSNull()]), 422, ["topic"]),
            ("long note", callbackBody(["note": String(repeating: "x", count: 2001)]), 422, ["note"]),
            ("bad office id", callbackBody(["officeId": "Mitte!"]), 422, ["officeId"]),
            ("service elsewhere", callbackBody(["serviceId": "kfz-abmeldung"]), 422, ["serviceId"]),
            ("window backwards", callbackBody(["preferredTime": ["from": DemoServer.instant(tomorrow, "11:00"),
                                                                 "to": DemoServer.instant(tomorrow, "09:00")]]), 422, ["preferredTime.to"]),
            ("window text", callbackBody(["preferredTime": "morgen früh"]), 422, ["preferredTime"]),
            ("window half", callbackBody(["preferredTime": ["from": DemoServer.instant(tomorrow, "11:00")]]), 422, ["preferredTime.to"]),
            ("window not instants", callbackBody(["preferredTime": ["from": "9 Uhr", "to": "11 Uhr"]]), 422,
             ["preferredTime.from", "preferredTime.to"]),
            ("several at once", callbackBody(["name": "", "phone": "x", "topic": ""]), 422, ["name", "phone", "topic"]),
            ("unknown office", callbackBody(["officeId": "nowhere"]), 404, []),
        ]
        for (label, body, status, fields) in cases {
            let response = try client.post("/api/v1/callbacks", json: body, headers: agent)
            assertProblem(response, status, label)
            let named = (response.object["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            XCTAssertEqual(named, fields, "\(label): \(response.text)")
        }
        assertProblem(try client.send("POST", "/api/v1/callbacks", body: Array("{".utf8), headers: agent + json), 400, "not JSON")
        assertProblem(try client.send("POST", "/api/v1/memos", body: Array("{}".utf8), headers: agent + [("Content-Type", "text/plain")]),
                      415, "not declared JSON")
        assertProblem(try client.post("/api/v1/memos", json: ["officeId": "buergerbuero-mitte", "subject": " ", "text": "x"], headers: agent),
                      422, field: "subject", "blank subject")
        assertProblem(try client.post("/api/v1/memos", json: ["officeId": "buergerbuero-mitte", "subject": "S", "text": ""], headers: agent),
                      422, field: "text", "empty text")
        assertProblem(try client.post("/api/v1/memos", json: ["officeId": "buergerbuero-mitte", "subject": "S", "text": "x",
                                                              "contact": String(repeating: "c", count: 201)], headers: agent),
                      422, field: "contact", "long contact")
        assertProblem(try client.get("/api/v1/offices/buergerbuero-mitte/callbacks?status=closed", headers: staff), 422, field: "status")
        assertProblem(try client.get("/api/v1/offices/nowhere/memos", headers: staff), 404)
        let list = try client.get("/api/v1/offices/buergerbuero-mitte/callbacks", headers: staff)
        XCTAssertFalse((list.object["callbacks"] as? [[String: Any]] ?? []).contains { $0["topic"] as? String == "" }, "nothing half-written")
    }

    func testFilingWithAnIdempotencyKeyFilesOnce() throws {
        let key = [("Idempotency-Key", "cb-\(UUID().uuidString)")]
        let body = callbackBody(["name": "Idem Potent"])
        let first = try client.post("/api/v1/callbacks", json: body, headers: agent + key)
        let second = try client.post("/api/v1/callbacks", json: body, headers: agent + key)
        XCTAssertEqual(first.status, 201)
        XCTAssertEqual(second.status, 201)
        XCTAssertEqual(first.text, second.text, "the first answer again")
        assertProblem(try client.post("/api/v1/callbacks", json: callbackBody(["name": "Someone Else"]), headers: agent + key), 422,
                      type: "idempotency-conflict")
        let list = try client.get("/api/v1/offices/buergerbuero-mitte/callbacks", headers: staff)
        XCTAssertEqual((list.object["callbacks"] as? [[String: Any]] ?? []).filter { $0["name"] as? String == "Idem Potent" }.count, 1)
        let memoKey = [("Idempotency-Key", "memo-\(UUID().uuidString)")]
        let memo = ["officeId": "buergerbuero-mitte", "subject": "Einmal", "text": "Nur einmal"]
        let m1 = try client.post("/api/v1/memos", json: memo, headers: agent + memoKey)
        let m2 = try client.post("/api/v1/memos", json: memo, headers: agent + memoKey)
        XCTAssertEqual(m1.status, 201)
        XCTAssertEqual(m1.object["id"] as? String, m2.object["id"] as? String)
    }

    /// An agent books by phone into the phone reserve, which online
    /// bookings cannot reach more than `phoneReleaseHours` ahead; the
    /// booking and its history name the agent.
    func testAnAgentsBookingUsesThePhoneReserveAndNamesTheAgent() throws {
        let date = tomorrow  // more than 24 hours ahead: the phone reserve is not released
        let start = try XCTUnwrap(client.slotStarts(office: "buergerbuero-mitte", date: date).first { $0.contains("T10:") })
        var online = 0
        while true {
            let response = try client.post("/api/v1/bookings", json: APIClient.bookingBody(
                office: "buergerbuero-mitte", start: start, name: "Online \(online)", email: "online\(online)-\(UUID().uuidString.prefix(6))@example.org"))
            if response.status == 409 { break }
            XCTAssertEqual(response.status, 201, response.text)
            online += 1
            if online > 10 { return XCTFail("online bookings never ran out") }
        }
        XCTAssertGreaterThan(online, 0)
        let phoneStarts = try client.get("/api/v1/offices/buergerbuero-mitte/slots?services=personalausweis&date=\(date)", headers: agent)
        XCTAssertTrue((phoneStarts.object["slots"] as? [[String: Any]] ?? []).contains { $0["start"] as? String == start },
                      "the agent still sees the start")
        let booked = try client.post("/api/v1/bookings", json: APIClient.bookingBody(
            office: "buergerbuero-mitte", start: start, name: "Anrufer Meyer", phone: "0471 123456"), headers: agent)
        XCTAssertEqual(booked.status, 201, booked.text)
        let booking = try XCTUnwrap(booked.object["booking"] as? [String: Any])
        XCTAssertEqual(booking["channel"] as? String, "phone")
        let code = try XCTUnwrap(booking["code"] as? String)

        let rows = try sqliteRows(server.databasePath, """
            SELECT b.created_by, a.username FROM bookings b JOIN accounts a ON a.id = b.created_by_account_id WHERE b.code = '\(code)'
            """)
        XCTAssertEqual(rows, [["agent", "agent"]], "createdBy and the account id are the agent's")

        let history = try client.get("/api/v1/bookings/\(code)/history", headers: staff)
        XCTAssertEqual(history.status, 200, history.text)
        XCTAssertEqual(history.object["code"] as? String, code)
        let events = try XCTUnwrap(history.object["events"] as? [[String: Any]])
        XCTAssertEqual(events.count, 1)
        XCTAssertEqual(events.first?["action"] as? String, "created")
        XCTAssertEqual(events.first?["channel"] as? String, "phone")
        XCTAssertEqual(events.first?["actor"] as? String, "agent")
        XCTAssertEqual(events.first?["onBehalfOf"] as? String, "Anrufer Meyer")
        assertProblem(try client.get("/api/v1/bookings/\(code)/history", headers: agent), 403, "agents see no history")

        let later = try XCTUnwrap(client.slotStarts(office: "buergerbuero-mitte", date: date).first { $0.contains("T11:") })
        XCTAssertEqual(try client.post("/api/v1/bookings/\(code)/reschedule", json: ["start": later], headers: agent).status, 200)
        XCTAssertEqual(try client.post("/api/v1/bookings/\(code)/cancel", json: [:], headers: staff).status, 200)
        let after = try client.get("/api/v1/bookings/\(code)/history", headers: [("Cookie", try client.signIn("admin"))])
        let lines = (after.object["events"] as? [[String: Any]] ?? []).map { "\($0["action"] ?? "") \($0["actor"] ?? "") \($0["channel"] ?? "")" }
        XCTAssertEqual(lines, ["created agent phone", "rescheduled agent phone", "cancelled staff-mitte desk"])
    }
}
