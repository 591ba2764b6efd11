import XCTest
@testable import HTTPServer

/// Routes by method and path: literals, `:parameters`, `*wildcards`, 404,
/// 405 with `Allow`, and middleware around all of it.
final class RouterTests: XCTestCase {
    /// A handler that names itself and its parameters in the body.
    static func named(_ name: String) -> Handler {
        { request in
            let parameters = request.pathParameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            return .text(([name] + parameters).joined(separator: " "))
        }
    }

    func respond(_ router: Router, _ method: HTTPMethod, _ target: String) throws -> HTTPResponse {
        try router.respond(to: HTTPRequest(head: HTTPRequestHead(method: method, target: target, headers: ["Host": "x"])))
    }

    func body(_ response: HTTPResponse) -> String {
        guard case .bytes(let bytes) = response.body else { return "<chunks>" }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The body of a 200 answer, or the status code as text.
    func answer(_ router: Router, _ method: HTTPMethod, _ target: String) throws -> String {
        let response = try respond(router, method, target)
        return response.status == .ok ? body(response) : "\(response.status.code)"
    }

    func answer(_ router: Router, _ target: String) throws -> String {
        try answer(router, .get, target)
    }

    func testLiteralParameterAndWildcardRoutes() throws {
        let builder = RouterBuilder()
        builder.get("/", Self.named("root"))
        builder.get("/health", Self.named("health"))
        builder.get("/users/:id", Self.named("user"))
        builder.get("/users/:id/bookings/:booking", Self.named("booking"))
        builder.get("/files/*path", Self.named("files"))
        let router = builder.build()
        XCTAssertEqual(try answer(router, "/"), "root")
        XCTAssertEqual(try answer(router, "/health"), "health")
        XCTAssertEqual(try answer(router, "/health?verbose=1"), "health")
        XCTAssertEqual(try answer(router, "/users/42"), "user id=42")
        XCTAssertEqual(try answer(router, "/users/42/bookings/7"), "booking booking=7 id=42")
        XCTAssertEqual(try answer(router, "/files/a/b/c.txt"), "files path=a/b/c.txt")
        XCTAssertEqual(try answer(router, "/files/"), "files path=")
        XCTAssertEqual(try answer(router, "/files"), "404")
    }

    func testParametersArePercentDecodedAndWildcardsAreNot() throws {
        let builder = RouterBuilder()
        builder.get("/users/:name", Self.named("user"))
        builder.get("/files/*path", Self.named("files"))
        let router = builder.build()
        XCTAssertEqual(try answer(router, "/users/J%C3%BCrgen%20M%2F1"), "user name=Jürgen M/1")
        XCTAssertEqual(try answer(router, "/users/a+b"), "user name=a+b")
        XCTAssertEqual(try answer(router, "/users/%zz"), "404", "malformed escape")
        XCTAssertEqual(try answer(router, "/users/%FF"), "404", "not UTF-8")
        XCTAssertEqual(try answer(router, "/users/"), "404", "empty parameter")
        XCTAssertEqual(try answer(router, "/files/a%2Fb/%2e%2e"), "files path=a%2Fb/%2e%2e")
        if case .matched(let match) = router.resolve(.get, path: "/users/%41") {
            XCTAssertEqual(match.parameters, ["name": "A"])
        } else {
            XCTFail("expected a match")
        }
    }

    func testLiteralBeatsParameterAndWildcard() throws {
        let builder = RouterBuilder()
        builder.get("/users/new", Self.named("new"))
        builder.get("/users/:id", Self.named("user"))
        builder.get("/users/*rest", Self.named("rest"))
        let router = builder.build()
        XCTAssertEqual(try answer(router, "/users/new"), "new")
        XCTAssertEqual(try answer(router, "/users/old"), "user id=old")
        XCTAssertEqual(try answer(router, "/users/old/more"), "rest rest=old/more")
        XCTAssertEqual(try answer(router, "/users/new/more"), "rest rest=new/more")
    }

    /// A literal branch that leads nowhere gives way to the parameter.
    func testFallsBackFromLiteralToParameter() throws {
        let builder = RouterBuilder()
        builder.get("/a/b/c", Self.named("literal"))
        builder.get("/a/:x/d", Self.named("parameter"))
        builder.get("/users/export/csv", Self.named("export"))
        builder.get("/users/:id", Self.named("user"))
        let router = builder.build()
        XCTAssertEqual(try answer(router, "/a/b/c"), "literal")
        XCTAssertEqual(try answer(router, "/a/b/d"), "parameter x=b")
        XCTAssertEqual(try answer(router, "/users/export/csv"), "export")
        XCTAssertEqual(try answer(router, "/users/export"), "user id=export")
        XCTAssertEqual(try answer(router, "/users/export/pdf"), "404")
    }

    /// … and a parameter branch that leads nowhere gives way to the wildcard.
    func testFallsBackFromParameterToWildcard() throws {
        let builder = RouterBuilder()
        builder.get("/docs/:id/edit", Self.named("edit"))
        builder.get("/docs/*rest", Self.named("rest"))
        let router = builder.build()
        XCTAssertEqual(try answer(router, "/docs/5/edit"), "edit id=5")
        XCTAssertEqual(try answer(router, "/docs/5"), "rest rest=5")
        XCTAssertEqual(try answer(router, "/docs/5/view"), "rest rest=5/view")
    }

    func testUnknownPathIs404() throws {
        let builder = RouterBuilder()
        builder.get("/a/b", Self.named("ab"))
        let router = builder.build()
        for target in ["/", "/a", "/b", "/a/b/c", "/A/B", "*", "", "//a/b"] {
            let response = try respond(router, .get, target)
            XCTAssertEqual(response.status, .notFound, target)
            XCTAssertEqual(body(response), "404 Not Found\n")
            XCTAssertNil(response.headers["Allow"])
        }
    }

    func testAnUnknownPathIsAnsweredByItsHandlerThroughTheMiddleware() throws {
        let builder = RouterBuilder()
        builder.use(Self.tagging("mw"))
        builder.get("/a", Self.named("a"))
        builder.unknownPath { request in HTTPResponse(status: .notFound, contentType: "text/html", body: Array("no \(request.path)".utf8)) }
        let router = builder.build()
        for (method, target) in [(HTTPMethod.get, "/nope"), (.post, "/a/b"), (.head, "/nope")] {
            let response = try respond(router, method, target)
            XCTAssertEqual(response.status, .notFound, target)
            XCTAssertEqual(body(response), "no \(target)")
            XCTAssertEqual(response.headers.values("X-Out"), ["mw"])
        }
        XCTAssertEqual(try respond(router, .delete, "/a").status, .methodNotAllowed, "a known path keeps its 405")
        XCTAssertEqual(try answer(router, "/a"), "a")
    }

    func testTrailingSlashIsDistinct() throws {
        let builder = RouterBuilder()
        builder.get("/a", Self.named("a"))
        builder.get("/b/", Self.named("b/"))
        let router = builder.build()
        XCTAssertEqual(try answer(router, "/a"), "a")
        XCTAssertEqual(try answer(router, "/a/"), "404")
        XCTAssertEqual(try answer(router, "/b/"), "b/")
        XCTAssertEqual(try answer(router, "/b"), "404")
    }

    func testMethodNotAllowedListsAllowedMethods() throws {
        let builder = RouterBuilder()
        builder.get("/x", Self.named("get"))
        builder.post("/x", Self.named("post"))
        builder.post("/form", Self.named("form"))
        builder.add(.head, "/both", Self.named("head"))
        builder.get("/both", Self.named("get"))
        let router = builder.build()
        let response = try respond(router, .delete, "/x")
        XCTAssertEqual(response.status, .methodNotAllowed)
        XCTAssertEqual(response.headers.values("Allow"), ["GET, HEAD, POST"])
        XCTAssertEqual(body(response), "405 Method Not Allowed\n")
        XCTAssertEqual(try respond(router, .get, "/form").headers["Allow"], "POST")
        XCTAssertEqual(try respond(router, .head, "/form").status, .methodNotAllowed)
        XCTAssertEqual(try respond(router, .put, "/both").headers["Allow"], "GET, HEAD")
        guard case .methodNotAllowed(let allow) = router.resolve(.patch, path: "/x") else { return XCTFail("expected 405") }
        XCTAssertEqual(allow, [.get, .head, .post])
    }

    func testHEADIsServedByTheGETHandler() throws {
        let builder = RouterBuilder()
        builder.get("/page") { request in .text("GET handler saw \(request.method)") }
        builder.get("/own", Self.named("get"))
        builder.add(.head, "/own", Self.named("head"))
        let router = builder.build()
        XCTAssertEqual(try answer(router, .head, "/page"), "GET handler saw HEAD")
        XCTAssertEqual(try answer(router, .head, "/own"), "head")
        XCTAssertEqual(try answer(router, .get, "/own"), "get")
    }

    func testResolveCarriesTheRouteOptions() {
        let builder = RouterBuilder()
        builder.post("/upload", options: RouteOptions(maxBodyBytes: 123, runsOnEventLoop: true), Self.named("u"))
        builder.get("/plain", Self.named("p"))
        let router = builder.build()
        guard case .matched(let upload) = router.resolve(.post, path: "/upload") else { return XCTFail("expected a match") }
        XCTAssertEqual(upload.options.maxBodyBytes, 123)
        XCTAssertTrue(upload.options.runsOnEventLoop)
        guard case .matched(let plain) = router.resolve(.get, path: "/plain") else { return XCTFail("expected a match") }
        XCTAssertNil(plain.options.maxBodyBytes)
        XCTAssertFalse(plain.options.runsOnEventLoop)
        guard case .notFound = router.resolve(.get, path: "/nope") else { return XCTFail("expected 404") }
    }

    /// Middleware `tag` marks the request on the way in and the response on the way out.
    static func tagging(_ tag: String) -> Middleware {
        { request, next in
            var request = request
            request.head.headers.add("X-In", tag)
            var response = try next(request)
            response.headers.add("X-Out", tag)
            return response
        }
    }

    func testMiddlewareOrderFirstAddedIsOutermost() throws {
        let builder = RouterBuilder()
        builder.use(Self.tagging("first"))
        builder.use(Self.tagging("second"))
        builder.get("/x") { request in .text(request.headers.values("X-In").joined(separator: ",")) }
        let router = builder.build()
        let response = try respond(router, .get, "/x")
        XCTAssertEqual(body(response), "first,second")
        XCTAssertEqual(response.headers.values("X-Out"), ["second", "first"])
    }

    func testMiddlewareWrapsRouterAnswers() throws {
        let builder = RouterBuilder()
        builder.use(Self.tagging("mw"))
        builder.post("/x", Self.named("x"))
        let router = builder.build()
        let notFound = try respond(router, .get, "/nope")
        XCTAssertEqual(notFound.status, .notFound)
        XCTAssertEqual(notFound.headers.values("X-Out"), ["mw"])
        let notAllowed = try respond(router, .get, "/x")
        XCTAssertEqual(notAllowed.status, .methodNotAllowed)
        XCTAssertEqual(notAllowed.headers.values("X-Out"), ["mw"])
        // Answers to requests refused by the parser go through it too.
        let refused = router.answer(status: .uriTooLong, head: nil)
        XCTAssertEqual(refused.status, .uriTooLong)
        XCTAssertEqual(refused.headers.values("X-Out"), ["mw"])
        // The matched handler, called as the event loop calls it, is wrapped as well.
        guard case .matched(let match) = router.resolve(.post, path: "/x") else { return XCTFail("expected a match") }
        XCTAssertEqual(try match.handler(HTTPRequest(head: HTTPRequestHead(method: .post, target: "/x"))).headers.values("X-Out"), ["mw"])
    }

    func testMiddlewareCanAnswerWithoutCallingTheHandler() throws {
        let builder = RouterBuilder()
        builder.use { request, next in
            request.headers["Authorization"] == nil ? .plain(.unauthorized) : try next(request)
        }
        builder.get("/secret", Self.named("secret"))
        let router = builder.build()
        XCTAssertEqual(try respond(router, .get, "/secret").status, .unauthorized)
        let allowed = HTTPRequest(head: HTTPRequestHead(method: .get, target: "/secret", headers: ["Authorization": "x"]))
        XCTAssertEqual(body(try router.respond(to: allowed)), "secret")
    }
}
