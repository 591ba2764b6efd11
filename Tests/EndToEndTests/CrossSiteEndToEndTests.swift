import Foundation
import XCTest

/// CSRF on the API against the real server, for a representative set of
/// cookie-authenticated writes without a body (cancel, check-in, a new
/// feed, sign-out): from another site refused with nothing changed, from
/// our own origin done, and with a bearer token done whatever `Origin` says.
/// `APICrossSiteTests` sweeps every route of the table in process.
final class CrossSiteEndToEndTests: XCTestCase {
    let office = "buergerbuero-mitte"
    var server: DemoServer!
    var client: APIClient!
    var starts: [String] = []

    override func setUpWithError() throws {
        server = try DemoServer.start()
        client = APIClient(port: server.port)
        starts = try client.slotStarts(office: office, date: server.date)
    }

    override func tearDown() {
        server?.stop()
    }

    func book() throws -> String {
        let start = starts.removeLast()
        let response = try client.post("/api/v1/bookings", json: APIClient.bookingBody(
            office: office, start: start, name: "Quer \(starts.count)", email: "quer\(starts.count)@example.org"))
        XCTAssertEqual(response.status, 201, response.text)
        return try XCTUnwrap((response.object["booking"] as? [String: Any])?["code"] as? String)
    }

    func status(_ code: String, cookie: String) throws -> String? {
        try client.get("/api/v1/bookings/\(code)", headers: [("Cookie", cookie)]).object["status"] as? String
    }

    func assertRefused(_ response: RawClient.Response, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(response.status, 403, "\(what): \(response.text)", file: file, line: line)
        XCTAssertEqual(response.contentTypeEssence, "application/problem+json", what, file: file, line: line)
        XCTAssertEqual(response.problemType, "https://terminbuch.example/problems/cross-site-request", what, file: file, line: line)
    }

    func testCookieWritesFromAnotherSiteAreRefusedAndChangeNothing() throws {
        let staff = try client.signIn("staff-mitte")
        let code = try book()
        let evil = [("Cookie", staff), ("Origin", "https://evil.example")]
        let fetchOnly = [("Cookie", staff), ("Sec-Fetch-Site", "cross-site")]
        let empty = [UInt8]("{}".utf8)
        let json = [("Content-Type", "application/json")]
        for headers in [evil, fetchOnly] {
            assertRefused(try client.send("POST", "/api/v1/bookings/\(code)/cancel", headers: headers), "cancel")
            assertRefused(try client.send("POST", "/api/v1/bookings/\(code)/check-in", headers: headers), "check-in")
            assertRefused(try client.send("POST", "/api/v1/offices/\(office)/feeds", headers: headers), "new feed")
            assertRefused(try client.send("POST", "/api/v1/offices/\(office)/queue/call-next", headers: headers), "call next")
            assertRefused(try client.send("POST", "/api/v1/offices/\(office)/walk-ins", body: empty, headers: headers + json), "walk-in")
            assertRefused(try client.send("DELETE", "/api/v1/session", headers: headers), "sign-out")
        }
        XCTAssertEqual(try status(code, cookie: staff), "confirmed", "neither cancelled nor checked in")
        XCTAssertEqual(try client.get("/api/v1/session", headers: [("Cookie", staff)]).status, 200, "still signed in")
        let walkIns = try client.get("/api/v1/offices/\(office)/walk-ins?date=\(server.date)", headers: [("Cookie", staff)])
        XCTAssertEqual(walkIns.status, 200, walkIns.text)
        XCTAssertEqual((walkIns.object["walkIns"] as? [Any])?.count, 0, "no ticket issued: \(walkIns.text)")
    }

    func testOurOwnOriginAndBearerTokensStillWork() throws {
        let staff = try client.signIn("staff-mitte")
        let first = try book()
        let second = try book()
        let ours = [("Cookie", staff), ("Origin", "http://127.0.0.1")]
        XCTAssertEqual(try client.send("POST", "/api/v1/bookings/\(first)/cancel", headers: ours).status, 200)
        XCTAssertEqual(try status(first, cookie: staff), "cancelled")
        let fetched = [("Cookie", staff), ("Sec-Fetch-Site", "same-origin")]
        XCTAssertEqual(try client.send("POST", "/api/v1/offices/\(office)/feeds", headers: fetched).status, 201)

        let token = String(staff.dropFirst("__Host-terminbuch-session=".count))
        let bearer = [("Authorization", "Bearer \(token)"), ("Origin", "https://evil.example")]
        let checkIn = try client.send("POST", "/api/v1/bookings/\(second)/check-in", headers: bearer)
        XCTAssertEqual(checkIn.status, 200, checkIn.text)
        XCTAssertEqual(try status(second, cookie: staff), "checkedIn")
        // Without a session the request is a citizen's, whatever site started it.
        let hold = try client.post("/api/v1/holds", json: ["officeId": office, "services": [["id": "personalausweis", "quantity": 1]],
                                                          "start": try XCTUnwrap(starts.last)],
                                   headers: [("Origin", "https://evil.example")])
        XCTAssertEqual(hold.status, 201, hold.text)
    }

    /// Behind a trusted TLS proxy the own origin is `https://…`: the scheme
    /// the proxy says the client used, not the proxy's plain HTTP.
    func testBehindATrustedProxyTheOwnOriginIsHTTPS() throws {
        server.stop()
        server = try DemoServer.start(extraArguments: ["--trusted-proxies", "127.0.0.0/8"])
        client = APIClient(port: server.port)
        starts = try client.slotStarts(office: office, date: server.date)
        let staff = try client.signIn("staff-mitte")
        let code = try book()
        let proxied = [("Cookie", staff), ("X-Forwarded-Proto", "https"), ("X-Forwarded-For", "198.51.100.7")]
        assertRefused(try client.send("POST", "/api/v1/bookings/\(code)/check-in", headers: proxied + [("Origin", "http://127.0.0.1")]),
                      "the plain-HTTP origin is another origin")
        let checkIn = try client.send("POST", "/api/v1/bookings/\(code)/check-in", headers: proxied + [("Origin", "https://127.0.0.1")])
        XCTAssertEqual(checkIn.status, 200, checkIn.text)
    }
}
