import Synchronization

/// How many connections each client has open, across all event loops: the
/// per-client connection cap (`ServerConfiguration.connectionsPerClient`).
/// Each loop owns its connections, so this counts them by loop and is
/// touched only when a connection is accepted or closed.
final class ClientConnections: Sendable {
    let limit: Int
    /// Open connections per client key, one count per loop.
    private let counts = Mutex<[String: [Int]]>([:])
    private let loopCount: Int

    init(limit: Int, loops: Int) {
        self.limit = limit
        self.loopCount = loops
    }

    /// Counts a connection of `key` accepted on `loop`. When the client is
    /// now past its limit, says on which loop one of its connections should
    /// go: this loop if it holds another of them (it can choose at once),
    /// else the loop that holds the most.
    func opened(_ key: String, on loop: Int) -> Int? {
        counts.withLock { counts in
            var perLoop = counts[key] ?? Array(repeating: 0, count: loopCount)
            perLoop[loop] += 1
            counts[key] = perLoop
            guard perLoop.reduce(0, +) > limit else { return nil }
            if perLoop[loop] > 1 { return loop }
            return perLoop.indices.filter { $0 != loop }.max { perLoop[$0] < perLoop[$1] }
        }
    }

    func closed(_ key: String, on loop: Int) {
        counts.withLock { counts in
            guard var perLoop = counts[key] else { return }
            perLoop[loop] = max(0, perLoop[loop] - 1)
            counts[key] = perLoop.allSatisfy { $0 == 0 } ? nil : perLoop
        }
    }
}
