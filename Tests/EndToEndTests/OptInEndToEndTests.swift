import Foundation
import XCTest

/// The double opt-in against the real server and its SQLite file, the
/// clock moved through standard input: two online bookings at the
/// Mobiler Bürgerservice (two counters; its policy asks for confirmation)
/// wait and hold their start; past `confirm_by` the availability API offers
/// it again, the link answers with the lapsed page, and the start can be
/// booked anew.
final class OptInEndToEndTests: XCTestCase {
    static let mobil = "buergerservice-mobil"

    func testAnUnconfirmedBookingLapsesAndItsStartIsOfferedAgain() throws {
        let server = try DemoServer.start(extraArguments: ["--test-clock-on-stdin"])
        defer { server.stop() }
        let client = APIClient(port: server.port)
        let start = try XCTUnwrap(try client.slotStarts(office: Self.mobil, date: server.date).first, "Monday afternoon at the Stadthaus")
        var codes: [String] = []
        for person in 1...2 {
            let made = try client.post("/api/v1/bookings", json: APIClient.bookingBody(
                office: Self.mobil, start: start, name: "Person \(person)", email: "person\(person)@example.org"))
            XCTAssertEqual(made.status, 201, made.text)
            let booking = try XCTUnwrap(made.object["booking"] as? [String: Any])
            XCTAssertEqual(booking["status"] as? String, "pendingConfirmation")
            codes.append(try XCTUnwrap(booking["code"] as? String))
        }
        XCTAssertFalse(try client.slotStarts(office: Self.mobil, date: server.date).contains(start), "both counters held")
        let token = try XCTUnwrap(try sqliteRows(server.databasePath, """
            SELECT json_extract(o.facts, '$.confirmToken') FROM outbox o JOIN bookings b ON b.id = o.booking_id
            WHERE b.code = '\(codes[0])' AND o.kind = 'optIn'
            """).first?.first)
        let link = "/termin/bestaetigen/\(codes[0])?token=\(token)"
        let waiting = try client.get(link)
        XCTAssertEqual(waiting.status, 200)
        XCTAssertTrue(waiting.text.contains("Buchung bestätigen</button>"), waiting.text)

        // The clock runs on from --now while the test books, so the lapse
        // is the later booking's own confirm_by, not --now + 30 minutes.
        let lapse = try XCTUnwrap(Int(try XCTUnwrap(try sqliteRows(server.databasePath, """
            SELECT max(confirm_by) FROM bookings WHERE code IN ('\(codes[0])', '\(codes[1])')
            """).first?.first)))
        try server.process.setClock(DemoServer.rfc3339(Date(timeIntervalSince1970: TimeInterval(lapse))))
        XCTAssertTrue(try client.slotStarts(office: Self.mobil, date: server.date).contains(start), "offered again at its time")
        let lapsed = try client.get(link)
        XCTAssertEqual(lapsed.status, 410)
        XCTAssertTrue(lapsed.text.contains("Diese Buchung ist verfallen"), lapsed.text)

        let again = try client.post("/api/v1/bookings", json: APIClient.bookingBody(
            office: Self.mobil, start: start, name: "Person 3", email: "person3@example.org"))
        XCTAssertEqual(again.status, 201, "the start is bookable again: \(again.text)")
        XCTAssertEqual(try sqliteRows(server.databasePath, """
            SELECT b.status, e.action FROM bookings b JOIN booking_events e ON e.booking_id = b.id
            WHERE b.code IN ('\(codes[0])', '\(codes[1])') AND e.action != 'created' ORDER BY b.code
            """), [["cancelled", "lapsed"], ["cancelled", "lapsed"]])
    }
}
