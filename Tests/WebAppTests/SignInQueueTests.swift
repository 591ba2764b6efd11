import Core
import Dispatch
import Foundation
import Scheduling
@testable import WebApp
import XCTest

/// The fair wait for a password check: the real user, with no failures of
/// their own, is served before any flood of failing clients and always gets
/// a place; a client waits in one place only; the wait is bounded; and a
/// busy answer counts against the client that got it.
final class SignInQueueTests: XCTestCase {
    /// A check that runs until the test lets it finish: the slots held without a sleep.
    final class HeldCheck: Sendable {
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)

        func hold(_ queue: SignInQueue, client: String = "holder") {
            Thread.detachNewThread {
                _ = try? queue.run(client: client, standing: 0) {
                    self.started.signal()
                    self.release.wait()
                }
                self.finished.signal()
            }
            started.wait()
        }
    }

    /// Who was served, in order, and who heard busy.
    final class Outcomes: Sendable {
        private let lock = NSLock()
        nonisolated(unsafe) private var served: [String] = []
        nonisolated(unsafe) private var busy: [String] = []
        let done = DispatchSemaphore(value: 0)

        func wait(_ queue: SignInQueue, client: String, standing: Int) {
            Thread.detachNewThread {
                do {
                    try queue.run(client: client, standing: standing) { self.lock.withLock { self.served.append(client) } }
                } catch {
                    self.lock.withLock { self.busy.append(client) }
                }
                self.done.signal()
            }
        }

        var servedOrder: [String] { lock.withLock { served } }
        var busyClients: [String] { lock.withLock { busy } }
    }

    /// Returns once `clients` wait in the queue, in that order; fails after 5 s.
    func waitUntilWaiting(_ queue: SignInQueue, _ clients: [String], file: StaticString = #filePath, line: UInt = #line) {
        let deadline = Date().addingTimeInterval(5)
        while queue.waitingClients != clients && Date() < deadline { sched_yield() }
        XCTAssertEqual(queue.waitingClients, clients, file: file, line: line)
    }

    func testTheClientWithoutFailuresIsServedBeforeAFloodOfFailingOnes() {
        let queue = SignInQueue(checks: 1, places: 4, maxWait: .seconds(30))
        let held = HeldCheck()
        held.hold(queue)
        let outcomes = Outcomes()
        outcomes.wait(queue, client: "10.0.0.1", standing: 7)
        waitUntilWaiting(queue, ["10.0.0.1"])
        outcomes.wait(queue, client: "10.0.0.2", standing: 7)
        waitUntilWaiting(queue, ["10.0.0.1", "10.0.0.2"])
        outcomes.wait(queue, client: "192.0.2.50", standing: 0)
        waitUntilWaiting(queue, ["192.0.2.50", "10.0.0.1", "10.0.0.2"])
        held.release.signal()
        for _ in 0..<3 { outcomes.done.wait() }
        XCTAssertEqual(outcomes.servedOrder, ["192.0.2.50", "10.0.0.1", "10.0.0.2"], "fewest failures first, then by arrival")
        XCTAssertEqual(outcomes.busyClients, [])
    }

    func testWhenEveryPlaceIsTakenTheRealUserDisplacesTheWorstWaiter() {
        let queue = SignInQueue(checks: 1, places: 2, maxWait: .seconds(30))
        let held = HeldCheck()
        held.hold(queue)
        let outcomes = Outcomes()
        outcomes.wait(queue, client: "10.0.0.1", standing: 3)
        waitUntilWaiting(queue, ["10.0.0.1"])
        outcomes.wait(queue, client: "10.0.0.2", standing: 3)
        waitUntilWaiting(queue, ["10.0.0.1", "10.0.0.2"])
        outcomes.wait(queue, client: "10.0.0.3", standing: 3)
        outcomes.done.wait()
        XCTAssertEqual(outcomes.busyClients, ["10.0.0.3"], "no place for another failing client")
        outcomes.wait(queue, client: "192.0.2.50", standing: 0)
        outcomes.done.wait()
        XCTAssertEqual(outcomes.busyClients, ["10.0.0.3", "10.0.0.2"], "the latest of the worst gives up its place")
        XCTAssertEqual(queue.waitingClients, ["192.0.2.50", "10.0.0.1"])
        held.release.signal()
        for _ in 0..<2 { outcomes.done.wait() }
        XCTAssertEqual(outcomes.servedOrder, ["192.0.2.50", "10.0.0.1"])
    }

    func testAClientWaitsInOnePlaceOnly() throws {
        let queue = SignInQueue(checks: 1, places: 4, maxWait: .seconds(30))
        let held = HeldCheck()
        held.hold(queue)
        let outcomes = Outcomes()
        outcomes.wait(queue, client: "10.0.0.1", standing: 0)
        waitUntilWaiting(queue, ["10.0.0.1"])
        XCTAssertThrowsError(try queue.run(client: "10.0.0.1", standing: 0) {}, "its second attempt is busy at once") {
            XCTAssertTrue($0 is SignInQueue.Busy)
        }
        held.release.signal()
        outcomes.done.wait()
        XCTAssertEqual(outcomes.servedOrder, ["10.0.0.1"])
        try queue.run(client: "10.0.0.1", standing: 0) {}  // the place is free again
    }

    func testTheWaitIsBounded() {
        let queue = SignInQueue(checks: 1, places: 4, maxWait: .milliseconds(100))
        let held = HeldCheck()
        held.hold(queue)
        let started = Date()
        XCTAssertThrowsError(try queue.run(client: "192.0.2.50", standing: 0) {}) { XCTAssertTrue($0 is SignInQueue.Busy) }
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 0.09, "it waited")
        XCTAssertEqual(queue.waitingClients, [], "and left its place")
        held.release.signal()
        held.finished.wait()
        XCTAssertNoThrow(try queue.run(client: "192.0.2.50", standing: 0) {}, "the slot came back")
    }

    /// Busy answers count towards the client's 20, not towards the account:
    /// a flooder throttles itself, and the real user elsewhere is untouched.
    func testBusyAnswersCountAgainstTheClientThatGotThem() throws {
        let clock = AdjustableClock(startingAt: Instant(secondsSinceEpoch: 1_800_000_000), running: false)
        let queue = SignInQueue(checks: 1, places: 0, maxWait: .seconds(30))
        let throttle = SignInThrottle(clock: clock, queue: queue)
        let held = HeldCheck()
        held.hold(queue)
        for attempt in 1...SignInThrottle.perClient {
            guard case .busy = try throttle.attempt(client: "10.0.0.1", username: "agent", verify: { nil }) else {
                return XCTFail("attempt \(attempt) should be busy")
            }
        }
        held.release.signal()
        held.finished.wait()
        guard case .wait = try throttle.attempt(client: "10.0.0.1", username: "agent", verify: { nil }) else {
            return XCTFail("twenty busy answers throttle the client")
        }
        XCTAssertNil(throttle.retryAfter(client: "192.0.2.50", username: "agent"), "nor do they count for the account")
    }
}
