import XCTest
@testable import Scheduling

final class SlotAllocatorTests: XCTestCase {
    let allocator = Fixtures.allocator()
    /// Tuesday 1 Dec 2026, 09:00 — a week before the days booked below.
    let now = Fixtures.at("2026-12-01", "09:00")

    private func book(_ request: BookingRequest, _ day: String, _ clock: String, _ occupations: inout [Occupation],
                      now: Instant? = nil) -> Result<Placement, Refusal> {
        let decision = allocator.decide(request, start: Fixtures.at(day, clock), occupations: occupations, now: now ?? self.now)
        if case .success(let placement) = decision {
            occupations.append(placement.occupation(id: .booking(Int64(occupations.count))))
        }
        return decision
    }

    func testMultiSlotBookingAcrossTheLunchBreakIsRefused() {
        let twoSlots = Fixtures.request(quantity: 2)  // 15 + 10 = 25 minutes → 2 slots of 15
        XCTAssertEqual(allocator.decide(twoSlots, start: Fixtures.at("2026-12-08", "11:45"), occupations: [], now: now),
                       .failure(.crossesBreak))
        let placement = try? allocator.decide(twoSlots, start: Fixtures.at("2026-12-08", "11:30"), occupations: [], now: now).get()
        XCTAssertEqual(placement?.slotCount, 2)
        XCTAssertEqual(placement?.end, Fixtures.at("2026-12-08", "12:00"))
        XCTAssertEqual(placement?.serviceMinutes, 25)
        let starts = try! allocator.freeStarts(on: Fixtures.date("2026-12-08"), for: twoSlots, occupations: [], now: now).get()
        XCTAssertEqual(starts.count, 15 + 11)
        XCTAssertFalse(starts.contains { $0.start == Fixtures.at("2026-12-08", "11:45") })
        XCTAssertFalse(starts.contains { $0.start == Fixtures.at("2026-12-08", "15:45") })
    }

    func testPhoneReserveOpensToOnlineAtTheReleaseTime() {
        // Each slot: 3 counters, 1 for walk-ins, so 2 bookable, of which 1 held for the phone for 48 h.
        var occupations: [Occupation] = []
        XCTAssertNoThrow(try book(Fixtures.request(), "2026-12-10", "09:00", &occupations).get())
        XCTAssertEqual(book(Fixtures.request(), "2026-12-10", "09:00", &occupations), .failure(.slotTaken))
        let release = Fixtures.at("2026-12-08", "09:00")
        XCTAssertEqual(book(Fixtures.request(), "2026-12-10", "09:00", &occupations, now: release.adding(seconds: -1)),
                       .failure(.slotTaken))
        let free = try! allocator.freeStarts(on: Fixtures.date("2026-12-10"), for: Fixtures.request(), occupations: occupations,
                                             now: release.adding(seconds: -1)).get()
        XCTAssertFalse(free.contains { $0.start == Fixtures.at("2026-12-10", "09:00") })
        XCTAssertNoThrow(try book(Fixtures.request(), "2026-12-10", "09:00", &occupations, now: release).get())
        XCTAssertEqual(book(Fixtures.request(channel: .phone), "2026-12-10", "09:00", &occupations, now: release),
                       .failure(.slotTaken), "bookable is used up; the walk-in counter stays free")

        // The phone may use the reserve before the release; its bookings count against the reserve.
        var other: [Occupation] = []
        XCTAssertNoThrow(try book(Fixtures.request(channel: .phone), "2026-12-10", "10:00", &other).get())
        XCTAssertNoThrow(try book(Fixtures.request(), "2026-12-10", "10:00", &other).get())
        XCTAssertEqual(book(Fixtures.request(channel: .desk), "2026-12-10", "10:00", &other), .failure(.slotTaken))
    }

    func testContactLimit() {
        XCTAssertEqual(allocator.decide(Fixtures.request(activeBookings: 2), start: Fixtures.at("2026-12-08", "09:00"),
                                        occupations: [], now: now), .failure(.contactLimitReached(limit: 2)))
        XCTAssertNoThrow(try allocator.decide(Fixtures.request(activeBookings: 1), start: Fixtures.at("2026-12-08", "09:00"),
                                              occupations: [], now: now).get())
        XCTAssertEqual(allocator.freeStarts(on: Fixtures.date("2026-12-08"), for: Fixtures.request(activeBookings: 2),
                                            occupations: [], now: now), .failure(.contactLimitReached(limit: 2)))
        XCTAssertTrue(Refusal.contactLimitReached(limit: 2).isConflict)
        XCTAssertEqual(Refusal.contactLimitReached(limit: 2).code, "contact-limit")
    }

    func testHorizonOpensANewDayAtTheReleaseTime() {
        // horizonDays 28, releaseTime 07:00: 29 Dec opens on 1 Dec at 07:00.
        let beforeRelease = Fixtures.at("2026-12-01", "06:59")
        let start = Fixtures.at("2026-12-29", "09:00")
        XCTAssertEqual(allocator.window(at: beforeRelease).latestDate, Fixtures.date("2026-12-28"))
        XCTAssertEqual(allocator.decide(Fixtures.request(), start: start, occupations: [], now: beforeRelease),
                       .failure(.beyondHorizon(latest: Fixtures.date("2026-12-28"))))
        let atRelease = Fixtures.at("2026-12-01", "07:00")
        XCTAssertNoThrow(try allocator.decide(Fixtures.request(), start: start, occupations: [], now: atRelease).get())
        let days = { (now: Instant) in
            try! self.allocator.daysWithFreeStarts(from: Fixtures.date("2026-12-20"), to: Fixtures.date("2027-01-10"),
                                                   for: Fixtures.request(), occupations: [], now: now).get().map(\.date.description)
        }
        XCTAssertEqual(days(beforeRelease), ["2026-12-21", "2026-12-22", "2026-12-23", "2026-12-24", "2026-12-28"])
        XCTAssertEqual(days(atRelease).last, "2026-12-29")
    }

    func testMinimumNotice() {
        let now = Fixtures.at("2026-12-08", "08:00")
        XCTAssertEqual(allocator.decide(Fixtures.request(), start: Fixtures.at("2026-12-08", "09:45"), occupations: [], now: now),
                       .failure(.tooSoon(earliest: Fixtures.at("2026-12-08", "10:00"))))
        XCTAssertNoThrow(try allocator.decide(Fixtures.request(), start: Fixtures.at("2026-12-08", "10:00"), occupations: [], now: now).get())
        let starts = try! allocator.freeStarts(on: Fixtures.date("2026-12-08"), for: Fixtures.request(), occupations: [], now: now).get()
        XCTAssertEqual(starts.first?.start, Fixtures.at("2026-12-08", "10:00"))
        XCTAssertEqual(allocator.decide(Fixtures.request(), start: Fixtures.at("2026-12-01", "10:00"), occupations: [], now: now),
                       .failure(.tooSoon(earliest: Fixtures.at("2026-12-08", "10:00"))), "the past is too soon")
    }

    func testInvalidRequestsAndTimes() {
        let start = Fixtures.at("2026-12-08", "09:00")
        func decide(_ request: BookingRequest, _ start: Instant) -> Result<Placement, Refusal> {
            allocator.decide(request, start: start, occupations: [], now: now)
        }
        XCTAssertEqual(decide(Fixtures.request("kfz-zulassung-neu"), start),
                       .failure(.channelNotAllowed(serviceId: "kfz-zulassung-neu", channel: .online)))
        XCTAssertNoThrow(try decide(Fixtures.request("kfz-zulassung-neu", channel: .phone), start).get())
        XCTAssertEqual(decide(Fixtures.request(quantity: 5), start), .failure(.quantityOutOfRange(serviceId: "personalausweis", allowed: 1...4)))
        XCTAssertEqual(decide(Fixtures.request(quantity: 0), start), .failure(.quantityOutOfRange(serviceId: "personalausweis", allowed: 1...4)))
        XCTAssertEqual(decide(Fixtures.request("fischereischein"), start), .failure(.serviceNotOffered("fischereischein")))
        XCTAssertEqual(decide(BookingRequest(services: [], channel: .online), start), .failure(.noServices))
        let twice = BookingRequest(services: [RequestedService(serviceId: "reisepass"), RequestedService(serviceId: "reisepass")], channel: .online)
        XCTAssertEqual(decide(twice, start), .failure(.duplicateService("reisepass")))
        XCTAssertEqual(decide(Fixtures.request(channel: .phone, override: true), start), .failure(.overrideNotAllowed))
        XCTAssertEqual(decide(Fixtures.request(), Fixtures.at("2026-12-08", "09:05")),
                       .failure(.notOnSlotBoundary(next: Fixtures.at("2026-12-08", "09:15"))))
        XCTAssertEqual(decide(Fixtures.request(), Fixtures.at("2026-12-08", "12:30")), .failure(.outsideOpeningHours))
        XCTAssertEqual(decide(Fixtures.request(), Fixtures.at("2026-12-12", "09:00")), .failure(.outsideOpeningHours), "Saturday")
        XCTAssertEqual(Refusal.crossesBreak.code, "crosses-break")
        XCTAssertFalse(Refusal.crossesBreak.isConflict)
        XCTAssertEqual(Refusal.slotTaken.code, "slot-taken")
    }

    func testCombinedServicesNeedTheSumOfTheirMinutes() {
        let request = BookingRequest(services: [RequestedService(serviceId: "personalausweis", quantity: 3),
                                                RequestedService(serviceId: "wohnsitz-anmelden", quantity: 3)], channel: .online)
        XCTAssertEqual(allocator.serviceMinutes(for: request), .success(35 + 20))
        let placement = try? allocator.decide(request, start: Fixtures.at("2026-12-08", "08:00"), occupations: [], now: now).get()
        XCTAssertEqual(placement?.slotCount, 4)
    }

    func testStaffOverrideGoesIntoTheWalkInReserveOnlyWhenNeeded() {
        var occupations: [Occupation] = []
        let desk = Fixtures.request(channel: .desk)
        let override = Fixtures.request(channel: .desk, override: true)
        let first = try? book(override, "2026-12-08", "09:00", &occupations).get()
        XCTAssertEqual(first?.usesOverride, false, "bookable capacity was free, so no override is recorded")
        XCTAssertNoThrow(try book(desk, "2026-12-08", "09:00", &occupations).get())
        XCTAssertEqual(book(desk, "2026-12-08", "09:00", &occupations), .failure(.slotTaken))
        let third = try? book(override, "2026-12-08", "09:00", &occupations).get()
        XCTAssertEqual(third?.usesOverride, true)
        XCTAssertEqual(occupations.last?.staffOverride, true)
        XCTAssertEqual(book(override, "2026-12-08", "09:00", &occupations), .failure(.slotTaken), "total is the limit")
    }

    func testWalkInOnlyAndServiceRestrictedBands() {
        let allocator = Fixtures.allocator(rules: [
            Fixtures.rule("offen", "08:00", "10:00", kind: .walkInOnly),
            Fixtures.rule("pass", "10:00", "12:00", services: ["reisepass"]),
        ])
        let decide = { (request: BookingRequest, clock: String) in
            allocator.decide(request, start: Fixtures.at("2026-12-08", clock), occupations: [], now: self.now)
        }
        XCTAssertEqual(decide(Fixtures.request(), "08:00"), .failure(.walkInOnly))
        XCTAssertEqual((try? decide(Fixtures.request(channel: .desk, override: true), "08:00").get())?.usesOverride, true)
        XCTAssertEqual(decide(Fixtures.request(), "10:00"), .failure(.serviceNotAtThisTime))
        XCTAssertNoThrow(try decide(Fixtures.request("reisepass"), "10:00").get())
        let free = try! allocator.freeStarts(on: Fixtures.date("2026-12-08"), for: Fixtures.request("reisepass"), occupations: [], now: now).get()
        XCTAssertEqual(free.first?.start, Fixtures.at("2026-12-08", "10:00"))
    }

    func testHoldsTurnIntoBookingsAndExpire() {
        let start = Fixtures.at("2026-12-08", "09:00")
        let policy = Fixtures.standardPolicy
        var occupations: [Occupation] = []
        for id in ["h1", "h2"] {
            let placement = try! allocator.decide(Fixtures.request(channel: .phone), start: start, occupations: occupations, now: now).get()
            occupations.append(placement.hold(id: .hold(id), now: now, policy: policy))
        }
        XCTAssertEqual(allocator.decide(Fixtures.request(channel: .phone), start: start, occupations: occupations, now: now), .failure(.slotTaken))
        var confirm = Fixtures.request(channel: .phone, activeBookings: 0)
        confirm.replacing = [.hold("h1")]
        XCTAssertNoThrow(try allocator.decide(confirm, start: start, occupations: occupations, now: now).get())
        let expired = now.adding(minutes: policy.holdMinutes)
        XCTAssertNoThrow(try allocator.decide(Fixtures.request(channel: .phone), start: start, occupations: occupations, now: expired).get())
    }

    func testCancelledBookingBlocksUntilTheCooldownEnds() {
        let start = Fixtures.at("2026-12-08", "09:00")
        var occupations: [Occupation] = []
        for _ in 0..<2 { XCTAssertNoThrow(try book(Fixtures.request(channel: .phone), "2026-12-08", "09:00", &occupations).get()) }
        let cancelled = occupations.removeLast().cancelled(at: now, cooldownMinutes: 30)!
        occupations.append(cancelled)
        XCTAssertEqual(allocator.decide(Fixtures.request(channel: .phone), start: start, occupations: occupations, now: now.adding(minutes: 29)),
                       .failure(.slotTaken))
        XCTAssertNoThrow(try allocator.decide(Fixtures.request(channel: .phone), start: start, occupations: occupations,
                                              now: now.adding(minutes: 30)).get())
        XCTAssertNil(occupations[0].cancelled(at: now, cooldownMinutes: 0))
    }

    func testRescheduleMayOverlapTheBookingItMoves() {
        var occupations: [Occupation] = []
        // 2 bookable per slot: fill 09:00 and 09:15 with a two-slot booking and one single.
        let moving = try! book(Fixtures.request(quantity: 2, channel: .phone), "2026-12-08", "09:00", &occupations).get()
        XCTAssertNoThrow(try book(Fixtures.request(channel: .phone), "2026-12-08", "09:15", &occupations).get())
        XCTAssertEqual(book(Fixtures.request(quantity: 2, channel: .phone), "2026-12-08", "09:15", &occupations), .failure(.slotTaken))
        var move = Fixtures.request(quantity: 2, channel: .phone, activeBookings: 0)
        move.replacing = [.booking(0)]
        let moved = try? allocator.decide(move, start: Fixtures.at("2026-12-08", "08:45"), occupations: occupations, now: now).get()
        XCTAssertEqual(moved?.slotStarts, [Fixtures.at("2026-12-08", "08:45"), moving.start])
    }
}
