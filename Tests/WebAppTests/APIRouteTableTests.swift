import Core
import HTTPServer
@testable import WebApp
import XCTest

/// The API's route table: every route declares who may call it, and the
/// guard does what the declaration says — 401 for anonymous callers of a
/// guarded route, 403 for a signed-in role it does not name.
final class APIRouteTableTests: XCTestCase {
    func testNoAPIRouteIsRegisteredWithoutADeclaration() throws {
        let app = try APIRouterApp()
        let declared = Set(app.application.apiRoutes.map { "\($0.method) \($0.path)" })
        XCTAssertEqual(declared.count, app.application.apiRoutes.count, "each route declared once")
        let served = app.application.router.routes.filter { $0.pattern.hasPrefix("/api/") || $0.pattern.hasPrefix("/feeds/") }
        XCTAssertFalse(served.isEmpty)
        for route in served {
            XCTAssertTrue(declared.contains(route.description), "\(route) has no declared audience")
        }
        XCTAssertTrue(app.application.apiRoutes.contains { if case .roles = $0.audience { true } else { false } })
    }

    func testEveryGuardedRouteRefusesWhomItDoesNotDeclare() throws {
        let app = try APIRouterApp()
        let code = try XCTUnwrap(app.application.useCases.bookings.search("", office: "buergerbuero-mitte", date: nil, access: .anyOffice).first?.code)
        let sessions: [Account.Role: String] = [.agent: try app.session("agent"), .staff: try app.session("staff-mitte"),
                                                .admin: try app.session("admin")]
        let values = ["officeId": "buergerbuero-mitte", "code": code.value, "id": "AAAAAAAAAAAAAAAAAAAAAA", "number": "1",
                      "closureId": "closure-000000000000", "changeId": "capacity-000000000000"]
        var guarded = 0
        for route in app.application.apiRoutes {
            guard case .roles(let roles) = route.audience else { continue }
            guarded += 1
            let target = route.path.split(separator: "/", omittingEmptySubsequences: false).map { segment -> String in
                guard segment.hasPrefix(":") else { return String(segment) }
                return values[String(segment.dropFirst())] ?? "x"
            }.joined(separator: "/") + (route.path.hasSuffix("/schedule") ? "?date=2026-11-16" : "")
            let body: Any? = route.method == .get || route.method == .delete ? nil : [String: Any]()
            let anonymous = try app.send(route.method, target, json: body)
            XCTAssertEqual(anonymous.status, 401, "\(route.method) \(route.path) anonymous: \(anonymous.text.prefix(200))")
            XCTAssertEqual(anonymous.headers["Content-Type"], "application/problem+json", "\(route.method) \(route.path)")
            for role in Account.Role.allCases {
                let cookie = try XCTUnwrap(sessions[role])
                let response = try app.send(route.method, target, json: body, cookie: cookie)
                if roles.contains(role) {
                    XCTAssertNotEqual(response.status, 401, "\(route.method) \(route.path) as \(role)")
                } else {
                    XCTAssertEqual(response.status, 403, "\(route.method) \(route.path) as \(role): \(response.text.prefix(200))")
                    XCTAssertEqual(response.headers["Content-Type"], "application/problem+json")
                }
            }
        }
        XCTAssertGreaterThan(guarded, 20, "the office, desk, call-centre and session routes are guarded")
    }
}
