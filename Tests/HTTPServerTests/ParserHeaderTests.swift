import XCTest
@testable import HTTPServer

/// Field lines: names, values, Host, line folding, bare CR, trailers, keep-alive.
final class ParserHeaderTests: XCTestCase {
    /// RFC 9110 §5.6.2 `tchar`: every byte allowed in a field name.
    static let allTokenBytes = "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    /// Every visible ASCII byte plus SP and HTAB inside: a legal field value.
    static let allValueBytes =
        "!\" \t#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"
    static let chunkedHead = "POST / HTTP/1.1\r\nHost: example.com\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n"

    func testMissingHostIsRefusedInHTTP11() {
        assertRefused("GET / HTTP/1.1\r\nAccept: */*\r\n\r\n", .missingHost, status: 400)
    }

    func testMissingHostIsAcceptedInHTTP10() throws {
        let request = try XCTUnwrap(parseOne("GET / HTTP/1.0\r\n\r\n"))
        XCTAssertEqual(request.version, .http1_0)
        XCTAssertEqual(request.headers, [])
    }

    func testRepeatedHostIsRefused() {
        assertRefused("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", .multipleHosts, status: 400)
        assertRefused("GET / HTTP/1.1\r\nHost: a\r\nhost: a\r\n\r\n", .multipleHosts, status: 400)
        assertRefused("GET / HTTP/1.0\r\nHost: a\r\nHOST: a\r\n\r\n", .multipleHosts, status: 400)
    }

    func testValidHostValues() {
        for host in ["example.com", "example.com:8080", "[::1]:443", "127.0.0.1", "xn--mnchen-3ya.de", ""] {
            let request = parseOne("GET / HTTP/1.1\r\nHost: \(host)\r\n\r\n")
            XCTAssertEqual(request?.headers, ["Host: \(host)"])
        }
    }

    func testInvalidHostBytesAreRefused() {
        for host in ["exa mple.com", "a@b", "a/b", "a\\b", "a\"b", "a<b", "a{b", "münchen.de", "a\tb", "a#b", "a?b"] {
            assertRefused("GET / HTTP/1.1\r\nHost: \(host)\r\n\r\n", .invalidHost, status: 400)
        }
    }

    func testWhitespaceBeforeColonIsRefused() {
        assertRefused("GET / HTTP/1.1\r\nHost : x\r\n\r\n", .whitespaceBeforeColon, status: 400)
        assertRefused("GET / HTTP/1.1\r\nHost: x\r\nContent-Length\t: 0\r\n\r\n", .whitespaceBeforeColon, status: 400)
    }

    func testObsoleteLineFoldingIsRefused() {
        assertRefused("GET / HTTP/1.1\r\nHost: x\r\nX-A: one\r\n two\r\n\r\n", .obsoleteLineFolding, status: 400)
        assertRefused("GET / HTTP/1.1\r\nHost: x\r\nX-A: one\r\n\ttwo\r\n\r\n", .obsoleteLineFolding, status: 400)
        // Whitespace between the request line and the first field (RFC 9112 §2.2).
        assertRefused("GET / HTTP/1.1\r\n Host: x\r\n\r\n", .obsoleteLineFolding, status: 400)
    }

    func testBareCarriageReturnIsRefused() {
        assertRefused("GET /\r HTTP/1.1\r\nHost: x\r\n\r\n", .bareCarriageReturn, status: 400)
        assertRefused("GET / HTTP/1.1\r\r\nHost: x\r\n\r\n", .bareCarriageReturn, status: 400)
        assertRefused("GET / HTTP/1.1\r\nHo\rst: x\r\n\r\n", .bareCarriageReturn, status: 400)
        assertRefused("GET / HTTP/1.1\r\nHost: x\r\nX-A: a\rb\r\n\r\n", .bareCarriageReturn, status: 400)
        assertRefused("GET / HTTP/1.1\r\nHost: x\r\nX-A: ab\r\r\n\r\n", .bareCarriageReturn, status: 400)
        assertRefused(Self.chunkedHead + "T: a\rb\r\n\r\n", .bareCarriageReturn, status: 400)
    }

    func testIllegalHeaderNamesCauseError() {
        assertRefused("GET / HTTP/1.1\r\nföo: bar\r\n\r\n", .invalidHeaderName, status: 400)
        assertRefused("GET / HTTP/1.1\r\n: bar\r\n\r\n", .invalidHeaderName, status: 400)
        assertRefused("GET / HTTP/1.1\r\n : bar\r\n\r\n", .obsoleteLineFolding, status: 400)
        assertRefused("GET / HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n", .invalidHeaderName, status: 400)
        assertRefused("GET / HTTP/1.1\r\nHost: x\r\nX(y): z\r\n\r\n", .invalidHeaderName, status: 400)
        assertRefused("GET / HTTP/1.1\r\nHost: x\r\nX@y: z\r\n\r\n", .invalidHeaderName, status: 400)
    }

    func testDecodingInvalidHeaderFieldNames() throws {
        let good = try XCTUnwrap(parseOne("GET / HTTP/1.1\r\nHost: example.com\r\n\(Self.allTokenBytes): present\r\n\r\n"))
        XCTAssertEqual(good.headers.last, "\(Self.allTokenBytes): present")
        for byte in UInt8(0)...UInt8(255) where !Self.allTokenBytes.utf8.contains(byte) && byte != UInt8(ascii: ":") {
            let input = [UInt8]("GET / HTTP/1.1\r\nHost: example.com\r\n\(Self.allTokenBytes)") + [byte] + [UInt8](": present\r\n\r\n")
            let outcome = parse(input)
            XCTAssertEqual(outcome.error?.status.code, 400, "byte \(byte) tolerated in a field name")
            XCTAssertEqual(outcome.requests, [], "byte \(byte)")
        }
    }

    func testDecodingInvalidTrailerFieldNames() throws {
        let good = parse(Self.chunkedHead + "\(Self.allTokenBytes): present\r\n\r\n")
        XCTAssertNil(good.error)
        XCTAssertEqual(good.requests.count, 1)
        for byte in UInt8(0)...UInt8(255) where !Self.allTokenBytes.utf8.contains(byte) && byte != UInt8(ascii: ":") {
            let input = [UInt8](Self.chunkedHead + Self.allTokenBytes) + [byte] + [UInt8](": present\r\n\r\n")
            let outcome = parse(input)
            XCTAssertEqual(outcome.error?.status.code, 400, "byte \(byte) tolerated in a trailer name")
            XCTAssertEqual(outcome.requests, [], "byte \(byte)")
        }
    }

    func testDecodingInvalidHeaderFieldValues() throws {
        let good = try XCTUnwrap(parseOne("GET / HTTP/1.1\r\nHost: example.com\r\nWeird-Field: \(Self.allValueBytes)\r\n\r\n"))
        XCTAssertEqual(good.headers.last, "Weird-Field: \(Self.allValueBytes)")
        for byte in UInt8(0)..<UInt8(128) where !Self.allValueBytes.utf8.contains(byte) && byte != 10 {
            let input = [UInt8]("GET / HTTP/1.1\r\nHost: example.com\r\nWeird-Field: \(Self.allValueBytes)") + [byte, 0x21]
                + [UInt8]("\r\n\r\n")
            let expected: HTTPParseError = byte == 13 ? .bareCarriageReturn : .invalidHeaderValue
            assertRefused(input, expected, status: 400)
        }
    }

    func testDecodingInvalidTrailerFieldValues() {
        XCTAssertNil(parse(Self.chunkedHead + "Weird-Field: \(Self.allValueBytes)\r\n\r\n").error)
        for byte in UInt8(0)..<UInt8(128) where !Self.allValueBytes.utf8.contains(byte) && byte != 10 {
            let input = [UInt8](Self.chunkedHead + "Weird-Field: \(Self.allValueBytes)") + [byte, 0x21] + [UInt8]("\r\n\r\n")
            assertRefused(input, byte == 13 ? .bareCarriageReturn : .invalidHeaderValue, status: 400)
        }
    }

    func testNULAndControlCharactersInValuesAreRefused() {
        for byte: UInt8 in [0x00, 0x01, 0x08, 0x0B, 0x0C, 0x1B, 0x1F, 0x7F] {
            let input = [UInt8]("GET / HTTP/1.1\r\nHost: x\r\nX-A: a") + [byte] + [UInt8]("b\r\n\r\n")
            assertRefused(input, .invalidHeaderValue, status: 400)
        }
    }

    func testNonASCIIWorksAsHeaderValue() throws {
        let request = try XCTUnwrap(parseOne("GET / HTTP/1.1\r\nHost: x\r\nfoo: bär\r\n\r\n"))
        XCTAssertEqual(request.headers.last, "foo: bär")
        for byte in UInt8(128)...UInt8(255) {
            let input = [UInt8]("GET / HTTP/1.1\r\nHost: x\r\nX-A: a") + [byte] + [UInt8]("\r\n\r\n")
            let outcome = parse(input)
            XCTAssertNil(outcome.error, "obs-text byte \(byte)")
            XCTAssertEqual(outcome.requests.count, 1, "obs-text byte \(byte)")
        }
    }

    func testTrimsTrailingOWS() throws {
        let request = try XCTUnwrap(parseOne("GET / HTTP/1.1\r\nHost: localhost\r\nFoo: \t bar \t\r\nBaz:Boz\r\nEmpty:   \r\n\r\n"))
        XCTAssertEqual(request.headers, ["Host: localhost", "Foo: bar", "Baz: Boz", "Empty: "])
    }

    func testFieldOrderAndRepetitionAreKept() throws {
        let request = try XCTUnwrap(parseOne("GET / HTTP/1.1\r\nHost: x\r\nAccept: a\r\nX: 1\r\naccept: b\r\n\r\n"))
        XCTAssertEqual(request.headers, ["Host: x", "Accept: a", "X: 1", "accept: b"])
    }

    func testKeepAlive() throws {
        let cases: [(String, Bool)] = [
            ("GET / HTTP/1.1\r\nHost: x\r\n\r\n", true),
            ("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", false),
            ("GET / HTTP/1.1\r\nHost: x\r\nConnection: Keep-Alive\r\n\r\n", true),
            ("GET / HTTP/1.1\r\nHost: x\r\nConnection: upgrade, CLOSE\r\n\r\n", false),
            ("GET / HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\nConnection: close\r\n\r\n", false),
            ("GET / HTTP/1.0\r\n\r\n", false),
            ("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", true),
            ("GET / HTTP/1.0\r\nConnection: Keep-Alive, foo\r\n\r\n", true),
            ("GET / HTTP/1.0\r\nConnection: close\r\n\r\n", false),
            ("GET / HTTP/1.0\r\nConnection: keep-alive, close\r\n\r\n", false),
            ("GET / HTTP/1.0\r\nConnection: keep-alives\r\n\r\n", false),
        ]
        for (input, keepAlive) in cases {
            XCTAssertEqual(parseOne(input)?.keepAlive, keepAlive, input)
        }
    }
}
