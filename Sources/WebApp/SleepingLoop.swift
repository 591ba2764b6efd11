import Dispatch
import Foundation
import Synchronization

/// A thread of its own for what the server does by the clock (the opt-in
/// lapses, the retention runs): it takes a turn, sleeps as long as the
/// turn says or until woken (the clock moved), and again, until stopped.
/// `stop` returns once a turn in progress has finished.
final class SleepingLoop: Sendable {
    private let name: String
    private let stopping = Atomic<Bool>(false)
    private let alarm = DispatchSemaphore(value: 0)
    private let stopped = DispatchSemaphore(value: 0)

    init(name: String) {
        self.name = name
    }

    /// Starts taking turns: `turn` does what is due and answers the seconds to sleep.
    func start(_ turn: @escaping @Sendable () -> Double) {
        let thread = Thread { [self] in
            while !stopping.load(ordering: .acquiring) {
                _ = alarm.wait(timeout: .now() + turn())
            }
            stopped.signal()
        }
        thread.name = name
        thread.start()
    }

    /// Takes the next turn now.
    func wake() { alarm.signal() }

    /// Whether `stop` was called: a long turn asks, to end early.
    var isStopping: Bool { stopping.load(ordering: .acquiring) }

    func stop() {
        stopping.store(true, ordering: .releasing)
        alarm.signal()
        stopped.wait()
    }
}
