@testable import Core
import Scheduling
import XCTest

/// Walk-in tickets through the use case on the demo's Bürgerbüro Mitte
/// (Monday 08:00–12:00, 4 counters: 1 for walk-ins, 3 bookable; 15-minute
/// slots; 2 hours' minimum notice).
final class WalkInTicketTests: XCTestCase {
    let mitte = TestEnvironment.mitte
    let ausweis = [RequestedService(serviceId: "personalausweis")]

    func slotStarts(from: String, to: String) -> [Instant] {
        var starts: [Instant] = []
        var start = TestEnvironment.at("2026-11-16", from)
        while start < TestEnvironment.at("2026-11-16", to) {
            starts.append(start)
            start = start.adding(minutes: 15)
        }
        return starts
    }

    func testReserveFirstThenUnbookableCapacityNeverBookedCapacityThenTheNextDay() throws {
        let env = try TestEnvironment()
        // Last week, by phone: the 09:30 slot booked out.
        env.setClock("2026-11-09", "12:00")
        var person = 100
        while (try? env.book(env.at("2026-11-16", "09:30"), person: person, caller: TestEnvironment.phone)) != nil { person += 1 }
        XCTAssertEqual(try env.capacity(at: env.at("2026-11-16", "09:30")).free, 0)

        env.setClock("2026-11-16", "09:00")
        var tickets: [WalkInTicket] = []
        while tickets.count < 100 {
            do {
                tickets.append(try env.walkIns.issue(office: mitte, services: ausweis, caller: TestEnvironment.desk).value)
            } catch let error as BookingError {
                XCTAssertEqual(error, .refused(.walkInQuotaExhausted(nextAcceptingDate: LocalDate("2026-11-17"))))
                break
            }
        }
        XCTAssertEqual(tickets.map(\.label).prefix(3), ["W-001", "W-002", "W-003"])
        // 1. The reserve of the remaining day, in time order: 09:00 … 11:45.
        let reserve = slotStarts(from: "09:00", to: "12:00")
        XCTAssertEqual(tickets.prefix(reserve.count).map(\.estimatedCallAt), reserve)
        // 2. Then bookable capacity no longer bookable online (before 11:00), only there.
        let insideNotice = slotStarts(from: "09:00", to: "11:00")
        for ticket in tickets.dropFirst(reserve.count) {
            XCTAssertTrue(insideNotice.contains(ticket.start), "\(ticket.label) at \(ticket.start)")
        }
        // 3. Never booked capacity: per slot, tickets + appointments = counters
        // inside the notice, and tickets = the reserve after it.
        let schedule = try env.frontDesk.schedule(office: mitte, date: LocalDate("2026-11-16")!)
        for slot in schedule.capacity where slot.start >= reserve[0] && slot.total > 0 {
            let walkIns = tickets.filter { $0.start <= slot.start && slot.start < $0.end }.count
            if insideNotice.contains(slot.start) {
                XCTAssertEqual(walkIns + slot.booked, slot.total, "slot \(slot.start)")
                XCTAssertEqual(slot.free, 0, "the staff view counts the tickets in bookable counters")
            } else {
                XCTAssertEqual(walkIns, slot.walkIn, "slot \(slot.start)")
                XCTAssertGreaterThan(slot.free, 0, "online capacity after the notice stays bookable")
            }
        }
        let booked = schedule.capacity.first { $0.start == env.at("2026-11-16", "09:30") }!
        XCTAssertEqual(tickets.filter { $0.start == booked.start }.count, booked.total - booked.booked)
        XCTAssertEqual(schedule.walkIns.map(\.number), Array(1...tickets.count))

        let board = try env.walkIns.board(office: mitte)
        XCTAssertFalse(board.acceptingWalkIns)
        XCTAssertEqual(board.nextAcceptingDate, LocalDate("2026-11-17"))
        XCTAssertEqual(board.waiting, tickets.count)
    }

    func testTicketsCountAgainstOnlineAvailabilityOnlyThroughTheTotal() throws {
        let env = try TestEnvironment()
        env.setClock("2026-11-16", "08:00")
        let before = try env.availability.starts(office: mitte, services: ausweis, date: LocalDate("2026-11-16")!, caller: .citizen)
        _ = try env.walkIns.issue(office: mitte, services: ausweis, caller: TestEnvironment.desk).value
        let after = try env.availability.starts(office: mitte, services: ausweis, date: LocalDate("2026-11-16")!, caller: .citizen)
        XCTAssertEqual(before.starts, after.starts, "a ticket in the reserve takes nothing bookable")
        XCTAssertFalse(env.availability.isCurrent(before.stamp), "but the cached answers learn of the change")
    }

    func testNumbersCountPerOfficeAndDayAndFinishedTicketsLeaveTheQueue() throws {
        let env = try TestEnvironment()
        env.setClock("2026-11-16", "08:00")
        let first = try env.walkIns.issue(office: mitte, services: ausweis, caller: TestEnvironment.desk).value
        let nord = try env.walkIns.issue(office: "buergerbuero-nord", services: ausweis, caller: TestEnvironment.desk).value
        XCTAssertEqual([first.label, nord.label], ["W-001", "W-001"])
        env.setClock("2026-11-17", "08:00")
        XCTAssertEqual(try env.walkIns.issue(office: mitte, services: ausweis, caller: TestEnvironment.desk).value.label, "W-001")
        let second = try env.walkIns.issue(office: mitte, services: ausweis, caller: TestEnvironment.desk).value
        XCTAssertEqual(try env.walkIns.finish(office: mitte, number: second.number, status: .noShow).status, .noShow)
        XCTAssertThrows(.ticketNotFound, try env.walkIns.finish(office: mitte, number: 99, status: .done))
        XCTAssertEqual(try env.queue.current(office: mitte).walkIns.map(\.label), ["W-001"])
        XCTAssertRefused(.serviceNotOffered("kfz-abmeldung"),
                         try env.walkIns.issue(office: mitte, services: [RequestedService(serviceId: "kfz-abmeldung")],
                                                          caller: TestEnvironment.desk).value)
    }

    func testAGivenNameIsStoredTrimmedAndAnEmptyOneIsNone() throws {
        let env = try TestEnvironment()
        env.setClock("2026-11-16", "08:00")
        let named = try env.walkIns.issue(office: mitte, services: ausweis, name: "  Jana Nowak ", caller: TestEnvironment.desk).value
        XCTAssertEqual(named.name, "Jana Nowak")
        let blank = try env.walkIns.issue(office: mitte, services: ausweis, name: " \u{3000} ", caller: TestEnvironment.desk).value
        XCTAssertNil(blank.name, "only spaces is no name")
        let unnamed = try env.walkIns.issue(office: mitte, services: ausweis, caller: TestEnvironment.desk).value
        XCTAssertNil(unnamed.name)
        let stored = try env.walkIns.tickets(office: mitte, date: TestEnvironment.monday)
        XCTAssertEqual(stored.map(\.name), ["Jana Nowak", nil, nil], "read back as issued")
        XCTAssertEqual(try env.store.read { try $0.scalar("SELECT count(*) FROM walk_in_tickets WHERE name IS NULL", as: Int.self) }, 2,
                       "no name is NULL, never ''")
    }

    func testANameTooLongOrWithControlsIsRefusedAndNothingIssued() throws {
        let env = try TestEnvironment()
        env.setClock("2026-11-16", "08:00")
        let longest = String(repeating: "ä", count: WalkInName.maximumLength)
        XCTAssertEqual(try env.walkIns.issue(office: mitte, services: ausweis, name: longest, caller: TestEnvironment.desk).value.name,
                       longest)
        XCTAssertThrows(.invalid(field: "name", message: "must be at most 80 characters long"),
                        try env.walkIns.issue(office: mitte, services: ausweis, name: longest + "x", caller: TestEnvironment.desk))
        for bad in ["Jana\nNowak", "Jana\u{202E}Nowak", "Ja\u{200B}na"] {
            XCTAssertThrowsError(try env.walkIns.issue(office: mitte, services: ausweis, name: bad, caller: TestEnvironment.desk)) {
                guard case .invalid(field: "name", _)? = $0 as? BookingError else { return XCTFail("\($0)") }
            }
        }
        XCTAssertEqual(try env.walkIns.tickets(office: mitte, date: TestEnvironment.monday).count, 1, "refused, nothing issued")
    }

    func testAReplayedTicketKeepsItsName() throws {
        let env = try TestEnvironment()
        env.setClock("2026-11-16", "08:00")
        let key = IdempotencyKey(key: "walk-in-1", fingerprint: Array("the form".utf8))
        let first = try env.walkIns.issue(office: mitte, services: ausweis, name: "Jana Nowak", caller: TestEnvironment.desk,
                                          idempotency: key)
        let again = try env.walkIns.issue(office: mitte, services: ausweis, name: "Jana Nowak", caller: TestEnvironment.desk,
                                          idempotency: key)
        XCTAssertTrue(again.isReplayed, "one ticket, not two")
        XCTAssertEqual(again.value, first.value)
        XCTAssertEqual(again.value.name, "Jana Nowak")
    }
}
