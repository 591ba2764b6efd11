import Foundation
import HTTPServer
import XCTest

/// The per-client connection cap over real loopback sockets, with clients
/// on several source addresses of 127/8: a client past its cap loses its own
/// oldest idle or slowest connection, not the new one and not another
/// client's; a trusted proxy is exempt.
final class ConnectionCapTests: XCTestCase {
    /// Opens a connection from `source` that sends the start of a request
    /// and no more, and returns once the server has read it.
    func slowConnection(_ server: TestServer, from source: String) throws -> RawClient {
        let client = try RawClient(port: server.port, timeout: 2, source: source)
        try client.send("GET /hello/slow HTTP/1.1\r\nHost: t\r\n")
        try server.settle()
        return client
    }

    func finish(_ client: RawClient, file: StaticString = #filePath, line: UInt = #line) throws {
        try client.send("\r\n")
        XCTAssertEqual(try client.readResponse().text, "hello slow", file: file, line: line)
    }

    func testAClientPastItsCapLosesItsSlowestConnectionNotTheNewOne() throws {
        let server = try TestServer(configure: { $0.connectionsPerClient = 3; $0.eventLoops = 1 })
        defer { server.stop() }
        let first = try slowConnection(server, from: "127.0.0.2")
        let others = try (0..<3).map { _ in try slowConnection(server, from: "127.0.0.2") }
        XCTAssertTrue(first.isClosedByServer(), "the connection whose request has been arriving longest goes")
        for client in others {
            XCTAssertTrue(client.hasNothingToRead(), "the others stay open")
            try finish(client)
        }
        let neighbour = try RawClient(port: server.port, timeout: 2, source: "127.0.0.3")
        try neighbour.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(try neighbour.readResponse().status, 200, "another client is served")
    }

    func testAnIdleKeepAliveConnectionIsShedBeforeASlowOne() throws {
        let server = try TestServer(configure: { $0.connectionsPerClient = 2; $0.eventLoops = 1 })
        defer { server.stop() }
        let slow = try slowConnection(server, from: "127.0.0.2")
        let idle = try RawClient(port: server.port, timeout: 2, source: "127.0.0.2")
        try idle.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(try idle.readResponse().status, 200)
        let newest = try slowConnection(server, from: "127.0.0.2")
        XCTAssertTrue(idle.isClosedByServer(), "the idle connection goes first, though the slow one is older")
        XCTAssertTrue(slow.hasNothingToRead())
        try finish(slow)
        try finish(newest)
    }

    func testEveryConnectionBusyTheNewOneIsRefused() throws {
        let server = try TestServer(configure: { $0.connectionsPerClient = 1; $0.eventLoops = 1 })
        defer { server.stop() }
        let busy = try RawClient(port: server.port, timeout: 5, source: "127.0.0.2")
        try busy.send("GET /slow?ms=300 HTTP/1.1\r\nHost: t\r\n\r\n")
        try server.settle()
        let newcomer = try RawClient(port: server.port, timeout: 2, source: "127.0.0.2")
        try server.settle()
        XCTAssertTrue(newcomer.isClosedByServer(), "a request in flight is never cut for a new connection")
        XCTAssertEqual(try busy.readResponse().text, "slow 300")
    }

    /// With two loops the kernel spreads one client's connections over
    /// both; whichever loop holds its older connection sheds it.
    func testTheCapHoldsAcrossEventLoops() throws {
        let server = try TestServer(configure: { $0.connectionsPerClient = 1; $0.eventLoops = 2 })
        defer { server.stop() }
        func served(from source: String) throws -> RawClient {
            let client = try RawClient(port: server.port, timeout: 2, source: source)
            try client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            XCTAssertEqual(try client.readResponse().status, 200)
            return client
        }
        var previous = try served(from: "127.0.0.2")
        for round in 0..<8 {
            let next = try served(from: "127.0.0.2")
            XCTAssertTrue(previous.isClosedByServer(), "round \(round): the older idle connection goes")
            previous = next
        }
        XCTAssertTrue(previous.hasNothingToRead(), "the newest stays")
    }

    func testATrustedProxyIsExempt() throws {
        let server = try TestServer(configure: {
            $0.connectionsPerClient = 2
            $0.eventLoops = 1
            $0.trustedProxies = try! TrustedProxies(parsing: "127.0.0.4")
        })
        defer { server.stop() }
        let clients = try (0..<5).map { _ in try slowConnection(server, from: "127.0.0.4") }
        for client in clients { try finish(client) }
    }
}
