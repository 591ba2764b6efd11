import CLinux
import Dispatch
import Glibc
import Synchronization

/// One thread, one epoll instance, its own listening socket (SO_REUSEPORT)
/// and its connections. Nothing on this thread blocks: handlers that might
/// run on the blocking pool and come back through the inbox.
final class EventLoop: @unchecked Sendable {
    // Everything but `inbox` is touched only on the loop's own thread;
    // other threads reach the loop solely through `post`.
    enum Message {
        case completed(Completion)
        case drain
        /// Read the deadline clock and close what has expired now, then signal.
        case checkDeadlines(DispatchSemaphore)
        /// A client is past its connection cap on another loop: shed one of
        /// its connections here.
        case shed(clientKey: String)
    }

    let configuration: ServerConfiguration
    let router: Router
    let pool: BlockingPool
    let epoll: Int32
    let wakeFD: Int32
    var listener: Int32
    var connections: [Int32: Connection] = [:]
    /// This loop's place among the server's loops, for `clients`.
    let index: Int
    /// The per-client connection counts all loops share.
    let clients: ClientConnections
    /// The server's open connections, all loops together.
    let openConnections: ConnectionCount
    /// Every loop of the server, this one included: set before any runs,
    /// emptied once all have stopped (`HTTPServer.wait`).
    var loops: [EventLoop] = []
    /// This loop's counted connections per client, oldest first.
    var connectionsByClient: [String: [Connection]] = [:]
    var accessLog: AccessLog
    var requestIDs = RequestIDs()
    var dates = DateCache()
    var draining = false
    var drainDeadline = Int64.max
    /// The deadline clock's reading at the top of this turn of the loop.
    var now: Int64
    private let inbox = Mutex<[Message]>([])
    let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
    let timeouts: (header: Int64, body: Int64, idle: Int64, write: Int64, linger: Int64)
    /// How often deadlines are checked: fine enough for the shortest timeout.
    let sweepInterval: Int64
    var nextSweep: Int64 = 0
    /// While the process is out of descriptors, the listener is out of the
    /// epoll set until this time (monotonic ms); waiting clients stay in the
    /// kernel's backlog meanwhile.
    var acceptsResumeAt = Int64.max
    /// No second warning about it before this time: one per episode is enough.
    var acceptWarningDue: Int64 = 0

    init(configuration: ServerConfiguration, router: Router, pool: BlockingPool, listener: Int32,
         index: Int, clients: ClientConnections, openConnections: ConnectionCount) throws {
        self.configuration = configuration
        self.index = index
        self.clients = clients
        self.openConnections = openConnections
        self.router = router
        self.pool = pool
        self.listener = listener
        self.accessLog = AccessLog(enabled: configuration.accessLog, format: configuration.logFormat)
        now = configuration.deadlineClock.milliseconds()
        timeouts = (configuration.readHeaderTimeout.milliseconds, configuration.readBodyTimeout.milliseconds,
                    configuration.idleTimeout.milliseconds, configuration.writeTimeout.milliseconds, 2000)
        let shortest = min(timeouts.header, timeouts.body, timeouts.idle, timeouts.write)
        sweepInterval = max(10, min(250, shortest / 5))
        epoll = clinux_epoll_create()
        wakeFD = clinux_eventfd()
        guard epoll >= 0, wakeFD >= 0 else { throw Socket.Failure(call: "epoll_create/eventfd", code: errno) }
        register(wakeFD, events: CLINUX_EPOLLIN)
        register(listener, events: CLINUX_EPOLLIN)
    }

    deinit {
        readBuffer.deallocate()
        close(epoll)
        close(wakeFD)
    }

    /// Hands a message to the loop from any thread.
    func post(_ message: Message) {
        inbox.withLock { $0.append(message) }
        var one: UInt64 = 1
        _ = write(wakeFD, &one, 8)
    }

    func register(_ fd: Int32, events: UInt32) {
        var event = epoll_event()
        event.events = events
        event.data.fd = fd
        _ = clinux_epoll_ctl(epoll, CLINUX_EPOLL_CTL_ADD, fd, &event)
    }

    /// Runs until a drain has finished: every connection answered and closed.
    func run() {
        let capacity = 256
        let events = UnsafeMutablePointer<epoll_event>.allocate(capacity: capacity)
        defer { events.deallocate() }
        while !(draining && connections.isEmpty) {
            let clock = configuration.deadlineClock
            let wait = Int32(clamping: max(0, min(nextSweep, drainDeadline, acceptsResumeAt) - clock.milliseconds()))
            let count = clinux_epoll_wait(epoll, events, Int32(capacity), wait)
            now = clock.milliseconds()
            for index in 0..<max(0, Int(count)) {
                let event = events[index]
                let fd = event.data.fd
                if fd == wakeFD {
                    drainInbox()
                } else if fd == listener {
                    acceptConnections()
                } else if let connection = connections[fd] {
                    handle(event.events, on: connection)
                }
            }
            if now >= nextSweep {
                sweepDeadlines()
                nextSweep = now + sweepInterval
            }
            if now >= acceptsResumeAt {
                resumeAccepting()
            }
            if now >= drainDeadline {
                for connection in Array(connections.values) { closeConnection(connection) }
            }
            accessLog.flush()
        }
        accessLog.flush()
    }

    private func drainInbox() {
        var counter: UInt64 = 0
        _ = read(wakeFD, &counter, 8)
        let messages = inbox.withLock { messages in
            defer { messages.removeAll(keepingCapacity: true) }
            return messages
        }
        for message in messages {
            switch message {
            case .completed(let completion):
                guard !completion.connection.isClosed else { continue }
                respond(completion.connection, completion.response)
            case .drain:
                beginDrain()
            case .checkDeadlines(let done):
                now = configuration.deadlineClock.milliseconds()
                sweepDeadlines()
                nextSweep = now + sweepInterval
                done.signal()
            case .shed(let key):
                shedConnection(of: key, sparing: nil)
            }
        }
    }

    private func acceptConnections() {
        for _ in 0..<128 {
            var address = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let fd = withUnsafeMutablePointer(to: &address) {
                clinux_accept4(listener, UnsafeMutableRawPointer($0).assumingMemoryBound(to: sockaddr.self), &length)
            }
            if fd < 0 {
                switch errno {
                case EINTR, ECONNABORTED: continue  // that client gave up; others may wait
                case EMFILE, ENFILE, ENOBUFS, ENOMEM: pauseAccepting(errno)
                default: break  // EAGAIN: another loop took it, or none left
                }
                return
            }
            Socket.setNoDelay(fd)
            let connection = Connection(fd: fd, peer: Socket.addressText(&address), limits: configuration.limits)
            connection.deadline = now + timeouts.header
            connections[fd] = connection
            openConnections.opened()
            register(fd, events: CLINUX_EPOLLIN | CLINUX_EPOLLOUT | CLINUX_EPOLLRDHUP | CLINUX_EPOLLET)
            enforceCap(on: connection)
        }
    }

    /// Stop accepting; close idle connections now and the others once their
    /// current exchange is answered.
    private func beginDrain() {
        guard !draining else { return }
        draining = true
        drainDeadline = now + configuration.drainTimeout.milliseconds
        _ = clinux_epoll_ctl(epoll, CLINUX_EPOLL_CTL_DEL, listener, nil)
        close(listener)
        listener = -1
        acceptsResumeAt = .max
        for connection in Array(connections.values) {
            if connection.isIdle && connection.output.isEmpty {
                closeConnection(connection)
            } else {
                connection.closeAfterWrite = true
            }
        }
    }

    /// Out of descriptors, the listener stays readable: a level-triggered
    /// listener would wake the loop at once, again and again, and spin it at
    /// full load while the clients it already has wait. So stop listening for
    /// a moment (nginx does the same); deadlines free descriptors meanwhile.
    private func pauseAccepting(_ code: Int32) {
        _ = clinux_epoll_ctl(epoll, CLINUX_EPOLL_CTL_DEL, listener, nil)
        acceptsResumeAt = now + Self.acceptPause
        if now >= acceptWarningDue {
            acceptWarningDue = now + 10_000
            StandardError.write(configuration.logFormat.line(
                "terminbuch: cannot accept connections: \(String(cString: strerror(code))) "
                    + "(\(connections.count) open on this loop); pausing accepts for \(Self.acceptPause) ms", level: .error))
        }
    }

    static let acceptPause: Int64 = 100

    private func resumeAccepting() {
        acceptsResumeAt = .max
        guard !draining, listener >= 0 else { return }
        register(listener, events: CLINUX_EPOLLIN)
        acceptConnections()
    }

    private func sweepDeadlines() {
        for connection in connections.values {
            guard connection.deadline <= now else {
                connection.releaseBuffers()
                continue
            }
            if connection.phase == .reading && !connection.isIdle {
                // Too slow to send its request: say so, then hang up.
                connection.closeAfterWrite = true
                connection.refused = true
                respond(connection, router.answer(status: .requestTimeout, head: connection.head ?? connection.parser.headSoFar(refusedFor: nil)))
            } else {
                closeConnection(connection)
            }
        }
    }

    func closeConnection(_ connection: Connection) {
        guard !connection.isClosed else { return }
        connection.isClosed = true
        connections[connection.fd] = nil
        openConnections.closed()
        close(connection.fd)  // also removes it from the epoll set
        releaseCap(of: connection)
    }
}
