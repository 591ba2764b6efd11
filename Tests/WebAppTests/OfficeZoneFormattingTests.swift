import Core
import HTTPServer
import Scheduling
import XCTest

/// Times are shown in the zone of the office they belong to: an office that
/// keeps UTC reads 9:00 where a Berlin rendering would say 10:00.
final class OfficeZoneFormattingTests: XCTestCase {
    static let harbour: OfficeID = "hafenbuero-utc"

    /// The demo application plus an office in UTC, open on workdays 08:00–16:00.
    private func app() throws -> APIRouterApp {
        let app = try APIRouterApp()
        try app.application.store.changeCatalogue { writer in
            try writer.insert(Office(id: Self.harbour, name: "Hafenbüro", kind: .citizensOffice, municipalityId: "bremerhaven",
                                     address: Address(street: "Am Hafen 1", postalCode: "27568", city: "Bremerhaven"),
                                     land: .bremen, timeZoneId: "UTC"),
                              policy: BookingPolicy(minNoticeMinutes: 0, releaseTime: LocalTime(hour: 0, minute: 0)!))
            try writer.offer("personalausweis", at: Self.harbour)
            try writer.insert(OpeningRule(id: "hafen-werktags", officeId: Self.harbour,
                                          weekdays: [.monday, .tuesday, .wednesday, .thursday, .friday],
                                          band: TimeBand("08:00", "16:00")!, counters: 2, slotMinutes: 15))
        }
        return app
    }

    /// Books Tuesday 09:00 UTC at the harbour office; its code and manage token.
    private func book(_ app: APIRouterApp) throws -> (code: String, token: String, booking: [String: Any]) {
        let created = try app.send(.post, "/api/v1/bookings", json: [
            "officeId": Self.harbour.rawValue, "services": [["id": "personalausweis", "quantity": 1]],
            "start": "2026-11-17T09:00:00Z", "contact": ["name": "Erika Mustermann", "email": "erika@example.org"],
        ] as [String: Any])
        XCTAssertEqual(created.status, 201, created.text)
        let booking = try XCTUnwrap(created.object["booking"] as? [String: Any])
        return (try XCTUnwrap(booking["code"] as? String), try XCTUnwrap(created.object["manageToken"] as? String), booking)
    }

    func testTheAPIWritesTheOfficesOffset() throws {
        let app = try app()
        let (_, _, booking) = try book(app)
        XCTAssertEqual(booking["start"] as? String, "2026-11-17T09:00:00Z")
        XCTAssertEqual(booking["end"] as? String, "2026-11-17T09:15:00Z")
        let slots = try app.send(.get, "/api/v1/offices/\(Self.harbour)/slots?services=personalausweis&date=2026-11-17")
        let first = try XCTUnwrap((slots.object["slots"] as? [[String: Any]])?.first)
        XCTAssertEqual(first["start"] as? String, "2026-11-17T08:00:00Z")
    }

    func testTheCalendarFileIsInTheOfficesZone() throws {
        let app = try app()
        let (code, token, _) = try book(app)
        let ics = try app.send(.get, "/api/v1/bookings/\(code)/calendar.ics", headers: [("Authorization", "Bearer \(token)")])
        XCTAssertEqual(ics.status, 200, ics.text)
        XCTAssertTrue(ics.text.contains("DTSTART;TZID=UTC:20261117T090000\r\n"), ics.text)
        XCTAssertTrue(ics.text.contains("X-WR-TIMEZONE:UTC\r\n"), ics.text)
        XCTAssertFalse(ics.text.contains("Europe/Berlin"), ics.text)
    }

    func testTheManagePageShowsTheOfficesLocalTime() throws {
        let app = try app()
        let (code, token, _) = try book(app)
        let opened = try app.send(.get, "/termin/verwalten/\(code)?token=\(token)")
        XCTAssertEqual(opened.status, 303, opened.text)
        let page = try app.send(.get, try XCTUnwrap(opened.headers["Location"]), cookie: "__Secure-terminbuch-manage=\(token)")
        XCTAssertEqual(page.status, 200, page.text)
        XCTAssertTrue(page.text.contains("Dienstag, 17. November 2026, 9:00 Uhr"), page.text)
        XCTAssertFalse(page.text.contains("10:00 Uhr"), "not in Berlin time")
    }

    func testTheDayScheduleOfEachOfficeIsInItsZone() throws {
        let app = try app()
        _ = try book(app)
        let admin = try app.session("admin")
        let schedule = try app.send(.get, "/api/v1/offices/\(Self.harbour)/schedule?date=2026-11-17", cookie: admin)
        XCTAssertEqual(schedule.status, 200, schedule.text)
        let booking = try XCTUnwrap((schedule.object["appointments"] as? [[String: Any]])?.first)
        XCTAssertEqual(booking["start"] as? String, "2026-11-17T09:00:00Z")
        let csv = try app.send(.get, "/api/v1/offices/\(Self.harbour)/schedule.csv?date=2026-11-17", cookie: admin)
        XCTAssertEqual(csv.status, 200, csv.text)
        XCTAssertTrue(csv.text.contains("2026-11-17,09:00,09:15,"), csv.text)
        // The Berlin office's times stay in Berlin time beside it.
        let mitte = try app.send(.get, "/api/v1/offices/buergerbuero-mitte/slots?services=personalausweis&date=2026-11-17")
        let first = try XCTUnwrap((mitte.object["slots"] as? [[String: Any]])?.first?["start"] as? String)
        XCTAssertTrue(first.hasSuffix("+01:00"), first)
    }
}
