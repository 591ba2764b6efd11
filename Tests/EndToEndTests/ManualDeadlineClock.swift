import HTTPServer
import Synchronization

/// A deadline clock that stands still until the test moves it.
final class ManualDeadlineClock: DeadlineClock {
    private let reading = Mutex<Int64>(1_000_000)

    func milliseconds() -> Int64 { reading.withLock { $0 } }

    func advance(milliseconds: Int64) {
        reading.withLock { $0 += milliseconds }
    }
}
