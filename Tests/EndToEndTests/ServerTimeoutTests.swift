import Foundation
import Glibc
import HTTPServer
import XCTest

/// Deadlines with short configured values: slow headers, idle keep-alive,
/// slow bodies; and the graceful drain.
final class ServerTimeoutTests: XCTestCase {
    func testUnfinishedHeadersAreAnswered408AndClosed() throws {
        let server = try TestServer { $0.readHeaderTimeout = .milliseconds(300) }
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        let started = Date()
        try client.send("GET /hello HTTP/1.1\r\nHost: t\r\n")
        let response = try client.readResponse()
        XCTAssertEqual(response.status, 408)
        XCTAssertTrue(client.isClosedByServer())
        XCTAssertEqual(Date().timeIntervalSince(started), 0.3, accuracy: 0.25)
    }

    func testTricklingHeadersDoesNotExtendTheDeadline() throws {
        let server = try TestServer { $0.readHeaderTimeout = .milliseconds(400) }
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        let started = Date()
        // One byte every 50 ms would take 1.5 s for the whole request.
        DispatchQueue.global().async { try? client.trickle("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n", pause: 50_000) }
        XCTAssertEqual(try client.readResponse().status, 408)
        XCTAssertLessThan(Date().timeIntervalSince(started), 1.0)
    }

    func testIdleKeepAliveConnectionIsClosed() throws {
        let server = try TestServer { $0.idleTimeout = .milliseconds(300) }
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        try client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 200)
        let started = Date()
        XCTAssertTrue(client.isClosedByServer())
        XCTAssertEqual(Date().timeIntervalSince(started), 0.3, accuracy: 0.25)
    }

    func testActiveKeepAliveConnectionOutlivesTheIdleTimeout() throws {
        let server = try TestServer { $0.idleTimeout = .milliseconds(300) }
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        for _ in 0..<6 {
            try client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            XCTAssertEqual(try client.readResponse().status, 200)
            usleep(150_000)
        }
    }

    func testSlowBodyIsCut() throws {
        let server = try TestServer { $0.readBodyTimeout = .milliseconds(300) }
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc")
        XCTAssertEqual(try client.readResponse().status, 408)
        XCTAssertTrue(client.isClosedByServer())
    }

    func testShutdownFinishesRequestsInFlightAndRefusesNewConnections() throws {
        let server = try TestServer()
        let busy = try RawClient(port: server.port)
        try busy.send("GET /slow?ms=500 HTTP/1.1\r\nHost: t\r\n\r\n")
        let idle = try RawClient(port: server.port)
        try idle.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(try idle.readResponse().status, 200)
        usleep(100_000)

        let port = server.port
        let stopped = expectation(description: "drained")
        DispatchQueue.global().async {
            server.stop()
            stopped.fulfill()
        }
        XCTAssertTrue(idle.isClosedByServer(), "idle keep-alive connections close at once")
        let response = try busy.readResponse()
        XCTAssertEqual(response.text, "slow 500")
        XCTAssertEqual(response.header("Connection"), "close")
        wait(for: [stopped], timeout: 5)
        XCTAssertThrowsError(try RawClient(port: port), "no longer accepting")
    }
}
