import Glibc
import Scheduling
import Synchronization

/// The one place the application reads the time. Scheduling never does;
/// Core asks its clock and passes `now` down, so tests and demos can set it.
public protocol Clock: Sendable {
    func now() -> Instant
}

public struct SystemClock: Clock {
    public init() {}
    public func now() -> Instant {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Instant(secondsSinceEpoch: Int64(time.tv_sec))
    }
}

/// A clock that runs from a chosen instant at real speed (demos: "it is
/// Monday 07:59") or stands still until moved (tests).
public final class AdjustableClock: Clock {
    private let offset: Mutex<Int64>
    private let frozen: Mutex<Instant?>

    public init(startingAt start: Instant, running: Bool = true) {
        let real = SystemClock().now()
        offset = Mutex(start.secondsSinceEpoch - real.secondsSinceEpoch)
        frozen = Mutex(running ? nil : start)
    }

    public func now() -> Instant {
        if let fixed = frozen.withLock({ $0 }) { return fixed }
        return SystemClock().now().adding(seconds: offset.withLock { $0 })
    }

    /// Moves the clock to `instant` (it keeps running or standing still).
    public func set(_ instant: Instant) {
        if frozen.withLock({ $0 }) != nil {
            frozen.withLock { $0 = instant }
        } else {
            offset.withLock { $0 = instant.secondsSinceEpoch - SystemClock().now().secondsSinceEpoch }
        }
    }

    public func advance(minutes: Int) {
        set(now().adding(minutes: minutes))
    }
}
