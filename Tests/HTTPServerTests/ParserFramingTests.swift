import XCTest
@testable import HTTPServer

/// Where a request starts and ends: lengths, chunked bodies, pipelining.
/// Every scenario is fed whole, byte by byte and in random chunks (`parse`).
final class ParserFramingTests: XCTestCase {
    func testSimpleGET() throws {
        let request = try XCTUnwrap(parseOne("GET /index.html?x=1 HTTP/1.1\r\nHost: example.com\r\n\r\n"))
        XCTAssertEqual(request.method, "GET")
        XCTAssertEqual(request.target, "/index.html?x=1")
        XCTAssertEqual(request.version, .http1_1)
        XCTAssertEqual(request.headers, ["Host: example.com"])
        XCTAssertEqual(request.body, [])
    }

    func testHeadComesBeforeItsRequest() {
        let outcome = parse("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nab")
        XCTAssertEqual(outcome.heads, 1)
        XCTAssertEqual(outcome.requests, [])
        XCTAssertNil(outcome.error)
    }

    func testPipelinedRequestsInOneFeedComeInOrder() {
        let input = "GET /1 HTTP/1.1\r\nHost: x\r\n\r\n"
            + "POST /2 HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
            + "POST /3 HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nde\r\n0\r\n\r\n"
            + "GET /4 HTTP/1.0\r\n\r\n"
            + "DELETE /5 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"
        let outcome = parse(input)
        XCTAssertNil(outcome.error)
        XCTAssertEqual(outcome.heads, 5)
        XCTAssertEqual(outcome.requests.map(\.target), ["/1", "/2", "/3", "/4", "/5"])
        XCTAssertEqual(outcome.requests.map(\.method), ["GET", "POST", "POST", "GET", "DELETE"])
        XCTAssertEqual(outcome.requests.map(\.bodyText), ["", "abc", "de", "", ""])
        XCTAssertEqual(outcome.isBetweenRequests, true)
        XCTAssertEqual(outcome.bufferedByteCount, 0)
    }

    /// Two feeds split at every possible position: request line, fields and body.
    func testRequestSplitAtEveryPosition() throws {
        let input = [UInt8]("POST /p?q HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\n\r\nbody"
            + "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3;e=1\r\nabc\r\n0\r\nT: v\r\n\r\n")
        for split in 0...input.count {
            var parser = RequestParser()
            var bodies: [String] = []
            for part in [input[..<split], input[split...]] {
                parser.feed(Array(part))
                while let event = try parser.next() {
                    switch event {
                    case .head: try parser.beginBody(limit: 100)
                    case .request(let request): bodies.append(String(decoding: request.body, as: UTF8.self))
                    }
                }
            }
            XCTAssertEqual(bodies, ["body", "abc"], "split at \(split)")
            XCTAssertTrue(parser.isBetweenRequests, "split at \(split)")
        }
    }

    /// RFC 9112 §2.2: empty lines before a request line are ignored.
    func testExtraCRLF() throws {
        let request = try XCTUnwrap(parseOne("\r\n\r\n\nGET / HTTP/1.1\r\nHost: example.com\r\n\r\n"))
        XCTAssertEqual(request.target, "/")
        let outcome = parse("GET /a HTTP/1.1\r\nHost: x\r\n\r\n\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n")
        XCTAssertEqual(outcome.requests.map(\.target), ["/a", "/b"])
    }

    func testLoneLineFeedsEndLines() throws {
        let request = try XCTUnwrap(parseOne("GET /lf HTTP/1.1\nHost: x\nContent-Length: 2\n\nok"))
        XCTAssertEqual(request.headers, ["Host: x", "Content-Length: 2"])
        XCTAssertEqual(request.bodyText, "ok")
    }

    /// A stray CR between requests is a bare CR at the start of the next line.
    func testExtraCarriageReturnBetweenSubsequentRequests() {
        assertRefused("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n\rGET / HTTP/1.1\r\nHost: example.com\r\n\r\n",
                      .bareCarriageReturn, status: 400, before: 1)
    }

    func testContentLengthBody() throws {
        let request = try XCTUnwrap(parseOne("POST /f HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello world"))
        XCTAssertEqual(request.bodyText, "hello world")
        let zero = try XCTUnwrap(parseOne("POST /f HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"))
        XCTAssertEqual(zero.body, [])
        let padded = try XCTUnwrap(parseOne("POST /f HTTP/1.1\r\nHost: x\r\ncontent-length: 007\r\n\r\n1234567"))
        XCTAssertEqual(padded.bodyText, "1234567")
    }

    func testBodyBytesAreNotParsedAsHTTP() throws {
        let body = "GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n"
        let outcome = parse("POST /f HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body)
        XCTAssertEqual(outcome.requests.map(\.target), ["/f"])
        XCTAssertEqual(outcome.requests.first?.bodyText, body)
    }

    func testRequestWithoutExplicitLengthIsZeroLength() throws {
        let outcome = parse("POST / HTTP/1.1\r\nHost: example.org\r\n\r\nGET /next HTTP/1.1\r\nHost: x\r\n\r\n")
        XCTAssertEqual(outcome.requests.map(\.target), ["/", "/next"])
        XCTAssertEqual(outcome.requests.first?.body, [])
    }

    func testChunkedBodyWithExtensionsAndTrailers() throws {
        let request = try XCTUnwrap(parseOne(
            "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n6 ; ext\r\n world\r\nA;a=\"q\";b\r\n0123456789\r\n"
                + "0\r\nX-Trailer: t\r\nOther: u\r\n\r\n"))
        XCTAssertEqual(request.bodyText, "hello world0123456789")
        // Trailers are checked and dropped, never merged into the header fields.
        XCTAssertEqual(request.headers, ["Host: x", "Transfer-Encoding: chunked"])
    }

    func testTransferEncodingIsCaseInsensitive() throws {
        let request = try XCTUnwrap(parseOne("POST / HTTP/1.1\r\nHost: x\r\ntransfer-encoding: Chunked\r\n\r\n1\r\nz\r\n0\r\n\r\n"))
        XCTAssertEqual(request.bodyText, "z")
    }

    func testRequestWithTEAndContentLengthErrors() {
        assertRefused("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n",
                      .contentLengthWithTransferEncoding, status: 400)
        assertRefused("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n",
                      .contentLengthWithTransferEncoding, status: 400)
    }

    func testRefusesRequestSmugglingAttempt() {
        assertRefused("POST /foo HTTP/1.1\r\nHost: localhost\r\nContent-length: 1\r\n"
                      + "Transfer-Encoding: gzip, chunked\r\n\r\n3\r\na=1\r\n0\r\n\r\n",
                      .contentLengthWithTransferEncoding, status: 400)
    }

    func testRequestWithMultipleIdenticalContentLengthFieldsErrors() {
        assertRefused("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nContent-Length: 4\r\n\r\nabcd",
                      .multipleContentLengths, status: 400)
    }

    func testRequestWithMultipleDifferentContentLengthsOnDifferentLinesFails() {
        assertRefused("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\nabcd",
                      .multipleContentLengths, status: 400)
    }

    func testRequestWithMultipleDifferentContentLengthsFails() {
        assertRefused("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4, 5\r\n\r\n", .invalidContentLength, status: 400)
    }

    func testRequestWithIdenticalContentLengthRepeatedErrors() {
        assertRefused("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4, 4\r\n\r\n", .invalidContentLength, status: 400)
    }

    func testRequestWithInvalidContentLengthFails() {
        for value in ["pie", "-1", "+5", "1,1", "abc", "", "0x10", "1 2", "1.0", "１",
                      String(repeating: "9", count: 19), String(repeating: "1", count: 20)] {
            assertRefused("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: \(value)\r\n\r\n",
                          .invalidContentLength, status: 400)
        }
    }

    func testTransferEncodingGzipAloneIsRefused() {
        assertRefused("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", .chunkedNotFinal, status: 400)
        assertRefused("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: \r\n\r\n", .chunkedNotFinal, status: 400)
    }

    func testMultipleTEWithChunkedLastIsNotImplemented() {
        assertRefused("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
                      .unsupportedTransferCoding, status: 501)
    }

    func testChunkedTwiceIsNotImplemented() {
        assertRefused("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n",
                      .unsupportedTransferCoding, status: 501)
        assertRefused("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
                      .unsupportedTransferCoding, status: 501)
    }

    func testMultipleTEWithChunkedFirstHasNoBodyOnRequest() {
        assertRefused("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", .chunkedNotFinal, status: 400)
    }

    func testMultipleTEWithChunkedInTheMiddleHasNoBodyOnRequest() {
        assertRefused("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked, deflate\r\n\r\n",
                      .chunkedNotFinal, status: 400)
    }

    func testTransferEncodingInHTTP10IsRefused() {
        assertRefused("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", .transferEncodingInHTTP10, status: 400)
    }

    func testInvalidChunkSizes() {
        let head = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        for size in ["g", "", " 5", "-1", "0x5", "5 5", "10000000000000000", "FFFFFFFFFFFFFFFF",
                     "8000000000000000", "5;a\u{01}b", "5;a\rb", "5:x"] {
            assertRefused(head + size + "\r\nhello\r\n0\r\n\r\n", .invalidChunk, status: 400)
        }
    }

    func testChunkSizeLineOverOneKilobyteIsRefused() {
        let head = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        assertRefused(head + "5;" + String(repeating: "e", count: 1100) + "\r\nhello\r\n0\r\n\r\n", .invalidChunk, status: 400)
    }

    func testMissingCRLFAfterChunkDataIsRefused() {
        let head = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        assertRefused(head + "5\r\nhelloX\r\n0\r\n\r\n", .invalidChunk, status: 400)
        assertRefused(head + "5\r\nhello0\r\n\r\n", .invalidChunk, status: 400)
        assertRefused(head + "3\r\nhello\r\n0\r\n\r\n", .invalidChunk, status: 400)
        // Without the line end ever arriving: refused as soon as a data byte is too many.
        assertRefused(head + "5\r\nhelloXY", .invalidChunk, status: 400)
    }

    func testDoesNotDeliverLeftoversUnnecessarily() throws {
        let input = [UInt8]("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
        var parser = RequestParser()
        parser.feed(Array(input.dropLast(6)))
        XCTAssertNil(try parser.next())
        XCTAssertFalse(parser.isBetweenRequests)
        parser.feed(Array(input.suffix(6)))
        guard case .head = try parser.next() else { return XCTFail("expected a head") }
        try parser.beginBody(limit: 0)
        guard case .request = try parser.next() else { return XCTFail("expected a request") }
        XCTAssertNil(try parser.next())
        XCTAssertEqual(parser.bufferedByteCount, 0)
        XCTAssertTrue(parser.isBetweenRequests)
    }
}
