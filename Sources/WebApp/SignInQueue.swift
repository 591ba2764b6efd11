import Core
import Dispatch
import Synchronization

/// The short, fair wait for a password check. Only
/// `PasswordHasher.concurrentChecks` scrypt hashes run at once; a sign-in
/// that finds them taken waits up to `maxWait` for its turn instead of
/// being told "busy" at once, which let ~50 addresses keep every sign-in down.
///
/// - Each client has at most one waiting place: its second attempt while
///   the first waits is busy at once.
/// - The waiting places go to the clients with the fewest recent failures
///   of their own (`standing`), and among equals in order of arrival, so a
///   flood of addresses that fail (or are turned away busy, which counts
///   against them too) never stands ahead of the real user, who has none.
/// - There are `places` of them, because each waiter holds a thread of the
///   blocking pool: when all are taken, a newcomer with fewer failures
///   takes the place of the waiter with the most (who hears busy), else it
///   hears busy itself.
final class SignInQueue: Sendable {
    static let maxWait: Duration = .seconds(2)
    static let places = 4

    /// Every client's check was turned away: none is free, and none came free in time.
    struct Busy: Error {}

    private struct Waiter: Sendable {
        let client: String
        let standing: Int
        let arrival: UInt64
        let ready: DispatchSemaphore

        /// Which of two waiters is served first.
        func precedes(_ other: Waiter) -> Bool { (standing, arrival) < (other.standing, other.arrival) }
    }

    private struct State {
        var running = 0
        var waiting: [Waiter] = []
        var arrivals: UInt64 = 0
        /// A waiter's fate once decided by another thread: admitted (true) or displaced.
        var decided: [UInt64: Bool] = [:]
    }

    private let state = Mutex(State())
    private let checks: Int
    private let places: Int
    private let maxWait: Duration

    init(checks: Int = PasswordHasher.concurrentChecks, places: Int = SignInQueue.places,
         maxWait: Duration = SignInQueue.maxWait) {
        self.checks = checks
        self.places = places
        self.maxWait = maxWait
    }

    /// The clients waiting now, in the order they will be served.
    var waitingClients: [String] {
        state.withLock { $0.waiting.sorted { $0.precedes($1) }.map(\.client) }
    }

    /// Runs `check` once it is this client's turn; throws `Busy` when the turn does not come.
    func run<T>(client: String, standing: Int, _ check: () throws -> T) throws -> T {
        if let waiter = try enqueue(client: client, standing: standing) {
            let (seconds, attoseconds) = maxWait.components
            let wait = DispatchTimeInterval.nanoseconds(Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
            let timedOut = waiter.ready.wait(timeout: .now() + wait) == .timedOut
            let admitted = state.withLock { state -> Bool in
                if timedOut, let index = state.waiting.firstIndex(where: { $0.arrival == waiter.arrival }) {
                    state.waiting.remove(at: index)
                    return false
                }
                return state.decided.removeValue(forKey: waiter.arrival) ?? false
            }
            guard admitted else { throw Busy() }
        }
        defer { leave() }
        return try check()
    }

    /// Takes a running place (nil) or a waiting one (the waiter), or throws `Busy`.
    private func enqueue(client: String, standing: Int) throws(Busy) -> Waiter? {
        try state.withLock { state throws(Busy) -> Waiter? in
            if state.running < checks && state.waiting.isEmpty {
                state.running += 1
                return nil
            }
            guard !state.waiting.contains(where: { $0.client == client }) else { throw Busy() }
            state.arrivals += 1
            let waiter = Waiter(client: client, standing: standing, arrival: state.arrivals, ready: DispatchSemaphore(value: 0))
            if state.waiting.count >= places {
                guard let last = state.waiting.indices.max(by: { state.waiting[$0].precedes(state.waiting[$1]) }),
                      waiter.precedes(state.waiting[last]) else { throw Busy() }
                let displaced = state.waiting.remove(at: last)
                state.decided[displaced.arrival] = false
                displaced.ready.signal()
            }
            state.waiting.append(waiter)
            return waiter
        }
    }

    /// Hands the finished check's place to the first waiter, if any.
    private func leave() {
        state.withLock { state in
            guard let next = state.waiting.indices.min(by: { state.waiting[$0].precedes(state.waiting[$1]) }) else {
                state.running -= 1
                return
            }
            let waiter = state.waiting.remove(at: next)
            state.decided[waiter.arrival] = true
            waiter.ready.signal()
        }
    }
}
