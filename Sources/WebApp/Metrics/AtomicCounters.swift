import Synchronization

/// A fixed number of integers that any thread may add to without a lock:
/// the storage of every counter and histogram the request path touches.
/// `Atomic` cannot be copied or moved, so they live in memory of their own,
/// allocated once and never resized.
final class AtomicCounters: @unchecked Sendable {  // the slots are atomics; the pointer never changes
    let count: Int
    private let slots: UnsafeMutablePointer<Atomic<Int>>

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        for index in 0..<count { (slots + index).initialize(to: Atomic(0)) }
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    func add(_ amount: Int, at index: Int) {
        slots[index].add(amount, ordering: .relaxed)
    }

    subscript(index: Int) -> Int {
        slots[index].load(ordering: .relaxed)
    }
}
