import Foundation
import XCTest

/// Accounts under `/api/v1/admin/accounts` against the real server
/// (docs/api.md, "Accounts"): an admin creates an account, which signs in;
/// a new password ends its session; disabled it cannot sign in, enabled it
/// can again. A scoped admin reaches its municipalities' accounts only.
final class AccountAdministrationAPITests: SharedDemoServerTestCase {
    var server: DemoServer!
    var client: APIClient!
    var admin: [(String, String)] = []

    override func setUpWithError() throws {
        server = try sharedServer
        client = APIClient(port: server.port)
        admin = [("Cookie", try client.signIn("admin"))]
    }

    func testCreateSignInNewPasswordDisableEnable() throws {
        let body: [String: Any] = ["username": "k.albers", "displayName": "Kim Albers", "password": "Korrekt-Pferd-7",
                                   "role": "staff", "officeIds": ["buergerbuero-nord"]]
        let created = try client.post("/api/v1/admin/accounts", json: body, headers: admin + [("Idempotency-Key", "new-k-albers")])
        XCTAssertEqual(created.status, 201, created.text)
        XCTAssertEqual(created.object["username"] as? String, "k.albers")
        XCTAssertEqual(created.object["officeIds"] as? [String], ["buergerbuero-nord"])
        XCTAssertEqual(created.object["disabled"] as? Bool, false)
        XCTAssertNil(created.object["password"])
        let again = try client.post("/api/v1/admin/accounts", json: body, headers: admin + [("Idempotency-Key", "new-k-albers")])
        XCTAssertEqual(again.status, 201, "the retry answers the first account: \(again.text)")
        assertProblem(try client.post("/api/v1/admin/accounts", json: body, headers: admin), 409, "taken without the key")
        var other = body
        other["username"] = "k.albers-2"
        let reused = try client.post("/api/v1/admin/accounts", json: other, headers: admin + [("Idempotency-Key", "new-k-albers")])
        assertProblem(reused, 422, "the key with another body")
        XCTAssertEqual(reused.object["type"] as? String, "https://terminbuch.example/problems/idempotency-conflict", reused.text)
        let listed = try client.get("/api/v1/admin/accounts", headers: admin)
        XCTAssertEqual((listed.object["accounts"] as? [[String: Any]] ?? []).filter { $0["username"] as? String == "k.albers" }.count, 1)

        let session = [("Cookie", try client.signIn("k.albers", password: "Korrekt-Pferd-7"))]
        XCTAssertEqual(try client.get("/api/v1/session", headers: session).status, 200)

        let changed = try client.post("/api/v1/admin/accounts/k.albers/password", json: ["password": "Neues-Pferd-8"], headers: admin)
        XCTAssertEqual(changed.status, 204, changed.text)
        assertProblem(try client.get("/api/v1/session", headers: session), 401, "the old session has ended")
        let fresh = [("Cookie", try client.signIn("k.albers", password: "Neues-Pferd-8"))]

        let disabled = try client.post("/api/v1/admin/accounts/k.albers/disable", json: [String: Any](), headers: admin)
        XCTAssertEqual(disabled.status, 200, disabled.text)
        XCTAssertEqual(disabled.object["disabled"] as? Bool, true)
        assertProblem(try client.get("/api/v1/session", headers: fresh), 401, "disabling ends the session")
        assertProblem(try client.post("/api/v1/session", json: ["username": "k.albers", "password": "Neues-Pferd-8"]), 401,
                      "a disabled account is refused")

        let enabled = try client.post("/api/v1/admin/accounts/k.albers/enable", json: [String: Any](), headers: admin)
        XCTAssertEqual(enabled.object["disabled"] as? Bool, false, enabled.text)
        XCTAssertNoThrow(try client.signIn("k.albers", password: "Neues-Pferd-8"))
    }

    /// Bad bodies are problems naming their field; nothing is written.
    func testBadInputIsAProblemNamingTheField() throws {
        let cases: [(String, [String: Any], Int, String?)] = [
            ("short password", ["username": "x1", "password": "kurz", "role": "staff", "officeIds": ["buergerbuero-mitte"]], 422, "password"),
            ("bad username", ["username": "a b", "password": "long-enough-1", "role": "staff", "officeIds": ["buergerbuero-mitte"]], 422, "username"),
            ("admin role", ["username": "x2", "password": "long-enough-1", "role": "admin"], 422, "role"),
            ("staff without office", ["username": "x3", "password": "long-enough-1", "role": "staff"], 422, "role"),
            ("unknown office", ["username": "x4", "password": "long-enough-1", "role": "staff", "officeIds": ["nowhere"]], 422, "officeIds"),
            ("wrong type", ["username": 7, "password": "long-enough-1", "role": "agent", "municipalityIds": ["luebeck"]], 422, "username"),
        ]
        for (label, body, status, field) in cases {
            assertProblem(try client.post("/api/v1/admin/accounts", json: body, headers: admin), status, field: field, label)
        }
        let several = try client.post("/api/v1/admin/accounts", json: ["username": "a b", "password": "kurz", "role": "agent"], headers: admin)
        assertProblem(several, 422, field: "username")
        XCTAssertEqual(Set((several.object["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }),
                       ["username", "password", "role"], "every wrong field at once")
        let names = try sqliteRows(server.databasePath, "SELECT username FROM accounts WHERE username LIKE 'x%'")
        XCTAssertEqual(names, [])
        assertProblem(try client.post("/api/v1/admin/accounts/admin/disable", json: [String: Any](), headers: admin), 409,
                      "an admin does not disable itself")
        assertProblem(try client.post("/api/v1/admin/accounts/nobody/enable", json: [String: Any](), headers: admin), 404)
    }

    /// A scoped admin (Lübeck) sees and changes Lübeck's accounts only:
    /// Bremerhaven's are not found, and a new one there is forbidden.
    func testScopedAdminReachesItsMunicipalitiesOnly() throws {
        let added = try UserCommandTests.terminbuch(["user", "add", "--username", "hl-admin", "--role", "admin", "--municipality", "luebeck",
                                                     "--database", server.databasePath], input: "long-enough-1\n")
        XCTAssertEqual(added.status, 0, "`terminbuch user` makes a scoped admin: \(added.errors)")
        let scoped = [("Cookie", try client.signIn("hl-admin", password: "long-enough-1"))]
        let agent: [String: Any] = ["username": "hl-agent", "password": "long-enough-1", "role": "agent", "municipalityIds": ["luebeck"]]
        XCTAssertEqual(try client.post("/api/v1/admin/accounts", json: agent, headers: scoped).status, 201)
        let listed = try client.get("/api/v1/admin/accounts", headers: scoped)
        XCTAssertEqual((listed.object["accounts"] as? [[String: Any]] ?? []).compactMap { $0["username"] as? String }, ["hl-agent"])
        assertProblem(try client.post("/api/v1/admin/accounts/staff-mitte/disable", json: [String: Any](), headers: scoped), 404)
        assertProblem(try client.post("/api/v1/admin/accounts/staff-mitte/password", json: ["password": "long-enough-2"], headers: scoped), 404)
        let beyond: [String: Any] = ["username": "hb-staff", "password": "long-enough-1", "role": "staff", "officeIds": ["buergerbuero-mitte"]]
        assertProblem(try client.post("/api/v1/admin/accounts", json: beyond, headers: scoped), 403)
        XCTAssertEqual(try client.post("/api/v1/admin/accounts/hl-agent/disable", json: [String: Any](), headers: scoped).status, 200)
        let list = try UserCommandTests.terminbuch(["user", "list", "--database", server.databasePath])
        let line = try XCTUnwrap(list.output.split(separator: "\n").first { $0.hasPrefix("hl-agent ") })
        XCTAssertEqual(line.split(separator: " ", omittingEmptySubsequences: true).prefix(5).joined(separator: " "),
                       "hl-agent agent municipality:luebeck no yes", "`user list` shows it disabled")
        assertProblem(try client.get("/api/v1/admin/accounts", headers: [("Cookie", try client.signIn("agent"))]), 403, "agents do not")
        assertProblem(try client.get("/api/v1/admin/accounts"), 401, "anonymous")
    }
}
