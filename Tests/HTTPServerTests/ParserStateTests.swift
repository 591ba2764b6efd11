import XCTest
@testable import HTTPServer

/// What the event loop asks of the parser between events: is the connection
/// idle, is a body still due, how much is buffered; and the status of every error.
final class ParserStateTests: XCTestCase {
    func testIsBetweenRequests() throws {
        var parser = RequestParser()
        XCTAssertTrue(parser.isBetweenRequests, "a new connection is idle")
        parser.feed([UInt8]("\r\n"))
        XCTAssertNil(try parser.next())
        XCTAssertTrue(parser.isBetweenRequests, "empty lines before a request are not a request")
        parser.feed([UInt8]("GE"))
        XCTAssertNil(try parser.next())
        XCTAssertFalse(parser.isBetweenRequests, "part of a request line arrived")
        parser.feed([UInt8]("T / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n"))
        guard case .head = try parser.next() else { return XCTFail("expected a head") }
        XCTAssertFalse(parser.isBetweenRequests, "waiting for the body limit")
        try parser.beginBody(limit: 10)
        XCTAssertNil(try parser.next())
        XCTAssertFalse(parser.isBetweenRequests, "waiting for the body")
        parser.feed([UInt8]("okGET"))
        guard case .request(let request) = try parser.next() else { return XCTFail("expected a request") }
        XCTAssertEqual(request.body, [UInt8]("ok"))
        XCTAssertNil(try parser.next())
        XCTAssertFalse(parser.isBetweenRequests, "the next request has begun")
        XCTAssertEqual(parser.bufferedByteCount, 3)
    }

    func testIsBetweenRequestsAfterEveryCompleteRequest() {
        let outcome = parse("GET /1 HTTP/1.1\r\nHost: x\r\n\r\nPOST /2 HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\nz")
        XCTAssertEqual(outcome.requests.count, 2)
        XCTAssertEqual(outcome.isBetweenRequests, true)
        XCTAssertEqual(parse("GET /1 HTTP/1.1\r\nHost: x\r\n\r\nGET /2 HTTP/1.1\r\n").isBetweenRequests, false)
    }

    func testNeedsMoreBodyWithContentLength() throws {
        var parser = RequestParser()
        XCTAssertFalse(parser.needsMoreBody, "no request yet")
        parser.feed([UInt8]("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 10\r\n\r\n0123"))
        guard case .head(let head) = try parser.next() else { return XCTFail("expected a head") }
        XCTAssertTrue(head.expectsContinue)
        XCTAssertFalse(parser.needsMoreBody, "before beginBody the body is not yet asked for")
        try parser.beginBody(limit: 100)
        XCTAssertTrue(parser.needsMoreBody, "4 of 10 bytes are here")
        XCTAssertNil(try parser.next())
        XCTAssertTrue(parser.needsMoreBody, "4 of 10 bytes were taken")
        parser.feed([UInt8]("456789"))
        XCTAssertFalse(parser.needsMoreBody, "all 10 bytes are here")
        guard case .request(let request) = try parser.next() else { return XCTFail("expected a request") }
        XCTAssertEqual(request.body, [UInt8]("0123456789"))
        XCTAssertFalse(parser.needsMoreBody)
    }

    func testNeedsMoreBodyWhenTheWholeBodyCameWithTheHead() throws {
        var parser = RequestParser()
        parser.feed([UInt8]("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nab"))
        guard case .head = try parser.next() else { return XCTFail("expected a head") }
        try parser.beginBody(limit: 100)
        XCTAssertFalse(parser.needsMoreBody, "no 100 Continue when the body is already here")
    }

    func testNeedsMoreBodyWithoutABody() throws {
        var parser = RequestParser()
        parser.feed([UInt8]("GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
        guard case .head = try parser.next() else { return XCTFail("expected a head") }
        try parser.beginBody(limit: 0)
        XCTAssertFalse(parser.needsMoreBody)
    }

    func testNeedsMoreBodyChunked() throws {
        var parser = RequestParser()
        parser.feed([UInt8]("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"))
        guard case .head = try parser.next() else { return XCTFail("expected a head") }
        try parser.beginBody(limit: 100)
        XCTAssertTrue(parser.needsMoreBody)
        parser.feed([UInt8]("3\r\nab"))
        XCTAssertFalse(parser.needsMoreBody, "bytes are buffered")
        XCTAssertNil(try parser.next())
        XCTAssertTrue(parser.needsMoreBody, "in the middle of a chunk with nothing buffered")
        parser.feed([UInt8]("c\r\n0\r\n\r\n"))
        guard case .request(let request) = try parser.next() else { return XCTFail("expected a request") }
        XCTAssertEqual(request.body, [UInt8]("abc"))
        XCTAssertFalse(parser.needsMoreBody)
    }

    /// Thousands of fields in many small feeds, each ending inside a line, so
    /// unread bytes stay behind consumed ones and the buffer is compacted
    /// around them: no field may be lost or garbled by it.
    func testCorrectlyMaintainIndicesWhenDiscardReadBytes() throws {
        var limits = HTTPLimits()
        limits.maxHeaderCount = 10_000
        limits.maxHeaderBytes = 1 << 20
        var parser = RequestParser(limits: limits)
        func line(_ index: Int) -> [UInt8] { [UInt8]("X-Header: value\(index)\r\n") }
        parser.feed([UInt8]("GET /SomeURL HTTP/1.1\r\nHost: x\r\n") + line(0)[..<7])
        var written = 0
        var count = 0
        while written < 64 * 1024 {
            parser.feed(Array(line(count)[7...] + line(count + 1)[..<7]))
            XCTAssertNil(try parser.next())
            written += line(count).count
            count += 1
        }
        parser.feed(Array(line(count)[7...]) + [UInt8]("\r\n"))
        count += 1
        guard case .head(let head) = try parser.next() else { return XCTFail("expected a head") }
        XCTAssertEqual(head.target, "/SomeURL")
        XCTAssertEqual(head.headers.values("X-Header"), (0..<count).map { "value\($0)" })
    }

    /// Large pipelined bodies in random chunks exercise the partial compaction.
    func testPipelinedLargeBodiesSurviveCompaction() {
        let bodies = (0..<6).map { n in String(repeating: String(UnicodeScalar(UInt8(97 + n))), count: 3000 + 1000 * n) }
        let input = bodies.enumerated().map { n, body in
            n % 2 == 0
                ? "POST /\(n) HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body
                : "POST /\(n) HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + String(body.utf8.count, radix: 16) + "\r\n" + body + "\r\n0\r\n\r\n"
        }.joined()
        let outcome = parse(input)
        XCTAssertNil(outcome.error)
        XCTAssertEqual(outcome.requests.map(\.target), (0..<6).map { "/\($0)" })
        XCTAssertEqual(outcome.requests.map(\.bodyText), bodies)
    }

    func testEveryErrorHasItsStatus() {
        let expected: [(HTTPParseError, Int)] = [
            (.invalidRequestLine, 400), (.invalidMethod, 400), (.invalidTarget, 400), (.unsupportedVersion, 505),
            (.requestLineTooLong, 414), (.invalidHeaderName, 400), (.whitespaceBeforeColon, 400),
            (.obsoleteLineFolding, 400), (.bareCarriageReturn, 400), (.invalidHeaderValue, 400),
            (.headersTooLarge, 431), (.tooManyHeaders, 431), (.missingHost, 400), (.multipleHosts, 400),
            (.invalidHost, 400), (.invalidContentLength, 400), (.multipleContentLengths, 400),
            (.contentLengthWithTransferEncoding, 400), (.transferEncodingInHTTP10, 400), (.chunkedNotFinal, 400),
            (.unsupportedTransferCoding, 501), (.invalidChunk, 400), (.bodyTooLarge, 413),
        ]
        for (error, status) in expected {
            XCTAssertEqual(error.status.code, status, "\(error)")
        }
        XCTAssertEqual(HTTPParseError.requestLineTooLong.status, .uriTooLong)
        XCTAssertEqual(HTTPParseError.tooManyHeaders.status, .requestHeaderFieldsTooLarge)
        XCTAssertEqual(HTTPParseError.bodyTooLarge.status, .contentTooLarge)
        XCTAssertEqual(HTTPParseError.unsupportedTransferCoding.status, .notImplemented)
        XCTAssertEqual(HTTPParseError.unsupportedVersion.status, .httpVersionNotSupported)
    }

    func testDefaultLimitsAreThoseOfTheDesign() {
        let limits = HTTPLimits()
        XCTAssertEqual(limits.maxRequestLineBytes, 8192)
        XCTAssertEqual(limits.maxHeaderBytes, 32768)
        XCTAssertEqual(limits.maxHeaderCount, 100)
    }
}
