import Foundation
import HTTPServer
import WebApp
import XCTest

/// docs/architecture.md, "Security", against the real executable: every answer — each route
/// the application registers (every API operation of the OpenAPI document,
/// the pages, static files, health), the router's 404 and 405, problems, and
/// the server's own refusals (400, 408, 413, 414, 431, 501, 505) — carries
/// `X-Content-Type-Options: nosniff`, a `Content-Security-Policy` with
/// `frame-ancestors 'none'` and no inline code, a `Referrer-Policy` and
/// `X-Frame-Options`, each once. Answers that carry a secret are
/// `Cache-Control: no-store` and `Referrer-Policy: no-referrer`; cookies are
/// `__Host-`, `Secure`, `HttpOnly`, `Path=/`, without `Domain`.
///
/// New routes are probed without any change here (`genericProbes`); give a
/// route realistic probes in `samples` to reach its successful answers too.
final class SecurityHeadersTests: XCTestCase {
    /// One demo server for the class. Its header timeout is short, so that
    /// the 408 comes quickly.
    nonisolated(unsafe) static var shared: Result<DemoServer, any Error>?

    override class func setUp() {
        super.setUp()
        shared = Result { try DemoServer.start(extraArguments: ["--header-timeout-ms", "400"]) }
    }

    override class func tearDown() {
        try? shared?.get().stop()
        shared = nil
        super.tearDown()
    }

    static let office: String = "buergerbuero-mitte"
    static let referrerPolicies: Set<String> = ["no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"]

    var server: DemoServer!
    var client: APIClient!

    override func setUpWithError() throws {
        server = try XCTUnwrap(Self.shared, "no demo server").get()
        client = APIClient(port: server.port)
    }

    // MARK: - Every route

    /// A request to send and what it is for.
    struct Probe {
        var method: String
        var path: String
        var headers: [(String, String)] = []
        var body: [UInt8]?
        /// The status it should get; nil when any answer will do (a page
        /// whose answer depends on the demo data).
        var status: Int?
    }

    /// Realistic probes of the API's routes (keyed "METHOD pattern", as in
    /// `Router.routes`): the successful answer and a refusal of each.
    func samples(code: String, token: String, spareCode: String, holdId: String, staff: String) throws -> [String: [Probe]] {
        let date = server.date
        let start = try XCTUnwrap(client.slotStarts(office: Self.office, date: date).first)
        let bookingBody = try JSONSerialization.data(withJSONObject: APIClient.bookingBody(
            office: Self.office, start: start, name: "Header Probe", email: "probe-\(UUID().uuidString.prefix(8))@example.org"))
        let json = [("Content-Type", "application/json")]
        let owner = [("Authorization", "Bearer \(token)")]
        let signedIn = [("Cookie", staff)]
        let mitte = "/api/v1/offices/\(Self.office)"
        let admin = [("Cookie", try client.signIn("admin"))]
        let accounts = "/api/v1/admin/accounts"
        let newAccount = { (name: String) in
            Array(#"{"username": "\#(name)", "password": "header-probe-1", "role": "staff", "officeIds": ["\#(Self.office)"]}"#.utf8)
        }
        XCTAssertEqual(try client.send("POST", accounts, body: newAccount("header-probe"), headers: admin + json).status, 201)
        return try catalogueSamples(admin: admin, staff: signedIn).merging([
            "GET /api/v1/admin/accounts": [
                Probe(method: "GET", path: accounts, headers: admin, status: 200),
                Probe(method: "GET", path: accounts, headers: signedIn, status: 403),
            ],
            "POST /api/v1/admin/accounts": [
                Probe(method: "POST", path: accounts, headers: admin + json, body: newAccount("header-probe-2"), status: 201),
                Probe(method: "POST", path: accounts, headers: admin + json, body: Array("{}".utf8), status: 422),
            ],
            "POST /api/v1/admin/accounts/:username/disable": [
                Probe(method: "POST", path: "\(accounts)/header-probe/disable", headers: admin, status: 200),
                Probe(method: "POST", path: "\(accounts)/nobody/disable", headers: admin, status: 404),
            ],
            "POST /api/v1/admin/accounts/:username/enable": [
                Probe(method: "POST", path: "\(accounts)/header-probe/enable", headers: admin, status: 200),
                Probe(method: "POST", path: "\(accounts)/header-probe/enable", headers: signedIn, status: 403),
            ],
            "POST /api/v1/admin/accounts/:username/password": [
                Probe(method: "POST", path: "\(accounts)/header-probe/password", headers: admin + json,
                      body: Array(#"{"password": "header-probe-2"}"#.utf8), status: 204),
                Probe(method: "POST", path: "\(accounts)/header-probe/password", headers: admin + json, body: Array("{}".utf8), status: 422),
            ],
            "GET /health": [Probe(method: "GET", path: "/health", status: 200)],
            "GET /ready": [Probe(method: "GET", path: "/ready", status: 200)],
            "GET /static/*path": [
                Probe(method: "GET", path: "/static/css/terminbuch.css", status: 200),
                Probe(method: "GET", path: "/static/nothing.css", status: 404),
            ],
            "GET /api/v1/openapi.json": [Probe(method: "GET", path: "/api/v1/openapi.json", status: 200)],
            "GET /api/v1/offices": [Probe(method: "GET", path: "/api/v1/offices", status: 200)],
            "GET /api/v1/offices/:officeId": [
                Probe(method: "GET", path: mitte, status: 200),
                Probe(method: "GET", path: "/api/v1/offices/nowhere", status: 404),
            ],
            "GET /api/v1/services": [Probe(method: "GET", path: "/api/v1/services", status: 200)],
            "GET /api/v1/offices/:officeId/days": [
                Probe(method: "GET", path: "\(mitte)/days?services=personalausweis", status: 200),
                Probe(method: "GET", path: "\(mitte)/days", status: 422),
            ],
            "GET /api/v1/offices/:officeId/slots": [
                Probe(method: "GET", path: "\(mitte)/slots?services=personalausweis&date=\(date)", status: 200),
                Probe(method: "GET", path: "\(mitte)/slots?services=personalausweis&date=someday", status: 422),
            ],
            "GET /api/v1/offices/:officeId/schedule": [
                Probe(method: "GET", path: "\(mitte)/schedule?date=\(date)", headers: signedIn, status: 200),
                Probe(method: "GET", path: "\(mitte)/schedule?date=\(date)", status: 401),
                Probe(method: "GET", path: "/api/v1/offices/kfz-zulassung/schedule?date=\(date)", headers: signedIn, status: 403),
            ],
            "POST /api/v1/holds": [
                Probe(method: "POST", path: "/api/v1/holds", headers: json, body: Array("{".utf8), status: 400),
                Probe(method: "POST", path: "/api/v1/holds", headers: [("Content-Type", "text/plain")], body: Array("{}".utf8), status: 415),
            ],
            "DELETE /api/v1/holds/:holdId": [
                Probe(method: "DELETE", path: "/api/v1/holds/\(holdId)", status: 204),
                Probe(method: "DELETE", path: "/api/v1/holds/\(holdId)", status: 404),
            ],
            "POST /api/v1/bookings": [
                Probe(method: "POST", path: "/api/v1/bookings", headers: json, body: [UInt8](bookingBody), status: 201),
                Probe(method: "POST", path: "/api/v1/bookings", headers: json, body: Array("{}".utf8), status: 422),
            ],
            "GET /api/v1/bookings": [
                Probe(method: "GET", path: "/api/v1/bookings?query=\(code)", headers: signedIn, status: 200),
                Probe(method: "GET", path: "/api/v1/bookings?query=\(code)", status: 401),
            ],
            "GET /api/v1/bookings/:code": [
                Probe(method: "GET", path: "/api/v1/bookings/\(code)", headers: owner, status: 200),
                Probe(method: "GET", path: "/api/v1/bookings/\(code)", status: 404),
            ],
            "GET /api/v1/bookings/:code/personal-data": [
                Probe(method: "GET", path: "/api/v1/bookings/\(code)/personal-data", headers: owner, status: 200),
            ],
            "DELETE /api/v1/bookings/:code/personal-data": [
                Probe(method: "DELETE", path: "/api/v1/bookings/\(code)/personal-data",
                      headers: [("Authorization", "Bearer wrong-token")], status: 404),
            ],
            "GET /api/v1/bookings/:code/calendar.ics": [
                Probe(method: "GET", path: "/api/v1/bookings/\(code)/calendar.ics", headers: owner, status: 200),
            ],
            "POST /api/v1/bookings/:code/reschedule": [
                Probe(method: "POST", path: "/api/v1/bookings/\(code)/reschedule", headers: owner + json,
                      body: Array(#"{"start":"2001-01-01T00:00:60Z"}"#.utf8), status: 422),
            ],
            "POST /api/v1/bookings/:code/cancel": [
                Probe(method: "POST", path: "/api/v1/bookings/\(spareCode)/cancel", headers: signedIn, status: 200),
                Probe(method: "POST", path: "/api/v1/bookings/\(spareCode)/cancel", headers: signedIn, status: 409),
            ],
            // Bürgerbüro Mitte confirms at once: its bookings have no opt-in token to send.
            "POST /api/v1/bookings/:code/confirm": [
                Probe(method: "POST", path: "/api/v1/bookings/\(code)/confirm", headers: json,
                      body: Array(#"{"token": "no-such-token"}"#.utf8), status: 404),
                Probe(method: "POST", path: "/api/v1/bookings/\(code)/confirm", headers: json, body: Array("{}".utf8), status: 422),
            ],
            "GET /api/v1/session": [
                Probe(method: "GET", path: "/api/v1/session", headers: signedIn, status: 200),
                Probe(method: "GET", path: "/api/v1/session", status: 401),
            ],
            // Closures, capacity changes, the list to contact, statistics.
            "GET /api/v1/offices/:officeId/closures": [
                Probe(method: "GET", path: "\(mitte)/closures", headers: signedIn, status: 200),
                Probe(method: "GET", path: "\(mitte)/closures", status: 401),
            ],
            "POST /api/v1/offices/:officeId/closures": [
                Probe(method: "POST", path: "\(mitte)/closures", headers: signedIn + json,
                      body: Array(#"{"from":"\#(DemoServer.adding(days: 23, to: date))","fromTime":"16:00","toTime":"17:00","reason":"Probe"}"#.utf8),
                      status: 201),
                Probe(method: "POST", path: "\(mitte)/closures", headers: signedIn + json, body: Array("{}".utf8), status: 422),
            ],
            "DELETE /api/v1/offices/:officeId/closures/:closureId": [
                Probe(method: "DELETE", path: "\(mitte)/closures/nothing", headers: signedIn, status: 404),
            ],
            "GET /api/v1/offices/:officeId/capacity-changes": [
                Probe(method: "GET", path: "\(mitte)/capacity-changes", headers: signedIn, status: 200),
            ],
            "POST /api/v1/offices/:officeId/capacity-changes": [
                Probe(method: "POST", path: "\(mitte)/capacity-changes", headers: signedIn + json,
                      body: Array(#"{"date":"\#(DemoServer.adding(days: 23, to: date))","counters":5}"#.utf8), status: 201),
                Probe(method: "POST", path: "\(mitte)/capacity-changes", headers: signedIn + json, body: Array("{}".utf8), status: 422),
            ],
            "DELETE /api/v1/offices/:officeId/capacity-changes/:changeId": [
                Probe(method: "DELETE", path: "\(mitte)/capacity-changes/nothing", headers: signedIn, status: 404),
            ],
            "GET /api/v1/offices/:officeId/affected-bookings": [
                Probe(method: "GET", path: "\(mitte)/affected-bookings", headers: signedIn, status: 200),
                Probe(method: "GET", path: "/api/v1/offices/kfz-zulassung/affected-bookings", headers: signedIn, status: 403),
            ],
            "POST /api/v1/offices/:officeId/affected-bookings/:code/handled": [
                Probe(method: "POST", path: "\(mitte)/affected-bookings/\(code)/handled", headers: signedIn, status: 404),
            ],
            "GET /api/v1/offices/:officeId/statistics": [
                Probe(method: "GET", path: "\(mitte)/statistics", headers: signedIn, status: 200),
                Probe(method: "GET", path: "\(mitte)/statistics?from=x", headers: signedIn, status: 422),
            ],
            "GET /api/v1/offices/:officeId/statistics.csv": [
                Probe(method: "GET", path: "\(mitte)/statistics.csv", headers: signedIn, status: 200),
            ],
            // Sign-in and sign-out have a test of their own (their cookies).
            "POST /api/v1/session": [
                Probe(method: "POST", path: "/api/v1/session", headers: json, body: Array(#"{"username":"nobody","password":"x"}"#.utf8),
                      status: 401),
            ],
            "DELETE /api/v1/session": [Probe(method: "DELETE", path: "/api/v1/session", status: 204)],
            "POST /api/v1/booking-links": [
                Probe(method: "POST", path: "/api/v1/booking-links", headers: json,
                      body: Array(#"{"email":"niemand@example.org"}"#.utf8), status: 202),
                Probe(method: "POST", path: "/api/v1/booking-links", headers: json, body: Array("{}".utf8), status: 422),
            ],
            // The call centre: staff may list and close, not file (RoleBoundaryTests has every caller).
            "POST /api/v1/callbacks": [
                Probe(method: "POST", path: "/api/v1/callbacks", headers: signedIn + json, body: Array("{}".utf8), status: 403),
                Probe(method: "POST", path: "/api/v1/callbacks", headers: json, body: Array("{}".utf8), status: 401),
            ],
            "GET /api/v1/offices/:officeId/callbacks": [
                Probe(method: "GET", path: "\(mitte)/callbacks?status=open", headers: signedIn, status: 200),
                Probe(method: "GET", path: "/api/v1/offices/kfz-zulassung/callbacks", headers: signedIn, status: 403),
            ],
            "POST /api/v1/callbacks/:id/done": [
                Probe(method: "POST", path: "/api/v1/callbacks/no-such-callback/done", headers: signedIn, status: 404),
            ],
            "POST /api/v1/memos": [
                Probe(method: "POST", path: "/api/v1/memos", headers: signedIn + json, body: Array("{}".utf8), status: 403),
            ],
            "GET /api/v1/offices/:officeId/memos": [
                Probe(method: "GET", path: "\(mitte)/memos", headers: signedIn, status: 200),
                Probe(method: "GET", path: "\(mitte)/memos", status: 401),
            ],
            "POST /api/v1/memos/:id/done": [
                Probe(method: "POST", path: "/api/v1/memos/no-such-memo/done", headers: signedIn + json, body: Array("{}".utf8), status: 404),
            ],
            "GET /api/v1/bookings/:code/history": [
                Probe(method: "GET", path: "/api/v1/bookings/\(code)/history", headers: signedIn, status: 200),
                Probe(method: "GET", path: "/api/v1/bookings/\(code)/history", headers: owner, status: 401),
            ],
        ].merging(deskSamples(code: code, staff: staff)) { $1 }) { sample, _ in sample }
    }

    /// The front desk's operations.
    func deskSamples(code: String, staff: String) -> [String: [Probe]] {
        let date = server.date
        let json = [("Content-Type", "application/json")]
        let signedIn = [("Cookie", staff)]
        let mitte = "/api/v1/offices/\(Self.office)"
        let walkIn = Array(#"{"services":[{"id":"personalausweis"}]}"#.utf8)
        return [
            "GET /api/v1/offices/:officeId/schedule.csv": [
                Probe(method: "GET", path: "\(mitte)/schedule.csv?date=\(date)&excel=1", headers: signedIn, status: 200),
                Probe(method: "GET", path: "\(mitte)/schedule.csv?date=soon", headers: signedIn, status: 422),
            ],
            "GET /api/v1/offices/:officeId/schedule.ics": [
                Probe(method: "GET", path: "\(mitte)/schedule.ics?date=\(date)", headers: signedIn, status: 200),
                Probe(method: "GET", path: "\(mitte)/schedule.ics?date=\(date)", status: 401),
            ],
            "POST /api/v1/bookings/:code/check-in": [
                Probe(method: "POST", path: "/api/v1/bookings/\(code)/check-in", status: 401),
                Probe(method: "POST", path: "/api/v1/bookings/AAA-AAA-AAA/check-in", headers: signedIn, status: 404),
            ],
            "POST /api/v1/bookings/:code/no-show": [
                Probe(method: "POST", path: "/api/v1/bookings/\(code)/no-show", headers: signedIn, status: 409),
            ],
            "POST /api/v1/bookings/:code/complete": [
                Probe(method: "POST", path: "/api/v1/bookings/\(code)/complete", headers: signedIn, status: 409),
            ],
            "POST /api/v1/offices/:officeId/walk-ins": [
                Probe(method: "POST", path: "\(mitte)/walk-ins", headers: signedIn + json, body: walkIn, status: 201),
                Probe(method: "POST", path: "\(mitte)/walk-ins", headers: json, body: walkIn, status: 401),
            ],
            "GET /api/v1/offices/:officeId/walk-ins": [Probe(method: "GET", path: "\(mitte)/walk-ins", headers: signedIn, status: 200)],
            "POST /api/v1/offices/:officeId/walk-ins/:number/done": [
                Probe(method: "POST", path: "\(mitte)/walk-ins/W-999/done", headers: signedIn, status: 404),
            ],
            "POST /api/v1/offices/:officeId/walk-ins/:number/no-show": [
                Probe(method: "POST", path: "\(mitte)/walk-ins/W-999/no-show", status: 401),
            ],
            "GET /api/v1/offices/:officeId/queue": [Probe(method: "GET", path: "\(mitte)/queue", headers: signedIn, status: 200)],
            "POST /api/v1/offices/:officeId/queue/call-next": [
                Probe(method: "POST", path: "/api/v1/offices/kfz-zulassung/queue/call-next", headers: signedIn, status: 403),
            ],
            "GET /api/v1/offices/:officeId/walk-in-status": [
                Probe(method: "GET", path: "\(mitte)/walk-in-status", status: 200),
                Probe(method: "GET", path: "/api/v1/offices/nowhere/walk-in-status", status: 404),
            ],
            "POST /api/v1/offices/:officeId/feeds": [Probe(method: "POST", path: "\(mitte)/feeds", headers: signedIn, status: 201)],
            "POST /api/v1/offices/:officeId/feeds/renew": [
                Probe(method: "POST", path: "\(mitte)/feeds/renew", headers: signedIn, status: 200),
            ],
            "DELETE /api/v1/offices/:officeId/feeds": [Probe(method: "DELETE", path: "\(mitte)/feeds", headers: signedIn, status: 204)],
        ]
    }

    /// The catalogue's admin routes (docs/api.md, "The catalogue"): each
    /// read as the admin and as staff (403), each change as a preview of the
    /// item as it reads (200, nothing written, so the shared demo server
    /// keeps its catalogue) and with a body that is not one (422).
    func catalogueSamples(admin: [(String, String)], staff: [(String, String)]) throws -> [String: [Probe]] {
        let json = [("Content-Type", "application/json")]
        let mitte = "/api/v1/admin/offices/\(Self.office)"
        let rule = try XCTUnwrap((try client.get(mitte + "/rules", headers: admin).object["rules"] as? [[String: Any]])?.first?["id"] as? String)
        let items: [(collection: String, item: String)] = [
            ("/api/v1/admin/municipalities", "/api/v1/admin/municipalities/bremerhaven"),
            ("/api/v1/admin/services", "/api/v1/admin/services/personalausweis"),
            ("/api/v1/admin/offices", mitte),
            (mitte + "/rules", mitte + "/rules/\(rule)"),
            (mitte + "/closures", mitte + "/closures/header-probe"),
        ]
        var samples: [String: [Probe]] = [:]
        func pattern(_ path: String) -> String {
            path.replacingOccurrences(of: "municipalities/bremerhaven", with: "municipalities/:municipalityId")
                .replacingOccurrences(of: "services/personalausweis", with: "services/:serviceId")
                .replacingOccurrences(of: "rules/\(rule)", with: "rules/:ruleId")
                .replacingOccurrences(of: "closures/header-probe", with: "closures/:closureId")
                .replacingOccurrences(of: "offices/\(Self.office)", with: "offices/:officeId")
        }
        func reads(_ path: String, status: Int = 200) {
            samples["GET " + pattern(path)] = [Probe(method: "GET", path: path, headers: admin, status: status),
                                               Probe(method: "GET", path: path, headers: staff, status: 403)]
        }
        let closure = Array(#"{"id": "header-probe", "from": "2026-12-24", "reason": "Heiligabend"}"#.utf8)
        for (collection, item) in items {
            reads(collection)
            let isClosure = collection.hasSuffix("/closures")
            reads(item, status: isClosure ? 404 : 200)
            let body = isClosure ? closure : try client.get(item, headers: admin).body
            samples["POST " + pattern(collection)] = [
                Probe(method: "POST", path: collection + "?preview=true", headers: admin + json, body: body, status: isClosure ? 200 : 409),
                Probe(method: "POST", path: collection, headers: admin + json, body: Array("[]".utf8), status: 422),
            ]
            samples["PUT " + pattern(item)] = [
                Probe(method: "PUT", path: item + "?preview=true", headers: admin + json, body: body, status: isClosure ? 404 : 200),
                Probe(method: "PUT", path: item, headers: admin + json, body: Array("{}".utf8), status: 422),
            ]
            samples["DELETE " + pattern(item)] = [
                Probe(method: "DELETE", path: item + "?preview=true", headers: admin),
                Probe(method: "DELETE", path: item, headers: staff, status: 403),
            ]
        }
        reads("/api/v1/admin/catalogue")
        reads("/api/v1/admin/audit")
        samples["PUT /api/v1/admin/catalogue"] = [
            Probe(method: "PUT", path: "/api/v1/admin/catalogue?preview=true", headers: admin + json,
                  body: try client.get("/api/v1/admin/catalogue", headers: admin).body, status: 200),
            Probe(method: "PUT", path: "/api/v1/admin/catalogue", headers: admin + json, body: Array("{}".utf8), status: 422),
        ]
        return samples
    }

    /// One probe for a route nobody wrote samples for: its parameters
    /// filled from the demo data (or a value that names nothing), a form or
    /// JSON body that says nothing for POST.
    func genericProbes(_ route: Router.Route, code: String) -> [Probe] {
        let values = ["officeId": Self.office, "serviceId": "personalausweis", "code": code]
        let path = route.pattern.split(separator: "/", omittingEmptySubsequences: false).map { segment -> String in
            if segment.hasPrefix(":") { return values[String(segment.dropFirst())] ?? "x" }
            if segment.hasPrefix("*") { return "x" }
            return String(segment)
        }.joined(separator: "/")
        var probe = Probe(method: route.method.rawValue, path: path)
        if route.method == .post || route.method == .put || route.method == .patch {
            let isAPI = route.pattern.hasPrefix("/api/")
            probe.headers = [("Content-Type", isAPI ? "application/json" : "application/x-www-form-urlencoded")]
            probe.body = Array((isAPI ? "{}" : "").utf8)
        }
        return [probe]
    }

    /// The routes the application registers, from an instance of its own on
    /// an empty database (the same code the executable runs).
    func registeredRoutes() throws -> [Router.Route] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tb-routes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = Application.Configuration(databasePath: folder.appendingPathComponent("t.sqlite").path,
                                                      publicDirectory: ServerProcess.packageRoot.appendingPathComponent("Public").path)
        configuration.seedDemoData = false
        let application = try Application(configuration)
        defer { application.close() }
        return application.router.routes
    }

    func testEveryRouteAnswersWithTheSecurityHeaders() throws {
        let routes = try registeredRoutes()
        XCTAssertFalse(routes.isEmpty)
        let staff = try client.signIn("staff-mitte")
        let (code, token) = try book(at: -1)
        let (spareCode, _) = try book(at: -2)
        let hold = try client.post("/api/v1/holds", json: ["officeId": Self.office, "services": [["id": "personalausweis"]],
                                                           "start": try XCTUnwrap(client.slotStarts(office: Self.office, date: server.date).dropLast(2).last)])
        let holdId = try XCTUnwrap(hold.object["holdId"] as? String, hold.text)
        let samples = try samples(code: code, token: token, spareCode: spareCode, holdId: holdId, staff: staff)

        // The document's operations are routes, and every sample names one.
        let patterns = Set(routes.map(\.description))
        for operation in try documentedOperations() {
            XCTAssertTrue(patterns.contains(operation), "\(operation) is documented but not routed")
            XCTAssertNotNil(samples[operation], "\(operation) is documented: give it samples")
        }
        for key in samples.keys { XCTAssertTrue(patterns.contains(key), "samples for \(key), which is not a route") }

        var probed = 0
        for route in routes {
            for probe in samples[route.description] ?? genericProbes(route, code: code) {
                let response = try client.send(probe.method, probe.path, body: probe.body, headers: probe.headers)
                let label = "\(probe.method) \(probe.path) (route \(route))"
                if let status = probe.status { XCTAssertEqual(response.status, status, "\(label): \(response.text.prefix(300))") }
                assertSecurityHeaders(response, label)
                if probe.path.hasPrefix("/api/") && response.status >= 400 { assertProblem(response, response.status, label) }
                if route.method == .get {  // and HEAD, which the router answers from GET
                    assertSecurityHeaders(try client.send("HEAD", probe.path, headers: probe.headers), "HEAD of " + label)
                }
                probed += 1
            }
        }
        XCTAssertGreaterThanOrEqual(probed, routes.count)
    }

    /// "METHOD pattern" of every operation of Public/api/openapi.json, in
    /// the router's spelling (`{officeId}` → `:officeId`).
    func documentedOperations() throws -> [String] {
        let data = try Data(contentsOf: ServerProcess.packageRoot.appendingPathComponent("Public/api/openapi.json"))
        let paths = try XCTUnwrap((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["paths"] as? [String: [String: Any]])
        return paths.flatMap { path, item in
            item.keys.filter { ["get", "post", "put", "patch", "delete"].contains($0) }.map { method in
                method.uppercased() + " " + path.replacingOccurrences(of: "{", with: ":").replacingOccurrences(of: "}", with: "")
            }
        }
    }

    /// A booking at one of the last starts of the server's Monday: (code, manage token).
    func book(at index: Int) throws -> (String, String) {
        let starts = try client.slotStarts(office: Self.office, date: server.date)
        let start = starts[starts.count + index]
        let response = try client.post("/api/v1/bookings", json: APIClient.bookingBody(
            office: Self.office, start: start, name: "Header Probe", email: "headers-\(UUID().uuidString.prefix(8))@example.org"))
        XCTAssertEqual(response.status, 201, response.text)
        let code = try XCTUnwrap((response.object["booking"] as? [String: Any])?["code"] as? String)
        return (code, try XCTUnwrap(response.object["manageToken"] as? String))
    }

    // MARK: - Secrets and cookies

    func testAnswersWithSecretsAreNeitherStoredNorReferred() throws {
        let start = try XCTUnwrap(client.slotStarts(office: Self.office, date: server.date).dropLast(3).last)
        let body = APIClient.bookingBody(office: Self.office, start: start, name: "Erika Mustermann",
                                         email: "secret-\(UUID().uuidString.prefix(8))@example.org")
        let key = [("Idempotency-Key", UUID().uuidString)]
        let booked = try client.post("/api/v1/bookings", json: body, headers: key)
        XCTAssertEqual(booked.status, 201, booked.text)
        XCTAssertNotNil(booked.object["manageToken"] as? String)
        assertKeepsItsSecret(booked, "the new booking with its manage token")
        assertKeepsItsSecret(try client.post("/api/v1/bookings", json: body, headers: key), "the same booking again (Idempotency-Key)")

        let signedIn = try client.post("/api/v1/session", json: ["username": "staff-mitte", "password": "demo"])
        XCTAssertEqual(signedIn.status, 200, signedIn.text)
        assertKeepsItsSecret(signedIn, "sign-in")
        let cookie = try XCTUnwrap(signedIn.header("Set-Cookie"))
        assertHostCookie(cookie, sameSite: "lax", "the session cookie")
        XCTAssertTrue(cookie.hasPrefix("__Host-terminbuch-session="), cookie)

        let pair = String(cookie.split(separator: ";")[0])
        let signedOut = try client.send("DELETE", "/api/v1/session", headers: [("Cookie", pair)])
        XCTAssertEqual(signedOut.status, 204)
        assertSecurityHeaders(signedOut, "sign-out")
        let cleared = try XCTUnwrap(signedOut.header("Set-Cookie"))
        assertHostCookie(cleared, sameSite: "lax", "the cleared session cookie")
        XCTAssertTrue(cleared.lowercased().contains("max-age=0"), cleared)
    }

    func assertKeepsItsSecret(_ response: RawClient.Response, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        assertSecurityHeaders(response, label, file: file, line: line)
        XCTAssertEqual(response.header("Cache-Control"), "no-store", label, file: file, line: line)
        XCTAssertEqual(response.header("Referrer-Policy"), "no-referrer", label, file: file, line: line)
    }

    // MARK: - The server's own answers

    func testTheServersOwnRefusalsCarryTheHeaders() throws {
        let long = String(repeating: "x", count: 9000)
        let manyFields = (0..<101).map { "X-Field-\($0): v\r\n" }.joined()
        let refusals: [(String, String, Int)] = [
            ("missing Host", "GET /api/v1/offices HTTP/1.1\r\n\r\n", 400),
            ("request line that is none", "NOT A REQUEST\r\n\r\n", 400),
            ("folded header", "GET / HTTP/1.1\r\nHost: t\r\nX-A: a\r\n b\r\n\r\n", 400),
            ("two Content-Lengths", "POST /api/v1/bookings HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 400),
            ("long API target", "GET /api/v1/bookings?query=\(long) HTTP/1.1\r\nHost: t\r\n\r\n", 414),
            ("long page target", "GET /?q=\(long) HTTP/1.1\r\nHost: t\r\n\r\n", 414),
            ("too many fields", "GET /api/v1/offices HTTP/1.1\r\nHost: t\r\n\(manyFields)\r\n", 431),
            ("too large a field", "GET / HTTP/1.1\r\nHost: t\r\nX-Big: \(String(repeating: "y", count: 33 * 1024))\r\n\r\n", 431),
            ("body over 64 KiB", "POST /api/v1/bookings HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n", 413),
            ("unknown transfer coding", "POST /api/v1/holds HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501),
            ("HTTP/2 on 1.1", "GET /health HTTP/2.0\r\nHost: t\r\n\r\n", 505),
            ("router's 404", "GET /nothing/here HTTP/1.1\r\nHost: t\r\n\r\n", 404),
            ("router's API 404", "GET /api/v1/nothing HTTP/1.1\r\nHost: t\r\n\r\n", 404),
            ("router's 405", "DELETE /api/v1/offices HTTP/1.1\r\nHost: t\r\n\r\n", 405),
            ("router's 405 outside the API", "PUT /health HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n", 405),
            ("OPTIONS", "OPTIONS /api/v1/offices HTTP/1.1\r\nHost: t\r\n\r\n", 405),
        ]
        for (label, request, status) in refusals {
            let raw = try RawClient(port: server.port)
            try raw.send(request)
            let response = try raw.readResponse()
            XCTAssertEqual(response.status, status, "\(label): \(response.text.prefix(200))")
            assertSecurityHeaders(response, label)
            if request.contains(" /api/") { assertProblem(response, status, label) }
        }
    }

    func testTheRequestTimeoutCarriesTheHeaders() throws {
        let raw = try RawClient(port: server.port)
        try raw.send("GET /api/v1/offices HTTP/1.1\r\nHost: t\r\n")  // and then nothing
        let response = try raw.readResponse()
        XCTAssertEqual(response.status, 408)
        assertSecurityHeaders(response, "408")
        assertProblem(response, 408, "408 of an API request")
    }

    /// A handler's error is answered with a 500 that went through the
    /// middleware: with the headers every answer carries.
    func testAHandlersErrorIsAnsweredThroughTheMiddleware() throws {
        struct Broken: Error {}
        let server = try TestServer(routes: { builder in
            builder.use { request, next in
                var response = try next(request)
                response.headers.set("X-Layer", "outermost")
                return response
            }
            builder.get("/broken") { _ in throw Broken() }
            builder.get("/broken-inline", options: RouteOptions(runsOnEventLoop: true)) { _ in throw Broken() }
        })
        defer { server.stop() }
        for path in ["/broken", "/broken-inline"] {
            let raw = try RawClient(port: server.port)
            try raw.send("GET \(path) HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try raw.readResponse()
            XCTAssertEqual(response.status, 500, path)
            XCTAssertEqual(response.header("X-Layer"), "outermost", path)
        }
    }

    // MARK: - The rules

    func assertSecurityHeaders(_ response: RawClient.Response, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        let context = "\(label): \(response.status)"
        for name in ["X-Content-Type-Options", "Content-Security-Policy", "Referrer-Policy", "X-Frame-Options"] {
            let count = response.headers.filter { $0.0.lowercased() == name.lowercased() }.count
            XCTAssertEqual(count, 1, "\(context): \(name) \(count == 0 ? "missing" : "\(count) times")", file: file, line: line)
        }
        XCTAssertEqual(response.header("X-Content-Type-Options")?.lowercased(), "nosniff", context, file: file, line: line)
        let policy = response.header("Content-Security-Policy") ?? ""
        XCTAssertTrue(policy.contains("frame-ancestors 'none'"), "\(context): \(policy)", file: file, line: line)
        XCTAssertFalse(policy.contains("unsafe-inline") || policy.contains("unsafe-eval"), "\(context): \(policy)", file: file, line: line)
        XCTAssertTrue(Self.referrerPolicies.contains(response.header("Referrer-Policy") ?? ""),
                      "\(context): Referrer-Policy \(response.header("Referrer-Policy") ?? "none")", file: file, line: line)
        XCTAssertEqual(response.header("X-Frame-Options"), "DENY", context, file: file, line: line)
        for (name, value) in response.headers where name.lowercased() == "set-cookie" {
            assertHostCookie(value, sameSite: nil, context, file: file, line: line)
        }
    }

    /// A cookie only this host gets, only over HTTPS, never from scripts.
    func assertHostCookie(_ cookie: String, sameSite: String?, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        let parts = cookie.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        let attributes = parts.dropFirst().map { $0.lowercased() }
        let context = "\(label): \(cookie)"
        XCTAssertTrue(parts.first?.hasPrefix("__Host-") ?? false, context, file: file, line: line)
        XCTAssertTrue(attributes.contains("secure"), context, file: file, line: line)
        XCTAssertTrue(attributes.contains("httponly"), context, file: file, line: line)
        XCTAssertTrue(attributes.contains("path=/"), context, file: file, line: line)
        XCTAssertFalse(attributes.contains { $0.hasPrefix("domain") }, context, file: file, line: line)
        let policy = attributes.first { $0.hasPrefix("samesite=") }.map { String($0.dropFirst("samesite=".count)) }
        if let sameSite {
            XCTAssertEqual(policy, sameSite, context, file: file, line: line)
        } else {
            XCTAssertTrue(["lax", "strict"].contains(policy ?? ""), context, file: file, line: line)
        }
    }
}
