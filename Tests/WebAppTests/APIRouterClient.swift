import Core
import Foundation
import HTTPServer
import Mail
import Scheduling
import WebApp
import XCTest

/// The real application on a fresh database with a clock standing still,
/// driven through its router (no sockets): for API tests that move the
/// clock (session timeouts) or speak from several client addresses
/// (throttling), which the executable cannot be made to do.
final class APIRouterApp {
    let directory: URL
    let clock = AdjustableClock(startingAt: PageTestApp.now, running: false)
    private(set) var application: Application

    init(demo: Bool = true) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("terminbuch-api-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        application = try Application(Self.configuration(directory, clock: clock, demo: demo))
    }

    static func configuration(_ directory: URL, clock: AdjustableClock, demo: Bool) -> Application.Configuration {
        var configuration = Application.Configuration(databasePath: directory.appendingPathComponent("db.sqlite").path,
                                                      publicDirectory: PageTestApp.root.appendingPathComponent("Public").path)
        configuration.templatesDirectory = PageTestApp.root.appendingPathComponent("Templates").path
        configuration.clock = clock
        configuration.passwordHasher = PasswordHasher(testCost: 10)
        configuration.seedDemoData = demo
        // Mail on, as `serve` has it by default (so `/ready` judges delivery); no worker runs without `startMailDelivery`.
        configuration.mail = MailSettings(transport: MaildirTransport(directory: directory.appendingPathComponent("mail").path),
                                          sender: try! MailAddress("terminbuch@localhost"))
        return configuration
    }

    /// Starts the application again on the same database, as a restart of
    /// the server with or without `--no-demo` would.
    func restart(demo: Bool) throws {
        application.close()
        application = try Application(Self.configuration(directory, clock: clock, demo: demo))
    }

    deinit {
        application.close()
        try? FileManager.default.removeItem(at: directory)
    }

    struct Response {
        let status: Int
        let headers: HTTPHeaders
        let body: [UInt8]
        var object: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:] }
        var text: String { String(decoding: body, as: UTF8.self) }

        /// `name=value` of the session cookie this answer sets, if any.
        var sessionCookie: String? {
            headers.values("Set-Cookie").compactMap { $0.split(separator: ";").first.map(String.init) }
                .first { $0.hasPrefix("__Host-terminbuch-session=") && $0.count > "__Host-terminbuch-session=".count }
        }
    }

    func send(_ method: HTTPMethod, _ target: String, json: Any? = nil, cookie: String? = nil, client: String = "192.0.2.1",
              headers extra: [(String, String)] = []) throws -> Response {
        var headers: HTTPHeaders = ["Host": "localhost"]
        if let cookie { headers.add("Cookie", cookie) }
        var body: [UInt8] = []
        if let json {
            headers.add("Content-Type", "application/json")
            body = [UInt8](try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]))
        }
        for (name, value) in extra { headers.add(name, value) }
        // As a browser on our own pages would: the API refuses a cookie on
        // an unsafe request without it (`CrossSiteRequests`).
        if cookie != nil, !method.isSafe, headers["Origin"] == nil, headers["Sec-Fetch-Site"] == nil {
            headers.add("Origin", "http://localhost")
        }
        var request = HTTPRequest(head: HTTPRequestHead(method: method, target: target, headers: headers), body: body)
        request.remoteAddress = client
        request.clientAddress = client
        request.clientKey = client
        let response = try application.router.respond(to: request)
        let bytes: [UInt8]
        switch response.body {
        case .bytes(let b): bytes = b
        case .chunks(let chunks): bytes = chunks.flatMap { $0 }
        }
        return Response(status: response.status.code, headers: response.headers, body: bytes)
    }

    func signIn(_ username: String, password: String = "demo", client: String = "192.0.2.1", cookie: String? = nil) throws -> Response {
        try send(.post, "/api/v1/session", json: ["username": username, "password": password], cookie: cookie, client: client)
    }

    /// The session cookie of a successful sign-in.
    func session(_ username: String, password: String = "demo", file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let response = try signIn(username, password: password)
        return try XCTUnwrap(response.sessionCookie, "sign-in as \(username): \(response.status) \(response.text)", file: file, line: line)
    }

    func whoAmI(_ cookie: String) throws -> Int { try send(.get, "/api/v1/session", cookie: cookie).status }
}
