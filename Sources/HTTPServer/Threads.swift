import CLinux
import Foundation
import Glibc

/// A named OS thread running `body`, joinable. Event loops need their own
/// threads (they block in epoll_wait), which Swift concurrency cannot give.
final class OSThread: @unchecked Sendable {
    // `handle` is written once by pthread_create before anyone can join.
    private var handle = pthread_t()
    private final class Body { let run: @Sendable () -> Void; init(_ run: @escaping @Sendable () -> Void) { self.run = run } }

    init(name: String, _ body: @escaping @Sendable () -> Void) {
        let threadName = String(name.prefix(15))
        let context = Unmanaged.passRetained(Body({ _ = clinux_set_thread_name(threadName); body() })).toOpaque()
        let result = pthread_create(&handle, nil, { context in
            let body = Unmanaged<Body>.fromOpaque(context!).takeRetainedValue()
            body.run()
            return nil
        }, context)
        precondition(result == 0, "pthread_create failed: \(result)")
    }

    func join() {
        pthread_join(handle, nil)
    }
}

/// Threads that run jobs which may block, so event loops never do.
final class BlockingPool: @unchecked Sendable {
    // `jobs` and `stopping` are only touched while holding `condition`.
    private let condition = NSCondition()
    private var jobs: [() -> Void] = []
    private var head = 0
    private var stopping = false
    private var threads: [OSThread] = []

    init(threads count: Int) {
        threads = (0..<max(1, count)).map { index in
            OSThread(name: "tb-blocking-\(index)") { [unowned self] in self.work() }
        }
    }

    func submit(_ job: @escaping () -> Void) {
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Runs the jobs already queued, then ends the threads.
    func shutdown() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
        threads.forEach { $0.join() }
    }

    private func work() {
        while true {
            condition.lock()
            while head == jobs.count && !stopping { condition.wait() }
            if head == jobs.count {
                condition.unlock()
                return
            }
            let job = jobs[head]
            head += 1
            if head == jobs.count {
                jobs.removeAll(keepingCapacity: true)
                head = 0
            }
            condition.unlock()
            job()
        }
    }
}

/// Milliseconds on the monotonic clock, for deadlines.
func monotonicMilliseconds() -> Int64 {
    monotonicMicroseconds() / 1000
}

/// Microseconds on the monotonic clock, for the access log's timings.
func monotonicMicroseconds() -> Int64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Int64(now.tv_sec) * 1_000_000 + Int64(now.tv_nsec) / 1000
}
