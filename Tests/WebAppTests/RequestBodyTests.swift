import HTTPServer
import XCTest
@testable import WebApp

/// Reading a JSON body: 415 for what is not JSON, 400 for what does not
/// parse, 422 for wrong values.
final class RequestBodyTests: XCTestCase {
    func request(_ body: String, headers: HTTPHeaders = ["Content-Type": "application/json"]) -> HTTPRequest {
        var all: HTTPHeaders = ["Host": "localhost"]
        for (name, value) in headers { all.add(name, value) }
        return HTTPRequest(head: HTTPRequestHead(method: .post, target: "/api/v1/holds", headers: all), body: Array(body.utf8))
    }

    func problem(_ body: () throws -> Any) -> Problem? {
        do {
            _ = try body()
            XCTFail("no problem thrown")
            return nil
        } catch {
            return error as? Problem
        }
    }

    func testJSONMediaTypes() {
        for good in ["application/json", "application/json; charset=utf-8", "Application/JSON;charset=\"UTF-8\"",
                     "application/json ; charset=UTF-8", "application/merge-patch+json", "application/problem+json",
                     "application/json; version=1"] {
            XCTAssertTrue(JSONMediaType.isJSON(good), good)
        }
        for bad in ["text/json", "application/json; charset=latin1", "application/+json", "application/jsonx",
                    "application/x/y+json", "multipart/form-data", "application/x-www-form-urlencoded", "",
                    "application/json; charset", "json"] {
            XCTAssertFalse(JSONMediaType.isJSON(bad), bad)
        }
    }

    func testValidBodyParses() throws {
        XCTAssertEqual(try request(#"{"a":1}"#).jsonBody(), ["a": 1])
        XCTAssertEqual(try request(#"{"a":1}"#, headers: ["Content-Type": "application/json; charset=utf-8"]).jsonBody(), ["a": 1])
    }

    func testNotJSONIs415() {
        let form = problem { try self.request("a=1", headers: ["Content-Type": "application/x-www-form-urlencoded"]).jsonBody() }
        XCTAssertEqual(form?.status.code, 415)
        XCTAssertEqual(form?.type, .unsupportedMediaType)
        XCTAssertEqual(problem { try self.request(#"{"a":1}"#, headers: [:]).jsonBody() }?.status.code, 415)
        let gzip = problem {
            try self.request(#"{"a":1}"#, headers: ["Content-Type": "application/json", "Content-Encoding": "gzip"]).jsonBody()
        }
        XCTAssertEqual(gzip?.status.code, 415)
    }

    func testMissingOrBrokenBodyIs400() {
        XCTAssertEqual(problem { try self.request("", headers: [:]).jsonBody() }?.status.code, 400)
        let empty = problem { try self.request("").jsonBody() }
        XCTAssertEqual(empty?.status.code, 400)
        XCTAssertEqual(empty?.extensions["offset"], 0)
        let broken = problem { try self.request(#"{"a":1,}"#).jsonBody() }
        XCTAssertEqual(broken?.status.code, 400)
        XCTAssertEqual(broken?.type, .malformedRequest)
        XCTAssertEqual(broken?.extensions["offset"], 7)
        XCTAssertEqual(broken?.detail,
                       "The request body is not valid JSON: a comma must be followed by another element; trailing commas are not allowed (at byte 7).")
    }

    func testWrongValuesAre422WithEveryField() {
        let invalid = problem {
            try self.request(#"{"officeId":"X","services":[]}"#).decodeJSON { body in
                (body.string("officeId", format: .identifier), body.array("services", count: 1...10) { $0.string("id") })
            }
        }
        XCTAssertEqual(invalid?.status.code, 422)
        XCTAssertEqual(invalid?.errors.map(\.field), ["officeId", "services"])
        let notAnObject = problem { try self.request("[]").decodeJSON { $0.string("x") } }
        XCTAssertEqual(notAnObject?.status.code, 422)
    }

    func testDecodedValueOnSuccess() throws {
        let quantity = try request(#"{"quantity":3}"#).decodeJSON { $0.int("quantity", range: 1...20) }
        XCTAssertEqual(quantity, 3)
    }
}
