import Foundation
import XCTest
@testable import HTTPServer

/// The lines the server writes about a request whose handler failed, and
/// the JSON strings and request ids they are made of.
final class LogLineTests: XCTestCase {
    private func failedRequest(_ format: LogFormat) -> HTTPRequest {
        var request = HTTPRequest(head: HTTPRequestHead(method: .get, target: "/feeds/SECRETTOKEN.ics?token=abc"))
        request.secretSegments = SecretSegments(pattern: "/feeds/:file", secret: ["file"])
        request.route = "/feeds/:file"
        request.requestID = "5c1f-7"
        request.logFormat = format
        return request
    }

    struct Broken: Error, CustomStringConvertible {
        var description: String { "disk \"on fire\"\n\tsecond line" }
    }

    func testThePlainErrorLineRedactsAsBefore() {
        XCTAssertEqual(failedRequest(.plain).errorLine(.handler, Broken()),
                       "handler error for GET /feeds/…redacted….ics: disk \"on fire\"\n\tsecond line\n")
    }

    func testTheJSONErrorLineIsOneObjectWithRouteAndRequestID() throws {
        let line = failedRequest(.json).errorLine(.page, Broken())
        XCTAssertTrue(line.hasSuffix("}\n"))
        XCTAssertEqual(line.filter { $0 == "\n" }.count, 1, "one line, whatever the message holds")
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        XCTAssertEqual(object["level"], "error")
        XCTAssertEqual(object["event"], "page_error")
        XCTAssertEqual(object["route"], "/feeds/:file")
        XCTAssertEqual(object["request_id"], "5c1f-7")
        XCTAssertEqual(object["message"], "disk \"on fire\"\n\tsecond line")
        XCTAssertFalse(line.contains("SECRETTOKEN") || line.contains("token=abc"), line)
    }

    func testAProcessLineIsTheTextInPlainAndAnObjectInJSON() throws {
        XCTAssertEqual(LogFormat.plain.line("terminbuch: stopped"), "terminbuch: stopped\n")
        XCTAssertEqual(LogFormat.plain.line("terminbuch: stopped\n"), "terminbuch: stopped\n", "one line feed, not two")
        let line = LogFormat.json.line("terminbuch: storage unavailable: \"disk\" full\n", level: .error)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        XCTAssertEqual(Set(object.keys), ["ts", "level", "event", "message"])
        XCTAssertEqual(object["level"], "error")
        XCTAssertEqual(object["event"], "process")
        XCTAssertEqual(object["message"], "terminbuch: storage unavailable: \"disk\" full")
    }

    func testAnEventLineIsTheTextInPlainAndCarriesItsNameAndCountsInJSON() throws {
        let counts = [("bookings", 3), ("ticketNames", 0)]
        XCTAssertEqual(LogFormat.plain.event("retention", "terminbuch: retention run (daily)", counts: counts),
                       "terminbuch: retention run (daily)\n")
        let line = LogFormat.json.event("retention", "terminbuch: retention run (daily)", counts: counts)
        XCTAssertTrue(line.hasSuffix("}\n"), line)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        XCTAssertEqual(Set(object.keys), ["ts", "level", "event", "message", "counts"])
        XCTAssertEqual(object["level"] as? String, "info")
        XCTAssertEqual(object["event"] as? String, "retention")
        XCTAssertEqual(object["counts"] as? [String: Int], ["bookings": 3, "ticketNames": 0])
        let failed = LogFormat.json.event("retention", "failed", counts: [], level: .error)
        let failure = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(failed.utf8)) as? [String: String])
        XCTAssertEqual(Set(failure.keys), ["ts", "level", "event", "message"], "no counts without any")
        XCTAssertEqual(failure["level"], "error")
    }

    func testOnlyShortSafeTokensPassAsIncomingIDs() {
        var ids = RequestIDs()
        XCTAssertEqual(ids.next(for: ["X-Request-Id": "abc-1.2_3"], fromTrustedProxy: true), "abc-1.2_3")
        let mine = ids.next(for: ["X-Request-Id": "abc-1.2_3"], fromTrustedProxy: false)
        XCTAssertNotEqual(mine, "abc-1.2_3")
        XCTAssertNotEqual(ids.next(for: nil, fromTrustedProxy: false), mine, "a new id each time")
        for unsafe in ["", "a b", "ä", "a\"b", "a\nb", String(repeating: "x", count: 65)] {
            XCTAssertFalse(RequestIDs.isSafe(unsafe), unsafe)
        }
        XCTAssertTrue(RequestIDs.isSafe(String(repeating: "x", count: 64)))
    }
}
