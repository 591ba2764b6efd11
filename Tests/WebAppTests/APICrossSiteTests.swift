import Core
import HTTPServer
@testable import WebApp
import XCTest

/// CSRF on the API, read from the route table so that a new route is
/// probed too: every unsafe route refuses a session cookie that comes from
/// another site (403 `cross-site-request`, nothing changed), and lets the
/// same request through the check from our own origin or with a bearer token.
final class APICrossSiteTests: XCTestCase {
    static let foreign = "https://evil.example"
    /// Ways a request shows it was started elsewhere: another site, a
    /// sandboxed frame (`null`), our host under another scheme, a look-alike host.
    static let crossSite: [[(String, String)]] = [
        [("Origin", foreign)], [("Sec-Fetch-Site", "cross-site")], [("Sec-Fetch-Site", "same-site")],
        [("Origin", "null")], [("Origin", "https://localhost")], [("Origin", "http://localhost.evil.example")],
        [("Origin", foreign), ("Sec-Fetch-Site", "cross-site")],
    ]

    func unsafeRoutes(_ app: APIRouterApp) -> [APIRoutes.Declaration] {
        app.application.apiRoutes.filter { !$0.method.isSafe }
    }

    /// The route's path with its parameters filled in from the demo data.
    func target(_ route: APIRoutes.Declaration, code: String) -> String {
        let values = ["officeId": "buergerbuero-mitte", "code": code, "id": "AAAAAAAAAAAAAAAAAAAAAA", "number": "1",
                      "holdId": "AAAAAAAAAAAAAAAAAAAAAA", "closureId": "closure-000000000000", "changeId": "capacity-000000000000"]
        return route.path.split(separator: "/", omittingEmptySubsequences: false).map { segment -> String in
            guard segment.hasPrefix(":") else { return String(segment) }
            return values[String(segment.dropFirst())] ?? "x"
        }.joined(separator: "/")
    }

    func body(_ route: APIRoutes.Declaration) -> Any? { route.method == .delete ? nil : [String: Any]() }

    func someCode(_ app: APIRouterApp) throws -> String {
        try XCTUnwrap(app.application.useCases.bookings.search("", office: "buergerbuero-mitte", date: nil, access: .anyOffice)
            .first { $0.status == .confirmed }?.code.value)
    }

    /// What the unsafe routes could change, read back through safe ones.
    func state(_ app: APIRouterApp, cookie: String) throws -> [String] {
        let mitte = "/api/v1/offices/buergerbuero-mitte"
        let date = PageTestApp.monday
        return try ["/api/v1/session", "\(mitte)/schedule?date=\(date)", "\(mitte)/walk-ins?date=\(date)", "\(mitte)/queue",
                    "\(mitte)/callbacks", "\(mitte)/memos", "\(mitte)/closures", "\(mitte)/capacity-changes",
                    "\(mitte)/affected-bookings", "/api/v1/bookings?query=",
                    "\(mitte)/slots?services=personalausweis&date=\(date)"].map { path in
            let response = try app.send(.get, path, cookie: cookie)
            return "\(path) \(response.status) \(response.text)"
        } + [String(try app.application.useCases.feeds.list(office: "buergerbuero-mitte").count)]
    }

    func testEveryUnsafeRouteRefusesASessionCookieFromAnotherSite() throws {
        let app = try APIRouterApp()
        let code = try someCode(app)
        let cookie = try app.session("admin")
        let before = try state(app, cookie: cookie)
        let routes = unsafeRoutes(app)
        XCTAssertGreaterThan(routes.count, 20, "bookings, desk, feeds, call centre, office changes, session")
        for route in routes {
            for headers in Self.crossSite {
                let response = try app.send(route.method, target(route, code: code), json: body(route), cookie: cookie, headers: headers)
                XCTAssertEqual(response.status, 403, "\(route.method) \(route.path) \(headers): \(response.text.prefix(200))")
                XCTAssertEqual(response.headers["Content-Type"], "application/problem+json")
                XCTAssertEqual(response.object["type"] as? String, ProblemType.crossSiteRequest.uri, "\(route.method) \(route.path)")
            }
        }
        XCTAssertEqual(try state(app, cookie: cookie), before, "a refused request changes nothing, the session included")
    }

    func testOurOwnOriginAndBearerTokensPassTheCheck() throws {
        let app = try APIRouterApp()
        let code = try someCode(app)
        for route in unsafeRoutes(app) {
            let path = target(route, code: code)
            // A fresh session each time: a sign-out on the way must not make the rest pass unchecked.
            let ours: [[(String, String)]] = [[("Origin", "http://localhost")], [("Origin", "HTTP://LOCALHOST:80")],
                                              [("Sec-Fetch-Site", "same-origin")]]
            for headers in ours {
                let response = try app.send(route.method, path, json: body(route), cookie: try app.session("admin"), headers: headers)
                XCTAssertNotEqual(response.object["type"] as? String, ProblemType.crossSiteRequest.uri,
                                  "\(route.method) \(route.path) \(headers): \(response.status)")
            }
            let token = String(try app.session("admin").dropFirst("\(Identity.sessionCookie)=".count))
            let bearer = try app.send(route.method, path, json: body(route),
                                      headers: [("Authorization", "Bearer \(token)"), ("Origin", Self.foreign)])
            XCTAssertNotEqual(bearer.object["type"] as? String, ProblemType.crossSiteRequest.uri, "\(route.method) \(route.path) with Bearer")
            XCTAssertNotEqual(bearer.status, 401, "\(route.method) \(route.path): the bearer token signs in")
            let anonymous = try app.send(route.method, path, json: body(route), headers: [("Origin", Self.foreign)])
            XCTAssertNotEqual(anonymous.object["type"] as? String, ProblemType.crossSiteRequest.uri, "\(route.method) \(route.path) anonymous")
        }
    }

    func testTheOwnOriginFollowsTheSchemeAndHost() {
        var request = HTTPRequest(head: HTTPRequestHead(method: .post, target: "/api/v1/holds",
                                                        headers: ["Host": "termine.example:443", "Origin": "https://termine.example"]))
        XCTAssertFalse(CrossSiteRequests.isSameOrigin(request), "over http, an https origin is another origin")
        request.scheme = "https"
        XCTAssertEqual(CrossSiteRequests.ownOrigin(of: request), "https://termine.example")
        XCTAssertTrue(CrossSiteRequests.isSameOrigin(request))
        request.head.headers = ["Host": "termine.example:8443", "Origin": "https://termine.example"]
        XCTAssertFalse(CrossSiteRequests.isSameOrigin(request), "another port is another origin")
        request.head.headers = ["Origin": "https://termine.example"]
        XCTAssertFalse(CrossSiteRequests.isSameOrigin(request), "without Host there is no own origin to match")
    }
}
