import Dispatch
import Glibc
import Synchronization

/// The HTTP/1.1 server: event loops on their own threads, a pool for
/// handlers that block, and a graceful drain.
///
///     let server = try HTTPServer.start(configuration: configuration, router: router)
///     …
///     server.shutdown()   // stop accepting, answer requests in flight
///     server.wait()       // returns when every connection is closed
public final class HTTPServer: Sendable {
    public let port: Int
    private let loops: [EventLoop]
    private let threads: [OSThread]
    private let pool: BlockingPool
    private let stopped = Mutex(false)
    private let connections: ConnectionCount

    private init(port: Int, loops: [EventLoop], threads: [OSThread], pool: BlockingPool, connections: ConnectionCount) {
        self.port = port
        self.loops = loops
        self.threads = threads
        self.pool = pool
        self.connections = connections
    }

    /// The connections open now, on all loops: a figure for metrics.
    public var openConnections: Int { connections.current }

    /// Binds the address and starts serving; throws when the address is taken.
    public static func start(configuration: ServerConfiguration, router: Router) throws -> HTTPServer {
        // A client that vanishes mid-write must not kill the process.
        signal(SIGPIPE, SIG_IGN)
        let count = max(1, configuration.eventLoops)
        var listeners: [Int32] = []
        do {
            let first = try Socket.listen(host: configuration.host, port: configuration.port,
                                          backlog: configuration.backlog, reusePort: true)
            listeners.append(first)
            let port = Socket.localPort(first)
            for _ in 1..<count {
                listeners.append(try Socket.listen(host: configuration.host, port: port,
                                                   backlog: configuration.backlog, reusePort: true))
            }
        } catch {
            listeners.forEach { close($0) }
            throw error
        }
        let pool = BlockingPool(threads: configuration.blockingThreads)
        let clients = ClientConnections(limit: configuration.connectionsPerClient, loops: listeners.count)
        let connections = ConnectionCount()
        let loops = try listeners.enumerated().map { index, listener in
            try EventLoop(configuration: configuration, router: router, pool: pool, listener: listener,
                          index: index, clients: clients, openConnections: connections)
        }
        loops.forEach { $0.loops = loops }
        let threads = loops.enumerated().map { index, loop in
            OSThread(name: "tb-loop-\(index)") { loop.run() }
        }
        return HTTPServer(port: Socket.localPort(listeners[0]), loops: loops, threads: threads, pool: pool,
                          connections: connections)
    }

    /// Stops accepting and lets requests in flight finish (graceful drain).
    /// Returns at once; `wait()` returns when the drain is complete.
    public func shutdown() {
        let first = stopped.withLock { stopped in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        loops.forEach { $0.post(.drain) }
    }

    /// Makes every loop read the deadline clock and close what has expired,
    /// and returns once they all have: after moving a clock of its own, a
    /// test knows the outcome is on the wire instead of waiting for a sweep.
    /// Does nothing once `shutdown()` was called (a drained loop has stopped).
    public func checkDeadlines() {
        guard !stopped.withLock({ $0 }) else { return }
        let done = DispatchSemaphore(value: 0)
        loops.forEach { $0.post(.checkDeadlines(done)) }
        loops.forEach { _ in done.wait() }
    }

    /// Blocks until every loop has drained and stopped.
    public func wait() {
        threads.forEach { $0.join() }
        loops.forEach { $0.loops = [] }  // they knew each other for the cap; now they may go
        pool.shutdown()
    }
}
