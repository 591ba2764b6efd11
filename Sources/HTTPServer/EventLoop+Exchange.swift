import CLinux
import Glibc

/// The life of one request on a connection: read, parse, route, handle,
/// write, and then the next request or the close.
extension EventLoop {
    func handle(_ events: UInt32, on connection: Connection) {
        if events & (CLINUX_EPOLLERR | CLINUX_EPOLLHUP) != 0 && events & CLINUX_EPOLLIN == 0 {
            closeConnection(connection)
            return
        }
        if events & (CLINUX_EPOLLIN | CLINUX_EPOLLRDHUP) != 0 {
            connection.readReady = true
            switch connection.phase {
            case .reading: readAndProcess(connection)
            case .lingering: discardInput(connection)
            case .processing, .writing: break  // read once this exchange is done
            }
        }
        if events & CLINUX_EPOLLOUT != 0 && connection.phase == .writing && !connection.isClosed {
            flush(connection)
        }
    }

    /// Reads what the kernel has, then parses as far as it goes — and again,
    /// while the kernel may hold more of a request that is still incomplete:
    /// with edge-triggered epoll, no new event comes for bytes already there.
    func readAndProcess(_ connection: Connection) {
        // Bound what one pipelining client can buffer in us while its earlier
        // requests are answered: the rest waits in the kernel (TCP backpressure).
        let cap = configuration.limits.maxHeaderBytes * 2
        repeat {
            while connection.readReady && !connection.peerClosed && connection.parser.bufferedByteCount < cap {
                let n = read(connection.fd, readBuffer.baseAddress, readBuffer.count)
                if n > 0 {
                    if connection.parser.isBetweenRequests && connection.head == nil {
                        startRequest(connection)
                    }
                    connection.parser.feed(UnsafeRawBufferPointer(rebasing: readBuffer[0..<n]))
                    if n < readBuffer.count { connection.readReady = false }
                } else if n == 0 {
                    connection.peerClosed = true
                    connection.readReady = false
                } else if errno == EINTR {
                    continue
                } else if errno == EAGAIN || errno == EWOULDBLOCK {
                    connection.readReady = false
                } else {
                    closeConnection(connection)
                    return
                }
            }
            process(connection)
        } while connection.phase == .reading && !connection.isClosed && connection.readReady && !connection.peerClosed
            && connection.parser.bufferedByteCount < cap
    }

    private func startRequest(_ connection: Connection) {
        connection.receivedAt = monotonicMicroseconds()
        connection.deadline = now + timeouts.header
    }

    /// Parses buffered bytes into at most one request and starts answering it.
    /// Requests on one connection are answered one after another, which keeps
    /// pipelined responses in order by construction.
    func process(_ connection: Connection) {
        while connection.phase == .reading && !connection.isClosed {
            let event: RequestParser.Event?
            do {
                event = try connection.parser.next()
            } catch {
                refuse(connection, error)
                return
            }
            switch event {
            case nil:
                if connection.peerClosed {
                    closeConnection(connection)  // nothing more will come
                } else if connection.isIdle && draining {
                    closeConnection(connection)
                }
                return
            case .head(let head):
                if connection.receivedAt == 0 { startRequest(connection) }
                connection.head = head
                connection.requestID = requestIDs.next(
                    for: head.headers, fromTrustedProxy: connection.peerAddress.map(configuration.trustedProxies.contains) ?? false)
                let route = router.resolve(head.method, path: head.path)
                connection.route = route
                let limit: Int
                if case .matched(let match) = route {
                    limit = match.options.maxBodyBytes ?? configuration.limits.defaultMaxBodyBytes
                } else {
                    limit = configuration.limits.defaultMaxBodyBytes
                }
                do {
                    try connection.parser.beginBody(limit: limit)
                } catch {
                    refuse(connection, error)
                    return
                }
                connection.deadline = now + timeouts.body
                if head.expectsContinue && head.version == .http1_1 && connection.parser.needsMoreBody {
                    connection.output.append(contentsOf: "HTTP/1.1 100 Continue\r\n\r\n".utf8)
                    writeInterim(connection)
                }
            case .request(var request):
                connection.deadline = Int64.max
                connection.phase = .processing
                request.remoteAddress = connection.peer
                if let peer = connection.peerAddress {
                    let client = configuration.trustedProxies.client(peer: peer, headers: request.headers)
                    request.clientAddress = client.address.text
                    request.clientKey = client.key
                    request.scheme = client.scheme
                    connection.loggedClient = client.address.anonymised
                } else {
                    request.clientAddress = connection.peer
                    request.clientKey = connection.peer
                }
                request.requestID = connection.requestID
                request.logFormat = configuration.logFormat
                guard case .matched(let match) = connection.route else {
                    respond(connection, (try? router.respond(to: request)) ?? .plain(.notFound))
                    return
                }
                request.matched(match)
                if match.options.runsOnEventLoop {
                    respond(connection, Self.run(match, request, router: router))
                } else if let response = match.options.fastPath?(request) {
                    respond(connection, response)
                } else {
                    pool.submit { [self] in
                        post(.completed(Completion(connection: connection, response: Self.run(match, request, router: router))))
                    }
                }
            }
        }
    }

    /// Runs a handler; a thrown error is the server's fault, never the client's.
    /// Its 500 is the router's answer through the middleware, so it carries
    /// the headers every response carries (and is a problem under `/api/`).
    static func run(_ match: RouteMatch, _ request: HTTPRequest, router: Router) -> HTTPResponse {
        do {
            return try match.handler(request)
        } catch {
            StandardError.write(request.errorLine(.handler, error))
            return (try? router.answer(request, .internalServerError, [:])) ?? .plain(.internalServerError)
        }
    }

    /// Answers a request that broke the protocol, and closes afterwards.
    private func refuse(_ connection: Connection, _ error: HTTPParseError) {
        connection.closeAfterWrite = true
        connection.refused = true
        connection.phase = .processing
        respond(connection, router.answer(status: error.status, head: connection.head ?? connection.parser.headSoFar(refusedFor: error)))
    }

    /// Every answer passes here, the server's own refusals too: it carries
    /// its request's id, and the access log writes its line.
    func respond(_ connection: Connection, _ response: HTTPResponse) {
        let head = connection.head ?? HTTPRequestHead(method: .get, target: "-")
        if !head.keepAlive || draining || connection.peerClosed { connection.closeAfterWrite = true }
        if connection.requestID.isEmpty { connection.requestID = requestIDs.next(for: nil, fromTrustedProxy: false) }
        var response = response
        response.headers.set(RequestIDs.header, connection.requestID)
        let bytes = ResponseSerializer.write(response, method: head.method, version: head.version,
                                             keepAlive: !connection.closeAfterWrite, date: dates.current(),
                                             into: &connection.output, sharedBody: &connection.outputBody)
        let microseconds = monotonicMicroseconds() - connection.receivedAt
        let route = matchedRoute(connection.route)
        accessLog.record(AccessLog.Entry(
            method: connection.head?.method, path: connection.head.map { loggedPath($0.path, route: connection.route) },
            route: route?.pattern, status: response.status.code, bytes: bytes, microseconds: microseconds,
            client: connection.loggedClient ?? connection.peerAddress?.anonymised ?? "-", requestID: connection.requestID))
        if let observer = configuration.exchangeObserver {
            observer(Exchange(route: route, status: response.status.code, microseconds: microseconds))
        }
        connection.phase = .writing
        connection.deadline = now + timeouts.write
        flush(connection)
    }

    private func matchedRoute(_ route: Router.Resolution?) -> Router.Route? {
        guard case .matched(let match) = route else { return nil }
        return match.route
    }

    /// The path as the access log writes it: a route's secret segments redacted.
    private func loggedPath(_ path: Substring, route: Router.Resolution?) -> Substring {
        guard case .matched(let match) = route else { return path }
        return match.loggedPath(path)
    }

    /// Writes pending output; on a full socket, waits for the next EPOLLOUT.
    func flush(_ connection: Connection) {
        guard drainOutput(connection) else { return }
        finishExchange(connection)
    }

    /// `100 Continue` goes out at once, without leaving the reading phase.
    private func writeInterim(_ connection: Connection) {
        _ = drainOutput(connection)
    }

    /// True when all output is written; false when the socket is full or closed.
    private func drainOutput(_ connection: Connection) -> Bool {
        while connection.written < connection.output.count + connection.outputBody.count {
            let n = sendPending(connection)
            if n > 0 {
                connection.written += n
            } else if n < 0 && errno == EINTR {
                continue
            } else if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                return false
            } else {
                closeConnection(connection)
                return false
            }
        }
        if connection.parser.bufferedByteCount > 0 && connection.output.capacity <= 1 << 20 {
            connection.output.removeAll(keepingCapacity: true)  // a pipelined request is already waiting
        } else {
            // Most keep-alive connections wait now; 10,000 of them must not
            // each keep the capacity of their last response.
            connection.output = []
        }
        connection.outputBody = []
        connection.written = 0
        return true
    }

    /// One call for what is left of `output` and `outputBody` together.
    private func sendPending(_ connection: Connection) -> Int {
        let fd = connection.fd
        let written = connection.written
        return connection.output.withUnsafeBytes { head in
            connection.outputBody.withUnsafeBytes { body in
                if written >= head.count {
                    let offset = written - head.count
                    return send(fd, body.baseAddress! + offset, body.count - offset, CLINUX_MSG_NOSIGNAL)
                }
                if body.isEmpty {
                    return send(fd, head.baseAddress! + written, head.count - written, CLINUX_MSG_NOSIGNAL)
                }
                var vectors = (iovec(iov_base: UnsafeMutableRawPointer(mutating: head.baseAddress! + written),
                                     iov_len: head.count - written),
                               iovec(iov_base: UnsafeMutableRawPointer(mutating: body.baseAddress!), iov_len: body.count))
                return withUnsafeMutablePointer(to: &vectors) { pair in
                    pair.withMemoryRebound(to: iovec.self, capacity: 2) { iov in
                        var message = msghdr()
                        message.msg_iov = iov
                        message.msg_iovlen = 2
                        return sendmsg(fd, &message, CLINUX_MSG_NOSIGNAL)
                    }
                }
            }
        }
    }

    private func finishExchange(_ connection: Connection) {
        connection.head = nil
        connection.route = nil
        connection.requestID = ""
        connection.loggedClient = nil
        connection.receivedAt = 0
        if connection.closeAfterWrite {
            if connection.refused || connection.parser.bufferedByteCount > 0 {
                startLingering(connection)
            } else {
                closeConnection(connection)  // a complete exchange: nothing unread to cause a reset
            }
            return
        }
        connection.phase = .reading
        connection.deadline = now + timeouts.idle
        if connection.parser.bufferedByteCount > 0 { startRequest(connection) }
        readAndProcess(connection)
    }

    /// Half-close and discard what the client still sends, briefly.
    private func startLingering(_ connection: Connection) {
        shutdown(connection.fd, Int32(SHUT_WR))
        connection.phase = .lingering
        connection.deadline = now + timeouts.linger
        if connection.peerClosed { closeConnection(connection) } else { discardInput(connection) }
    }

    private func discardInput(_ connection: Connection) {
        while true {
            let n = read(connection.fd, readBuffer.baseAddress, readBuffer.count)
            if n > 0 { continue }
            if n < 0 && errno == EINTR { continue }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return }
            closeConnection(connection)
            return
        }
    }
}

/// Writes to standard error without Foundation's buffering.
enum StandardError {
    static func write(_ text: String) {
        var bytes = Array(text.utf8)
        _ = Glibc.write(STDERR_FILENO, &bytes, bytes.count)
    }
}
