import XCTest
@testable import HTTPServer

/// What the logs write of a request's path: a route's declared secret
/// parameters redacted, everything else as received.
final class SecretSegmentsTests: XCTestCase {
    func loggedPath(_ router: Router, _ path: String) -> String? {
        guard case .matched(let match) = router.resolve(.get, path: path[...]) else { return nil }
        return String(match.loggedPath(path[...]))
    }

    func testSecretParametersAreRedactedWhereverTheyStand() {
        let builder = RouterBuilder()
        let handler: Handler = { _ in .text("ok") }
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
