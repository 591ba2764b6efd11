import XCTest
@testable import HTTPServer

/// What a connection keeps between requests: nothing once it is idle, and
/// large bodies shared with the handler rather than copied.
final class ConnectionMemoryTests: XCTestCase {
    func testAnIdleConnectionGivesItsBuffersBack() throws {
        let connection = Connection(fd: -1, peer: "127.0.0.1", limits: HTTPLimits())
        connection.parser.feed([UInt8]("POST /a HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nabc"))
        guard case .head = try connection.parser.next() else { return XCTFail("expected the head") }
        try connection.parser.beginBody(limit: 10)
        guard case .request = try connection.parser.next() else { return XCTFail("expected the request") }
        connection.output.reserveCapacity(64 * 1024)  // as after a large response
        XCTAssertTrue(connection.isIdle)

        connection.releaseBuffers()
        XCTAssertEqual(connection.output.capacity, 0)
        XCTAssertEqual(connection.parser.buffer.capacity, 0)
        XCTAssertEqual(connection.parser.body.capacity, 0)

        // And it still reads the next request.
        connection.parser.feed([UInt8]("GET /b HTTP/1.1\r\nHost: t\r\n\r\n"))
        guard case .head(let head) = try connection.parser.next() else { return XCTFail("expected the next head") }
        XCTAssertEqual(head.path, "/b")
    }

    func testAConnectionInTheMiddleOfARequestKeepsItsBuffers() throws {
        let connection = Connection(fd: -1, peer: "127.0.0.1", limits: HTTPLimits())
        connection.parser.feed([UInt8]("GET /partial HTTP/1.1\r\nHo"))
        XCTAssertNil(try connection.parser.next())
        connection.releaseBuffers()
        connection.parser.feed([UInt8]("st: t\r\n\r\n"))
        guard case .head(let head) = try connection.parser.next() else { return XCTFail("the bytes so far were kept") }
        XCTAssertEqual(head.path, "/partial")

        let writing = Connection(fd: -1, peer: "127.0.0.1", limits: HTTPLimits())
        writing.phase = .writing
        writing.output = Array(repeating: 7, count: 100)
        writing.releaseBuffers()
        XCTAssertEqual(writing.output.count, 100, "output still to be sent stays")
    }

    func testLargeBodiesAreHandedOverNotCopied() {
        let large = [UInt8](repeating: 42, count: ResponseSerializer.sharedBodyThreshold)
        let response = HTTPResponse(status: .ok, contentType: "application/octet-stream", body: large)
        var output: [UInt8] = []
        var shared: [UInt8] = []
        let count = ResponseSerializer.write(response, method: .get, version: .http1_1, keepAlive: true,
                                             date: Array("Sun, 06 Nov 1994 08:49:37 GMT".utf8),
                                             into: &output, sharedBody: &shared)
        XCTAssertEqual(count, large.count)
        XCTAssertEqual(shared, large)
        XCTAssertTrue(shared.withUnsafeBufferPointer { a in large.withUnsafeBufferPointer { a.baseAddress == $0.baseAddress } },
                      "the very storage of the handler's array")
        XCTAssertTrue(String(decoding: output, as: UTF8.self).hasSuffix("Content-Length: \(large.count)\r\n\r\n"))

        // The copying form gives the same bytes in one array.
        var whole: [UInt8] = []
        _ = ResponseSerializer.write(response, method: .get, version: .http1_1, keepAlive: true,
                                     date: Array("Sun, 06 Nov 1994 08:49:37 GMT".utf8), into: &whole)
        XCTAssertEqual(whole, output + large)

        // Small bodies, HEAD and chunked responses stay in the output.
        for (response, method) in [(HTTPResponse.text("small"), HTTPMethod.get), (response, .head),
                                   (HTTPResponse(body: .chunks([large])), .get)] {
            var output: [UInt8] = []
            var shared: [UInt8] = []
            _ = ResponseSerializer.write(response, method: method, version: .http1_1, keepAlive: true,
                                         date: Array("Sun, 06 Nov 1994 08:49:37 GMT".utf8),
                                         into: &output, sharedBody: &shared)
            XCTAssertTrue(shared.isEmpty)
        }
    }
}
