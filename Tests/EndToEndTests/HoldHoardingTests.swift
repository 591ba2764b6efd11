import Foundation
import XCTest

/// Issue 12's hold attacks against the real server and database, each
/// client on an address of its own (127.0.0.2, 127.0.0.3 … on loopback):
/// hoarding holds until refused leaves every office open to others, a
/// start given up is not held again by the same client within the
/// cooldown, a hold made for one contact is no pass for another, and staff
/// see held capacity.
final class HoldHoardingTests: XCTestCase {
    static let mitte = "buergerbuero-mitte"

    /// A start the office offers online for one of its services, searched
    /// over the next two weeks: `(service, date)`.
    func bookable(_ office: [String: Any], client: APIClient, from date: String) throws -> (service: String, date: String) {
        let id = try XCTUnwrap(office["id"] as? String)
        for day in 0..<14 {
            let date = DemoServer.adding(days: day, to: date)
            for service in office["services"] as? [String] ?? [] {
                // Some services are booked by phone or at the desk only (422 channel-not-allowed).
                let slots = try client.get("/api/v1/offices/\(id)/slots?services=\(service)&date=\(date)")
                let starts = (slots.object["slots"] as? [[String: Any]] ?? []).compactMap { $0["start"] as? String }
                if slots.status == 200 && starts.count >= 4 { return (service, date) }
            }
        }
        throw RawClient.Failure(description: "\(id) has no day with four online starts")
    }

    func holdBody(_ office: String, _ service: String, _ start: String, contact: [String: Any]? = nil) -> [String: Any] {
        var body: [String: Any] = ["officeId": office, "services": [["id": service]], "start": start]
        if let contact { body["contact"] = contact }
        return body
    }

    func testOneClientHoardingLeavesAnotherAbleToHoldAndBookAtEveryOffice() throws {
        let server = try DemoServer.start()
        defer { server.stop() }
        let hoarder = APIClient(port: server.port, source: "127.0.0.2")
        let citizen = APIClient(port: server.port, source: "127.0.0.3")
        let offices = try XCTUnwrap(citizen.get("/api/v1/offices").object["offices"] as? [[String: Any]])
        XCTAssertGreaterThanOrEqual(offices.count, 5)
        for office in offices {
            let id = try XCTUnwrap(office["id"] as? String)
            let (service, date) = try bookable(office, client: citizen, from: server.date)
            // The hoarder takes the first free start again and again, until refused.
            var held = 0
            var refusal: RawClient.Response?
            while refusal == nil && held < 50 {
                let start = try XCTUnwrap(hoarder.slotStarts(office: id, date: date, service: service).first, "\(id) emptied")
                let response = try hoarder.post("/api/v1/holds", json: holdBody(id, service, start))
                if response.status == 201 { held += 1 } else { refusal = response }
            }
            let refused = try XCTUnwrap(refusal, "\(id): \(held) holds and never refused")
            XCTAssertEqual(held, 3, "\(id): the hoarder's live holds")
            assertProblem(refused, 429, type: "too-many-requests", "\(id): the fourth hold")
            let retryAfter = try XCTUnwrap(refused.header("Retry-After").flatMap { Int($0) }, "\(id): Retry-After")
            XCTAssertTrue((1...600).contains(retryAfter), "\(id): Retry-After \(retryAfter) is until the first hold runs out")

            // Another client still holds and books there.
            let start = try XCTUnwrap(citizen.slotStarts(office: id, date: date, service: service).first, "\(id): nothing left")
            let hold = try citizen.post("/api/v1/holds", json: holdBody(id, service, start))
            XCTAssertEqual(hold.status, 201, "\(id): \(hold.text)")
            var body = APIClient.bookingBody(office: id, service: service, start: start, name: "Erika Mustermann",
                                             email: "erika.\(id)@example.org")
            body["holdId"] = hold.object["holdId"]
            let booked = try citizen.post("/api/v1/bookings", json: body)
            XCTAssertEqual(booked.status, 201, "\(id): \(booked.text)")
        }
        XCTAssertEqual(try sqliteRows(server.databasePath,
                                      "SELECT count(*) FROM holds WHERE client_key = 'client:127.0.0.2' AND booked = 0"),
                       [[String(3 * offices.count)]], "the refused holds left no row")
    }

    func testAStartGivenUpIsNotHeldAgainWithinTheCooldown() throws {
        let server = try DemoServer.start(extraArguments: ["--test-clock-on-stdin"])
        defer { server.stop() }
        let trader = APIClient(port: server.port, source: "127.0.0.2")
        let other = APIClient(port: server.port, source: "127.0.0.3")
        let starts = try trader.slotStarts(office: Self.mitte, date: server.date)
        let (released, expired) = (try XCTUnwrap(starts.dropLast(2).last), try XCTUnwrap(starts.last))

        // Hold, release, hold again: refused for the office's 30-minute cooldown.
        let first = try trader.post("/api/v1/holds", json: holdBody(Self.mitte, "personalausweis", released))
        XCTAssertEqual(first.status, 201, first.text)
        XCTAssertEqual(try trader.send("DELETE", "/api/v1/holds/\(first.object["holdId"] as? String ?? "")").status, 204)
        let again = try trader.post("/api/v1/holds", json: holdBody(Self.mitte, "personalausweis", released))
        assertProblem(again, 409, type: "hold-cooldown", "hold, release, hold again")
        // The server's clock runs on from --now: a second may have passed since the release.
        XCTAssertTrue((1799...1800).contains(Int(again.header("Retry-After") ?? "") ?? 0), "Retry-After \(again.headers)")
        let others = try other.post("/api/v1/holds", json: holdBody(Self.mitte, "personalausweis", released))
        XCTAssertEqual(others.status, 201, "anyone else holds it at once: \(others.text)")

        // Letting a hold run out and holding it anew is the same trick.
        let running = try trader.post("/api/v1/holds", json: holdBody(Self.mitte, "personalausweis", expired))
        XCTAssertEqual(running.status, 201, running.text)
        let expiry = try XCTUnwrap((running.object["expiresAt"] as? String).flatMap(RFC3339Instant))
        func setClock(_ seconds: Int) throws {
            try server.process.setClock(DemoServer.rfc3339(Date(timeIntervalSince1970: TimeInterval(seconds))))
        }
        try setClock(expiry + 1)
        let renewed = try trader.post("/api/v1/holds", json: holdBody(Self.mitte, "personalausweis", expired))
        assertProblem(renewed, 409, type: "hold-cooldown", "the hold ran out, held again")
        XCTAssertTrue((1798...1799).contains(Int(renewed.header("Retry-After") ?? "") ?? 0), "Retry-After \(renewed.headers)")
        try setClock(expiry + 30 * 60)
        let later = try trader.post("/api/v1/holds", json: holdBody(Self.mitte, "personalausweis", expired))
        XCTAssertEqual(later.status, 201, "after the cooldown: \(later.text)")
    }

    func testABookingWithTheBuyersContactOnSomeoneElsesHoldFails() throws {
        let server = try DemoServer.start()
        defer { server.stop() }
        let trader = APIClient(port: server.port, source: "127.0.0.2")
        let buyer = APIClient(port: server.port, source: "127.0.0.3")
        let start = try XCTUnwrap(trader.slotStarts(office: Self.mitte, date: server.date).last)
        let hold = try trader.post("/api/v1/holds", json: holdBody(Self.mitte, "personalausweis", start,
                                                                   contact: ["name": "Strohmann", "email": "straw@example.org"]))
        XCTAssertEqual(hold.status, 201, hold.text)
        let holdId = try XCTUnwrap(hold.object["holdId"] as? String)
        for client in [buyer, trader] {
            let refused = try client.post("/api/v1/bookings", json: APIClient.bookingBody(
                office: Self.mitte, start: start, name: "Käufer", email: "buyer@example.org", holdId: holdId))
            assertProblem(refused, 409, type: "hold-for-another-contact", "the buyer's contact on the hold")
        }
        let booked = try trader.post("/api/v1/bookings", json: APIClient.bookingBody(
            office: Self.mitte, start: start, name: "Strohmann", email: "STRAW@example.org", holdId: holdId))
        XCTAssertEqual(booked.status, 201, "the contact the hold was made for: \(booked.text)")
        assertProblem(try trader.post("/api/v1/holds", json: holdBody(Self.mitte, "personalausweis", start, contact: ["name": "Ohne"])),
                      422, field: "contact", "a contact without e-mail or phone")
    }

    func testTheScheduleShowsHeldCapacity() throws {
        let server = try DemoServer.start()
        defer { server.stop() }
        let staffClient = APIClient(port: server.port)
        let staff = try staffClient.signIn("staff-mitte")
        let start = try XCTUnwrap(staffClient.slotStarts(office: Self.mitte, date: server.date).last)
        let before = try XCTUnwrap(staffClient.schedule(office: Self.mitte, date: server.date, cookie: staff).slot(at: start))
        XCTAssertEqual(before.held, 0)
        for source in ["127.0.0.2", "127.0.0.3"] {
            let hold = try APIClient(port: server.port, source: source)
                .post("/api/v1/holds", json: holdBody(Self.mitte, "personalausweis", start))
            XCTAssertEqual(hold.status, 201, hold.text)
        }
        let after = try XCTUnwrap(staffClient.schedule(office: Self.mitte, date: server.date, cookie: staff).slot(at: start))
        XCTAssertEqual(after.held, 2)
        XCTAssertEqual(after.booked, 0)
        XCTAssertEqual(after.free, before.free - 2)
        let page = try staffClient.get("/dienst/\(Self.mitte)/tagesplan?date=\(server.date)", headers: [("Cookie", staff)])
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.text.contains("Vorgemerkt"), "the page has the held column")
    }
}
