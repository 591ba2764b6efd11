import Scheduling
import XCTest

/// `BookingPolicy.holdRefusal` alone: which limit speaks first, and when each
/// lets the same request pass again.
final class HoldRuleTests: XCTestCase {
    let now = Instant(secondsSinceEpoch: 1_800_000_000)
    let policy = BookingPolicy(holdMinutes: 10, cancelCooldownMinutes: 30, maxLiveHolds: 3, maxHoldsPerWindow: 10,
                               holdWindowMinutes: 10)

    func at(_ seconds: Int64) -> Instant { now.adding(seconds: seconds) }

    func testNothingHeldLatelyPasses() {
        XCTAssertNil(policy.holdRefusal(for: HoldRecord(), now: now))
    }

    func testLiveHoldsCountUntilTheyExpire() {
        let live = [at(100), at(300), at(500)]
        XCTAssertEqual(policy.holdRefusal(for: HoldRecord(clientLive: live), now: now),
                       .clientHoldsTooMany(limit: 3, retryAfter: 100))
        XCTAssertEqual(policy.holdRefusal(for: HoldRecord(contactLive: live + [at(50)]), now: now),
                       .contactHoldsTooMany(limit: 3, retryAfter: 100), "four live: the second expiry brings them below three")
        XCTAssertNil(policy.holdRefusal(for: HoldRecord(clientLive: [at(0), at(300), at(500)]), now: now),
                     "a hold expiring now is over")
        XCTAssertNil(policy.holdRefusal(for: HoldRecord(clientLive: [at(300), at(500)]), now: now))
    }

    func testTheRateWindowSlides() {
        let created = (0..<10).map { at(-590 + Int64($0) * 10) }
        XCTAssertEqual(policy.holdRefusal(for: HoldRecord(clientCreated: created), now: now),
                       .holdingTooOften(limit: 10, minutes: 10, retryAfter: 10))
        XCTAssertNil(policy.holdRefusal(for: HoldRecord(clientCreated: created), now: at(10)),
                     "the oldest has left the window")
        XCTAssertNil(policy.holdRefusal(for: HoldRecord(clientCreated: Array(created.dropFirst())), now: now))
    }

    func testAStartGivenUpWaitsForTheCooldown() {
        XCTAssertEqual(policy.holdRefusal(for: HoldRecord(lastEndedHere: at(-60)), now: now), .heldAgainTooSoon(retryAfter: 1740))
        XCTAssertNil(policy.holdRefusal(for: HoldRecord(lastEndedHere: at(-1800)), now: now))
        var noCooldown = policy
        noCooldown.cancelCooldownMinutes = 0
        XCTAssertNil(noCooldown.holdRefusal(for: HoldRecord(lastEndedHere: now), now: now))
    }

    func testTheCooldownSpeaksFirstThenTheClientThenTheContactThenTheRate() {
        let full = [at(100), at(200), at(300)]
        let record = HoldRecord(clientLive: full, clientCreated: (0..<10).map { at(-$0) }, contactLive: full, lastEndedHere: at(-1))
        XCTAssertEqual(policy.holdRefusal(for: record, now: now), .heldAgainTooSoon(retryAfter: 1799))
        var next = record
        next.lastEndedHere = nil
        XCTAssertEqual(policy.holdRefusal(for: next, now: now), .clientHoldsTooMany(limit: 3, retryAfter: 100))
        next.clientLive = []
        XCTAssertEqual(policy.holdRefusal(for: next, now: now), .contactHoldsTooMany(limit: 3, retryAfter: 100))
        next.contactLive = []
        XCTAssertEqual(policy.holdRefusal(for: next, now: now), .holdingTooOften(limit: 10, minutes: 10, retryAfter: 591))
    }

    func testALimitOfZeroIsNoLimit() {
        var open = policy
        open.maxLiveHolds = 0
        open.maxHoldsPerWindow = 0
        let many = (0..<50).map { at($0 + 1) }
        XCTAssertNil(open.holdRefusal(for: HoldRecord(clientLive: many, clientCreated: many, contactLive: many), now: now))
    }
}
