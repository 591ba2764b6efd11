import Core
import Scheduling
@testable import WebApp
import XCTest

/// What the sign-in throttle keeps in memory: a client's address and the
/// usernames it tried are personal data, forgotten once outside the
/// 15-minute window they can decide a wait in (after each retention run).
final class SignInThrottleMemoryTests: XCTestCase {
    func testEntriesOutsideTheWindowAreForgottenAndTheOthersKept() throws {
        let clock = AdjustableClock(startingAt: try XCTUnwrap(RFC3339.parse("2026-12-01T10:00:00+01:00")), running: false)
        let throttle = SignInThrottle(clock: clock)
        throttle.recordFailure(client: "198.51.100.7", username: "agent")
        clock.advance(minutes: 10)
        throttle.recordFailure(client: "203.0.113.9", username: "staff-mitte")
        throttle.recordBusy(client: "192.0.2.1")
        // Per client and username, per client, per account: 3 keys each, 1 for the busy client.
        XCTAssertEqual(throttle.rememberedCount, 7)

        throttle.forgetExpired()
        XCTAssertEqual(throttle.rememberedCount, 7, "all within the window: nothing forgotten")
        clock.advance(minutes: 6)
        throttle.forgetExpired()
        XCTAssertEqual(throttle.rememberedCount, 4, "the first client's failure is 16 minutes old: forgotten")
        XCTAssertEqual(throttle.recentFailures(client: "203.0.113.9"), 1, "the later ones still count")
        clock.advance(minutes: 10)
        throttle.forgetExpired()
        XCTAssertEqual(throttle.rememberedCount, 0)
    }
}
