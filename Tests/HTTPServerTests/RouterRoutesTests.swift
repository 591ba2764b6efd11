import XCTest
@testable import HTTPServer

/// `Router.routes`: what a router serves, as registered.
final class RouterRoutesTests: XCTestCase {
    func testRoutesListEveryMethodAndPatternAsRegistered() {
        let builder = RouterBuilder()
        builder.get("/") { _ in .text("home") }
        builder.get("/api/v1/offices/:officeId/days") { _ in .text("") }
        builder.get("/api/v1/offices/:officeId") { _ in .text("") }
        builder.post("/api/v1/bookings") { _ in .text("") }
        builder.get("/api/v1/bookings") { _ in .text("") }
        builder.delete("/api/v1/holds/:holdId") { _ in .text("") }
        builder.get("/static/*path") { _ in .text("") }
        builder.get("/termin/") { _ in .text("") }
        let routes = builder.build().routes.map(\.description)
        XCTAssertEqual(routes, [
            "GET /",
            "GET /api/v1/bookings",
            "POST /api/v1/bookings",
            "DELETE /api/v1/holds/:holdId",
            "GET /api/v1/offices/:officeId",
            "GET /api/v1/offices/:officeId/days",
            "GET /static/*path",
            "GET /termin/",
        ])
    }
}
