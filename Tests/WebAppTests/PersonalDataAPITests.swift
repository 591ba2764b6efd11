import Core
import HTTPServer
import Scheduling
@testable import WebApp
import XCTest

/// `GET` and `DELETE /api/v1/bookings/{code}/personal-data`: the citizen's
/// download and erasure by the manage token, the office's staff for a
/// citizen at the desk; an erased booking in every answer that holds it.
final class PersonalDataAPITests: XCTestCase {
    private func book(_ app: APIRouterApp) throws -> (code: String, token: String) {
        let created = try app.send(.post, "/api/v1/bookings", json: [
            "officeId": "buergerbuero-mitte", "services": [["id": "personalausweis", "quantity": 1]],
            "start": "2026-11-17T09:00:00+01:00", "note": "Bitte mit Dolmetscher",
            "contact": ["name": "Erika Muster", "email": "erika@example.org", "phone": "0471 590-2000"],
        ] as [String: Any])
        XCTAssertEqual(created.status, 201, created.text)
        let booking = try XCTUnwrap(created.object["booking"] as? [String: Any])
        return (try XCTUnwrap(booking["code"] as? String), try XCTUnwrap(created.object["manageToken"] as? String))
    }

    private func bearer(_ token: String) -> [(String, String)] { [("Authorization", "Bearer \(token)")] }

    func testTheCitizenDownloadsEverythingStoredAndErasesIt() throws {
        let app = try APIRouterApp()
        let (code, token) = try book(app)
        let path = "/api/v1/bookings/\(code)/personal-data"

        let data = try app.send(.get, path, headers: bearer(token))
        XCTAssertEqual(data.status, 200, data.text)
        XCTAssertEqual(data.headers["Cache-Control"], "no-store")
        let stored = try XCTUnwrap(data.object["booking"] as? [String: Any])
        XCTAssertEqual(stored["contact"] as? [String: String], ["name": "Erika Muster", "email": "erika@example.org", "phone": "0471 590-2000"])
        XCTAssertEqual(stored["note"] as? String, "Bitte mit Dolmetscher")
        XCTAssertEqual(data.object["language"] as? String, "de")
        XCTAssertEqual((data.object["history"] as? [[String: Any]])?.map { $0["action"] as? String }, ["created"])
        let messages = try XCTUnwrap(data.object["messages"] as? [[String: Any]])
        XCTAssertTrue(messages.contains { $0["kind"] as? String == "confirmation" && $0["recipient"] as? String == "erika@example.org" },
                      data.text)
        XCTAssertFalse(data.text.contains(token), "no message body or link is in it")
        // The appointment ends 09:15 on the 17th; Bremerhaven keeps data 14 days.
        XCTAssertEqual(data.object["erasureDue"] as? String, "2026-12-01T09:15:00+01:00")

        let erased = try app.send(.delete, path, headers: bearer(token))
        XCTAssertEqual(erased.status, 200, erased.text)
        XCTAssertEqual(erased.object["status"] as? String, "cancelled", "an upcoming booking is cancelled first")
        XCTAssertEqual(erased.object["erasedAt"] as? String, "2026-11-16T07:30:00+01:00")
        XCTAssertEqual(erased.object["contact"] as? [String: String], ["name": ""])
        XCTAssertNil(erased.object["note"])
        let again = try app.send(.delete, path, headers: bearer(token))
        XCTAssertEqual(again.status, 200, again.text)
        XCTAssertEqual(again.text, erased.text, "erasing again changes nothing")

        let read = try app.send(.get, "/api/v1/bookings/\(code)", headers: bearer(token))
        XCTAssertEqual(read.object["erasedAt"] as? String, "2026-11-16T07:30:00+01:00", read.text)
        let after = try app.send(.get, path, headers: bearer(token))
        XCTAssertEqual((after.object["history"] as? [[String: Any]])?.map { $0["action"] as? String }, ["created", "cancelled", "erased"])
        XCTAssertEqual((after.object["messages"] as? [[String: Any]])?.count, 0, "its e-mails went with it")
        XCTAssertNil(after.object["erasureDue"])
        XCTAssertFalse(after.text.contains("Erika") || after.text.contains("erika@") || after.text.contains("590-2000"), after.text)
    }

    func testAWrongOrMissingTokenIsAProblemNotFound() throws {
        let app = try APIRouterApp()
        let (code, token) = try book(app)
        for (method, headers) in [(HTTPMethod.get, bearer(token + "x")), (.delete, bearer("wrong")), (.get, []), (.delete, [])] {
            let answer = try app.send(method, "/api/v1/bookings/\(code)/personal-data", headers: headers)
            XCTAssertEqual(answer.status, 404, "\(method) \(headers): \(answer.text)")
            XCTAssertEqual(answer.headers["Content-Type"], "application/problem+json")
        }
        XCTAssertEqual(try app.send(.get, "/api/v1/bookings/ZZZ-ZZZ-ZZZ/personal-data", headers: bearer(token)).status, 404)
        XCTAssertEqual(try app.send(.get, "/api/v1/bookings/\(code)", headers: bearer(token)).object["contact"] as? [String: String],
                       ["name": "Erika Muster", "email": "erika@example.org", "phone": "0471 590-2000"], "nothing was erased")
    }

    func testStaffAnswerForACitizenAtTheDeskAndAgentsAreRefused() throws {
        let app = try APIRouterApp()
        let (code, _) = try book(app)
        let path = "/api/v1/bookings/\(code)/personal-data"
        let agent = try app.send(.delete, path, cookie: try app.session("agent"))
        XCTAssertEqual(agent.status, 403, agent.text)
        XCTAssertEqual(agent.headers["Content-Type"], "application/problem+json")

        let staff = try app.session("staff-mitte")
        XCTAssertEqual(try app.send(.get, path, cookie: staff).status, 200)
        let erased = try app.send(.delete, path, cookie: staff)
        XCTAssertEqual(erased.status, 200, erased.text)
        XCTAssertNotNil(erased.object["erasedAt"])

        // The day's schedule and its exports hold it as erased, with nothing left to show.
        let schedule = try app.send(.get, "/api/v1/offices/buergerbuero-mitte/schedule?date=2026-11-17", cookie: staff)
        XCTAssertEqual(schedule.status, 200, schedule.text)
        let listed = try XCTUnwrap((schedule.object["appointments"] as? [[String: Any]])?.first { $0["code"] as? String == code })
        XCTAssertNotNil(listed["erasedAt"])
        XCTAssertEqual(listed["contact"] as? [String: String], ["name": ""])
        let csv = try app.send(.get, "/api/v1/offices/buergerbuero-mitte/schedule.csv?date=2026-11-17", cookie: staff)
        XCTAssertEqual(csv.status, 200)
        let row = try XCTUnwrap(csv.text.split(separator: "\r\n").first { $0.contains(code) })
        XCTAssertTrue(row.contains(",\(code),cancelled,online,") && row.contains(",1,,,,"),
                      "its name, e-mail and phone are empty fields: \(row)")
        XCTAssertFalse(csv.text.contains("Erika"))
        let ics = try app.send(.get, "/api/v1/offices/buergerbuero-mitte/schedule.ics?date=2026-11-17", cookie: staff)
        XCTAssertEqual(ics.status, 200)
        XCTAssertFalse(ics.text.contains("Erika") || ics.text.contains("SUMMARY: –"), ics.text)
    }
}
