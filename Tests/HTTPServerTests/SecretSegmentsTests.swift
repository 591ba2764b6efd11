import XCTest
@testable import HTTPServer

/// What the logs write of a request's path: a route's declared secret
/// parameters redacted, everything else as received.
final class SecretSegmentsTests: XCTestCase {
    /// What the access log writes (from the match) and what a handler's
    /// request says (`HTTPRequest.loggedPath`, for error lines); they agree.
    func loggedPath(_ router: Router, _ path: String) -> String? {
        guard case .matched(let match) = router.resolve(.get, path: path[...]) else { return nil }
        let seen = try? router.respond(to: HTTPRequest(head: HTTPRequestHead(method: .get, target: path + "?q=1", headers: ["Host": "x"])))
        let logged = String(match.loggedPath(path[...]))
        XCTAssertEqual(seen.flatMap { if case .bytes(let b) = $0.body { String(decoding: b, as: UTF8.self) } else { nil } }, logged)
        return logged
    }

    func testSecretParametersAreRedactedWhereverTheyStand() {
        let builder = RouterBuilder()
        let handler: Handler = { request in .text(String(request.loggedPath)) }
        builder.get("/feeds/:file", options: RouteOptions(secretParameters: ["file"]), handler)
        builder.get("/invite/:token/accept/:step", options: RouteOptions(secretParameters: ["token"]), handler)
        builder.get("/offices/:officeId/days", handler)
        let router = builder.build()
        XCTAssertEqual(loggedPath(router, "/feeds/abcDEF-_0123456789abcdefghijklmnopqrstuvwx.ics"), "/feeds/…redacted….ics")
        XCTAssertEqual(loggedPath(router, "/feeds/secret"), "/feeds/…redacted…")
        XCTAssertEqual(loggedPath(router, "/feeds/se.cret.extension"), "/feeds/…redacted…", "only a short extension stays")
        XCTAssertEqual(loggedPath(router, "/feeds/%73ecret.ics"), "/feeds/…redacted….ics", "encoded as received, redacted all the same")
        XCTAssertEqual(loggedPath(router, "/invite/s3cr3t/accept/2"), "/invite/…redacted…/accept/2")
        XCTAssertEqual(loggedPath(router, "/offices/buergerbuero-mitte/days"), "/offices/buergerbuero-mitte/days")
    }
}
