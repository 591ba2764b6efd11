import Foundation
import HTTPServer

/// An HTTPServer on a free loopback port with a router of test routes.
final class TestServer: Sendable {
    let server: HTTPServer
    var port: Int { server.port }

    init(configure: (inout ServerConfiguration) -> Void = { _ in }, routes: (RouterBuilder) -> Void = TestServer.defaultRoutes) throws {
        var configuration = ServerConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.eventLoops = 2
        configuration.blockingThreads = 4
        configuration.accessLog = false
        configure(&configuration)
        let builder = RouterBuilder()
        routes(builder)
        server = try HTTPServer.start(configuration: configuration, router: builder.build())
    }

    func stop() {
        server.shutdown()
        server.wait()
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
