import Foundation
import HTTPServer

/// An HTTPServer on a free loopback port with a router of test routes.
final class TestServer: Sendable {
    let server: HTTPServer
    var port: Int { server.port }
    /// The deadlines' clock when the test moves it (then the server has one loop).
    let clock: ManualDeadlineClock?

    init(clock: ManualDeadlineClock? = nil, configure: (inout ServerConfiguration) -> Void = { _ in },
         routes: (RouterBuilder) -> Void = TestServer.defaultRoutes) throws {
        var configuration = ServerConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.eventLoops = 2
        configuration.blockingThreads = 4
        configuration.accessLog = false
        configure(&configuration)
        if let clock {
            configuration.deadlineClock = clock
            configuration.eventLoops = 1  // so that `settle()` can tell what the loop has seen
        }
        self.clock = clock
        let builder = RouterBuilder()
        routes(builder)
        server = try HTTPServer.start(configuration: configuration, router: builder.build())
    }

    func stop() {
        server.shutdown()
        server.wait()
    }

    /// Moves the deadline clock and returns once the loop has closed or
    /// answered every connection that expired by then.
    func advanceClock(milliseconds: Int64) {
        clock?.advance(milliseconds: milliseconds)
        server.checkDeadlines()
    }

    /// Returns once the one loop has taken in what every client sent before:
    /// a later client's exchange is answered after it (the listener hands out
    /// connections in order, and bytes already there are read on registration).
    func settle() throws {
        let probe = try RawClient(port: port)
        try probe.send("GET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        _ = try probe.readResponse()
    }

    static func defaultRoutes(_ builder: RouterBuilder) {
        builder.get("/hello") { _ in .text("hello") }
        builder.get("/hello/:name") { request in .text("hello \(request.parameter("name") ?? "")") }
        builder.post("/echo", options: RouteOptions(maxBodyBytes: 1024)) { request in
            HTTPResponse(status: .ok, contentType: "application/octet-stream", body: request.body)
        }
        builder.get("/slow") { request in
            let millis = Int(request.queryParameters["ms"] ?? "300") ?? 300
            usleep(useconds_t(millis * 1000))
            return .text("slow \(millis)")
        }
        builder.get("/chunks") { _ in
            HTTPResponse(status: .ok, headers: ["Content-Type": "text/plain"], body: .chunks([Array("ab".utf8), Array("cde".utf8)]))
        }
        builder.get("/inline", options: RouteOptions(runsOnEventLoop: true)) { _ in .text("inline") }
    }
}
