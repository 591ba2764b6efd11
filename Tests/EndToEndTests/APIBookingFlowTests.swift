import Foundation
import XCTest

/// The happy paths of docs/api.md against the real server: the catalogue, a
/// citizen's hold → booking → calendar → move → cancel, signing in and out,
/// and bookings made by the call centre and the desk.
final class APIBookingFlowTests: SharedDemoServerTestCase {
    var server: DemoServer!
    var client: APIClient!
    static let office: String = "buergerbuero-mitte"

    override func setUpWithError() throws {
        server = try sharedServer
        client = APIClient(port: server.port)
    }

    // MARK: - Catalogue

    func testCatalogueListsTheDemoOfficesAndServices() throws {
        let offices = try client.get("/api/v1/offices")
        XCTAssertEqual(offices.status, 200)
        XCTAssertEqual(offices.contentTypeEssence, "application/json")
        let officeList = try XCTUnwrap(offices.object["offices"] as? [[String: Any]])
        let byId = Dictionary(officeList.map { ($0["id"] as? String ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        for id in ["buergerbuero-mitte", "buergerbuero-nord", "kfz-zulassung", "fuehrerscheinstelle"] {
            let office = try XCTUnwrap(byId[id], "office \(id)")
            XCTAssertEqual(office["municipality"] as? String, "bremerhaven", id)
        }
        XCTAssertTrue(officeList.contains { $0["municipality"] as? String == "luebeck" }, "an office of Lübeck")
        let kinds: Set<String> = ["citizensOffice", "vehicleRegistration", "drivingLicence", "mobile"]
        for office in officeList {
            let id = office["id"] as? String ?? "?"
            XCTAssertNotNil(office["name"] as? String, id)
            XCTAssertTrue(kinds.contains(office["kind"] as? String ?? ""), "\(id) kind \(office["kind"] ?? "none")")
            XCTAssertNotNil(office["address"], id)
            XCTAssertEqual(office["timeZone"] as? String, "Europe/Berlin", id)
            XCTAssertFalse((office["services"] as? [String] ?? []).isEmpty, "\(id) offers services")
        }
        XCTAssertEqual(byId["kfz-zulassung"]?["kind"] as? String, "vehicleRegistration")
        XCTAssertEqual(byId["fuehrerscheinstelle"]?["kind"] as? String, "drivingLicence")

        let mitte = try client.get("/api/v1/offices/buergerbuero-mitte")
        XCTAssertEqual(mitte.status, 200)
        XCTAssertEqual(mitte.object["id"] as? String, "buergerbuero-mitte")
        XCTAssertEqual(Set(mitte.object["services"] as? [String] ?? []), Set(byId["buergerbuero-mitte"]?["services"] as? [String] ?? ["?"]))

        let services = try client.get("/api/v1/services")
        XCTAssertEqual(services.status, 200)
        let serviceList = try XCTUnwrap(services.object["services"] as? [[String: Any]])
        let serviceById = Dictionary(serviceList.map { ($0["id"] as? String ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        for id in ["personalausweis", "reisepass", "wohnsitz-anmelden", "anwohnerparkausweis", "kfz-zulassung-neu",
                   "kfz-abmeldung", "fuehrerschein-umtausch"] {
            let service = try XCTUnwrap(serviceById[id], "service \(id)")
            XCTAssertNotNil(service["name"] as? String, id)
            XCTAssertNotNil(service["description"] as? String, id)
            XCTAssertGreaterThan(service["durationMinutes"] as? Int ?? 0, 0, id)
            XCTAssertNotNil(service["minutesPerExtraUnit"] as? Int, id)
            XCTAssertGreaterThanOrEqual(service["maxQuantity"] as? Int ?? 0, 1, id)
            XCTAssertNotNil(service["fee"], id)
            XCTAssertFalse((service["documents"] as? [String] ?? []).isEmpty, "\(id) lists what to bring")
            XCTAssertFalse((service["offices"] as? [String] ?? []).isEmpty, "\(id) is offered somewhere")
        }
        // The two lists agree: an office offers a service exactly when the service names the office.
        for office in officeList {
            let id = office["id"] as! String
            for service in office["services"] as? [String] ?? [] {
                XCTAssertTrue((serviceById[service]?["offices"] as? [String] ?? []).contains(id), "\(service) at \(id)")
            }
        }
        for service in serviceList {
            for office in service["offices"] as? [String] ?? [] {
                XCTAssertTrue((byId[office]?["services"] as? [String] ?? []).contains(service["id"] as! String),
                              "\(service["id"]!) names \(office)")
            }
        }

        let document = try client.get("/api/v1/openapi.json")
        XCTAssertEqual(document.status, 200)
        XCTAssertEqual(document.object["openapi"] as? String, "3.1.0")
        XCTAssertNotNil((document.object["paths"] as? [String: Any])?["/api/v1/bookings"])
    }

    // MARK: - A citizen's booking from hold to cancellation

    func testHoldBookCalendarRescheduleCancel() throws {
        let staff = try client.signIn("staff-mitte")
        let days = try client.get("/api/v1/offices/\(Self.office)/days?services=personalausweis&from=\(server.date)&to=\(DemoServer.adding(days: 6, to: server.date))")
        XCTAssertEqual(days.status, 200, days.text)
        let dayList = days.object["days"] as? [[String: Any]] ?? []
        XCTAssertEqual(dayList.first?["date"] as? String, server.date, "Monday is bookable")
        XCTAssertGreaterThan(dayList.first?["freeStarts"] as? Int ?? 0, 0)
        XCTAssertFalse(dayList.contains { ($0["date"] as? String).map { $0 < server.date } ?? true })

        let starts = try client.slotStarts(office: Self.office, date: server.date)
        XCTAssertGreaterThanOrEqual(starts.count, 6)
        let first = starts[2], second = starts[starts.count - 2]
        let before = try client.schedule(office: Self.office, date: server.date, cookie: staff)

        // Hold: the capacity is kept while the form is filled in.
        let hold = try client.post("/api/v1/holds", json: ["officeId": Self.office, "start": first,
                                                           "services": [["id": "personalausweis", "quantity": 1]]])
        XCTAssertEqual(hold.status, 201, hold.text)
        let holdId = try XCTUnwrap(hold.object["holdId"] as? String)
        let expiresAt = try XCTUnwrap((hold.object["expiresAt"] as? String).flatMap(RFC3339Instant))
        let minutes = Double(expiresAt - RFC3339Instant(server.now)!) / 60
        XCTAssertTrue((9.5...12).contains(minutes), "a hold lasts 10 minutes, not \(minutes)")
        let held = try client.schedule(office: Self.office, date: server.date, cookie: staff)
        XCTAssertEqual(held.slot(at: first)!.free, before.slot(at: first)!.free - 1, "the hold takes capacity")
        XCTAssertEqual(held.slot(at: first)!.booked, before.slot(at: first)!.booked, "a hold is no appointment")

        // Book on the hold.
        let email = "flow-\(UUID().uuidString.prefix(8).lowercased())@example.org"
        let created = try client.post("/api/v1/bookings", json: APIClient.bookingBody(
            office: Self.office, start: first, name: "Erika Mustermann", email: email, holdId: holdId))
        XCTAssertEqual(created.status, 201, created.text)
        XCTAssertEqual(created.header("Cache-Control"), "no-store", "the manage token must not be cached")
        let booking = try XCTUnwrap(created.object["booking"] as? [String: Any])
        let token = try XCTUnwrap(created.object["manageToken"] as? String)
        XCTAssertGreaterThanOrEqual(token.count, 22, "≥128 random bits")
        let code = try XCTUnwrap(booking["code"] as? String)
        XCTAssertNotNil(code.wholeMatch(of: /[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}/), code)
        XCTAssertEqual(booking["status"] as? String, "confirmed")
        XCTAssertEqual(booking["officeId"] as? String, Self.office)
        XCTAssertEqual(booking["channel"] as? String, "online")
        XCTAssertEqual((booking["start"] as? String).flatMap(RFC3339Instant), RFC3339Instant(first))
        XCTAssertEqual((booking["end"] as? String).flatMap(RFC3339Instant), RFC3339Instant(first)! + 15 * 60)
        let services = booking["services"] as? [[String: Any]] ?? []
        XCTAssertEqual(services.first?["id"] as? String, "personalausweis")
        XCTAssertEqual(services.first?["quantity"] as? Int, 1)
        XCTAssertEqual((booking["contact"] as? [String: Any])?["email"] as? String, email)
        XCTAssertFalse((booking["documents"] as? [String] ?? []).isEmpty, "what to bring")
        XCTAssertNotNil((booking["createdAt"] as? String).flatMap(RFC3339Instant))
        assertProblem(try client.send("DELETE", "/api/v1/holds/\(holdId)"), 404, "the hold became the booking")
        let booked = try client.schedule(office: Self.office, date: server.date, cookie: staff)
        XCTAssertEqual(booked.slot(at: first)!.free, before.slot(at: first)!.free - 1, "the hold's capacity, not more")
        XCTAssertEqual(booked.slot(at: first)!.booked, before.slot(at: first)!.booked + 1)
        XCTAssertTrue(booked.bookings.contains { $0.code == code })

        // Read it back with the token.
        let owner = [("Authorization", "Bearer \(token)")]
        let read = try client.get("/api/v1/bookings/\(code)", headers: owner)
        XCTAssertEqual(read.status, 200, read.text)
        XCTAssertEqual(read.object["code"] as? String, code)
        XCTAssertEqual(read.object["start"] as? String, booking["start"] as? String)
        XCTAssertEqual(try client.get("/api/v1/bookings/\(code.lowercased().replacingOccurrences(of: "-", with: ""))",
                                      headers: owner).object["code"] as? String, code, "codes as people type them")

        // The calendar entry.
        let calendar = try client.get("/api/v1/bookings/\(code)/calendar.ics", headers: owner)
        XCTAssertEqual(calendar.status, 200)
        XCTAssertEqual(calendar.contentTypeEssence, "text/calendar")
        let uid = try assertCalendar(calendar, code: code, start: first)

        // Move it.
        let moved = try client.post("/api/v1/bookings/\(code)/reschedule", json: ["start": second], headers: owner)
        XCTAssertEqual(moved.status, 200, moved.text)
        XCTAssertEqual(moved.object["code"] as? String, code, "a move keeps the code")
        XCTAssertEqual((moved.object["start"] as? String).flatMap(RFC3339Instant), RFC3339Instant(second))
        XCTAssertEqual(moved.object["status"] as? String, "confirmed")
        XCTAssertEqual((try client.get("/api/v1/bookings/\(code)", headers: owner).object["start"] as? String).flatMap(RFC3339Instant),
                       RFC3339Instant(second))
        let after = try client.schedule(office: Self.office, date: server.date, cookie: staff)
        XCTAssertEqual(after.slot(at: first)!.booked, before.slot(at: first)!.booked, "the old slot has one appointment less")
        XCTAssertEqual(after.slot(at: second)!.booked, before.slot(at: second)!.booked + 1, "the new slot one more")
        XCTAssertEqual(after.slot(at: first)!.free, before.slot(at: first)!.free - 1,
                       "the old slot stays blocked for the cooldown (against appointment trading)")
        after.assertWithinCapacity("after the move")
        let movedCalendar = try client.get("/api/v1/bookings/\(code)/calendar.ics", headers: owner)
        XCTAssertEqual(try assertCalendar(movedCalendar, code: code, start: second), uid, "the UID is stable")

        // Cancel it.
        let cancelled = try client.send("POST", "/api/v1/bookings/\(code)/cancel", headers: owner)
        XCTAssertEqual(cancelled.status, 200, cancelled.text)
        XCTAssertEqual(cancelled.object["status"] as? String, "cancelled")
        let gone = try client.get("/api/v1/bookings/\(code)", headers: owner)
        XCTAssertEqual(gone.status, 200)
        XCTAssertEqual(gone.object["status"] as? String, "cancelled")
        assertProblem(try client.send("POST", "/api/v1/bookings/\(code)/cancel", headers: owner), 409, "cancelling twice")
        assertProblem(try client.post("/api/v1/bookings/\(code)/reschedule", json: ["start": first], headers: owner), 409,
                      "moving a cancelled booking")
        let end = try client.schedule(office: Self.office, date: server.date, cookie: staff)
        XCTAssertEqual(end.slot(at: second)!.booked, before.slot(at: second)!.booked, "cancelled: no longer an appointment")
        end.assertWithinCapacity("after the cancellation")
    }

    /// Invariant 7 the other way round: a move blocks (cools down) only the
    /// capacity it gives up, never the slots the booking keeps.
    func testMovingABookingOntoItsOwnSlotsBlocksNothing() throws {
        let staff = try client.signIn("staff-mitte")
        let date = DemoServer.adding(days: 3, to: server.date)  // Thursday: long afternoon
        // Two persons: 15 + 10 minutes, two 15-minute slots; a start whose
        // next slot is a possible start too.
        let starts = try client.slotStarts(office: Self.office, date: date, service: "reisepass&quantity=2")
        let instants = Set(starts.compactMap(RFC3339Instant))
        let start = try XCTUnwrap(starts.first { instants.contains(RFC3339Instant($0)! + 15 * 60) })
        let created = try client.post("/api/v1/bookings", json: APIClient.bookingBody(
            office: Self.office, service: "reisepass", quantity: 2, start: start, name: "Zwei Pässe",
            email: "move-\(UUID().uuidString.prefix(8).lowercased())@example.org"))
        XCTAssertEqual(created.status, 201, created.text)
        let booking = try XCTUnwrap(created.object["booking"] as? [String: Any])
        let code = try XCTUnwrap(booking["code"] as? String)
        let end = try XCTUnwrap((booking["end"] as? String).flatMap(RFC3339Instant))
        XCTAssertEqual(end - RFC3339Instant(start)!, 30 * 60)
        let owner = [("Authorization", "Bearer \(try XCTUnwrap(created.object["manageToken"] as? String))")]
        let booked = try client.schedule(office: Self.office, date: date, cookie: staff)

        // Onto the same start: nothing is given up, nothing may be blocked.
        let same = try client.post("/api/v1/bookings/\(code)/reschedule", json: ["start": start], headers: owner)
        XCTAssertEqual(same.status, 200, same.text)
        let after = try client.schedule(office: Self.office, date: date, cookie: staff)
        for slot in booked.slots {
            XCTAssertEqual(after.slot(at: slot.start)?.free, slot.free, "free at \(slot.start) after a move onto the same start")
        }

        // One slot later: only the first slot is given up (and cools down);
        // the second is kept and must count once, not twice.
        let second = DemoServer.rfc3339(Date(timeIntervalSince1970: TimeInterval(RFC3339Instant(start)! + 15 * 60)))
        let later = try client.post("/api/v1/bookings/\(code)/reschedule", json: ["start": second], headers: owner)
        XCTAssertEqual(later.status, 200, later.text)
        let third = DemoServer.rfc3339(Date(timeIntervalSince1970: TimeInterval(RFC3339Instant(start)! + 30 * 60)))
        let moved = try client.schedule(office: Self.office, date: date, cookie: staff)
        XCTAssertEqual(moved.slot(at: start)?.free, booked.slot(at: start)?.free, "the slot given up cools down")
        XCTAssertEqual(moved.slot(at: second)?.free, booked.slot(at: second)?.free, "the kept slot is counted once")
        XCTAssertEqual(moved.slot(at: third)?.free, booked.slot(at: third)!.free - 1, "the new slot is taken")
        XCTAssertEqual(moved.slot(at: start)?.booked, booked.slot(at: start)!.booked - 1)
        moved.assertWithinCapacity("after the moves")
    }

    /// What citizens are offered follows every change at once: holds take a
    /// start off the list when they fill it, a released hold puts it back,
    /// and a cancellation keeps it off while the slot cools down.
    func testAvailabilityFollowsHoldsBookingsAndCancellations() throws {
        let staff = try client.signIn("staff-mitte")
        let slotsPath = "/api/v1/offices/\(Self.office)/slots?services=personalausweis&date=\(server.date)"
        let daysPath = "/api/v1/offices/\(Self.office)/days?services=personalausweis&from=\(server.date)&to=\(server.date)"
        func offered(_ start: String) throws -> Bool {
            try client.slotStarts(office: Self.office, date: server.date).contains(start)
        }
        func freeStarts() throws -> Int {
            (try client.get(daysPath).object["days"] as? [[String: Any]])?.first?["freeStarts"] as? Int ?? 0
        }
        let slots = try client.get(slotsPath)
        XCTAssertEqual(slots.status, 200)
        // The services come back as request lines, ready for POST /holds.
        let lines = slots.object["services"] as? [[String: Any]] ?? []
        XCTAssertEqual(lines.map { "\($0["id"] ?? "") × \($0["quantity"] ?? "")" }, ["personalausweis × 1"])
        let starts = try client.slotStarts(office: Self.office, date: server.date)
        let schedule = try client.schedule(office: Self.office, date: server.date, cookie: staff)
        // A start late in the day that no other test of this class takes.
        let start = try XCTUnwrap(starts.dropLast(3).last)
        let free = try XCTUnwrap(schedule.slot(at: start)?.free)
        XCTAssertGreaterThan(free, 0)
        let startsBefore = try freeStarts()

        var holds: [String] = []
        for index in 0..<free {
            XCTAssertTrue(try offered(start), "offered with \(index) of \(free) held")
            // Each hold from a client of its own: one client holds only a few (docs/api.md).
            let hold = try APIClient(port: server.port, source: "127.0.1.\(index + 1)").post(
                "/api/v1/holds", json: ["officeId": Self.office, "start": start, "services": [["id": "personalausweis"]]])
            XCTAssertEqual(hold.status, 201, hold.text)
            holds.append(try XCTUnwrap(hold.object["holdId"] as? String))
        }
        XCTAssertFalse(try offered(start), "all held: no longer offered")
        XCTAssertEqual(try freeStarts(), startsBefore - 1)
        assertProblem(try client.post("/api/v1/holds", json: ["officeId": Self.office, "start": start,
                                                              "services": [["id": "personalausweis"]]]),
                      409, type: "slot-taken", "one hold too many")
        assertProblem(try client.post("/api/v1/bookings", json: APIClient.bookingBody(
            office: Self.office, start: start, name: "Zu spät", email: "late-\(UUID().uuidString.prefix(6))@example.org")),
                      409, type: "slot-taken", "booking a fully held start")

        XCTAssertEqual(try client.send("DELETE", "/api/v1/holds/\(holds.removeLast())").status, 204)
        XCTAssertTrue(try offered(start), "a released hold gives the start back")
        XCTAssertEqual(try freeStarts(), startsBefore)

        let created = try client.post("/api/v1/bookings", json: APIClient.bookingBody(
            office: Self.office, start: start, name: "Letzter Platz", email: "last-\(UUID().uuidString.prefix(6))@example.org"))
        XCTAssertEqual(created.status, 201, created.text)
        XCTAssertFalse(try offered(start), "booked full")
        let code = try XCTUnwrap((created.object["booking"] as? [String: Any])?["code"] as? String)
        let token = try XCTUnwrap(created.object["manageToken"] as? String)
        let cancelled = try client.send("POST", "/api/v1/bookings/\(code)/cancel", headers: [("Authorization", "Bearer \(token)")])
        XCTAssertEqual(cancelled.status, 200, cancelled.text)
        XCTAssertFalse(try offered(start), "a cancelled slot cools down before it is offered again")

        for hold in holds { XCTAssertEqual(try client.send("DELETE", "/api/v1/holds/\(hold)").status, 204) }
        XCTAssertTrue(try offered(start), "with the holds released the start is offered again")
        try client.schedule(office: Self.office, date: server.date, cookie: staff).assertWithinCapacity("after holds")
    }

    /// Availability depends on the clock too: when the minimum notice (two
    /// hours at Mitte) reaches a start, it leaves the offer at once, however
    /// the answer was computed or kept before.
    func testAStartLeavesTheOfferWhenTheMinimumNoticeReachesIt() throws {
        // 09:15 is bookable until 07:15:00; the server starts a few seconds before.
        let server = try DemoServer.start(hour: 7, minute: 14, second: 56, extraArguments: ["--test-clock-on-stdin"])
        defer { server.stop() }
        let client = APIClient(port: server.port)
        let first = DemoServer.instant(server.date, "09:15")
        let boundary = RFC3339Instant(DemoServer.instant(server.date, "07:15"))!
        /// The server's clock, read off a hold's expiry (holds last 10 minutes),
        /// each time on another start: a start given up is not held again at once.
        var probes = ["11:00", "11:15"]
        func serverNow() throws -> Int {
            let hold = try client.post("/api/v1/holds", json: ["officeId": "kfz-zulassung", "start": DemoServer.instant(server.date, probes.removeFirst()),
                                                               "services": [["id": "kfz-abmeldung"]]])
            XCTAssertEqual(hold.status, 201, hold.text)
            let expires = try XCTUnwrap((hold.object["expiresAt"] as? String).flatMap(RFC3339Instant))
            XCTAssertEqual(try client.send("DELETE", "/api/v1/holds/\(hold.object["holdId"] as? String ?? "")").status, 204)
            return expires - 10 * 60
        }
        let offered = try client.slotStarts(office: Self.office, date: server.date)
        let daysPath = "/api/v1/offices/\(Self.office)/days?services=personalausweis&from=\(server.date)&to=\(server.date)"
        let countBefore = (try client.get(daysPath).object["days"] as? [[String: Any]])?.first?["freeStarts"] as? Int
        let seenAt = try serverNow()
        // `--now` is the clock's reading when the server starts listening, however long seeding took.
        XCTAssertLessThan(seenAt, boundary - 1, "the server's clock started at --now when it began to listen")
        XCTAssertTrue(offered.contains(first), "09:15 is offered before 07:15: \(offered.prefix(3))")

        // Move the server's clock past 07:15:00.
        try server.process.setClock(DemoServer.rfc3339(Date(timeIntervalSince1970: TimeInterval(boundary + 1))))
        XCTAssertGreaterThan(try serverNow(), boundary)
        let later = try client.slotStarts(office: Self.office, date: server.date)
        XCTAssertFalse(later.contains(first), "09:15 is no longer offered after 07:15: \(later.prefix(3))")
        XCTAssertTrue(later.contains(DemoServer.instant(server.date, "09:30")))
        let countAfter = (try client.get(daysPath).object["days"] as? [[String: Any]])?.first?["freeStarts"] as? Int
        XCTAssertEqual(countAfter, countBefore.map { $0 - 1 }, "the day counts one start less")
        assertProblem(try client.post("/api/v1/bookings", json: APIClient.bookingBody(
            office: Self.office, start: first, name: "Zu knapp", email: "notice@example.org")), 422, type: "too-soon", "booking 09:15")
    }

    /// Checks an RFC 5545 document for one appointment and returns its UID.
    @discardableResult
    func assertCalendar(_ response: RawClient.Response, code: String, start: String,
                        file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let text = response.text
        XCTAssertTrue(text.hasPrefix("BEGIN:VCALENDAR\r\n"), "starts with BEGIN:VCALENDAR", file: file, line: line)
        XCTAssertTrue(text.hasSuffix("END:VCALENDAR\r\n"), "ends with END:VCALENDAR", file: file, line: line)
        XCTAssertTrue(text.contains("BEGIN:VTIMEZONE\r\n"), file: file, line: line)
        XCTAssertTrue(text.contains("TZID:Europe/Berlin\r\n"), file: file, line: line)
        XCTAssertTrue(text.contains("BEGIN:VEVENT\r\n"), file: file, line: line)
        // Lines end in CRLF and are folded at 75 octets (RFC 5545 §3.1).
        XCTAssertFalse(text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "bare LF", file: file, line: line)
        for physical in response.body.split(separator: 10) {
            XCTAssertLessThanOrEqual(physical.count, 76, "a line longer than 75 octets", file: file, line: line)
        }
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "").replacingOccurrences(of: "\r\n\t", with: "")
        let lines = unfolded.components(separatedBy: "\r\n")
        let uid = try XCTUnwrap(lines.first { $0.hasPrefix("UID:") }, "UID", file: file, line: line)
        XCTAssertTrue(uid.contains(code), "\(uid) names the booking code", file: file, line: line)
        let parts = start.prefix(19).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
        XCTAssertTrue(lines.contains("DTSTART;TZID=Europe/Berlin:\(parts)"), "DTSTART of \(start) in:\n\(text)",
                      file: file, line: line)
        return uid
    }

    // MARK: - Sessions

    func testSignInAndOut() throws {
        let signIn = try client.post("/api/v1/session", json: ["username": "staff-mitte", "password": "demo"])
        XCTAssertEqual(signIn.status, 200, signIn.text)
        XCTAssertEqual(signIn.object["role"] as? String, "staff")
        XCTAssertEqual(signIn.object["offices"] as? [String], ["buergerbuero-mitte"])
        let setCookie = try XCTUnwrap(signIn.header("Set-Cookie"))
        XCTAssertTrue(setCookie.hasPrefix("__Host-terminbuch-session="), setCookie)
        for attribute in ["Path=/", "HttpOnly", "SameSite=Lax"] {
            XCTAssertTrue(setCookie.contains(attribute), "\(attribute) in \(setCookie)")
        }
        XCTAssertFalse(setCookie.contains("Domain="), "__Host- cookies carry no Domain")
        let cookie = String(setCookie.split(separator: ";")[0])
        XCTAssertGreaterThanOrEqual(cookie.count - "__Host-terminbuch-session=".count, 22, "≥128 random bits")

        let session = [("Cookie", cookie)]
        let me = try client.get("/api/v1/session", headers: session)
        XCTAssertEqual(me.status, 200)
        XCTAssertEqual(me.object["username"] as? String, "staff-mitte")
        XCTAssertEqual(try client.get("/api/v1/offices/\(Self.office)/schedule?date=\(server.date)", headers: session).status, 200)

        let signOut = try client.send("DELETE", "/api/v1/session", headers: session)
        XCTAssertEqual(signOut.status, 204)
        XCTAssertTrue(signOut.header("Set-Cookie")?.contains("Max-Age=0") ?? false, "the cookie is cleared")
        assertProblem(try client.get("/api/v1/session", headers: session), 401, type: "unauthenticated", "after sign-out")
        assertProblem(try client.get("/api/v1/offices/\(Self.office)/schedule?date=\(server.date)", headers: session), 401,
                      type: "unauthenticated", "schedule after sign-out")

        // The session works as a bearer token too (docs/api.md), and not after sign-out.
        let again = try client.signIn("staff-mitte")
        let token = String(again.dropFirst("__Host-terminbuch-session=".count))
        XCTAssertEqual(try client.get("/api/v1/session", headers: [("Authorization", "Bearer \(token)")]).status, 200)
        XCTAssertEqual(try client.send("DELETE", "/api/v1/session", headers: [("Authorization", "Bearer \(token)")]).status, 204)
        XCTAssertEqual(try client.get("/api/v1/session", headers: [("Authorization", "Bearer \(token)")]).status, 401)
    }

    // MARK: - The call centre and the desk

    func testAgentBooksByPhoneAndStaffAtTheDesk() throws {
        let agent = try client.signIn("agent")
        let asAgent = [("Cookie", agent)]
        let date = DemoServer.adding(days: 1, to: server.date)
        let agentStarts = try client.get("/api/v1/offices/\(Self.office)/slots?services=personalausweis&date=\(date)", headers: asAgent)
        XCTAssertEqual(agentStarts.status, 200)
        let start = try XCTUnwrap((agentStarts.object["slots"] as? [[String: Any]])?.first?["start"] as? String)

        let name = "Anrufer \(UUID().uuidString.prefix(6))"
        let phone = "0471 \(Int.random(in: 1_000_000...9_999_999))"
        let created = try client.post("/api/v1/bookings", json: APIClient.bookingBody(
            office: Self.office, start: start, name: name, phone: phone), headers: asAgent)
        XCTAssertEqual(created.status, 201, created.text)
        let booking = try XCTUnwrap(created.object["booking"] as? [String: Any])
        XCTAssertEqual(booking["channel"] as? String, "phone", "an agent books through the phone channel")
        XCTAssertEqual((booking["contact"] as? [String: Any])?["phone"] as? String, phone)
        let code = try XCTUnwrap(booking["code"] as? String)

        // Agents see and find bookings without the token.
        let read = try client.get("/api/v1/bookings/\(code)", headers: asAgent)
        XCTAssertEqual(read.status, 200, read.text)
        XCTAssertEqual(read.object["channel"] as? String, "phone")
        let found = try client.get("/api/v1/bookings?query=\(name.replacingOccurrences(of: " ", with: "%20"))", headers: asAgent)
        XCTAssertEqual(found.status, 200, found.text)
        XCTAssertEqual((found.object["bookings"] as? [[String: Any]])?.compactMap { $0["code"] as? String }, [code])
        let byCode = try client.get("/api/v1/bookings?query=\(code)", headers: asAgent)
        XCTAssertEqual((byCode.object["bookings"] as? [[String: Any]])?.first?["code"] as? String, code)

        // A service citizens cannot book online, the call centre can.
        let licenceDate = try XCTUnwrap(nextDate(of: "fuehrerscheinstelle", service: "fuehrerschein-ersatz", headers: asAgent))
        let licenceStart = try XCTUnwrap(try client.get(
            "/api/v1/offices/fuehrerscheinstelle/slots?services=fuehrerschein-ersatz&date=\(licenceDate)", headers: asAgent)
            .object["slots"] as? [[String: Any]])?.first?["start"] as? String
        let ersatz = try client.post("/api/v1/bookings", json: APIClient.bookingBody(
            office: "fuehrerscheinstelle", service: "fuehrerschein-ersatz", start: try XCTUnwrap(licenceStart),
            name: name, phone: phone), headers: asAgent)
        XCTAssertEqual(ersatz.status, 201, ersatz.text)
        XCTAssertEqual((ersatz.object["booking"] as? [String: Any])?["channel"] as? String, "phone")

        // The desk books as the desk, and only for its own office.
        let staff = try client.signIn("staff-mitte")
        let deskStart = try XCTUnwrap(client.slotStarts(office: Self.office, date: date).last)
        let desk = try client.post("/api/v1/bookings", json: APIClient.bookingBody(
            office: Self.office, start: deskStart, name: "Am Schalter", phone: "0471 5550123"), headers: [("Cookie", staff)])
        XCTAssertEqual(desk.status, 201, desk.text)
        XCTAssertEqual((desk.object["booking"] as? [String: Any])?["channel"] as? String, "desk")
        let nordStart = try XCTUnwrap(client.slotStarts(office: "buergerbuero-nord", date: date).first)
        assertProblem(try client.post("/api/v1/bookings", json: APIClient.bookingBody(
            office: "buergerbuero-nord", start: nordStart, name: "Falsches Amt", phone: "0471 5550124"), headers: [("Cookie", staff)]),
                      403, type: "forbidden", "staff of Mitte booking at Nord")

        let schedule = try client.schedule(office: Self.office, date: date, cookie: staff)
        XCTAssertEqual(schedule.bookings.first { $0.code == code }?.channel, "phone")
        schedule.assertWithinCapacity("Tuesday")
    }

    private func nextDate(of office: String, service: String, headers: [(String, String)]) throws -> String? {
        let days = try client.get("/api/v1/offices/\(office)/days?services=\(service)", headers: headers)
        return (days.object["days"] as? [[String: Any]])?.first?["date"] as? String
    }
}
