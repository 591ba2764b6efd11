import Foundation
import XCTest

/// `--log-format json` (docs/operations.md, "Logs"): every line is one
/// JSON object a real parser reads, an access line naming the route's pattern and the
/// request id its answer carried as `X-Request-Id`, and no line holds a
/// query string, a token, a booking code or an e-mail address.
final class JSONLogTests: XCTestCase {
    static let accessKeys: Set<String> = ["ts", "level", "event", "method", "route", "status", "ms", "bytes", "client", "request_id"]

    func testEveryAccessLineIsJSONWithTheIdOfItsAnswerAndNothingPersonal() throws {
        let server = try DemoServer.start(extraArguments: ["--log-format", "json"])
        defer { server.stop() }
        let client = APIClient(port: server.port)
        let email = "json-log-\(UUID().uuidString.prefix(8).lowercased())@example.org"
        let start = try XCTUnwrap(try client.slotStarts(office: "buergerbuero-mitte", date: server.date).first)
        var answers: [RawClient.Response] = []
        let booked = try client.post("/api/v1/bookings", json: APIClient.bookingBody(office: "buergerbuero-mitte", start: start,
                                                                                    name: "Lotte Logfrei", email: email))
        XCTAssertEqual(booked.status, 201, booked.text)
        answers.append(booked)
        let code = try XCTUnwrap((booked.object["booking"] as? [String: Any])?["code"] as? String)
        let token = try XCTUnwrap(booked.object["manageToken"] as? String)
        answers.append(try client.get("/api/v1/bookings/\(code)", headers: [("Authorization", "Bearer \(token)")]))
        answers.append(try client.get("/api/v1/bookings/\(code)?token=\(token)&email=\(email)"))
        let feedToken = String(repeating: "Q", count: 43)
        answers.append(try client.get("/feeds/\(feedToken).ics"))
        answers.append(try client.get("/no/such/page?query-marker=1"))
        let raw = try RawClient(port: server.port)
        try raw.send("GET /health HTTP/1.1\r\n\r\n")  // no Host: refused by the parser
        answers.append(try raw.readResponse())
        XCTAssertEqual(answers.map(\.status), [201, 200, 404, 404, 404, 400])

        let ids = try answers.map { try XCTUnwrap($0.header("X-Request-Id"), "every answer carries its id") }
        XCTAssertEqual(Set(ids).count, ids.count, "one id per request")
        for id in ids { XCTAssertTrue(server.process.waitForOutput(containing: #""request_id":"\#(id)""#), id) }

        var lines: [[String: Any]] = []
        for line in server.process.output.split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            lines.append(try XCTUnwrap(object, "a JSON object: \(line)"))
            for secret in [token, code, email, feedToken, "query-marker", "?"] {
                XCTAssertFalse(line.contains(secret), "\(secret) in \(line)")
            }
        }
        let access = lines.filter { $0["event"] as? String == "access" }
        let process = lines.filter { $0["event"] as? String == "process" }
        let retention = lines.filter { $0["event"] as? String == "retention" }  // the start-up run's, once it is told
        XCTAssertLessThanOrEqual(retention.count, 1)
        XCTAssertEqual(access.count + process.count + retention.count, lines.count, "no other kind of line for these requests")
        XCTAssertTrue(process.contains { ($0["message"] as? String ?? "").hasPrefix("terminbuch listening on http://127.0.0.1:") },
                      "what the server says of itself is JSON too: \(process)")
        for line in access { XCTAssertEqual(Set(line.keys), Self.accessKeys, "\(line)") }
        let byID = Dictionary(access.map { ($0["request_id"] as? String ?? "", $0) }) { first, _ in first }
        XCTAssertEqual(ids.map { byID[$0]?["route"] as? String },
                       ["/api/v1/bookings", "/api/v1/bookings/:code", "/api/v1/bookings/:code", "/feeds/:file", nil, nil])
        XCTAssertEqual(ids.map { byID[$0]?["status"] as? Int }, answers.map(\.status))
        XCTAssertEqual(byID[ids[0]]?["method"] as? String, "POST")
        XCTAssertEqual(byID[ids[0]]?["client"] as? String, "127.0.0.1")
        XCTAssertNotNil(byID[ids[0]]?["ms"] as? Double)
        XCTAssertEqual(byID[ids[0]]?["bytes"] as? Int, booked.body.count)
        XCTAssertNotNil(byID[ids[0]]?["ts"].flatMap { $0 as? String }.flatMap { RFC3339Instant($0) })
    }

    /// A proxy's id follows the request through the log, so its own log
    /// and ours meet; from anyone else, or unsafe, it is replaced.
    func testAnIncomingRequestIdIsKeptOnlyFromATrustedProxyAndOnlyWhenSafe() throws {
        let behindProxy = try ServerProcess(arguments: ["--log-format", "json", "--trusted-proxies", "127.0.0.0/8"])
        defer { behindProxy.stop() }
        let open = try ServerProcess(arguments: ["--log-format", "json"])
        defer { open.stop() }
        func answeredID(_ server: ServerProcess, sending id: String) throws -> String? {
            try APIClient(port: server.port).get("/health", headers: [("X-Request-Id", id)]).header("X-Request-Id")
        }
        XCTAssertEqual(try answeredID(behindProxy, sending: "nginx-4f2a.9_c"), "nginx-4f2a.9_c")
        XCTAssertTrue(behindProxy.waitForOutput(containing: #""request_id":"nginx-4f2a.9_c""#), behindProxy.output)
        for unsafe in [#"x","level":"forged"#, "a b", String(repeating: "a", count: 65)] {
            let answered = try XCTUnwrap(try answeredID(behindProxy, sending: unsafe))
            XCTAssertNotEqual(answered, unsafe)
            XCTAssertFalse(answered.isEmpty)
        }
        XCTAssertFalse(behindProxy.output.contains("forged"), behindProxy.output)
        let fromClient = try XCTUnwrap(try answeredID(open, sending: "nginx-4f2a.9_c"))
        XCTAssertNotEqual(fromClient, "nginx-4f2a.9_c", "a client that is no trusted proxy does not choose its id")
    }

    func testAnUnknownLogFormatExits64() throws {
        let run = try UserCommandTests.terminbuch(["serve", "--log-format", "xml", "--database", "/nonexistent/never.sqlite"])
        XCTAssertEqual(run.status, 64)
        XCTAssertTrue(run.errors.contains("--log-format must be plain or json, not \"xml\""), run.errors)
    }
}
