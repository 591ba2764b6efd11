import XCTest
@testable import Scheduling

final class QueueFairnessTests: XCTestCase {
    let fairness = QueueFairness(maxAppointmentsInARow: 3, maxWalkInWaitMinutes: 20)
    let now = Fixtures.at("2026-12-08", "10:00")

    func booking(_ id: String, _ start: String, checkedIn: String = "09:30") -> QueueFairness.Candidate {
        .init(id: id, kind: .booking, dueAt: Fixtures.at("2026-12-08", start), arrivedAt: Fixtures.at("2026-12-08", checkedIn))
    }

    func walkIn(_ id: String, issued: String, due: String) -> QueueFairness.Candidate {
        .init(id: id, kind: .walkIn, dueAt: Fixtures.at("2026-12-08", due), arrivedAt: Fixtures.at("2026-12-08", issued))
    }

    func testDueAppointmentsGoBeforeWalkInsAndByTheirStart() {
        let waiting = [walkIn("w1", issued: "09:50", due: "10:00"), booking("late", "10:00"), booking("early", "09:45")]
        XCTAssertEqual(fairness.next(waiting, appointmentsInARow: 0, now: now)?.id, "early")
    }

    func testAnAppointmentNotYetDueWaitsBehindWalkIns() {
        let waiting = [booking("a", "10:30", checkedIn: "09:40"), walkIn("w2", issued: "09:55", due: "10:15"),
                       walkIn("w1", issued: "09:50", due: "10:15")]
        XCTAssertEqual(fairness.next(waiting, appointmentsInARow: 0, now: now)?.id, "w1", "walk-ins by arrival")
        XCTAssertEqual(fairness.next([booking("a", "10:30")], appointmentsInARow: 5, now: now)?.id, "a",
                       "an idle desk takes an early appointment")
        XCTAssertNil(fairness.next([], appointmentsInARow: 0, now: now))
    }

    func testAfterNAppointmentsInARowAWaitingWalkInGoesFirst() {
        let waiting = [booking("a", "09:45"), walkIn("w1", issued: "09:55", due: "10:00")]
        XCTAssertEqual(fairness.next(waiting, appointmentsInARow: 2, now: now)?.id, "a")
        XCTAssertEqual(fairness.next(waiting, appointmentsInARow: 3, now: now)?.id, "w1")
        XCTAssertEqual(QueueFairness.appointmentsInARow([.booking, .walkIn, .booking, .booking]), 2)
        XCTAssertEqual(QueueFairness.appointmentsInARow([]), 0)
    }

    func testAWalkInOverdueByTheLimitGoesFirst() {
        let waiting = [booking("a", "09:45"), walkIn("w1", issued: "09:00", due: "09:40")]
        XCTAssertEqual(fairness.next(waiting, appointmentsInARow: 0, now: now)?.id, "w1", "20 minutes past its estimate")
        let notYet = [booking("a", "09:45"), walkIn("w1", issued: "09:00", due: "09:41")]
        XCTAssertEqual(fairness.next(notYet, appointmentsInARow: 0, now: now)?.id, "a")
    }

    /// Nobody starves: whatever stream of due appointments keeps arriving,
    /// a waiting walk-in is called within `maxAppointmentsInARow + 1` calls.
    func testNoWalkInStarvesUnderAStreamOfAppointments() {
        var random = SplitMix64(seed: 42)
        for _ in 0..<200 {
            var calls: [QueueFairness.Candidate.Kind] = []
            var clock = now
            var waitingWalkIns = (0..<Int(random.next() % 4) + 1).map { walkIn("w\($0)", issued: "09:0\($0)", due: "11:00") }
            var served = 0
            while !waitingWalkIns.isEmpty && served < 100 {
                // Always at least one due appointment waiting.
                let bookings = (0..<Int(random.next() % 5) + 1).map { booking("a\(served)-\($0)", "09:45") }
                let chosen = fairness.next(bookings + waitingWalkIns, appointmentsInARow: QueueFairness.appointmentsInARow(calls),
                                           now: clock)!
                calls.append(chosen.kind)
                if chosen.kind == .walkIn { waitingWalkIns.removeAll { $0.id == chosen.id } }
                served += 1
                clock = clock.adding(minutes: 1)
            }
            XCTAssertTrue(waitingWalkIns.isEmpty)
            var run = 0
            for kind in calls {
                run = kind == .booking ? run + 1 : 0
                XCTAssertLessThanOrEqual(run, fairness.maxAppointmentsInARow)
            }
        }
    }
}
