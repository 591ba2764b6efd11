import Foundation
import HTTPServer
import Synchronization
import XCTest

/// The server tells its `ExchangeObserver` of every answer, with the route
/// as registered (never the path) or none for the router's own answers, and
/// counts its open connections: what the metrics are made of.
final class ExchangeObserverTests: XCTestCase {
    func testEveryAnswerIsToldWithItsRoutePattern() throws {
        let seen = Mutex<[Exchange]>([])
        let server = try TestServer(configure: { configuration in
            configuration.exchangeObserver = { exchange in seen.withLock { $0.append(exchange) } }
        })
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        for (request, status) in [("GET /hello/anna", 200), ("HEAD /hello", 200), ("GET /inline", 200), ("GET /nowhere", 404),
                                  ("POST /hello", 405)] {
            try client.send("\(request) HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n")
            XCTAssertEqual(try client.readResponse(head: request.hasPrefix("HEAD")).status, status, request)
        }
        XCTAssertGreaterThanOrEqual(server.server.openConnections, 1, "this client's")
        let refused = try RawClient(port: server.port)
        try refused.send("GET /hello HTTP/1.1\r\n\r\n")  // no Host: refused before routing
        XCTAssertEqual(try refused.readResponse().status, 400)

        let exchanges = seen.withLock { $0 }
        XCTAssertEqual(exchanges.map { $0.route?.description ?? "-" },
                       ["GET /hello/:name", "GET /hello", "GET /inline", "-", "-", "-"],
                       "a HEAD is told as its GET route; the router's own answers and a refusal have none")
        XCTAssertEqual(exchanges.map(\.status), [200, 200, 200, 404, 405, 400])
        XCTAssertTrue(exchanges.allSatisfy { $0.microseconds >= 0 })
    }
}
