import XCTest
@testable import Scheduling

final class WalkInAllocatorTests: XCTestCase {
    /// One short band: 2 counters, 1 for walk-ins, 15-minute slots, 30 minutes' notice.
    let setup = Fixtures.setup(
        rules: [Fixtures.rule("morgen", "09:00", "10:00", counters: 2, walkIn: .counters(1), phoneReserve: 0)],
        policy: BookingPolicy(minNoticeMinutes: 30, horizonDays: 14))
    let now = Fixtures.at("2026-12-08", "09:00")
    let ausweis = [RequestedService(serviceId: "personalausweis")]

    func testReserveFirstThenCapacityNoLongerBookableThenExhausted() {
        let walkIns = WalkInAllocator(setup: setup)
        let allocator = SlotAllocator(setup: setup)
        var occupations: [Occupation] = []
        // Booked last week: the bookable counter of 09:00 and 09:45.
        for clock in ["09:00", "09:45"] {
            let placement = try! allocator.decide(Fixtures.request(), start: Fixtures.at("2026-12-08", clock), occupations: occupations,
                                                  now: Fixtures.at("2026-12-01", "12:00")).get()
            occupations.append(placement.occupation(id: .booking(Int64(occupations.count))))
        }

        var calls: [String] = []
        var fromBookable: [Bool] = []
        while case .success(let ticket) = walkIns.issue(services: ausweis, occupations: occupations, now: now) {
            calls.append(Fixtures.zone.localDateTime(of: ticket.estimatedCallAt).time.description)
            fromBookable.append(ticket.usesUnbookableCapacity)
            occupations.append(ticket.occupation(id: .walkInTicket(Int64(calls.count))))
            if calls.count > 10 { break }
        }
        // Reserve of the whole remaining day first, then the unbooked counter of
        // 09:15 (inside the 30-minute notice); 09:30's is still bookable online.
        XCTAssertEqual(calls, ["09:00", "09:15", "09:30", "09:45", "09:15"])
        XCTAssertEqual(fromBookable, [false, false, false, false, true])
        XCTAssertEqual(walkIns.issue(services: ausweis, occupations: occupations, now: now),
                       .failure(.walkInQuotaExhausted(nextAcceptingDate: Fixtures.date("2026-12-09"))))
        XCTAssertEqual(Refusal.walkInQuotaExhausted(nextAcceptingDate: nil).code, "walk-in-quota-exhausted")
        XCTAssertEqual(walkIns.status(for: ausweis, occupations: occupations, now: now),
                       WalkInStatus(isOpen: true, acceptingWalkIns: false, estimatedWaitMinutes: nil,
                                    nextAcceptingDate: Fixtures.date("2026-12-09")))
        XCTAssertEqual(walkIns.status(for: ausweis, occupations: [], now: Fixtures.at("2026-12-08", "08:50")),
                       WalkInStatus(isOpen: false, acceptingWalkIns: true, estimatedWaitMinutes: 10, nextAcceptingDate: nil))

        let usage = DayUsage(plan: allocator.plan(for: Fixtures.date("2026-12-08")), occupations: occupations, now: now)
        for (index, slot) in usage.plan.slots.enumerated() {
            XCTAssertLessThanOrEqual(usage.slots[index].used, slot.total)
            XCTAssertEqual(usage.slots[index].bookings, ["09:00", "09:45"].contains(slot.localStart.description) ? 1 : 0)
        }
    }

    func testTicketsStartNoEarlierThanNowAndQueueMultiSlotServices() {
        let walkIns = WalkInAllocator(setup: setup)
        let later = Fixtures.at("2026-12-08", "09:05")
        let first = try! walkIns.issue(services: ausweis, occupations: [], now: later).get()
        XCTAssertEqual(first.estimatedCallAt, Fixtures.at("2026-12-08", "09:15"))
        XCTAssertEqual(first.waitMinutes(from: later), 10)
        let long = [RequestedService(serviceId: "personalausweis", quantity: 3)]  // 35 minutes → 3 slots
        let ticket = try! walkIns.issue(services: long, occupations: [first.occupation(id: .walkInTicket(1))], now: later).get()
        XCTAssertEqual(ticket.slotStarts.count, 3)
        XCTAssertEqual(ticket.start, Fixtures.at("2026-12-08", "09:15"), "09:15 still has room: inside the notice, not booked")
        XCTAssertTrue(ticket.usesUnbookableCapacity)
        let fiftyFive = [RequestedService(serviceId: "personalausweis", quantity: 4), RequestedService(serviceId: "wohnsitz-anmelden")]
        XCTAssertEqual(walkIns.issue(services: fiftyFive, occupations: [], now: later),
                       .failure(.walkInQuotaExhausted(nextAcceptingDate: Fixtures.date("2026-12-09"))),
                       "55 minutes no longer fit into 09:15–10:00, but into tomorrow's 09:00–10:00")
    }

    func testAppointmentsOnlyBandsAndClosedDaysGiveNoTickets() {
        let termin = Fixtures.setup(rules: [Fixtures.rule("termin", "09:00", "10:00", weekdays: [.tuesday], kind: .appointmentsOnly),
                                            Fixtures.rule("offen", "09:00", "10:00", weekdays: [.thursday], kind: .walkInOnly)])
        XCTAssertEqual(WalkInAllocator(setup: termin).issue(services: ausweis, occupations: [], now: now),
                       .failure(.walkInQuotaExhausted(nextAcceptingDate: Fixtures.date("2026-12-10"))))
        let christmas = Fixtures.at("2026-12-25", "08:00")
        XCTAssertEqual(WalkInAllocator(setup: setup).issue(services: ausweis, occupations: [], now: christmas),
                       .failure(.walkInQuotaExhausted(nextAcceptingDate: Fixtures.date("2026-12-28"))))
        XCTAssertEqual(WalkInAllocator(setup: setup).issue(services: [RequestedService(serviceId: "nope")], occupations: [], now: now),
                       .failure(.serviceNotOffered("nope")))
    }
}
