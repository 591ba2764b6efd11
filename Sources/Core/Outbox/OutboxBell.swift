import Foundation
import Synchronization

/// Wakes the delivery worker when a message may have become due: rung by
/// the store after a commit that wrote one (`Store.enqueue` marks, the
/// commit rings), by a test moving the clock, by a stop. The worker never
/// misses a ring: one that comes while it works makes its next wait return
/// at once.
public final class OutboxBell: @unchecked Sendable {
    /// Set by a transaction that wrote a message; read after its commit.
    private let marked = Atomic<Bool>(false)
    // `rung` is only touched while holding `condition`.
    private let condition = NSCondition()
    private var rung = false

    public init() {}

    /// A transaction wrote a message: ring once it has committed.
    func mark() { marked.store(true, ordering: .releasing) }

    /// Rings when a message was marked since the last ring: called after
    /// every commit, so a message rings only once it can be read.
    func ringIfMarked() {
        if marked.exchange(false, ordering: .acquiringAndReleasing) { ring() }
    }

    public func ring() {
        condition.lock()
        rung = true
        condition.signal()
        condition.unlock()
    }

    /// Waits until rung or `seconds` have passed; answers whether it was rung.
    @discardableResult
    public func wait(seconds: Double) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date(timeIntervalSinceNow: max(0, seconds))
        while !rung {
            if !condition.wait(until: deadline) { break }
        }
        defer { rung = false }
        return rung
    }
}
