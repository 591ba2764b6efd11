import Core
import HTTPServer
import Scheduling
import XCTest

/// The booking JSON's added `location`: the branch a mobile office's band
/// is held at, else the office's own place; the same in the booking, the
/// day schedule and the office's calendar export.
final class RuleLocationAPITests: XCTestCase {
    static let mobil = "buergerservice-mobil"

    private func book(_ app: APIRouterApp, _ start: String, person: Int) throws -> [String: Any] {
        let created = try app.send(.post, "/api/v1/bookings", json: [
            "officeId": Self.mobil, "services": [["id": "personalausweis", "quantity": 1]], "start": start,
            "contact": ["name": "Person \(person)", "email": "person\(person)@example.org"],
        ] as [String: Any])
        XCTAssertEqual(created.status, 201, created.text)
        return try XCTUnwrap(created.object["booking"] as? [String: Any])
    }

    func testTheBookingSaysWhereItIsAndTheScheduleAgrees() throws {
        let app = try APIRouterApp()
        let branch = try book(app, "2026-11-17T09:20:00+01:00", person: 1)
        XCTAssertEqual(branch["location"] as? NSDictionary, [
            "name": "Stadtbibliothek Leherheide",
            "address": ["street": "Am Leher Markt 1", "postalCode": "27578", "city": "Bremerhaven"],
        ] as NSDictionary)
        let home = try book(app, "2026-11-16T14:00:00+01:00", person: 2)
        XCTAssertEqual(home["location"] as? NSDictionary, [
            "name": "Mobiler Bürgerservice",
            "address": ["street": "Hinrich-Schmalfeldt-Straße 42", "postalCode": "27576", "city": "Bremerhaven"],
        ] as NSDictionary)

        let admin = try app.session("admin")
        let schedule = try app.send(.get, "/api/v1/offices/\(Self.mobil)/schedule?date=2026-11-17", cookie: admin)
        XCTAssertEqual(schedule.status, 200, schedule.text)
        let appointment = try XCTUnwrap((schedule.object["appointments"] as? [[String: Any]])?.first)
        XCTAssertEqual(appointment["location"] as? NSDictionary, branch["location"] as? NSDictionary)

        let ics = try app.send(.get, "/api/v1/offices/\(Self.mobil)/schedule.ics?date=2026-11-17", cookie: admin)
        XCTAssertEqual(ics.status, 200, ics.text)
        XCTAssertTrue(ics.text.replacingOccurrences(of: "\r\n ", with: "")
            .contains("LOCATION:Stadtbibliothek Leherheide\\, Am Leher Markt 1\\, 27578 Bremerhaven\r\n"), ics.text)
    }
}
