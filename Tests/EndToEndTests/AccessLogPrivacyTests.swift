import Foundation
import XCTest

/// The access log holds no personal data and no secret (issue 15, the
/// privacy page's promise; docs/operations.md, "Logs"): every request that
/// carries a token, a name or an e-mail address in its path, query, headers
/// or body is made against the real server, in both formats, and none of
/// them is in any line, nor a query, nor the client's full address.
final class AccessLogPrivacyTests: XCTestCase {
    let office = "buergerbuero-mitte"
    /// The address the requests come from: loopback, but no other line says it.
    let source = "127.0.5.9"

    func testThePlainLogHoldsNoSecretAndNoPersonalData() throws {
        let server = try DemoServer.start()
        defer { server.stop() }
        let probe = try makeRequests(server)
        // DemoServer's own GET of the free starts is one more "Z GET" line,
        // the request the parser refused ("- -") one fewer.
        XCTAssertTrue(server.process.waitForOutput(containing: "Z GET ", times: probe.gets), server.process.output)
        XCTAssertTrue(server.process.waitForOutput(containing: "Z POST ", times: probe.posts), server.process.output)
        let output = server.process.output
        assertNothingOf(probe, in: output)
        XCTAssertTrue(output.contains("GET /feeds/…redacted….ics 404 "), "the feed's path is logged, its token redacted")
        XCTAssertTrue(output.contains("GET /termin/verwalten/\(probe.code) 303 "), "the manage link without its query")
    }

    func testTheJSONLogHoldsNoSecretNoPersonalDataAndOnlyTheClientsNetwork() throws {
        let server = try DemoServer.start(extraArguments: ["--log-format", "json"])
        defer { server.stop() }
        let probe = try makeRequests(server)
        // Waits for this client's lines, not for any: DemoServer's own GET
        // from 127.0.0.1 came first and would end the wait a line early.
        XCTAssertTrue(server.process.waitForOutput(containing: #""client":"127.0.5.0""#, times: probe.gets + probe.posts),
                      server.process.output)
        let output = server.process.output
        assertNothingOf(probe, in: output)
        let access = try output.split(separator: "\n").compactMap { line in
            try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        }.filter { $0["event"] as? String == "access" }
        let clients = access.compactMap { $0["client"] as? String }
        XCTAssertEqual(clients.filter { $0 == "127.0.5.0" }.count, probe.gets + probe.posts, "the client's /24, every line")
        XCTAssertEqual(Set(clients), ["127.0.5.0", "127.0.0.0"], "and the start's probe of DemoServer, from 127.0.0.1")
    }

    /// What the requests carried, to be looked for in the log.
    struct Probe {
        var secrets: [String]
        var code: String
        var gets: Int
        var posts: Int
    }

    /// Makes every kind of request that carries a secret or personal data.
    func makeRequests(_ server: DemoServer) throws -> Probe {
        let client = APIClient(port: server.port, source: source)
        let marker = UUID().uuidString.prefix(8).lowercased()
        let name = "Erika Protokollfrei\(marker)"
        let email = "log-probe-\(marker)@example.org"
        let phone = "+49 30 5550\(Int.random(in: 1000...9999))"
        let password = "Kennwort-\(marker)"
        let start = try XCTUnwrap(try client.slotStarts(office: office, date: server.date).last)
        var gets = 1, posts = 0  // the free starts' GET

        let booked = try client.post("/api/v1/bookings", json: APIClient.bookingBody(
            office: office, start: start, name: name, email: email, phone: phone))
        posts += 1
        XCTAssertEqual(booked.status, 201, booked.text)
        let token = try XCTUnwrap(booked.object["manageToken"] as? String)
        let code = try XCTUnwrap((booked.object["booking"] as? [String: Any])?["code"] as? String)
        let encodedEmail = try XCTUnwrap(email.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
        let encodedName = try XCTUnwrap(name.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
        var statuses: [Int] = []
        for path in ["/termin/verwalten/\(code)?token=\(token)",                  // the manage link
                     "/termin/bestaetigen/\(code)?token=\(token)",                // an opt-in link
                     "/feeds/\(token).ics",                                       // a calendar feed
                     "/api/v1/bookings/\(code)?token=\(token)&email=\(encodedEmail)",
                     "/termin/personalausweis/angaben?name=\(encodedName)&email=\(encodedEmail)"] {
            statuses.append(try client.get(path).status)
            gets += 1
        }
        XCTAssertEqual(statuses, [303, 404, 404, 404, 303])
        let bearer = try client.get("/api/v1/bookings/\(code)", headers: [("Authorization", "Bearer \(token)")])
        XCTAssertEqual(bearer.status, 200, bearer.text)
        gets += 1
        let signIn = try client.post("/api/v1/session", json: ["username": email, "password": password])
        XCTAssertEqual(signIn.status, 401, signIn.text)
        let links = try client.post("/api/v1/booking-links", json: ["email": email])
        XCTAssertEqual(links.status, 202, links.text)
        let form = try SecretsEndToEndTests.post(client, "/anmelden", [("username", email), ("password", password)], cookies: "")
        XCTAssertEqual(form.status, 403, "no CSRF token: refused, but logged")
        posts += 3
        // An id only a trusted proxy may choose, over-long besides: replaced.
        let chosenID = "id-\(marker)-" + String(repeating: "x", count: 80)
        XCTAssertNotEqual(try client.get("/health", headers: [("X-Request-Id", chosenID)]).header("X-Request-Id"), chosenID)
        gets += 1
        // Refused by the parser (no Host) before any route matched.
        let raw = try RawClient(port: server.port, source: source)
        try raw.send("GET /feeds/\(token).ics?email=\(encodedEmail) HTTP/1.1\r\n\r\n")
        XCTAssertEqual(try raw.readResponse().status, 400)
        gets += 1
        return Probe(secrets: [token, name, email, encodedEmail, encodedName, phone, password, chosenID, marker, source],
                     code: code, gets: gets, posts: posts)
    }

    func assertNothingOf(_ probe: Probe, in output: String, file: StaticString = #filePath, line: UInt = #line) {
        for secret in probe.secrets {
            XCTAssertFalse(output.contains(secret), "\(secret) in the log:\n\(output)", file: file, line: line)
        }
        XCTAssertFalse(output.contains("?"), "a query in the log:\n\(output)", file: file, line: line)
    }
}
