import Core
import Foundation
import Scheduling
import Synchronization
import XCTest

/// Many callers at once on the same start, through the real use case and a
/// real database file: exactly the bookable capacity is given out.
final class ConcurrencyTests: XCTestCase {
    static let threads = 16
    static let attemptsPerThread = 20

    func testConcurrentBookingsOfOneStartNeverExceedItsCapacity() throws {
        let env = try TestEnvironment()
        let start = env.at("2026-11-24", "11:00")
        let row = try env.capacity(at: start)
        let bookable = row.total - row.walkIn
        XCTAssertEqual(row.free, bookable, "the slot starts empty")

        let successes = Mutex(0)
        let slotTaken = Mutex(0)
        let unexpected = Mutex<[String]>([])
        let bookings = env.bookings
        let caller = TestEnvironment.phone   // phone may use all bookable counters, the reserve included
        onThreads(Self.threads) { thread in
            for attempt in 0..<Self.attemptsPerThread {
                let order = BookingOrder(
                    officeId: TestEnvironment.mitte, services: [RequestedService(serviceId: "personalausweis")],
                    start: start, contact: Contact(name: "Anrufer \(thread)-\(attempt)", phone: "0471 \(100_000 + thread * 100 + attempt)"))
                do {
                    _ = try bookings.book(order, caller: caller).value
                    successes.withLock { $0 += 1 }
                } catch BookingError.refused(.slotTaken) {
                    slotTaken.withLock { $0 += 1 }
                } catch {
                    unexpected.withLock { $0.append("\(error)") }
                }
            }
        }

        XCTAssertEqual(unexpected.withLock { $0 }, [])
        XCTAssertEqual(successes.withLock { $0 }, bookable)
        XCTAssertEqual(slotTaken.withLock { $0 }, Self.threads * Self.attemptsPerThread - bookable)
        XCTAssertEqual(try env.slotUsage(at: start), bookable)
        let after = try env.capacity(at: start)
        XCTAssertEqual(after.booked, bookable)
        XCTAssertEqual(after.free, 0)
        XCTAssertEqual(try env.overbookedSlotUsageRows(), 0)
    }
}

/// Runs `body` on `count` threads of their own (not a pool that might run
/// them one after another on two cores), released together once all have
/// started, and waits for all.
func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let group = DispatchGroup()
    let ready = Atomic<Int>(0)
    for index in 0..<count {
        group.enter()
        Thread {
            ready.add(1, ordering: .acquiringAndReleasing)
            while ready.load(ordering: .acquiring) < count { sched_yield() }
            body(index)
            group.leave()
        }.start()
    }
    group.wait()
}
