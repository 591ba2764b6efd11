import Foundation
import XCTest

/// Issue 12, points 2 and 8, against the real server: the spellings a bot
/// used to pass the per-contact limit count as one contact, the limit no
/// longer tells anyone whether an address has appointments, and names and
/// notes keep to what staff pages, exports and calendars can show.
final class ContactKeyEndToEndTests: SharedDemoServerTestCase {
    let office = "buergerbuero-mitte"
    var server: DemoServer!
    var client: APIClient!

    override func setUpWithError() throws {
        server = try sharedServer
        client = APIClient(port: server.port)
    }

    /// Free starts `days` after the server's Monday, one test per day so none takes another's.
    func starts(daysLater days: Int) throws -> [String] {
        let starts = try client.slotStarts(office: office, date: DemoServer.adding(days: days, to: server.date))
        XCTAssertGreaterThanOrEqual(starts.count, 6)
        return starts
    }

    func book(_ start: String, name: String = "Erika Mustermann", email: String? = nil, phone: String? = nil,
              note: String? = nil) throws -> RawClient.Response {
        var body = APIClient.bookingBody(office: office, start: start, name: name, email: email, phone: phone)
        if let note { body["note"] = note }
        return try client.post("/api/v1/bookings", json: body)
    }

    func testSpellingsOfOneMailboxOrPhoneCountAsOneContact() throws {
        let starts = try starts(daysLater: 1)
        let tag = UUID().uuidString.prefix(6).lowercased()
        XCTAssertEqual(try book(starts[0], email: "bot\(tag)+1@gmail.com").status, 201)
        XCTAssertEqual(try book(starts[1], email: "b.o.t\(tag)+2@googlemail.com").status, 201)
        for variant in ["bot\(tag)@gmail.com", "\"bot\(tag)\"@gmail.com", "ＢＯＴ\(tag)@GMAIL.com", "Bot\(tag)+3@GMAIL.COM"] {
            assertProblem(try book(starts[2], email: variant), 409, type: "slot-taken", variant)
        }
        XCTAssertEqual(try book(starts[0], phone: "+4904712222222").status, 201)
        XCTAssertEqual(try book(starts[1], phone: "+494712222222").status, 201)
        assertProblem(try book(starts[2], phone: "04712222222"), 409, type: "slot-taken", "the trunk 0")
        // Every identifier given counts: a fresh address does not hide a phone used twice.
        assertProblem(try book(starts[2], email: "neu-\(tag)@example.org", phone: "0471 222 2222"),
                      409, type: "slot-taken", "a new e-mail with the same phone")
        XCTAssertEqual(try sqliteRows(server.databasePath, """
            SELECT count(DISTINCT booking_id) FROM booking_contact_keys WHERE key = 'e:bot\(tag)@gmail.com'
            """), [["2"]])
    }

    /// Two bookings under a victim's address: the victim's own attempt is
    /// refused, with the very answer a taken time gets, so it tells neither
    /// the victim nor a prober that (or how many) bookings exist.
    func testTheLimitAnswersAsATakenTimeAndCarriesNoCount() throws {
        let starts = try starts(daysLater: 2)
        let victim = "opfer-\(UUID().uuidString.prefix(6).lowercased())@example.org"
        XCTAssertEqual(try book(starts[0], name: "Angreifer", email: victim).status, 201)
        XCTAssertEqual(try book(starts[1], name: "Angreifer", email: victim).status, 201)
        let refused = try book(starts[5], name: "Opfer", email: victim.uppercased())
        assertProblem(refused, 409, type: "slot-taken", "the victim's own booking")

        // A time really taken: others book its counters until it is full.
        var taken: RawClient.Response?
        for person in 1...30 where taken == nil {
            let response = try book(starts[3], name: "Andere \(person)", email: "andere-\(person)-\(victim)")
            if response.status != 201 { taken = response }
        }
        let full = try XCTUnwrap(taken, "the time never filled")
        assertProblem(full, 409, type: "slot-taken", "a full time")
        XCTAssertEqual(refused.text, full.text, "the same answer, byte for byte")
        let detail = try XCTUnwrap(refused.object["detail"] as? String)
        XCTAssertNil(detail.range(of: "[0-9]", options: .regularExpression), "no count: \(detail)")
    }

    func testNamesWithDirectionOrInvisibleCharactersAreRefusedAtTheirField() throws {
        let starts = try starts(daysLater: 3)
        let before = try sqliteRows(server.databasePath, "SELECT count(*) FROM bookings")
        for name in ["Erika \u{202E}nnamretsuM", "Eri\u{200B}ka", "\u{FEFF}Erika Mustermann"] {
            let response = try book(starts[0], name: name, email: "namen@example.org")
            assertProblem(response, 422, type: "invalid-values", field: "contact.name", name.debugDescription)
            let message = (response.object["errors"] as? [[String: Any]])?.first?["message"] as? String
            XCTAssertEqual(message, "must not contain invisible or formatting characters (such as U+200B or U+202E)")
        }
        assertProblem(try book(starts[0], email: "eri\u{200B}ka@example.org"), 422, type: "invalid-values", field: "contact.email",
                      "a zero-width space in the address")
        let agent = try client.signIn("agent")
        let callback: [String: Any] = ["officeId": office, "name": "Erika \u{202E}nnamretsuM", "phone": "0471 590-2000",
                                       "topic": "Rück\u{00AD}ruf", "note": ""]
        let response = try client.post("/api/v1/callbacks", json: callback, headers: [("Cookie", agent)])
        assertProblem(response, 422, field: "name", "a callback's name")
        assertProblem(response, 422, field: "topic", "a callback's topic")
        XCTAssertEqual(try sqliteRows(server.databasePath, "SELECT count(*) FROM bookings"), before, "nothing written")
    }

    func testNotesRefuseNULAndKeepLineBreaksShownEscaped() throws {
        let starts = try starts(daysLater: 4)
        assertProblem(try book(starts[0], email: "notiz@example.org", note: "Rollstuhl\u{0}"), 422, type: "invalid-values",
                      field: "note", "NUL in a note")
        let booked = try book(starts[0], email: "notiz@example.org", note: "Rollstuhl\r\nbitte <b>Aufzug</b>\rdanke")
        XCTAssertEqual(booked.status, 201, booked.text)
        let booking = try XCTUnwrap(booked.object["booking"] as? [String: Any])
        XCTAssertEqual(booking["note"] as? String, "Rollstuhl\nbitte <b>Aufzug</b>\ndanke", "kept, with LF line breaks")

        let staff = [("Cookie", try client.signIn("staff-mitte"))]
        let date = DemoServer.adding(days: 4, to: server.date)
        let page = try client.get("/dienst/\(office)/tagesplan?date=\(date)", headers: staff)
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.text.contains("<em>Rollstuhl\nbitte &lt;b&gt;Aufzug&lt;/b&gt;\ndanke</em>"), page.text)
        let csv = try client.get("/api/v1/offices/\(office)/schedule.csv?date=\(date)", headers: staff)
        XCTAssertTrue(csv.text.contains("\"Rollstuhl\nbitte <b>Aufzug</b>\ndanke\""), "quoted, so the line break stays in its field")
    }
}
