import HTTPServer
import XCTest
@testable import WebApp

/// Problem documents: content type, members in order, status, headers and
/// extension members.
final class ProblemTests: XCTestCase {
    func document(_ problem: Problem) throws -> JSONValue {
        let response = problem.response
        XCTAssertEqual(response.headers["Content-Type"], "application/problem+json")
        XCTAssertEqual(response.status, problem.status)
        return try JSONParser.parse(response.bodyBytes)
    }

    func testInvalidValuesListsFieldErrors() throws {
        let problem = Problem.invalidValues([
            FieldError(field: "contact.email", message: "must be an e-mail address like name@example.de"),
            FieldError(field: "services[1].quantity", message: "must be from 1 to 20"),
        ])
        XCTAssertEqual(problem.status.code, 422)
        XCTAssertEqual(problem.response.bodyText, #"{"type":"https://terminbuch.example/problems/invalid-values","#
            + #""title":"Invalid values","status":422,"detail":"Some values of the request are not acceptable; see errors.","#
            + #""errors":[{"field":"contact.email","message":"must be an e-mail address like name@example.de"},"#
            + #"{"field":"services[1].quantity","message":"must be from 1 to 20"}]}"#)
    }

    func testStandardMembersAlwaysPresentErrorsOnlyWhenAny() throws {
        let json = try document(.slotTaken("08:30 was just booked by someone else."))
        XCTAssertEqual(json.objectValue?.keys, ["type", "title", "status", "detail"])
        XCTAssertEqual(json["type"], "https://terminbuch.example/problems/slot-taken")
        XCTAssertEqual(json["status"], 409)
        XCTAssertEqual(json["detail"], "08:30 was just booked by someone else.")
        XCTAssertEqual(try document(.notFound())["detail"], .string(ProblemType.notFound.defaultDetail))
    }

    func testWalkInQuotaCarriesNextAcceptingDate() throws {
        let json = try document(.walkInQuotaExhausted(nextAcceptingDate: "2026-12-02"))
        XCTAssertEqual(json["type"], "https://terminbuch.example/problems/walk-in-quota-exhausted")
        XCTAssertEqual(json["status"], 409)
        XCTAssertEqual(json["nextAcceptingDate"], "2026-12-02")
        XCTAssertEqual(try document(.walkInQuotaExhausted(nextAcceptingDate: nil))["nextAcceptingDate"], .null)
    }

    func testHeadersTravelWithTheProblem() {
        XCTAssertEqual(Problem.tooManyRequests(retryAfterSeconds: 30).response.headers["Retry-After"], "30")
        XCTAssertEqual(Problem.tooManyRequests(retryAfterSeconds: 0).response.headers["Retry-After"], "1")
        XCTAssertEqual(Problem.methodNotAllowed(allow: [.get, .head]).response.headers["Allow"], "GET, HEAD")
        XCTAssertEqual(Problem.unauthenticated().response.headers["WWW-Authenticate"], #"Bearer realm="terminbuch""#)
        XCTAssertEqual(Problem.unauthenticated().status.code, 401)
    }

    func testMalformedJSONSaysWhereParsingStopped() throws {
        let error = JSONParseError(.trailingComma, at: 17)
        let json = try document(.malformedJSON(error))
        XCTAssertEqual(json["status"], 400)
        XCTAssertEqual(json["type"], "https://terminbuch.example/problems/malformed-request")
        XCTAssertEqual(json["offset"], 17)
        XCTAssertEqual(json["detail"]?.stringValue?.contains("at byte 17"), true)
    }

    func testExtensionsCannotOverrideStandardMembers() throws {
        let problem = Problem(type: .forbidden, extensions: ["status": 200, "office": "kfz-zulassung"])
        let json = try document(problem)
        XCTAssertEqual(json["status"], 403)
        XCTAssertEqual(json["office"], "kfz-zulassung")
    }

    func testIdempotencyProblems() {
        XCTAssertEqual(Problem.idempotencyConflict().status.code, 422)
        XCTAssertEqual(Problem.idempotencyConflict().type.uri, "https://terminbuch.example/problems/idempotency-conflict")
        XCTAssertEqual(Problem.idempotencyInProgress().status.code, 409)
    }

    func testProblemTypesAreDistinctAndGenericPerStatus() {
        let slugs = ProblemType.all.map(\.slug)
        XCTAssertEqual(Set(slugs).count, slugs.count)
        for slug in ["malformed-request", "unauthenticated", "forbidden", "not-found", "method-not-allowed", "slot-taken",
                     "contact-limit", "walk-in-quota-exhausted", "idempotency-conflict", "content-too-large",
                     "unsupported-media-type", "invalid-values", "too-many-requests", "internal"] {
            XCTAssertTrue(slugs.contains(slug), slug)
        }
        for code in [400, 401, 403, 404, 405, 408, 409, 413, 414, 415, 422, 429, 431, 500, 501, 503, 505] {
            let type = ProblemType.generic(for: HTTPStatus(code, "x"))
            XCTAssertEqual(type.status.code, code)
            XCTAssertTrue(type.uri.hasPrefix(ProblemType.baseURI))
        }
        let teapot = ProblemType.generic(for: HTTPStatus(418, "I'm a teapot"))
        XCTAssertEqual(teapot.uri, "about:blank")
        XCTAssertEqual(teapot.title, "I'm a teapot")
    }
}
