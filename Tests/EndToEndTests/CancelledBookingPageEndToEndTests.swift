import XCTest

/// A cancelled booking is no appointment to put in a calendar (issue 17,
/// point 4), on the real server: its manage page offers no download, and
/// the download posted anyway answers the 404 page, not an event.
final class CancelledBookingPageEndToEndTests: SharedDemoServerTestCase {
    func testACancelledBookingsPageOffersNoCalendarAndItsDownloadIsNotFound() throws {
        let server = try sharedServer
        let client = APIClient(port: server.port)
        let starts = try client.slotStarts(office: "buergerbuero-mitte", date: server.date)
        let booked = try client.post("/api/v1/bookings", json: APIClient.bookingBody(
            office: "buergerbuero-mitte", start: try XCTUnwrap(starts.last), name: "Erika", email: "erika@example.org"))
        XCTAssertEqual(booked.status, 201, booked.text)
        let token = try XCTUnwrap(booked.object["manageToken"] as? String)
        let code = try XCTUnwrap((booked.object["booking"] as? [String: Any])?["code"] as? String)
        let manage = "/termin/verwalten/\(code)"
        let cookie = "__Secure-terminbuch-manage=\(token)"

        let active = try client.get(manage, headers: [("Cookie", cookie)])
        XCTAssertEqual(active.status, 200, active.text)
        XCTAssertTrue(active.text.contains("In den Kalender eintragen"), "an active booking offers the download")
        let csrf = try XCTUnwrap(SecretsEndToEndTests.csrfCookie(active))
        let csrfValue = String(csrf.dropFirst("__Host-csrf=".count))
        let event = try SecretsEndToEndTests.post(client, "\(manage)/kalender", [("_csrf", csrfValue), ("token", token)],
                                                  cookies: "\(cookie); \(csrf)")
        XCTAssertEqual(event.status, 200, event.text)
        XCTAssertTrue(event.text.contains("BEGIN:VEVENT"))

        let cancel = try client.post("/api/v1/bookings/\(code)/cancel", json: [String: Any](),
                                     headers: [("Authorization", "Bearer \(token)")])
        XCTAssertEqual(cancel.status, 200, cancel.text)
        let cancelled = try client.get(manage, headers: [("Cookie", cookie)])
        XCTAssertEqual(cancelled.status, 200, cancelled.text)
        XCTAssertTrue(cancelled.text.contains("Abgesagt"), cancelled.text)
        XCTAssertFalse(cancelled.text.contains("In den Kalender eintragen"))
        XCTAssertFalse(cancelled.text.contains("/kalender"), "no form posts to the download")
        let download = try SecretsEndToEndTests.post(client, "\(manage)/kalender", [("_csrf", csrfValue), ("token", token)],
                                                     cookies: "\(cookie); \(csrf)")
        XCTAssertEqual(download.status, 404)
        XCTAssertEqual(download.contentTypeEssence, "text/html")
        XCTAssertFalse(download.text.contains("BEGIN:VEVENT"))
    }
}
