import Synchronization

/// A number that goes up by one each time it is asked, from any thread.
final class Counter: Sendable {
    private let value = Atomic<Int>(0)

    func next() -> Int { value.add(1, ordering: .relaxed).newValue }
}
