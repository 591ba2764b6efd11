import Foundation
import XCTest

/// Issue 17, point 1, against the real server and database: one person
/// books one time once. Racing requests for the same contact and start
/// give one booking and duplicates; the booking's page answers 303 to a
/// confirmation that Reload shows again without booking.
final class DuplicateBookingEndToEndTests: SharedDemoServerTestCase {
    static let office = "buergerbuero-mitte"
    static let duplicate = "https://terminbuch.example/problems/duplicate-booking"

    /// Free starts `days` after the server's Monday, one test per day so none takes another's.
    func starts(_ server: DemoServer, daysLater days: Int) throws -> [String] {
        let starts = try APIClient(port: server.port).slotStarts(office: Self.office, date: DemoServer.adding(days: days, to: server.date))
        XCTAssertFalse(starts.isEmpty)
        return starts
    }

    func testConcurrentRequestsForOneContactAndStartBookOnce() throws {
        try requireSQLite3()
        let server = try sharedServer
        let start = try starts(server, daysLater: 1)[0]
        let email = "race-\(UUID().uuidString.prefix(8).lowercased())@example.org"
        let port = server.port
        let gate = StartGate()
        let answers = Locked<[RawClient.Response]>([])
        let failures = Locked<[String]>([])
        let racers = 20
        runThreads(racers, gate: gate) { index in
            let client = APIClient(port: port, timeout: 30, source: "127.0.3.\(index + 1)")
            // Each its own request (no idempotency key), spelled differently: one contact.
            let body = APIClient.bookingBody(office: Self.office, start: start, name: "Erika \(index)",
                                             email: index.isMultiple(of: 2) ? email : email.uppercased())
            let connected = Result { try client.connect() }
            gate.wait()
            do {
                try connected.get()
                let response = try client.post("/api/v1/bookings", json: body)
                answers.withLock { $0.append(response) }
            } catch {
                failures.withLock { $0.append("client \(index): \(error)") }
            }
        }
        XCTAssertEqual(failures.current, [])
        let all = answers.current
        XCTAssertEqual(all.count, racers)
        let made = all.filter { $0.status == 201 }
        XCTAssertEqual(made.count, 1, all.map { "\($0.status) \($0.problemType)" }.joined(separator: ", "))
        let booking = try XCTUnwrap(made.first?.object["booking"] as? [String: Any])
        let code = try XCTUnwrap(booking["code"] as? String)
        let token = try XCTUnwrap(made.first?.object["manageToken"] as? String)
        for refused in all where refused.status != 201 {
            XCTAssertEqual(refused.status, 409, refused.text)
            XCTAssertEqual(refused.contentTypeEssence, "application/problem+json")
            XCTAssertEqual(refused.problemType, Self.duplicate, refused.text)
            XCTAssertNil(refused.object["existingCode"], "an anonymous caller learns no code: \(code)")
            XCTAssertFalse(refused.text.contains(token), "a duplicate never hands out the booking's manage token")
        }
        XCTAssertEqual(try sqliteRows(server.databasePath, """
            SELECT count(DISTINCT b.id) FROM bookings b JOIN booking_contact_keys k ON k.booking_id = b.id
            WHERE k.key = 'e:\(email)'
            """), [["1"]])
        try assertDatabaseInvariants(server.databasePath)
    }

    /// Post/Redirect/Get on the real server: the booking's POST is a 303
    /// with the booking's cookie, the confirmation a GET that Reload shows
    /// again, and the same form once more (a new key) is refused.
    func testTheBookingPostRedirectsAndTheConfirmationSurvivesReload() throws {
        let server = try sharedServer
        let client = APIClient(port: server.port)
        let start = try starts(server, daysLater: 2)[0]
        let date = DemoServer.adding(days: 2, to: server.date)
        let form = try client.get("/termin/personalausweis/standort")
        let csrf = try XCTUnwrap(SecretsEndToEndTests.csrfCookie(form))
        let csrfValue = String(csrf.dropFirst("__Host-csrf=".count))
        let email = "prg-\(UUID().uuidString.prefix(8).lowercased())@example.org"
        func book(key: String) throws -> RawClient.Response {
            try SecretsEndToEndTests.post(client, "/termin/personalausweis/buchen", [
                ("_csrf", csrfValue), ("office", Self.office), ("quantity", "1"), ("date", date), ("start", start),
                ("name", "Erika Mustermann"), ("email", email), ("phone", ""), ("idempotencyKey", key),
            ], cookies: csrf)
        }
        let posted = try book(key: "prg-first-\(UUID().uuidString.prefix(8))")
        XCTAssertEqual(posted.status, 303, posted.text)
        let location = try XCTUnwrap(posted.header("Location"))
        XCTAssertTrue(location.hasPrefix("/termin/verwalten/") && location.contains("/bestaetigung"), location)
        XCTAssertFalse(location.contains("token"))
        let manageCookie = try XCTUnwrap(posted.headers.filter { $0.0.lowercased() == "set-cookie" }.map(\.1)
            .first { $0.hasPrefix("__Secure-terminbuch-manage=") }?.split(separator: ";").first.map(String.init))
        for attempt in ["shown", "reloaded"] {
            let confirmation = try client.get(location, headers: [("Cookie", manageCookie)])
            XCTAssertEqual(confirmation.status, 200, attempt)
            XCTAssertTrue(confirmation.text.contains("Ihr Termin ist gebucht"), attempt)
            XCTAssertEqual(confirmation.header("Cache-Control"), "no-store", attempt)
        }
        XCTAssertEqual(try client.get(location).status, 404, "without the cookie the page is no one's")
        let again = try book(key: "prg-again-\(UUID().uuidString.prefix(8))")
        XCTAssertEqual(again.status, 422)
        XCTAssertTrue(again.text.contains("schon ein Termin gebucht"), again.text)
        XCTAssertTrue(again.text.contains(#"href="/termin/links?lang=de""#))
        XCTAssertEqual(try sqliteRows(server.databasePath, """
            SELECT count(DISTINCT b.id) FROM bookings b JOIN booking_contact_keys k ON k.booking_id = b.id
            WHERE k.key = 'e:\(email)'
            """), [["1"]])
    }
}
