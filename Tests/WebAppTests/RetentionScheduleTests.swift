import Core
import Dispatch
import Scheduling
import Synchronization
@testable import WebApp
import XCTest

/// When the server erases by itself: once at start, then at each next
/// retention time in Berlin (summer time, the spring gap and the repeated
/// autumn hour included), the throttles forgotten after every run, and a
/// failed run told and tried again at the next retention time, not at once.
final class RetentionScheduleTests: XCTestCase {
    static let three = LocalTime(hour: 3, minute: 0)!
    static let halfPastTwo = LocalTime(hour: 2, minute: 30)!

    func instant(_ text: String) -> Instant { RFC3339.parse(text)! }

    func next(after text: String, at time: LocalTime = three) -> Instant {
        RetentionSchedule.nextRun(after: instant(text), at: time, in: .europeBerlin)
    }

    func testTheNextRunIsTheNextRetentionTimeOnTheBerlinClock() {
        XCTAssertEqual(next(after: "2026-12-01T10:00:00+01:00"), instant("2026-12-02T03:00:00+01:00"))
        XCTAssertEqual(next(after: "2026-12-02T02:59:59+01:00"), instant("2026-12-02T03:00:00+01:00"))
        XCTAssertEqual(next(after: "2026-12-02T03:00:00+01:00"), instant("2026-12-03T03:00:00+01:00"), "never the same run twice")
        XCTAssertEqual(next(after: "2026-07-01T12:00:00+02:00"), instant("2026-07-02T03:00:00+02:00"), "summer time")
        XCTAssertEqual(next(after: "2026-12-01T10:00:00+01:00", at: LocalTime(hour: 23, minute: 59)!),
                       instant("2026-12-01T23:59:00+01:00"))
    }

    func testATimeTheSpringGapSkipsRunsAnHourLaterAndTheRepeatedHourOnce() {
        // 28 March 2027: the clock jumps from 02:00 to 03:00.
        XCTAssertEqual(next(after: "2027-03-27T12:00:00+01:00", at: Self.halfPastTwo), instant("2027-03-28T03:30:00+02:00"))
        XCTAssertEqual(next(after: "2027-03-28T03:30:00+02:00", at: Self.halfPastTwo), instant("2027-03-29T02:30:00+02:00"))
        // 25 October 2026: 02:30 comes twice; the first pass runs, the second does not.
        XCTAssertEqual(next(after: "2026-10-24T12:00:00+02:00", at: Self.halfPastTwo), instant("2026-10-25T02:30:00+02:00"))
        XCTAssertEqual(next(after: "2026-10-25T02:30:00+02:00", at: Self.halfPastTwo), instant("2026-10-26T02:30:00+01:00"))
    }

    /// What the schedule did, as its callbacks heard it.
    final class Journal: Sendable {
        struct Failure: Error {}
        let failing = Atomic<Bool>(false)
        let forgotten = Atomic<Int>(0)
        let told = DispatchSemaphore(value: 0)
        private let entries = Mutex<[String]>([])
        var lines: [String] { entries.withLock { $0 } }

        func run(_ trigger: RetentionTrigger, at now: Instant) throws -> RetentionReport {
            if failing.load(ordering: .acquiring) { throw Failure() }
            return RetentionReport(startedAt: now, finishedAt: now, trigger: trigger, dryRun: false, counts: [.bookings: 2])
        }

        func tell(_ trigger: RetentionTrigger, _ outcome: RetentionSchedule.Outcome) {
            let said = (try? outcome.get()).map { "\(trigger.rawValue) at \($0.startedAt.secondsSinceEpoch): \($0[.bookings])" }
            entries.withLock { $0.append(said ?? "\(trigger.rawValue) failed") }
            told.signal()
        }
    }

    func testRunsAtStartThenAtEachRetentionTimeAndAfterAFailureAtTheNextOne() throws {
        let clock = AdjustableClock(startingAt: instant("2026-12-01T10:00:00+01:00"), running: false)
        let journal = Journal()
        let schedule = RetentionSchedule(time: Self.three, clock: clock,
                                         run: { trigger, _ in try journal.run(trigger, at: clock.now()) },
                                         afterRun: { journal.forgotten.add(1, ordering: .releasing) },
                                         told: journal.tell)
        func moved(to text: String) {
            clock.set(instant(text))
            schedule.wake()
        }
        func toldOnce() { XCTAssertEqual(journal.told.wait(timeout: .now() + 10), .success, "\(journal.lines)") }
        schedule.start()
        toldOnce()
        XCTAssertEqual(journal.lines, ["startup at \(instant("2026-12-01T10:00:00+01:00").secondsSinceEpoch): 2"])

        moved(to: "2026-12-02T03:00:00+01:00")
        toldOnce()
        XCTAssertEqual(journal.lines.last, "daily at \(instant("2026-12-02T03:00:00+01:00").secondsSinceEpoch): 2")

        journal.failing.store(true, ordering: .releasing)
        moved(to: "2026-12-03T03:00:05+01:00")
        toldOnce()
        XCTAssertEqual(journal.lines.last, "daily failed")
        journal.failing.store(false, ordering: .releasing)
        schedule.wake()  // looks again, finds the next run a day away
        moved(to: "2026-12-04T03:01:00+01:00")
        toldOnce()
        schedule.stop()
        XCTAssertEqual(journal.lines, [
            "startup at \(instant("2026-12-01T10:00:00+01:00").secondsSinceEpoch): 2",
            "daily at \(instant("2026-12-02T03:00:00+01:00").secondsSinceEpoch): 2",
            "daily failed",
            "daily at \(instant("2026-12-04T03:01:00+01:00").secondsSinceEpoch): 2",
        ], "one run per retention time: the failed one was not tried again at once")
        XCTAssertEqual(journal.forgotten.load(ordering: .acquiring), 4, "the throttles forgotten after every run, failed or not")
    }
}
