/// The time that decides which connections have outlived their deadlines
/// (header, body, idle, write, linger, drain, the pause in accepting).
/// Production reads the monotonic clock; a test can put in a clock it moves
/// itself, so a timeout is a step the test takes instead of a wait it
/// measures with a tolerance. The loops still wake on real time to look.
public protocol DeadlineClock: Sendable {
    /// Milliseconds from an arbitrary start; never goes back.
    func milliseconds() -> Int64
}

/// CLOCK_MONOTONIC, the default: immune to changes of the wall clock.
public struct MonotonicDeadlineClock: DeadlineClock {
    public init() {}

    public func milliseconds() -> Int64 { monotonicMilliseconds() }
}
