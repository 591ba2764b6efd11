import Foundation
import Glibc
import HTTPServer
import XCTest

/// Deadlines with short configured values: slow headers, idle keep-alive,
/// slow bodies; and the graceful drain.
final class ServerTimeoutTests: XCTestCase {
    func testUnfinishedHeadersAreAnswered408AndClosed() throws {
        let server = try TestServer(clock: ManualDeadlineClock()) { $0.readHeaderTimeout = .milliseconds(300) }
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        try client.send("GET /hello HTTP/1.1\r\nHost: t\r\n")
        try server.settle()
        server.advanceClock(milliseconds: 299)
        XCTAssertTrue(client.hasNothingToRead(), "not before the header timeout")
        server.advanceClock(milliseconds: 1)
        let response = try client.readResponse()
        XCTAssertEqual(response.status, 408)
        XCTAssertTrue(client.isClosedByServer())
    }

    func testTricklingHeadersDoesNotExtendTheDeadline() throws {
        let server = try TestServer(clock: ManualDeadlineClock()) { $0.readHeaderTimeout = .milliseconds(400) }
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        // One byte every 50 ms would take 1.5 s for the whole request.
        let request = Array("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n".utf8)
        var sent = 0
        while client.hasNothingToRead() && sent < request.count {
            try client.send([request[sent]])
            sent += 1
            try server.settle()
            server.advanceClock(milliseconds: 50)
        }
        XCTAssertEqual(try client.readResponse().status, 408)
        XCTAssertEqual(sent, 8, "cut at 400 ms after the first byte, however many came since")
    }

    func testIdleKeepAliveConnectionIsClosed() throws {
        let server = try TestServer(clock: ManualDeadlineClock()) { $0.idleTimeout = .milliseconds(300) }
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        try client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 200)
        server.advanceClock(milliseconds: 299)
        XCTAssertTrue(client.hasNothingToRead(), "still open before the idle timeout")
        server.advanceClock(milliseconds: 1)
        XCTAssertTrue(client.isClosedByServer())
    }

    func testActiveKeepAliveConnectionOutlivesTheIdleTimeout() throws {
        let server = try TestServer(clock: ManualDeadlineClock()) { $0.idleTimeout = .milliseconds(300) }
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        for _ in 0..<6 {
            try client.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
            XCTAssertEqual(try client.readResponse().status, 200)
            server.advanceClock(milliseconds: 150)
        }
        XCTAssertTrue(client.hasNothingToRead(), "open after 900 ms of 150 ms pauses")
    }

    func testSlowBodyIsCut() throws {
        let server = try TestServer(clock: ManualDeadlineClock()) { $0.readBodyTimeout = .milliseconds(300) }
        defer { server.stop() }
        let client = try RawClient(port: server.port)
        try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc")
        try server.settle()
        server.advanceClock(milliseconds: 300)
        XCTAssertEqual(try client.readResponse().status, 408)
        XCTAssertTrue(client.isClosedByServer())
    }

    func testShutdownFinishesRequestsInFlightAndRefusesNewConnections() throws {
        // One loop: the idle client's answer comes after the busy request was taken in.
        let server = try TestServer { $0.eventLoops = 1 }
        let busy = try RawClient(port: server.port)
        try busy.send("GET /slow?ms=500 HTTP/1.1\r\nHost: t\r\n\r\n")
        let idle = try RawClient(port: server.port)
        try idle.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(try idle.readResponse().status, 200)

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
