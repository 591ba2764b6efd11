import Foundation
import XCTest

/// `serve --public-url` against the real executable (docs/configuration.md):
/// with an `https` public URL every answer — pages, the API, static files,
/// the router's 404 and the parser's 400 — carries HSTS once; with none, or
/// a plain `http` one, none does. A link that leaves the page (the calendar
/// feed's address, and its `webcal://` twin) is on the public URL whatever
/// the request's `Host` says, and on the address the request reached when
/// there is no public URL.
final class PublicURLTests: XCTestCase {
    static let hsts = "max-age=31536000; includeSubDomains"
    static let feedPattern = "/feeds/[A-Za-z0-9_-]{43}\\.ics"

    func testEveryAnswerCarriesHSTSWithAnHTTPSPublicURL() throws {
        let server = try DemoServer.start(extraArguments: ["--public-url", "https://termine.example.de"])
        defer { server.stop() }
        for (label, request, status) in Self.probes {
            let response = try Self.send(request, port: server.port)
            XCTAssertEqual(response.status, status, label)
            XCTAssertEqual(response.headers.filter { $0.0.lowercased() == "strict-transport-security" }.map(\.1), [Self.hsts], label)
        }
    }

    func testAPlainHTTPPublicURLOrNoneSendsNoHSTS() throws {
        for arguments in [[], ["--public-url", "http://127.0.0.1:8080"]] {
            let server = try DemoServer.start(extraArguments: arguments)
            defer { server.stop() }
            for (label, request, status) in Self.probes {
                let response = try Self.send(request, port: server.port)
                XCTAssertEqual(response.status, status, "\(arguments) \(label)")
                XCTAssertNil(response.header("Strict-Transport-Security"), "\(arguments) \(label)")
            }
        }
    }

    /// A proxy may pass on any `Host` (or its upstream's name), and a client
    /// may forge one: neither reaches the address a calendar program keeps.
    func testTheFeedAddressIsOnThePublicURLWhateverTheHostSays() throws {
        let server = try DemoServer.start(extraArguments: ["--public-url", "https://termine.example.de"])
        defer { server.stop() }
        let cookie = try APIClient(port: server.port).signIn("staff-mitte")
        for host in ["127.0.0.1", "evil.example", "internal-upstream:8080"] {
            let created = try Self.createFeed(port: server.port, host: host, cookie: cookie)
            XCTAssertEqual(created.status, 201, created.text)
            let path = try XCTUnwrap(created.object["path"] as? String)
            XCTAssertEqual(created.object["url"] as? String, "https://termine.example.de" + path, host)
            XCTAssertEqual(created.object["webcalUrl"] as? String, "webcal://termine.example.de" + path, "for Outlook: \(host)")
            XCTAssertEqual(created.header("Location"), path, "the Location stays the path it always was")
        }
    }

    func testWithoutAPublicURLTheFeedAddressIsTheOneTheRequestReached() throws {
        let server = try DemoServer.start()
        defer { server.stop() }
        let cookie = try APIClient(port: server.port).signIn("staff-mitte")
        let created = try Self.createFeed(port: server.port, host: "127.0.0.1:\(server.port)", cookie: cookie)
        XCTAssertEqual(created.status, 201, created.text)
        let url = try XCTUnwrap(created.object["url"] as? String)
        XCTAssertNotNil(url.range(of: "^http://127\\.0\\.0\\.1:\(server.port)\(Self.feedPattern)$", options: .regularExpression), url)
        XCTAssertEqual(created.object["webcalUrl"] as? String, "webcal" + url.dropFirst("http".count))
        XCTAssertEqual(try APIClient(port: server.port).get(String(url.dropFirst("http://127.0.0.1:\(server.port)".count))).status, 200)
    }

    // MARK: - Helpers

    /// A page, the API, a static file, the router's 404, the parser's 400.
    static let probes: [(String, String, Int)] = [
        ("start page", "GET / HTTP/1.1\r\nHost: t\r\n\r\n", 200),
        ("API", "GET /api/v1/offices HTTP/1.1\r\nHost: t\r\n\r\n", 200),
        ("static file", "GET /static/css/terminbuch.css HTTP/1.1\r\nHost: t\r\n\r\n", 200),
        ("router's 404", "GET /nothing/here HTTP/1.1\r\nHost: t\r\n\r\n", 404),
        ("parser's 400", "GET / HTTP/1.1\r\n\r\n", 400),
    ]

    static func send(_ request: String, port: Int) throws -> RawClient.Response {
        let client = try RawClient(port: port)
        try client.send(request)
        return try client.readResponse()
    }

    static func createFeed(port: Int, host: String, cookie: String) throws -> RawClient.Response {
        try send("POST /api/v1/offices/buergerbuero-mitte/feeds HTTP/1.1\r\nHost: \(host)\r\nCookie: \(cookie)\r\n"
                 + "Sec-Fetch-Site: same-origin\r\nContent-Length: 0\r\n\r\n", port: port)
    }
}
