import XCTest
@testable import HTTPServer

/// `method SP request-target SP HTTP-version` (RFC 9112 §3).
final class ParserRequestLineTests: XCTestCase {
    func testSOURCEDoesntExplodeUs() throws {
        let request = try XCTUnwrap(parseOne("SOURCE / HTTP/1.1\r\nHost: example.com\r\n\r\n"))
        XCTAssertEqual(request.method, "SOURCE")
    }

    func testAnyTokenIsAMethod() {
        for method in ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND", "M-SEARCH", "get", "X!#$%&'*+-.^_`|~9"] {
            XCTAssertEqual(parseOne("\(method) / HTTP/1.1\r\nHost: x\r\n\r\n")?.method, method)
        }
    }

    func testInvalidMethodTokensAreRefused() {
        for method in ["G@T", "GE(T", "GET,", "GÉT", "G\"T", "G/T", "G{T", "GE\u{7F}T", "GE\u{01}T", "G\tT"] {
            assertRefused("\(method) / HTTP/1.1\r\nHost: x\r\n\r\n", .invalidMethod, status: 400)
        }
        assertRefused(" / HTTP/1.1\r\nHost: x\r\n\r\n", .invalidMethod, status: 400)
    }

    func testMalformedRequestLinesAreRefused() {
        for line in ["GET", "GET /", "GET  / HTTP/1.1", "GET / HTTP/1.1 ", "GET /a b HTTP/1.1", "GET / HTTP/1.1 extra"] {
            assertRefused(line + "\r\nHost: x\r\n\r\n", .invalidRequestLine, status: 400)
        }
    }

    func testDoesNotDecodeRealHTTP09Request() {
        assertRefused("GET /a-file\r\n\r\n", .invalidRequestLine, status: 400)
    }

    func testDoesNotDecodeFakeHTTP09Request() {
        assertRefused("GET / HTTP/0.9\r\nHost: whatever\r\n\r\n", .unsupportedVersion, status: 505)
    }

    func testDoesNotDecodeHTTP2XRequest() {
        assertRefused("GET / HTTP/2.0\r\nHost: whatever\r\n\r\n", .unsupportedVersion, status: 505)
        assertRefused("GET / HTTP/3.0\r\nHost: whatever\r\n\r\n", .unsupportedVersion, status: 505)
        assertRefused("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", .unsupportedVersion, status: 505)
    }

    /// RFC 9110 §2.5: a later 1.x minor version is answered as 1.1.
    func testHTTP12IsTreatedAsHTTP11() throws {
        XCTAssertEqual(parseOne("GET / HTTP/1.2\r\nHost: x\r\n\r\n")?.version, .http1_1)
        XCTAssertEqual(parseOne("GET / HTTP/1.9\r\nHost: x\r\n\r\n")?.version, .http1_1)
        // … with 1.1's rules: Host is required.
        assertRefused("GET / HTTP/1.2\r\n\r\n", .missingHost, status: 400)
    }

    func testGarbageVersionsAreRefused() {
        for version in ["HTTP/1.x", "HTTP/11", "HTTP/1.10", "HTTP/1,1", "http/1.1", "HTTPS/1.1", "FOO/1.1", "HTTP/1.", "1.1", "HTTP/ 1.1", "HTTP/01.1"] {
            assertRefused("GET / \(version)\r\nHost: x\r\n\r\n", .invalidRequestLine, status: 400)
        }
    }

    func testDecodingRTSPQueries() {
        for method in ["DESCRIBE", "ANNOUNCE", "SETUP", "PLAY", "GET_PARAMETER"] {
            assertRefused("\(method) / RTSP/1.1\r\nHost: example.com\r\nContent-Length: 0\r\n\r\n", .invalidRequestLine, status: 400)
        }
    }

    func testTargetIsKeptAsSent() {
        for target in ["/", "/a/b?c=d&e=%20f", "/%2e%2e/x", "/a;b", "/~user/!$&'()*+,;=:@", "/?", "//double"] {
            XCTAssertEqual(parseOne("GET \(target) HTTP/1.1\r\nHost: x\r\n\r\n")?.target, target)
        }
    }

    func testInvalidTargetsAreRefused() {
        for target in ["/a\u{01}b", "/a\u{7F}", "/é", "a/b", "index.html", "?q", "*/", "%2F", "example.com:443", "ftp://x/y",
                       "http:///path", "http://"] {
            assertRefused("GET \(target) HTTP/1.1\r\nHost: x\r\n\r\n", .invalidTarget, status: 400)
        }
        let withNUL = [UInt8]("GET /a") + [0] + [UInt8](" HTTP/1.1\r\nHost: x\r\n\r\n")
        assertRefused(withNUL, .invalidTarget, status: 400)
        assertRefused("GET /a\tb HTTP/1.1\r\nHost: x\r\n\r\n", .invalidTarget, status: 400)
    }

    func testAsteriskOnlyForOPTIONS() {
        XCTAssertEqual(parseOne("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n")?.target, "*")
        assertRefused("GET * HTTP/1.1\r\nHost: x\r\n\r\n", .invalidTarget, status: 400)
        assertRefused("POST * HTTP/1.1\r\nHost: x\r\n\r\n", .invalidTarget, status: 400)
        assertRefused("options * HTTP/1.1\r\nHost: x\r\n\r\n", .invalidTarget, status: 400)
    }

    /// RFC 9112 §3.2.2: absolute-form is accepted and reduced to path and query.
    func testAbsoluteFormIsReducedToPath() {
        let cases = [
            ("http://example.com/a/b?c=1", "/a/b?c=1"),
            ("https://example.com:8443/x", "/x"),
            ("HTTP://EXAMPLE.COM/Up", "/Up"),
            ("http://example.com", "/"),
            ("http://example.com?q=1", "/?q=1"),
        ]
        for (target, path) in cases {
            XCTAssertEqual(parseOne("GET \(target) HTTP/1.1\r\nHost: example.com\r\n\r\n")?.target, path, target)
        }
    }
}
