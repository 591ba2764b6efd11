import XCTest
@testable import HTTPServer

/// The bytes of a response: status line, fields, framing, body.
final class ResponseSerializerTests: XCTestCase {
    static let date = "Sun, 06 Nov 1994 08:49:37 GMT"

    struct Written {
        var statusLine: String
        var fields: [(name: String, value: String)]
        var body: [UInt8]
        var bodyCount: Int
        var raw: String

        func values(_ name: String) -> [String] {
            fields.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
        }
        func value(_ name: String) -> String? { values(name).first }
    }

    func write(_ response: HTTPResponse, method: HTTPMethod = .get, version: HTTPVersion = .http1_1,
               keepAlive: Bool = true, file: StaticString = #filePath, line: UInt = #line) -> Written {
        var output: [UInt8] = [1, 2, 3]  // appended to, never replaced
        let count = ResponseSerializer.write(response, method: method, version: version, keepAlive: keepAlive,
                                             date: Array(Self.date.utf8), into: &output)
        XCTAssertEqual(Array(output.prefix(3)), [1, 2, 3], "existing output kept", file: file, line: line)
        let bytes = Array(output.dropFirst(3))
        let end = (0..<bytes.count - 3).first { bytes[$0..<$0 + 4].elementsEqual([13, 10, 13, 10]) }
        guard let end else {
            XCTFail("no end of header section", file: file, line: line)
            return Written(statusLine: "", fields: [], body: [], bodyCount: count, raw: "")
        }
        let lines = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let fields = lines.dropFirst().map { text -> (name: String, value: String) in
            let parts = text.split(separator: ":", maxSplits: 1)
            XCTAssertEqual(parts.count, 2, "field line \(text)", file: file, line: line)
            XCTAssertFalse(text.contains("\r") || text.contains("\n"), file: file, line: line)
            return (String(parts[0]), String(parts.last!.dropFirst()))
        }
        return Written(statusLine: lines[0], fields: fields, body: Array(bytes[(end + 4)...]), bodyCount: count,
                       raw: String(decoding: bytes, as: UTF8.self))
    }

    func testContentLengthIsSetAndCorrect() {
        let written = write(.text("héllo"))
        XCTAssertEqual(written.statusLine, "HTTP/1.1 200 OK")
        XCTAssertEqual(written.values("Content-Length"), ["6"])
        XCTAssertEqual(written.body, Array("héllo".utf8))
        XCTAssertEqual(written.bodyCount, 6)
        XCTAssertEqual(written.value("Content-Type"), "text/plain; charset=utf-8")
        XCTAssertNil(written.value("Transfer-Encoding"))

        let empty = write(HTTPResponse(status: .created))
        XCTAssertEqual(empty.statusLine, "HTTP/1.1 201 Created")
        XCTAssertEqual(empty.values("Content-Length"), ["0"])
        XCTAssertEqual(empty.body, [])
    }

    func testHEADHasContentLengthButNoBody() {
        let written = write(.text("hello"), method: .head)
        XCTAssertEqual(written.values("Content-Length"), ["5"])
        XCTAssertEqual(written.body, [])
        XCTAssertEqual(written.bodyCount, 0)

        let chunked = write(HTTPResponse(body: .chunks([[1, 2], [3]])), method: .head)
        XCTAssertEqual(chunked.value("Transfer-Encoding"), "chunked")
        XCTAssertEqual(chunked.body, [])
        XCTAssertEqual(chunked.bodyCount, 0)
    }

    func testNoContentHasNoBodyAndNoLength() {
        for body: HTTPResponse.Body in [.bytes([1, 2, 3]), .chunks([[1], [2]]), .bytes([])] {
            let written = write(HTTPResponse(status: .noContent, body: body))
            XCTAssertEqual(written.statusLine, "HTTP/1.1 204 No Content")
            XCTAssertNil(written.value("Content-Length"))
            XCTAssertNil(written.value("Transfer-Encoding"))
            XCTAssertEqual(written.body, [])
            XCTAssertEqual(written.bodyCount, 0)
        }
    }

    func testNotModifiedHasNoBody() {
        let written = write(HTTPResponse(status: .notModified, headers: ["ETag": "\"abc\""]))
        XCTAssertEqual(written.statusLine, "HTTP/1.1 304 Not Modified")
        XCTAssertNil(written.value("Content-Length"))
        XCTAssertEqual(written.value("ETag"), "\"abc\"")
        XCTAssertEqual(written.body, [])
        // The length a body would have is kept (RFC 9110 §8.6), the body is not sent.
        let withBody = write(HTTPResponse(status: .notModified, body: .chunks([[1, 2, 3]])))
        XCTAssertEqual(withBody.values("Content-Length"), ["3"])
        XCTAssertNil(withBody.value("Transfer-Encoding"))
        XCTAssertEqual(withBody.body, [])
        XCTAssertEqual(withBody.bodyCount, 0)
    }

    func testChunksAreChunkEncodedForHTTP11() {
        let big = [UInt8](repeating: 0x61, count: 300)
        let written = write(HTTPResponse(body: .chunks([Array("hello".utf8), [], Array(" world".utf8), big])))
        XCTAssertEqual(written.value("Transfer-Encoding"), "chunked")
        XCTAssertNil(written.value("Content-Length"))
        XCTAssertEqual(written.body, Array("5\r\nhello\r\n6\r\n world\r\n12c\r\n".utf8) + big + Array("\r\n0\r\n\r\n".utf8))
        XCTAssertEqual(written.bodyCount, 311)

        let none = write(HTTPResponse(body: .chunks([])))
        XCTAssertEqual(none.body, Array("0\r\n\r\n".utf8))
    }

    func testChunksAreSentWithContentLengthToHTTP10() {
        let written = write(HTTPResponse(body: .chunks([Array("hello".utf8), Array(" world".utf8)])),
                            version: .http1_0, keepAlive: false)
        XCTAssertEqual(written.statusLine, "HTTP/1.1 200 OK")
        XCTAssertNil(written.value("Transfer-Encoding"))
        XCTAssertEqual(written.values("Content-Length"), ["11"])
        XCTAssertEqual(written.body, Array("hello world".utf8))
        XCTAssertEqual(written.bodyCount, 11)
    }

    func testConnectionField() {
        XCTAssertEqual(write(.text("x"), keepAlive: false).values("Connection"), ["close"])
        XCTAssertEqual(write(.text("x"), version: .http1_0, keepAlive: false).values("Connection"), ["close"])
        XCTAssertEqual(write(.text("x"), version: .http1_0, keepAlive: true).values("Connection"), ["keep-alive"])
        XCTAssertEqual(write(.text("x"), version: .http1_1, keepAlive: true).values("Connection"), [])
    }

    func testHandlerSuppliedCRLFIsDropped() {
        let headers: HTTPHeaders = [
            "X-Split": "a\r\nSet-Cookie: stolen=1",
            "X-LF": "a\nb",
            "X-CR": "a\rb",
            "X-NUL": "a\u{0}b",
            "X-Bad\r\nName": "v",
            "X-Good": "ok",
        ]
        let written = write(HTTPResponse(headers: headers, body: .bytes(Array("body".utf8))))
        XCTAssertEqual(written.fields.filter { $0.name.hasPrefix("X-") }.map(\.name), ["X-Good"])
        XCTAssertFalse(written.raw.contains("Set-Cookie"))
        XCTAssertFalse(written.raw.contains("\u{0}"))
        XCTAssertEqual(written.body, Array("body".utf8))
    }

    func testHandlerSuppliedFramingFieldsAreIgnored() {
        let headers: HTTPHeaders = [
            "Content-Length": "999", "content-length": "1", "Transfer-Encoding": "chunked",
            "Connection": "keep-alive", "Date": "yesterday", "SERVER": "evil", "X-Kept": "yes",
        ]
        let written = write(HTTPResponse(headers: headers, body: .bytes(Array("four".utf8))), keepAlive: false)
        XCTAssertEqual(written.values("Content-Length"), ["4"])
        XCTAssertEqual(written.values("Transfer-Encoding"), [])
        XCTAssertEqual(written.values("Connection"), ["close"])
        XCTAssertEqual(written.values("Date"), [Self.date])
        XCTAssertEqual(written.values("Server"), ["terminbuch"])
        XCTAssertEqual(written.values("X-Kept"), ["yes"])
        XCTAssertEqual(written.body, Array("four".utf8))
    }

    func testDateAndServerArePresent() {
        for status in [HTTPStatus.ok, .noContent, .notModified, .notFound, .internalServerError] {
            let written = write(HTTPResponse(status: status))
            XCTAssertEqual(written.statusLine, "HTTP/1.1 \(status.code) \(status.reason)")
            XCTAssertEqual(written.values("Date"), [Self.date])
            XCTAssertEqual(written.values("Server"), ["terminbuch"])
        }
    }

    func testHandlerFieldsKeepOrderAndRepetition() {
        let headers = HTTPHeaders([("Set-Cookie", "a=1"), ("Vary", "Cookie"), ("Set-Cookie", "b=2")])
        let written = write(HTTPResponse(headers: headers))
        XCTAssertEqual(Array(written.fields.prefix(3).map { "\($0.name): \($0.value)" }),
                       ["Set-Cookie: a=1", "Vary: Cookie", "Set-Cookie: b=2"])
    }
}
