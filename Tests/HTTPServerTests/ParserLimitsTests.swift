import Glibc
import XCTest
@testable import HTTPServer

/// 414, 431 and 413: the limits of docs/architecture.md, at their exact boundaries.
final class ParserLimitsTests: XCTestCase {
    static let headerLimit = 32 * 1024

    /// Field lines (each with its CRLF) of exactly `length` bytes, Host included.
    static func fieldLines(length: Int) -> String {
        let host = "Host: x\r\n"
        let fixed = host.utf8.count + "X-Fill: \r\n".utf8.count
        return host + "X-Fill: " + String(repeating: "f", count: length - fixed) + "\r\n"
    }

    func testRequestLineOfExactly8192BytesIsAccepted() {
        XCTAssertEqual(requestLine(length: 8192).utf8.count, 8192)
        let request = parseOne(requestLine(length: 8192) + "\r\nHost: x\r\n\r\n")
        XCTAssertEqual(request?.target.utf8.count, 8192 - "GET  HTTP/1.1".utf8.count)
        // Empty lines before it are not part of it.
        XCTAssertNotNil(parseOne("\r\n\r\n" + requestLine(length: 8192) + "\r\nHost: x\r\n\r\n"))
        XCTAssertNotNil(parseOne(requestLine(length: 8192) + "\nHost: x\n\n"))
    }

    func testRequestLineOf8193BytesIsRefused() {
        assertRefused(requestLine(length: 8193) + "\r\nHost: x\r\n\r\n", .requestLineTooLong, status: 414)
        assertRefused(requestLine(length: 8193) + "\nHost: x\r\n\r\n", .requestLineTooLong, status: 414)
        assertRefused(requestLine(length: 20000) + "\r\nHost: x\r\n\r\n", .requestLineTooLong, status: 414)
    }

    /// A client that never sends the line feed is refused once the line is
    /// certainly too long, not left to time out.
    func testDecodingLongURLs() {
        assertRefused(requestLine(length: 8193), .requestLineTooLong, status: 414)
        assertRefused("GET /" + String(repeating: "x", count: 80 * 1024), .requestLineTooLong, status: 414)
        // At the limit and with its CR, the line may still end well: wait.
        let atLimit = parse(requestLine(length: 8192) + "\r")
        XCTAssertNil(atLimit.error)
        XCTAssertEqual(atLimit.bufferedByteCount, 8193)
        XCTAssertEqual(atLimit.isBetweenRequests, false)
        XCTAssertNil(parse(requestLine(length: 8192)).error)
    }

    func testHeaderSectionOfExactly32KiBIsAccepted() {
        let fields = Self.fieldLines(length: Self.headerLimit)
        XCTAssertEqual(fields.utf8.count, Self.headerLimit)
        let request = parseOne("GET / HTTP/1.1\r\n" + fields + "\r\n")
        XCTAssertEqual(request?.headers.count, 2)
    }

    func testHeaderSectionOver32KiBIsRefused() {
        assertRefused("GET / HTTP/1.1\r\n" + Self.fieldLines(length: Self.headerLimit + 1) + "\r\n", .headersTooLarge, status: 431)
        let manySmall = "GET / HTTP/1.1\r\nHost: x\r\n" + (0..<99).map { "X-\($0): " + String(repeating: "v", count: 400) + "\r\n" }.joined()
        assertRefused(manySmall + "\r\n", .headersTooLarge, status: 431)
    }

    func testDecodingLongHeaderFieldNames() {
        assertRefused("GET / HTTP/1.1\r\nHost: example.com\r\n" + String(repeating: "x", count: 32 * 1024 + 1),
                      .headersTooLarge, status: 431)
    }

    func testDecodingLongHeaderFieldValues() {
        assertRefused("GET / HTTP/1.1\r\nHost: example.com\r\nx: " + String(repeating: "x", count: 32 * 1024),
                      .headersTooLarge, status: 431)
    }

    func testTrailersCountTowardsTheHeaderSection() {
        let head = "POST / HTTP/1.1\r\n" + Self.fieldLines(length: Self.headerLimit - 100) + "Transfer-Encoding: chunked\r\n\r\n"
        XCTAssertEqual(parse(head + "0\r\nT: " + String(repeating: "t", count: 10) + "\r\n\r\n").requests.count, 1)
        assertRefused(head + "0\r\nT: " + String(repeating: "t", count: 100) + "\r\n\r\n", .headersTooLarge, status: 431)
    }

    func testOneHundredFieldsAreAccepted() {
        let fields = (1..<100).map { "X-\($0): v\r\n" }.joined()
        XCTAssertEqual(parseOne("GET / HTTP/1.1\r\nHost: x\r\n" + fields + "\r\n")?.headers.count, 100)
    }

    func testOneHundredAndOneFieldsAreRefused() {
        let fields = (1...100).map { "X-\($0): v\r\n" }.joined()
        assertRefused("GET / HTTP/1.1\r\nHost: x\r\n" + fields + "\r\n", .tooManyHeaders, status: 431)
    }

    func testDeclaredLengthOverTheLimitIsRefusedBeforeTheBody() {
        let outcome = parse("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n", bodyLimit: 10)
        XCTAssertEqual(outcome.error, .bodyTooLarge)
        XCTAssertEqual(outcome.error?.status.code, 413)
        XCTAssertEqual(outcome.heads, 1)
        XCTAssertEqual(parse("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n0123456789", bodyLimit: 10).requests.count, 1)
        assertRefused("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\nx", .bodyTooLarge, status: 413, bodyLimit: 0)
        XCTAssertEqual(parse("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", bodyLimit: 0).requests.count, 1)
        assertRefused("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999999999999\r\n\r\n", .bodyTooLarge, status: 413)
    }

    func testChunkedTotalOverTheLimitIsRefused() {
        let head = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        let exact = parse(head + "4\r\nabcd\r\n6\r\nefghij\r\n0\r\n\r\n", bodyLimit: 10)
        XCTAssertEqual(exact.requests.first?.bodyText, "abcdefghij")
        assertRefused(head + "4\r\nabcd\r\n7\r\nefghijk\r\n0\r\n\r\n", .bodyTooLarge, status: 413, bodyLimit: 10)
        assertRefused(head + "b\r\nabcdefghijk\r\n0\r\n\r\n", .bodyTooLarge, status: 413, bodyLimit: 10)
    }

    func testMassiveChunkDoesNotBufferAndGivesUsHoweverMuchIsAvailable() {
        let head = "POST / HTTP/1.1\r\nHost: localhost\r\ntransfer-encoding: chunked\r\n\r\n"
        assertRefused(head + "FFFFFFFFFFFFF\r\nfoo", .bodyTooLarge, status: 413)
        assertRefused(head + "7FFFFFFFFFFFFFFF\r\nfoo", .bodyTooLarge, status: 413)
    }

    /// Each byte is looked at a bounded number of times: a 32 KiB header
    /// section trickled byte by byte costs linear work.
    func testHeaderSectionFedByteByByteIsLinear() throws {
        let input = [UInt8]("GET / HTTP/1.1\r\n" + Self.fieldLines(length: Self.headerLimit) + "\r\n")
        XCTAssertLessThan(try Self.secondsToParseByteByByte(input, limits: HTTPLimits()), 1.0)

    }

    /// Scaled up to one 1 MiB line, where rescanning the line for every new
    /// byte would scan half a terabyte (over ten seconds even with memchr).
    func testOneMebibyteLineFedByteByByteIsLinear() throws {
        var limits = HTTPLimits()
        limits.maxHeaderBytes = 1 << 20
        let large = [UInt8]("GET / HTTP/1.1\r\n" + Self.fieldLines(length: limits.maxHeaderBytes) + "\r\n")
        XCTAssertLessThan(try Self.secondsToParseByteByByte(large, limits: limits), 3.0)
    }

    static func secondsToParseByteByByte(_ input: [UInt8], limits: HTTPLimits) throws -> Double {
        var parser = RequestParser(limits: limits)
        var heads = 0
        let start = monotonicMilliseconds()
        try input.withUnsafeBytes { bytes in
            for index in bytes.indices {
                parser.feed(UnsafeRawBufferPointer(rebasing: bytes[index..<index + 1]))
                if case .head = try parser.next() { heads += 1 }
            }
        }
        let seconds = Double(monotonicMilliseconds() - start) / 1000
        XCTAssertEqual(heads, 1)
        print("parsed \(input.count) bytes byte by byte in \(seconds) s")
        return seconds
    }
}
