import Synchronization

/// How many connections the server has open, across all event loops: a
/// figure for metrics, read from any thread. Each loop adds one when it
/// accepts and takes one away when it closes, without a lock.
final class ConnectionCount: Sendable {
    private let value = Atomic<Int>(0)

    func opened() { value.add(1, ordering: .relaxed) }
    func closed() { value.subtract(1, ordering: .relaxed) }
    var current: Int { value.load(ordering: .relaxed) }
}
