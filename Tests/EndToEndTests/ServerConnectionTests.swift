import Foundation
import Glibc
import HTTPServer
import XCTest

/// The server over real loopback sockets: keep-alive, pipelining, limits,
/// HEAD, chunked responses, 100-continue.
final class ServerConnectionTests: XCTestCase {
    var server: TestServer!

    override func setUpWithError() throws { server = try TestServer() }
    override func tearDown() { server.stop() }

    func testKeepAliveServesManyRequestsOnOneConnection() throws {
        let client = try RawClient(port: server.port)
        for index in 0..<20 {
            try client.send("GET /hello/\(index) HTTP/1.1\r\nHost: t\r\n\r\n")
            let response = try client.readResponse()
            XCTAssertEqual(response.status, 200)
            XCTAssertEqual(response.text, "hello \(index)")
            XCTAssertNil(response.header("Connection"))
            XCTAssertNotNil(response.header("Date"))
            XCTAssertEqual(response.header("Server"), "terminbuch")
        }
    }

    func testPipelinedRequestsAreAnsweredInOrder() throws {
        let client = try RawClient(port: server.port)
        // The slow one first: a later, faster one must not overtake it.
        var burst = "GET /slow?ms=200 HTTP/1.1\r\nHost: t\r\n\r\n"
        for index in 0..<10 { burst += "GET /hello/\(index) HTTP/1.1\r\nHost: t\r\n\r\n" }
        burst += "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nfinal"
        try client.send(burst)
        XCTAssertEqual(try client.readResponse().text, "slow 200")
        for index in 0..<10 { XCTAssertEqual(try client.readResponse().text, "hello \(index)") }
        XCTAssertEqual(try client.readResponse().text, "final")
    }

    func testConnectionCloseIsHonoured() throws {
        let client = try RawClient(port: server.port)
        try client.send("GET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        let response = try client.readResponse()
        XCTAssertEqual(response.header("Connection"), "close")
        XCTAssertTrue(client.isClosedByServer())
    }

    func testHTTP10ClosesUnlessKeepAliveIsAsked() throws {
        let plain = try RawClient(port: server.port)
        try plain.send("GET /hello HTTP/1.0\r\n\r\n")
        XCTAssertEqual(try plain.readResponse().status, 200)
        XCTAssertTrue(plain.isClosedByServer())

        let keepAlive = try RawClient(port: server.port)
        try keepAlive.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        XCTAssertEqual(try keepAlive.readResponse().header("Connection"), "keep-alive")
        try keepAlive.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        XCTAssertEqual(try keepAlive.readResponse().status, 200)
    }

    func testRequestsTrickledByteByByteAreServed() throws {
        let client = try RawClient(port: server.port)
        try client.trickle("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nabc")
        XCTAssertEqual(try client.readResponse().text, "abc")
    }

    func testChunkedRequestBodyAndChunkedResponse() throws {
        let client = try RawClient(port: server.port)
        try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n")
        XCTAssertEqual(try client.readResponse().text, "abcde")
        try client.send("GET /chunks HTTP/1.1\r\nHost: t\r\n\r\n")
        let response = try client.readResponse()
        XCTAssertEqual(response.header("Transfer-Encoding"), "chunked")
        XCTAssertEqual(response.text, "abcde")
    }

    func testHeadHasHeadersButNoBody() throws {
        let client = try RawClient(port: server.port)
        try client.send("HEAD /hello HTTP/1.1\r\nHost: t\r\n\r\nGET /hello/x HTTP/1.1\r\nHost: t\r\n\r\n")
        let head = try client.readResponse(head: true)
        XCTAssertEqual(head.status, 200)
        XCTAssertEqual(head.header("Content-Length"), "5")
        // The next response follows directly: no body bytes were sent for HEAD.
        XCTAssertEqual(try client.readResponse().text, "hello x")
    }

    func testUnknownPathIs404AndWrongMethodIs405WithAllow() throws {
        let client = try RawClient(port: server.port)
        try client.send("GET /nowhere HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 404)
        try client.send("DELETE /hello HTTP/1.1\r\nHost: t\r\n\r\n")
        let response = try client.readResponse()
        XCTAssertEqual(response.status, 405)
        XCTAssertEqual(response.header("Allow"), "GET, HEAD")
    }

    func testExpectContinueGetsInterimResponseBeforeTheBody() throws {
        let client = try RawClient(port: server.port)
        try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 100)
        try client.send("body")
        XCTAssertEqual(try client.readResponse().text, "body")
    }

    func testBodyOverTheRouteLimitIs413AndCloses() throws {
        let client = try RawClient(port: server.port)
        try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 1025\r\n\r\n")
        let response = try client.readResponse()
        XCTAssertEqual(response.status, 413)
        XCTAssertEqual(response.header("Connection"), "close")
        XCTAssertTrue(client.isClosedByServer())

        let chunked = try RawClient(port: server.port)
        let chunk = String(repeating: "x", count: 600)
        try chunked.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n258\r\n\(chunk)\r\n258\r\n\(chunk)\r\n0\r\n\r\n")
        XCTAssertEqual(try chunked.readResponse().status, 413)
        XCTAssertTrue(chunked.isClosedByServer())
    }

    func testLongRequestLineIs414AndCloses() throws {
        let client = try RawClient(port: server.port)
        try client.send("GET /" + String(repeating: "a", count: 9000) + " HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 414)
        XCTAssertTrue(client.isClosedByServer())
    }

    func testTooManyOrTooLargeHeadersAre431AndClose() throws {
        let many = try RawClient(port: server.port)
        try many.send("GET /hello HTTP/1.1\r\nHost: t\r\n" + (0..<101).map { "X-\($0): v\r\n" }.joined() + "\r\n")
        XCTAssertEqual(try many.readResponse().status, 431)
        XCTAssertTrue(many.isClosedByServer())

        let large = try RawClient(port: server.port)
        try large.send("GET /hello HTTP/1.1\r\nHost: t\r\nX-Big: " + String(repeating: "v", count: 33 * 1024) + "\r\n\r\n")
        XCTAssertEqual(try large.readResponse().status, 431)
        XCTAssertTrue(large.isClosedByServer())
    }

    func testFramingAttacksAre400AndClose() throws {
        let attacks = [
            "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
            "GET /hello HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
            "GET /hello HTTP/1.1\r\n\r\n",
            "GET /hello HTTP/1.1\r\nHost : t\r\n\r\n",
            "GET /hello HTTP/1.1\r\nHost: t\r\nX: a\r\n b\r\n\r\n",
            "GET /hello HTTP/1.1\r\nHost: t\r\nX: a\rb\r\n\r\n",
        ]
        for attack in attacks {
            let client = try RawClient(port: server.port)
            try client.send(attack)
            XCTAssertEqual(try client.readResponse().status, 400, attack)
            XCTAssertTrue(client.isClosedByServer(), attack)
        }
        let client = try RawClient(port: server.port)
        try client.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip, chunked\r\n\r\n")
        XCTAssertEqual(try client.readResponse().status, 501)
    }

    func testSlowHandlerDoesNotDelayOtherClients() throws {
        let slow = try RawClient(port: server.port)
        try slow.send("GET /slow?ms=1500 HTTP/1.1\r\nHost: t\r\n\r\n")
        let trickler = try RawClient(port: server.port)
        try trickler.send("GET /hel")  // an unfinished request on another connection
        let started = Date()
        for _ in 0..<20 {
            let client = try RawClient(port: server.port)
            try client.send("GET /inline HTTP/1.1\r\nHost: t\r\n\r\n")
            XCTAssertEqual(try client.readResponse().text, "inline")
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 1.0)
        XCTAssertEqual(try slow.readResponse().text, "slow 1500")
    }
}
