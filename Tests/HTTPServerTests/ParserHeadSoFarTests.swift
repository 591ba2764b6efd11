import XCTest
@testable import HTTPServer

/// What the parser knows of a request it refused before the head was
/// complete: the router answers the refusal through its middleware with it,
/// so `/api/` requests get problem documents even for 414 and 431.
final class ParserHeadSoFarTests: XCTestCase {
    func refusedHead(_ text: String) -> (HTTPParseError?, HTTPRequestHead?) {
        var parser = RequestParser()
        parser.feed(Array(text))
        do {
            while try parser.next() != nil {}
            return (nil, parser.headSoFar(refusedFor: nil))  // as when it times out
        } catch {
            return (error, parser.headSoFar(refusedFor: error))
        }
    }

    func testTooLongRequestLineKeepsMethodAndPathWithoutTheQuery() {
        let (error, head) = refusedHead("GET /api/v1/bookings?query=" + String(repeating: "x", count: 9000))
        XCTAssertEqual(error, .requestLineTooLong)
        XCTAssertEqual(head?.method, .get)
        XCTAssertEqual(head?.target, "/api/v1/bookings")
    }

    func testTooLongRequestLineThatEndedIsKeptToo() {
        let (error, head) = refusedHead("GET /api/v1/bookings?query=" + String(repeating: "x", count: 9000) + " HTTP/1.1\r\nHost: t\r\n\r\n")
        XCTAssertEqual(error, .requestLineTooLong)
        XCTAssertEqual(head?.target, "/api/v1/bookings")
    }

    func testAnUnfinishedRequestLineIsKeptForTheTimeout() {
        let (error, head) = refusedHead("DELETE /api/v1/holds/abc")
        XCTAssertNil(error)
        XCTAssertEqual(head?.method, .delete)
        XCTAssertEqual(head?.target, "/api/v1/holds/abc")
    }

    func testTooLongPathIsKeptAsFarAsItCame() {
        let (error, head) = refusedHead("POST /api/" + String(repeating: "a", count: 9000))
        XCTAssertEqual(error, .requestLineTooLong)
        XCTAssertEqual(head?.method, .post)
        XCTAssertEqual(head?.path.hasPrefix("/api/aaa"), true)
    }

    func testTooLargeHeaderSectionKeepsTheRequestLine() {
        let filler = (0..<101).map { "X-F\($0): v\r\n" }.joined()
        let (error, head) = refusedHead("DELETE /api/v1/session HTTP/1.1\r\nHost: t\r\n" + filler + "\r\n")
        XCTAssertEqual(error, .tooManyHeaders)
        XCTAssertEqual(head?.method, .delete)
        XCTAssertEqual(head?.target, "/api/v1/session")
        XCTAssertEqual(head?.headers["Host"], "t")
    }

    func testMissingHostKeepsTheRequestLine() {
        let (error, head) = refusedHead("GET /api/v1/offices HTTP/1.1\r\n\r\n")
        XCTAssertNotNil(error)
        XCTAssertEqual(head?.target, "/api/v1/offices")
    }

    func testNothingUsableIsNil() {
        XCTAssertNil(refusedHead(String(repeating: "x", count: 9000)).1, "no method")
        XCTAssertNil(refusedHead("GET " + String(repeating: "x", count: 9000)).1, "no origin-form path")
        XCTAssertNil(refusedHead("G\u{1}T /api/" + String(repeating: "x", count: 9000)).1, "not a token")
        XCTAssertNil(refusedHead("").1, "nothing came")
        XCTAssertNil(refusedHead("GET /a b c\r\nGET /api/v1/offices HTTP/1.1\r\n").1, "the next request's line is not the refused one's")
    }
}
