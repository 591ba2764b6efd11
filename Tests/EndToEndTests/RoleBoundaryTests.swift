import Foundation
import HTTPServer
import WebApp
import XCTest

/// Every API endpoint that needs a role, against the real server, for each
/// kind of caller: anonymous, an agent of another municipality, an agent of
/// the office's municipality, staff of another office, staff of the office,
/// an admin. The endpoints come from the application's own route table, so
/// a route without a row here is still probed: nobody outside the office's
/// scope (anonymous, the other municipality's agent, another office's
/// clerk) may get anything but 401, 403 or 404 from it. Give a new route
/// its row for the exact answers.
final class RoleBoundaryTests: XCTestCase {
    enum Who: String, CaseIterable {
        case anonymous, agentElsewhere, agent, staffElsewhere, staff, admin
    }

    struct Call {
        var method: String
        var path: String
        var json: Any?
    }

    /// What each caller gets from one endpoint, and how to call it.
    struct Rule {
        let expected: [Who: Int]
        let call: (Who) throws -> Call
        var check: ((Who, RawClient.Response) -> Void)?
    }

    /// API routes anyone may call with the same answer, signed in or not.
    static let publicRoutes: Set<String> = [
        "GET /api/v1/openapi.json", "GET /api/v1/offices", "GET /api/v1/offices/:officeId", "GET /api/v1/services",
        "GET /api/v1/offices/:officeId/days", "GET /api/v1/offices/:officeId/slots", "DELETE /api/v1/holds/:holdId",
        "POST /api/v1/session", "DELETE /api/v1/session", "GET /api/v1/offices/:officeId/walk-in-status",
        "POST /api/v1/booking-links",
        // The double opt-in: whoever holds the e-mail's token.
        "POST /api/v1/bookings/:code/confirm",
    ]

    var server: DemoServer!
    var client: APIClient!
    var cookies: [Who: String] = [:]
    var starts: [String] = []
    var person = 0

    override func setUpWithError() throws {
        server = try DemoServer.start()
        client = APIClient(port: server.port)
        let db = ["--database", server.databasePath]
        for (name, scope) in [("hl-agent", ["--role", "agent", "--municipality", "luebeck"]),
                              ("staff-nord", ["--role", "staff", "--office", "buergerbuero-nord"])] {
            let run = try UserCommandTests.terminbuch(["user", "add", "--username", name] + scope + db, input: "role-boundary-1\n")
            XCTAssertEqual(run.status, 0, run.errors)
        }
        cookies = [.agentElsewhere: try client.signIn("hl-agent", password: "role-boundary-1"), .agent: try client.signIn("agent"),
                   .staffElsewhere: try client.signIn("staff-nord", password: "role-boundary-1"),
                   .staff: try client.signIn("staff-mitte"), .admin: try client.signIn("admin")]
        let tomorrow = DemoServer.adding(days: 1, to: server.date)
        starts = try client.slotStarts(office: "buergerbuero-mitte", date: server.date)
            + client.slotStarts(office: "buergerbuero-mitte", date: tomorrow)
    }

    override func tearDown() {
        server?.stop()
    }

    func headers(_ who: Who) -> [(String, String)] {
        cookies[who].map { [("Cookie", $0)] } ?? []
    }

    /// A booking at Bürgerbüro Mitte made online, on the first start that still takes one.
    func freshBooking() throws -> String {
        while let start = starts.first {
            person += 1
            let response = try client.post("/api/v1/bookings", json: APIClient.bookingBody(
                office: "buergerbuero-mitte", start: start, name: "Rolle \(person)", email: "rolle\(person)@example.org"))
            if response.status == 201 { return try XCTUnwrap((response.object["booking"] as? [String: Any])?["code"] as? String) }
            XCTAssertEqual(response.status, 409, response.text)
            starts.removeFirst()
        }
        throw RawClient.Failure(description: "no start left at buergerbuero-mitte")
    }

    /// A start at Mitte that takes an online booking now: the latest of
    /// tomorrow, away from the starts `freshBooking` uses up.
    func freeStart() throws -> String {
        try XCTUnwrap(client.slotStarts(office: "buergerbuero-mitte", date: DemoServer.adding(days: 1, to: server.date)).last)
    }

    func freshCallback() throws -> String {
        let response = try client.post("/api/v1/callbacks", json: ["officeId": "buergerbuero-mitte", "name": "Rolle",
                                                                   "phone": "0471 1234567", "topic": "Rückruf", "note": ""],
                                       headers: headers(.agent))
        return try XCTUnwrap(response.object["id"] as? String, response.text)
    }

    func freshMemo() throws -> String {
        let response = try client.post("/api/v1/memos", json: ["officeId": "buergerbuero-mitte", "subject": "Rolle", "text": "Vermerk"],
                                       headers: headers(.agent))
        return try XCTUnwrap(response.object["id"] as? String, response.text)
    }

    static func expect(_ anonymous: Int, _ agentElsewhere: Int, _ agent: Int, _ staffElsewhere: Int, _ staff: Int,
                       _ admin: Int) -> [Who: Int] {
        [.anonymous: anonymous, .agentElsewhere: agentElsewhere, .agent: agent, .staffElsewhere: staffElsewhere, .staff: staff,
         .admin: admin]
    }

    func rules() throws -> [String: Rule] {
        let shared = try freshBooking()
        let mitte = "/api/v1/offices/buergerbuero-mitte"
        let date = server.date
        let selection: () throws -> [String: Any] = { [self] in
            ["officeId": "buergerbuero-mitte", "services": [["id": "personalausweis", "quantity": 1]], "start": try freeStart()]
        }
        // A code opens a booking only to who may see it; to others it does not exist (404), so codes cannot be probed.
        let byCode = Self.expect(404, 404, 200, 404, 200, 200)
        let staffOnly = Self.expect(401, 403, 403, 403, 200, 200)
        let filers = Self.expect(401, 403, 201, 403, 403, 201)
        return [
            "GET /api/v1/session": Rule(expected: Self.expect(401, 200, 200, 200, 200, 200)) { _ in Call(method: "GET", path: "/api/v1/session") },
            "GET /api/v1/bookings": Rule(expected: Self.expect(401, 200, 200, 200, 200, 200),
                                         call: { _ in Call(method: "GET", path: "/api/v1/bookings?query=\(shared)") },
                                         check: { who, response in
                                             let found = (response.object["bookings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
                                             let sees = [.agent, .staff, .admin].contains(who)
                                             XCTAssertEqual(found, sees ? [shared] : [], "search as \(who) stays inside its scope")
                                         }),
            "GET /api/v1/bookings/:code": Rule(expected: byCode) { _ in Call(method: "GET", path: "/api/v1/bookings/\(shared)") },
            "GET /api/v1/bookings/:code/calendar.ics": Rule(expected: byCode) { _ in
                Call(method: "GET", path: "/api/v1/bookings/\(shared)/calendar.ics")
            },
            "POST /api/v1/bookings/:code/cancel": Rule(expected: byCode) { [self] _ in
                Call(method: "POST", path: "/api/v1/bookings/\(try freshBooking())/cancel", json: [String: Any]())
            },
            "POST /api/v1/bookings/:code/reschedule": Rule(expected: byCode) { [self] _ in
                let code = try freshBooking()
                let target = try XCTUnwrap(starts.dropFirst().first)
                return Call(method: "POST", path: "/api/v1/bookings/\(code)/reschedule", json: ["start": target])
            },
            "GET /api/v1/bookings/:code/history": Rule(expected: Self.expect(401, 403, 403, 404, 200, 200)) { _ in
                Call(method: "GET", path: "/api/v1/bookings/\(shared)/history")
            },
            "GET /api/v1/offices/:officeId/schedule": Rule(expected: staffOnly) { _ in
                Call(method: "GET", path: "\(mitte)/schedule?date=\(date)")
            },
            // Anyone books online; signed in, only for offices of one's own scope.
            "POST /api/v1/holds": Rule(expected: Self.expect(201, 403, 201, 403, 201, 201)) { _ in
                Call(method: "POST", path: "/api/v1/holds", json: try selection())
            },
            "POST /api/v1/bookings": Rule(expected: Self.expect(201, 403, 201, 403, 201, 201)) { [self] _ in
                person += 1
                var body = try selection()
                body["contact"] = ["name": "Rolle \(person)", "email": "rolle\(person)@example.org"]
                return Call(method: "POST", path: "/api/v1/bookings", json: body)
            },
            "POST /api/v1/callbacks": Rule(expected: filers) { _ in
                Call(method: "POST", path: "/api/v1/callbacks", json: ["officeId": "buergerbuero-mitte", "name": "Rolle",
                                                                       "phone": "0471 1234567", "topic": "Rückruf", "note": ""])
            },
            "GET /api/v1/offices/:officeId/callbacks": Rule(expected: staffOnly) { _ in Call(method: "GET", path: "\(mitte)/callbacks") },
            "POST /api/v1/callbacks/:id/done": Rule(expected: staffOnly) { [self] _ in
                Call(method: "POST", path: "/api/v1/callbacks/\(try freshCallback())/done", json: ["note": "erledigt"])
            },
            "POST /api/v1/memos": Rule(expected: filers) { _ in
                Call(method: "POST", path: "/api/v1/memos", json: ["officeId": "buergerbuero-mitte", "subject": "S", "text": "T"])
            },
            "GET /api/v1/offices/:officeId/memos": Rule(expected: staffOnly) { _ in Call(method: "GET", path: "\(mitte)/memos") },
            "POST /api/v1/memos/:id/done": Rule(expected: staffOnly) { [self] _ in
                Call(method: "POST", path: "/api/v1/memos/\(try freshMemo())/done", json: [String: Any]())
            },
            "GET /api/v1/admin/accounts": Rule(expected: adminsOnly(200)) { _ in Call(method: "GET", path: "/api/v1/admin/accounts") },
            "POST /api/v1/admin/accounts": Rule(expected: adminsOnly(201)) { who in
                Call(method: "POST", path: "/api/v1/admin/accounts", json: ["username": "rb-\(who.rawValue)", "password": "role-boundary-1",
                                                                           "role": "staff", "officeIds": ["buergerbuero-mitte"]])
            },
            "POST /api/v1/admin/accounts/:username/disable": Rule(expected: adminsOnly(200)) { [self] who in
                Call(method: "POST", path: "/api/v1/admin/accounts/\(try freshAccount(who))/disable", json: [String: Any]())
            },
            "POST /api/v1/admin/accounts/:username/enable": Rule(expected: adminsOnly(200)) { [self] who in
                Call(method: "POST", path: "/api/v1/admin/accounts/\(try freshAccount(who))/enable", json: [String: Any]())
            },
            "POST /api/v1/admin/accounts/:username/password": Rule(expected: adminsOnly(204)) { [self] who in
                Call(method: "POST", path: "/api/v1/admin/accounts/\(try freshAccount(who))/password", json: ["password": "role-boundary-2"])
            },
        ]
    }

    /// Accounts are the admins' alone (a scoped admin's reach: AccountAdministrationAPITests).
    func adminsOnly(_ success: Int) -> [Who: Int] { Self.expect(401, 403, 403, 403, 403, success) }

    /// A staff account made by the admin for one caller to try, so a
    /// disabled or changed account is never one the other rows sign in as.
    func freshAccount(_ who: Who) throws -> String {
        person += 1
        let username = "rb-\(who.rawValue)-\(person)"
        let response = try client.post("/api/v1/admin/accounts", json: ["username": username, "password": "role-boundary-1", "role": "staff",
                                                                        "officeIds": ["buergerbuero-nord"]], headers: headers(.admin))
        XCTAssertEqual(response.status, 201, response.text)
        return username
    }

    /// A request to a route without a row: Bürgerbüro Mitte for an office,
    /// a Mitte booking for a code, a made-up value for any other parameter,
    /// `{}` as the body of a POST, PUT or PATCH.
    static func outsiderCall(_ route: String, code: String) -> Call {
        let parts = route.split(separator: " ", maxSplits: 1).map(String.init)
        let path = parts[1].split(separator: "/", omittingEmptySubsequences: false).map { segment -> String in
            switch segment {
            case ":officeId": "buergerbuero-mitte"
            case ":code": code
            default: segment.hasPrefix(":") || segment.hasPrefix("*") ? "x1" : String(segment)
            }
        }.joined(separator: "/")
        return Call(method: parts[0], path: path, json: ["POST", "PUT", "PATCH"].contains(parts[0]) ? [String: Any]() : nil)
    }

    /// The application's routes, from an instance of its own (the same code the executable runs).
    static func apiRoutes() throws -> [String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tb-roles-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = Application.Configuration(databasePath: folder.appendingPathComponent("t.sqlite").path,
                                                      publicDirectory: ServerProcess.packageRoot.appendingPathComponent("Public").path)
        configuration.seedDemoData = false
        let application = try Application(configuration)
        defer { application.close() }
        return application.router.routes.map(\.description).filter { $0.contains(" /api/") }
    }

    func testEveryEndpointChecksItsRole() throws {
        let rules = try rules()
        let routes = try Self.apiRoutes()
        for key in rules.keys { XCTAssertTrue(routes.contains(key), "a rule for \(key), which is not a route") }
        let code = try freshBooking()
        for route in routes where rules[route] == nil && !Self.publicRoutes.contains(route) {
            let call = Self.outsiderCall(route, code: code)
            for who in [Who.anonymous, .agentElsewhere, .staffElsewhere] {
                let response = try client.send(call.method, call.path, body: call.json.map { _ in Array("{}".utf8) },
                                               headers: headers(who) + (call.json == nil ? [] : [("Content-Type", "application/json")]))
                XCTAssertTrue([401, 403, 404].contains(response.status),
                              "\(route) as \(who.rawValue), outside the office's scope: \(response.status) \(response.text.prefix(200)) "
                              + "(if the route is public, list it in publicRoutes; give it a row in rules() for exact answers)")
            }
        }
        for (route, rule) in rules.sorted(by: { $0.key < $1.key }) {
            for who in Who.allCases {
                let call = try rule.call(who)
                let body = try call.json.map { [UInt8](try JSONSerialization.data(withJSONObject: $0)) }
                let response = try client.send(call.method, call.path, body: body,
                                               headers: headers(who) + (body == nil ? [] : [("Content-Type", "application/json")]))
                let expected = rule.expected[who]!
                XCTAssertEqual(response.status, expected, "\(route) as \(who.rawValue): \(response.text.prefix(300))")
                if expected >= 400 && response.status == expected { assertProblem(response, expected, "\(route) as \(who.rawValue)") }
                rule.check?(who, response)
            }
        }
    }

    /// The other side of the boundary: the Lübeck agent and the Nord clerk
    /// do their work in their own places.
    func testEachScopeWorksInsideItself() throws {
        let lorenz = "stadtteilbuero-luebeck-st-lorenz"
        let filed = try client.post("/api/v1/callbacks", json: ["officeId": lorenz, "name": "Lübecker", "phone": "0451 1234567",
                                                                "topic": "Ummeldung", "note": ""], headers: headers(.agentElsewhere))
        XCTAssertEqual(filed.status, 201, filed.text)
        XCTAssertEqual(try client.post("/api/v1/memos", json: ["officeId": lorenz, "subject": "S", "text": "T"], headers: headers(.agent))
                           .status, 201, "the demo agent answers for both municipalities")
        let nord = try client.post("/api/v1/memos", json: ["officeId": "buergerbuero-nord", "subject": "Für Nord", "text": "T"],
                                   headers: headers(.agent))
        XCTAssertEqual(nord.status, 201)
        let id = try XCTUnwrap(nord.object["id"] as? String)
        assertProblem(try client.send("POST", "/api/v1/memos/\(id)/done", headers: headers(.staff)), 403, "Mitte's clerk, Nord's memo")
        XCTAssertEqual(try client.send("POST", "/api/v1/memos/\(id)/done", headers: headers(.staffElsewhere)).status, 200)
        let day = DemoServer.adding(days: 1, to: server.date)
        let slots = try client.get("/api/v1/offices/\(lorenz)/slots?services=personalausweis&date=\(day)", headers: headers(.agentElsewhere))
        let start = try XCTUnwrap((slots.object["slots"] as? [[String: Any]])?.first?["start"] as? String, slots.text)
        let booked = try client.post("/api/v1/bookings", json: APIClient.bookingBody(office: lorenz, start: start, name: "Lübeck Anruf",
                                                                                     phone: "0451 7654321"), headers: headers(.agentElsewhere))
        XCTAssertEqual(booked.status, 201, booked.text)
        let code = try XCTUnwrap((booked.object["booking"] as? [String: Any])?["code"] as? String)
        XCTAssertEqual(try client.get("/api/v1/bookings/\(code)", headers: headers(.agentElsewhere)).status, 200)
        XCTAssertEqual(try client.get("/api/v1/bookings/\(code)", headers: headers(.staff)).status, 404, "Mitte's clerk does not see Lübeck")
    }
}
