import Foundation
import XCTest

/// Closures, capacity changes, the list to contact and the statistics
/// against the real server and database: availability — including the
/// anonymous answers the event loop serves from memory — changes with the
/// very next request, bookings hit are listed and none is lost, and every
/// endpoint checks who asks and what it is sent.
final class OfficeChangesEndToEndTests: XCTestCase {
    static let office: String = "buergerbuero-mitte"
    var server: DemoServer!
    var client: APIClient!
    var staff = ""
    /// A Tuesday three weeks out: inside the 42-day horizon, after the demo bookings' 14 days.
    var day = ""

    override func setUpWithError() throws {
        server = try DemoServer.start()
        client = APIClient(port: server.port)
        staff = try client.signIn("staff-mitte")
        day = DemoServer.adding(days: 22, to: server.date)
    }

    override func tearDown() {
        server?.stop()
    }

    func path(_ tail: String, office: String = office) -> String { "/api/v1/offices/\(office)/\(tail)" }

    func book(_ time: String, _ person: Int, cookie: String? = nil) throws -> String {
        let response = try client.post("/api/v1/bookings", json: APIClient.bookingBody(
            office: Self.office, start: DemoServer.instant(day, time), name: "Person \(person)", email: "p\(person)@example.org"),
            headers: cookie.map { [("Cookie", $0)] } ?? [])
        XCTAssertEqual(response.status, 201, response.text)
        return ((response.object["booking"] as? [String: Any])?["code"] as? String) ?? ""
    }

    func codes(_ list: Any?) -> Set<String> {
        Set((list as? [[String: Any]] ?? []).compactMap { ($0["booking"] as? [String: Any])?["code"] as? String })
    }

    func bookingCount() throws -> String { try sqliteRows(server.databasePath, "SELECT count(*) FROM bookings")[0][0] }

    func testClosureTakesEffectAtOnceAndListsItsBookings() throws {
        let online = try book("10:00", 1)
        let desk = try book("10:30", 2, cookie: staff)
        let before = try client.slotStarts(office: Self.office, date: day)  // also primes the anonymous answer cache
        XCTAssertTrue(before.contains(DemoServer.instant(day, "10:15")))
        let count = try bookingCount()

        let created = try client.post(path("closures"), json: ["from": day, "fromTime": "10:00", "toTime": "11:00", "reason": "Schulung"],
                                      headers: [("Cookie", staff)])
        XCTAssertEqual(created.status, 201, created.text)
        XCTAssertEqual(codes(created.object["affectedBookings"]), [online, desk])
        let closureId = try XCTUnwrap((created.object["closure"] as? [String: Any])?["id"] as? String)

        let after = try client.slotStarts(office: Self.office, date: day)
        let closed = ["10:00", "10:15", "10:30", "10:45"].map { DemoServer.instant(day, $0) }
        XCTAssertTrue(Set(after).isDisjoint(with: closed), "no start inside the closure: \(after)")
        XCTAssertTrue(after.contains(DemoServer.instant(day, "11:00")))

        let listed = try client.get(path("affected-bookings"), headers: [("Cookie", staff)])
        XCTAssertEqual(listed.status, 200)
        let rows = listed.object["affectedBookings"] as? [[String: Any]] ?? []
        XCTAssertEqual(codes(rows), [online, desk])
        let first = try XCTUnwrap(rows.first { ($0["booking"] as? [String: Any])?["code"] as? String == online })
        XCTAssertEqual(first["cause"] as? String, "closed")
        XCTAssertEqual((first["booking"] as? [String: Any])?["channel"] as? String, "online")
        XCTAssertEqual(((first["booking"] as? [String: Any])?["contact"] as? [String: Any])?["email"] as? String, "p1@example.org")
        XCTAssertEqual(try bookingCount(), count, "none lost")
        XCTAssertEqual(try sqliteRows(server.databasePath, "SELECT DISTINCT status FROM bookings WHERE code IN ('\(online)', '\(desk)')"),
                       [["confirmed"]], "none cancelled")
        try assertDatabaseInvariants(server.databasePath)

        let handled = try client.send("POST", path("affected-bookings/\(online)/handled"), headers: [("Cookie", staff)])
        XCTAssertEqual(handled.status, 204, handled.text)
        XCTAssertEqual(codes(try client.get(path("affected-bookings"), headers: [("Cookie", staff)]).object["affectedBookings"]), [desk])

        XCTAssertEqual(try client.send("DELETE", path("closures/\(closureId)"), headers: [("Cookie", staff)]).status, 204)
        XCTAssertTrue(try client.slotStarts(office: Self.office, date: day).contains(DemoServer.instant(day, "10:15")),
                      "open again at once")
        assertProblem(try client.send("DELETE", path("closures/\(closureId)"), headers: [("Cookie", staff)]), 404)
    }

    func testCapacityCutTakesEffectAtOnceAndListsTheOverflow() throws {
        // 3 bookable counters at 09:00 (4 × 0.3 → 1 for walk-ins); online may take 2 of them.
        let made = [try book("09:00", 1), try book("09:00", 2), try book("09:00", 3, cookie: staff)]
        XCTAssertTrue(try client.slotStarts(office: Self.office, date: day).contains(DemoServer.instant(day, "09:15")))
        let count = try bookingCount()

        let created = try client.post(path("capacity-changes"), json: ["date": day, "counters": 2, "reason": "Krankheit"],
                                      headers: [("Cookie", staff)])
        XCTAssertEqual(created.status, 201, created.text)
        XCTAssertEqual(codes(created.object["affectedBookings"]), [made[1], made[2]], "the latest over the one bookable counter")

        // 2 counters: 1 for walk-ins, 1 bookable, held for the phone: online has nothing left that day.
        XCTAssertEqual(try client.slotStarts(office: Self.office, date: day), [])
        let schedule = try client.schedule(office: Self.office, date: day, cookie: staff)
        XCTAssertEqual(schedule.slot(at: DemoServer.instant(day, "09:15"))?.total, 2)
        XCTAssertEqual(schedule.slot(at: DemoServer.instant(day, "09:00"))?.booked, 3, "all three still there")
        XCTAssertEqual(try bookingCount(), count)
        XCTAssertEqual(try sqliteRows(server.databasePath, """
            SELECT booked, total FROM slot_usage WHERE slot_start = \(RFC3339Instant(DemoServer.instant(day, "09:00"))!)
            """), [["3", "3"]], "total is held at what is booked, never below")
        try assertDatabaseInvariants(server.databasePath)

        let list = try client.get(path("capacity-changes"), headers: [("Cookie", staff)])
        let changeId = try XCTUnwrap((list.object["capacityChanges"] as? [[String: Any]])?.first?["id"] as? String)
        XCTAssertEqual(try client.send("DELETE", path("capacity-changes/\(changeId)"), headers: [("Cookie", staff)]).status, 204)
        XCTAssertTrue(try client.slotStarts(office: Self.office, date: day).contains(DemoServer.instant(day, "09:15")))
        XCTAssertEqual(codes(try client.get(path("affected-bookings"), headers: [("Cookie", staff)]).object["affectedBookings"]), [])
    }

    /// Tuesday to the Monday after: every opening day changed, the weekend
    /// (and a public holiday, when the week has one) left alone, in one
    /// answer with the first day's change where it was.
    func testACapacityChangeOverARangeChangesEachOpeningDay() throws {
        let through = DemoServer.adding(days: 6, to: day)
        let week = (0...6).map { DemoServer.adding(days: $0, to: day) }
        let open = try week.filter { (try client.schedule(office: Self.office, date: $0, cookie: staff)
            .slot(at: DemoServer.instant($0, "09:15"))?.total ?? 0) > 0 }
        XCTAssertFalse(open.contains(DemoServer.adding(days: 4, to: day)) || open.contains(DemoServer.adding(days: 5, to: day)),
                       "the weekend is closed")
        let created = try client.post(path("capacity-changes"), json: ["date": day, "through": through, "counters": 2],
                                      headers: [("Cookie", staff)])
        XCTAssertEqual(created.status, 201, created.text)
        let changes = try XCTUnwrap(created.object["capacityChanges"] as? [[String: Any]])
        let dates = changes.compactMap { $0["date"] as? String }
        XCTAssertEqual(dates, open, "the open days of Tuesday to the Monday after")
        XCTAssertGreaterThanOrEqual(open.count, 3, "a week has opening days even with holidays")
        XCTAssertEqual((created.object["capacityChange"] as? [String: Any])?["id"] as? String, changes.first?["id"] as? String)
        for date in dates {
            XCTAssertEqual(try client.schedule(office: Self.office, date: date, cookie: staff)
                .slot(at: DemoServer.instant(date, "09:15"))?.total, 2, date)
        }
        XCTAssertEqual(try sqliteRows(server.databasePath, "SELECT count(*) FROM capacity_changes"), [[String(open.count)]])
        try assertDatabaseInvariants(server.databasePath)
    }

    func testEveryEndpointChecksWhoAsks() throws {
        let agent = try client.signIn("agent")
        let endpoints: [(String, String, Any?)] = [
            ("GET", path("closures"), nil), ("POST", path("closures"), ["from": day, "reason": "x"]),
            ("DELETE", path("closures/mitte-personalversammlung"), nil),
            ("GET", path("capacity-changes"), nil), ("POST", path("capacity-changes"), ["date": day, "counters": 1]),
            ("DELETE", path("capacity-changes/capacity-1"), nil),
            ("GET", path("affected-bookings"), nil), ("POST", path("affected-bookings/K7M-4QX-9TD/handled"), nil),
            ("GET", path("statistics"), nil), ("GET", path("statistics.csv"), nil),
        ]
        for (method, target, body) in endpoints {
            let send = { (headers: [(String, String)], office: String) throws -> RawClient.Response in
                let target = target.replacingOccurrences(of: Self.office, with: office)
                if let body { return try self.client.post(target, json: body, headers: headers) }
                return try self.client.send(method, target, headers: headers)
            }
            assertProblem(try send([], Self.office), 401, type: "unauthenticated", "anonymous \(method) \(target)")
            assertProblem(try send([("Cookie", agent)], Self.office), 403, type: "forbidden", "agent \(method) \(target)")
            assertProblem(try send([("Cookie", staff)], "buergerbuero-nord"), 403, type: "forbidden", "other office \(method) \(target)")
        }
        XCTAssertEqual(try sqliteRows(server.databasePath, "SELECT count(*) FROM closures WHERE id = 'mitte-personalversammlung'"), [["1"]])
        XCTAssertEqual(try sqliteRows(server.databasePath, "SELECT count(*) FROM capacity_changes"), [["0"]])
    }

    func testBadInputIsAProblemAndWritesNothing() throws {
        let past = DemoServer.adding(days: -1, to: server.date), far = DemoServer.adding(days: 800, to: server.date)
        let closures: [([String: Any], String)] = [
            (["from": DemoServer.adding(days: 1, to: day), "through": day, "reason": "x"], "through"),
            (["from": day, "fromTime": "25:00", "toTime": "26:00", "reason": "x"], "fromTime"),
            (["from": day, "fromTime": "11:00", "toTime": "10:00", "reason": "x"], "toTime"),
            (["from": day, "fromTime": "10:00", "reason": "x"], "toTime"),
            (["from": past, "reason": "x"], "from"),
            (["from": far, "reason": "x"], "from"),
            (["from": "2026-13-01", "reason": "x"], "from"),
            (["from": day, "reason": "   "], "reason"),
            (["from": day], "reason"),
            (["from": day, "through": DemoServer.adding(days: 400, to: day), "reason": "x"], "through"),
        ]
        for (body, field) in closures {
            assertProblem(try client.post(path("closures"), json: body, headers: [("Cookie", staff)]), 422, field: field, "\(body)")
        }
        let changes: [([String: Any], String)] = [
            (["date": day, "counters": -1], "counters"), (["date": day, "counters": 1000], "counters"),
            (["date": day, "counters": "2"], "counters"), (["date": day], "counters"),
            (["date": past, "counters": 1], "date"), (["date": day, "counters": 1, "fromTime": "9:00", "toTime": "10:00"], "fromTime"),
            (["date": day, "through": DemoServer.adding(days: -1, to: day), "counters": 1], "through"),
            (["date": day, "through": DemoServer.adding(days: 42, to: day), "counters": 1], "through"),
            (["date": day, "through": "bald", "counters": 1], "through"),
        ]
        for (body, field) in changes {
            assertProblem(try client.post(path("capacity-changes"), json: body, headers: [("Cookie", staff)]), 422, field: field, "\(body)")
        }
        assertProblem(try client.get(path("statistics") + "?from=\(day)&to=\(past)", headers: [("Cookie", staff)]), 422, field: "to")
        assertProblem(try client.get(path("statistics.csv") + "?from=2026-02-30", headers: [("Cookie", staff)]), 422, field: "from")
        assertProblem(try client.get(path("statistics.csv") + "?excel=maybe", headers: [("Cookie", staff)]), 422, field: "excel")
        assertProblem(try client.send("POST", path("closures"), body: Array("{\"from\":".utf8),
                                      headers: [("Cookie", staff), ("Content-Type", "application/json")]), 400)
        XCTAssertEqual(try sqliteRows(server.databasePath, "SELECT count(*) FROM capacity_changes"), [["0"]])
        XCTAssertEqual(try sqliteRows(server.databasePath, "SELECT count(*) FROM closures"), [["2"]], "the two demo closures only")
    }

    func testStatisticsOfASeededDay() throws {
        _ = try book("09:00", 1)
        let cancelled = try book("09:15", 2)
        _ = try book("09:30", 3, cookie: staff)
        XCTAssertEqual(try client.post("/api/v1/bookings/\(cancelled)/cancel", json: [:], headers: [("Cookie", staff)]).status, 200)
        let response = try client.get(path("statistics") + "?from=\(day)&to=\(day)", headers: [("Cookie", staff)])
        XCTAssertEqual(response.status, 200, response.text)
        let figures = response.object
        XCTAssertEqual(figures["bookings"] as? Int, 3)
        XCTAssertEqual(figures["bookingsByChannel"] as? [String: Int], ["online": 2, "phone": 0, "desk": 1])
        XCTAssertEqual(figures["cancellations"] as? Int, 1)
        XCTAssertEqual((figures["walkIns"] as? [String: Any])?["tickets"] as? Int, 0)
        let nine = (figures["utilisation"] as? [[String: Any]] ?? []).first { $0["hour"] as? Int == 9 }
        XCTAssertEqual(nine?["booked"] as? Int, 2)
        XCTAssertEqual(nine?["bookable"] as? Int, 12)

        let csv = try client.get(path("statistics.csv") + "?from=\(day)&to=\(day)", headers: [("Cookie", staff)])
        XCTAssertEqual(csv.status, 200)
        XCTAssertEqual(csv.contentTypeEssence, "text/csv")
        XCTAssertTrue(csv.text.hasPrefix("figure,group,value,base\r\n"))
        XCTAssertTrue(csv.text.contains("\r\nbookings,desk,1,3\r\n"))
        XCTAssertTrue(csv.text.contains("\r\nutilisation,tuesday 09:00,2,12\r\n"))

        let excel = try client.get(path("statistics.csv") + "?from=\(day)&to=\(day)&excel=1", headers: [("Cookie", staff)])
        XCTAssertEqual(excel.status, 200)
        XCTAssertEqual(Array(excel.body.prefix(3)), [0xEF, 0xBB, 0xBF], "a byte-order mark for Excel")
        XCTAssertTrue(excel.text.contains("Kennzahl;Gruppe;Wert;Basis\r\n"), "German headers for people")
        XCTAssertTrue(excel.text.contains("\r\nTermine;Vor Ort;1;3\r\n"))
        XCTAssertTrue(excel.text.contains("\r\nAuslastung;Dienstag 09:00;2;12\r\n"))
        let date = day.split(separator: "-")
        XCTAssertTrue(excel.text.contains("\r\nZeitraum;von;\(date[2]).\(date[1]).\(date[0]);\r\n"), "dates as TT.MM.JJJJ")
        XCTAssertTrue(csv.text.contains("\r\nperiod,from,\(day),\r\n"), "ISO dates in the machine format")
    }
}
