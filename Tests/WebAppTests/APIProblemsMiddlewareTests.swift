import Foundation
import XCTest
@testable import HTTPServer
@testable import WebApp

/// Under `/api/`, every error leaves as `application/problem+json` — the
/// router's own 404/405, the server's refusals, handler errors — and
/// nothing else is touched.
final class APIProblemsMiddlewareTests: XCTestCase {
    struct Boom: Error {}

    final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func append(_ line: String) { lock.withLock { lines.append(line) } }
        var all: [String] { lock.withLock { lines } }
    }

    let log = Log()

    func makeRouter() -> Router {
        let builder = RouterBuilder()
        let log = self.log
        builder.use(APIProblems.make(log: { log.append($0) }))
        builder.get("/api/v1/offices") { _ in .json(["offices": []]) }
        builder.post("/api/v1/holds") { _ in throw Problem.slotTaken() }
        builder.get("/api/v1/boom") { _ in throw Boom() }
        builder.get("/api/v1/plain-error") { _ in .text("nope", status: .conflict) }
        builder.get("/api/v1/limited") { _ in
            var response = HTTPResponse.text("slow down", status: .tooManyRequests)
            response.headers.set("Retry-After", "7")
            return response
        }
        builder.get("/api/v1/own-problem") { _ in Problem.slotTaken().response }
        builder.get("/pages/boom") { _ in throw Boom() }
        builder.get("/pages/missing") { _ in .text("not here", status: .notFound) }
        builder.get("/static/*path") { _ in .text("404 Not Found\n", status: .notFound) }
        return builder.build()
    }

    func respond(_ router: Router, _ method: HTTPMethod, _ target: String) throws -> HTTPResponse {
        try router.respond(to: HTTPRequest(head: HTTPRequestHead(method: method, target: target, headers: ["Host": "x"])))
    }

    func problem(_ response: HTTPResponse) throws -> JSONValue {
        XCTAssertEqual(response.headers["Content-Type"], "application/problem+json")
        XCTAssertEqual(response.headers.values("Content-Type").count, 1)
        return try JSONParser.parse(response.bodyBytes)
    }

    func testUnknownAPIPathIsAProblem() throws {
        let response = try respond(makeRouter(), .get, "/api/v1/nowhere?x=1")
        XCTAssertEqual(response.status.code, 404)
        let json = try problem(response)
        XCTAssertEqual(json["type"], "https://terminbuch.example/problems/not-found")
        XCTAssertEqual(json["status"], 404)
        XCTAssertEqual(json["title"], "Not found")
    }

    func testWrongMethodKeepsAllow() throws {
        let response = try respond(makeRouter(), .delete, "/api/v1/offices")
        XCTAssertEqual(response.status.code, 405)
        XCTAssertEqual(response.headers["Allow"], "GET, HEAD")
        let json = try problem(response)
        XCTAssertEqual(json["type"], "https://terminbuch.example/problems/method-not-allowed")
        XCTAssertEqual(json["detail"], "This resource supports GET, HEAD.")
    }

    func testServerRefusalsUnderAPIBecomeProblems() throws {
        let router = makeRouter()
        for status in [HTTPStatus.badRequest, .requestTimeout, .contentTooLarge, .uriTooLong, .requestHeaderFieldsTooLarge] {
            let head = HTTPRequestHead(method: .post, target: "/api/v1/holds", headers: ["Host": "x"])
            let response = router.answer(status: status, head: head)
            XCTAssertEqual(response.status, status)
            XCTAssertEqual(try problem(response)["status"], .number(status.code))
        }
        // Without a head (the request line itself was refused) nothing says it was the API.
        XCTAssertEqual(router.answer(status: .uriTooLong, head: nil).headers["Content-Type"], "text/plain; charset=utf-8")
    }

    func testThrownProblemsAreRendered() throws {
        let response = try respond(makeRouter(), .post, "/api/v1/holds")
        XCTAssertEqual(response.status.code, 409)
        XCTAssertEqual(try problem(response)["type"], "https://terminbuch.example/problems/slot-taken")
    }

    func testOtherErrorsBecomeALogged500() throws {
        let response = try respond(makeRouter(), .get, "/api/v1/boom")
        XCTAssertEqual(response.status.code, 500)
        XCTAssertEqual(try problem(response)["type"], "https://terminbuch.example/problems/internal")
        XCTAssertEqual(log.all.count, 1)
        XCTAssertTrue(log.all.first?.contains("/api/v1/boom") ?? false)
    }

    func testPlainErrorsFromHandlersAreReplacedKeepingHeaders() throws {
        let conflict = try respond(makeRouter(), .get, "/api/v1/plain-error")
        XCTAssertEqual(conflict.status.code, 409)
        XCTAssertEqual(try problem(conflict)["type"], "https://terminbuch.example/problems/conflict")
        let limited = try respond(makeRouter(), .get, "/api/v1/limited")
        XCTAssertEqual(limited.headers["Retry-After"], "7")
        XCTAssertEqual(try problem(limited)["status"], 429)
    }

    func testExistingProblemsAndSuccessesAreUntouched() throws {
        let router = makeRouter()
        let own = try respond(router, .get, "/api/v1/own-problem")
        XCTAssertEqual(try problem(own)["type"], "https://terminbuch.example/problems/slot-taken")
        let ok = try respond(router, .get, "/api/v1/offices")
        XCTAssertEqual(ok.status.code, 200)
        XCTAssertEqual(ok.headers["Content-Type"], "application/json")
        XCTAssertEqual(ok.bodyText, #"{"offices":[]}"#)
    }

    func testEverythingOutsideTheAPIIsLeftAlone() throws {
        let router = makeRouter()
        let staticFile = try respond(router, .get, "/static/missing.css")
        XCTAssertEqual(staticFile.status.code, 404)
        XCTAssertEqual(staticFile.headers["Content-Type"], "text/plain; charset=utf-8")
        XCTAssertEqual(staticFile.bodyText, "404 Not Found\n")
        XCTAssertEqual(try respond(router, .get, "/nowhere").headers["Content-Type"], "text/plain; charset=utf-8")
        XCTAssertEqual(try respond(router, .get, "/pages/missing").bodyText, "not here")
        XCTAssertEqual(try respond(router, .get, "/apix/v1").headers["Content-Type"], "text/plain; charset=utf-8")
        XCTAssertThrowsError(try respond(router, .get, "/pages/boom"), "the server answers its own plain 500")
        XCTAssertTrue(log.all.isEmpty)
    }
}
