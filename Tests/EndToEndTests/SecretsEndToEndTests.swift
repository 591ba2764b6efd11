import Foundation
import XCTest

/// Secrets stay out of the access log and out of addresses, on the real
/// server: the calendar feed's token is logged redacted; the manage link's
/// token is traded for a cookie at once, and moving and cancelling work
/// from the clean address; a feed token stops working after its year.
final class SecretsEndToEndTests: XCTestCase {
    let office = "buergerbuero-mitte"

    func testTheFeedTokenNeverReachesTheAccessLog() throws {
        let server = try DemoServer.start()
        defer { server.stop() }
        let client = APIClient(port: server.port)
        let staff = try client.signIn("staff-mitte")
        let created = try client.send("POST", "/api/v1/offices/\(office)/feeds", headers: [("Cookie", staff)])
        XCTAssertEqual(created.status, 201, created.text)
        let path = try XCTUnwrap(created.object["path"] as? String)
        let token = String(path.dropFirst("/feeds/".count).dropLast(".ics".count))
        XCTAssertEqual(token.count, 43)

        let feed = try client.get(path)
        XCTAssertEqual(feed.status, 200, feed.text)
        XCTAssertTrue(feed.text.hasPrefix("BEGIN:VCALENDAR"))
        XCTAssertEqual(try client.get("/feeds/\(String(repeating: "A", count: 43)).ics").status, 404)
        XCTAssertTrue(server.process.waitForOutput(containing: "GET /feeds/…redacted….ics 200 "), server.process.output)
        XCTAssertTrue(server.process.waitForOutput(containing: "GET /feeds/…redacted….ics 404 "), server.process.output)
        XCTAssertTrue(server.process.output.contains("POST /api/v1/offices/\(office)/feeds 201 "), "other paths as they were")
        XCTAssertFalse(server.process.output.contains(token), "the token is nowhere in the log")
    }

    func testAFeedTokenEndsAfterAYearUnlessRenewed() throws {
        let server = try DemoServer.start(extraArguments: ["--test-clock-on-stdin"])
        defer { server.stop() }
        let client = APIClient(port: server.port)
        let staff = try client.signIn("staff-mitte")
        let created = try client.send("POST", "/api/v1/offices/\(office)/feeds", headers: [("Cookie", staff)])
        let path = try XCTUnwrap(created.object["path"] as? String)
        let expiresAt = try XCTUnwrap(created.object["expiresAt"] as? String)
        let start = try XCTUnwrap(ISO8601DateFormatter().date(from: server.now))
        let expiry = try XCTUnwrap(ISO8601DateFormatter().date(from: expiresAt))
        XCTAssertEqual(expiry.timeIntervalSince(start), 365 * 86_400, accuracy: 60, "a year from now (the clock runs)")

        try server.process.setClock(DemoServer.rfc3339(expiry.addingTimeInterval(-60)))
        XCTAssertEqual(try client.get(path).status, 200, "served to its last minute")
        XCTAssertEqual(try renew(client).object["renewed"] as? Int, 1)
        try server.process.setClock(DemoServer.rfc3339(expiry.addingTimeInterval(60)))
        XCTAssertEqual(try client.get(path).status, 200, "renewed: a year from the renewal")
        try server.process.setClock(DemoServer.rfc3339(expiry.addingTimeInterval(365 * 86_400)))
        XCTAssertEqual(try client.get(path).status, 404, "expired")
        XCTAssertEqual(try renew(client).object["renewed"] as? Int, 0, "an expired token stays expired")
        XCTAssertEqual(try client.get(path).status, 404)
    }

    /// Renews the office's feeds as staff, signed in afresh: the clock jumps past any session.
    func renew(_ client: APIClient) throws -> RawClient.Response {
        let session = try client.signIn("staff-mitte")
        let response = try client.send("POST", "/api/v1/offices/\(office)/feeds/renew",
                                       headers: [("Authorization", "Bearer \(session.dropFirst("__Host-terminbuch-session=".count))")])
        XCTAssertEqual(response.status, 200, response.text)
        return response
    }

    func testTheManageLinkTradesItsTokenForACookieAndTheLogNeverSeesIt() throws {
        let server = try DemoServer.start()
        defer { server.stop() }
        let client = APIClient(port: server.port)
        let starts = try client.slotStarts(office: office, date: server.date)
        let booked = try client.post("/api/v1/bookings", json: APIClient.bookingBody(
            office: office, start: try XCTUnwrap(starts.last), name: "Geheim", email: "geheim@example.org"))
        XCTAssertEqual(booked.status, 201, booked.text)
        let token = try XCTUnwrap(booked.object["manageToken"] as? String)
        let code = try XCTUnwrap((booked.object["booking"] as? [String: Any])?["code"] as? String)
        let manage = "/termin/verwalten/\(code)"

        let opened = try client.get("\(manage)?token=\(token)")
        XCTAssertEqual(opened.status, 303, opened.text)
        XCTAssertEqual(opened.header("Location"), manage)
        let setCookie = try XCTUnwrap(opened.header("Set-Cookie"))
        XCTAssertEqual(setCookie, "__Secure-terminbuch-manage=\(token); Path=\(manage); Max-Age=1800; Secure; HttpOnly; SameSite=Lax")
        let cookie = "__Secure-terminbuch-manage=\(token)"
        XCTAssertEqual(try client.get(manage).status, 404, "without the cookie the clean address opens nothing")

        // The page, and moving from it: the day, a time, the post.
        let page = try client.get(manage, headers: [("Cookie", cookie)])
        XCTAssertEqual(page.status, 200, page.text)
        XCTAssertTrue(page.text.contains(code))
        XCTAssertFalse(page.text.contains("token="), "no link on the page carries the token")
        let days = try client.get("\(manage)/tag", headers: [("Cookie", cookie)])
        XCTAssertEqual(days.status, 200, days.text)
        let dayLink = try XCTUnwrap(Self.first(#"href="(/termin/verwalten/[^"?]+/zeit\?date=[0-9-]+)""#, in: days.text), days.text)
        let times = try client.get(dayLink, headers: [("Cookie", cookie)])
        XCTAssertEqual(times.status, 200, times.text)
        let csrf = try XCTUnwrap(Self.csrfCookie(times) ?? Self.csrfCookie(days) ?? Self.csrfCookie(page))
        let formCookies = "\(cookie); \(csrf)"
        let csrfValue = String(csrf.dropFirst("__Host-csrf=".count))
        let newStart = try XCTUnwrap(Self.first(#"name="start" type="radio" value="([^"]+)""#, in: times.text), times.text)
        let date = try XCTUnwrap(Self.first(#"name="date" value="([^"]+)""#, in: times.text))
        let moved = try Self.post(client, "\(manage)/zeit", [("_csrf", csrfValue), ("token", token), ("date", date), ("start", newStart)],
                             cookies: formCookies)
        XCTAssertEqual(moved.status, 200, moved.text)
        XCTAssertNotNil(moved.header("Set-Cookie").flatMap { $0.hasPrefix("__Secure-terminbuch-manage=") ? $0 : nil })

        // Cancelling, from the question the page links to, with the cookie alone.
        let question = try client.get("\(manage)/absagen", headers: [("Cookie", formCookies)])
        XCTAssertEqual(question.status, 200, question.text)
        let cancelled = try Self.post(client, "\(manage)/absagen", [("_csrf", csrfValue)], cookies: formCookies)
        XCTAssertEqual(cancelled.status, 200, cancelled.text)
        let status = try client.get("/api/v1/bookings/\(code)", headers: [("Authorization", "Bearer \(token)")])
        XCTAssertEqual(status.object["status"] as? String, "cancelled")

        XCTAssertTrue(server.process.waitForOutput(containing: "POST \(manage)/absagen 200 "), server.process.output)
        XCTAssertTrue(server.process.output.contains("GET \(manage) 303 "))
        XCTAssertFalse(server.process.output.contains(token), "the manage token is nowhere in the log")
    }

    static func post(_ client: APIClient, _ path: String, _ fields: [(String, String)], cookies: String) throws -> RawClient.Response {
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.1)" }
            .joined(separator: "&")
        return try client.send("POST", path, body: Array(body.utf8),
                               headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Cookie", cookies)])
    }

    static func first(_ pattern: String, in text: String) -> String? {
        let regex = try! NSRegularExpression(pattern: pattern)
        guard let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let range = Range(match.range(at: 1), in: text) else { return nil }
        return String(text[range]).replacingOccurrences(of: "&amp;", with: "&")
    }

    static func csrfCookie(_ response: RawClient.Response) -> String? {
        response.headers.filter { $0.0.lowercased() == "set-cookie" }.map(\.1)
            .first { $0.hasPrefix("__Host-csrf=") }?.split(separator: ";").first.map(String.init)
    }
}
