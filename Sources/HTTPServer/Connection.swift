/// One client connection, owned by the event loop that accepted it and
/// touched only on that loop's thread.
final class Connection {
    enum Phase {
        /// Receiving (or waiting for) a request.
        case reading
        /// A handler is working on the request; further bytes wait.
        case processing
        /// The response is being written.
        case writing
        /// Our side is shut; reading and discarding until the client closes,
        /// so unread input cannot turn the close into a reset that destroys
        /// the response before the client read it.
        case lingering
    }

    let fd: Int32
    /// The client's IP address as text.
    let peer: String
    /// The same, parsed; nil only if the kernel gave an address of no IP family.
    let peerAddress: IPAddress?
    /// The key this connection counts under for the per-client cap; nil
    /// when it is not counted (a trusted proxy's).
    var capKey: String?
    /// The id of the request being answered (`RequestIDs`); empty between requests.
    var requestID = ""
    /// The request's client as `TrustedProxies` resolved it, anonymised for
    /// the access log (`IPAddress.anonymised`); nil until a whole request
    /// was read (a refused one is logged under the peer's).
    var loggedClient: String?
    var parser: RequestParser
    var phase = Phase.reading
    var output: [UInt8] = []
    /// A large body, sent after `output` from the array the handler returned
    /// (shared, not copied: `ResponseSerializer.sharedBodyThreshold`).
    var outputBody: [UInt8] = []
    /// Bytes of `output`, then of `outputBody`, already sent.
    var written = 0
    /// The kernel may have bytes for us (edge-triggered epoll: we must read
    /// until a short read before waiting for the next edge).
    var readReady = true
    var peerClosed = false
    var closeAfterWrite = false
    /// The request was refused before it was read to its end: the client may
    /// still be sending, so the close must linger.
    var refused = false
    var isClosed = false
    /// When this connection is cut unless something happens, monotonic ms.
    var deadline = Int64.max
    /// The request being received or answered.
    var head: HTTPRequestHead?
    var route: Router.Resolution?
    /// Monotonic µs of the first byte of the request, for the access log.
    var receivedAt: Int64 = 0

    init(fd: Int32, peer: String, limits: HTTPLimits) {
        self.fd = fd
        self.peer = peer
        self.peerAddress = IPAddress(peer)
        self.parser = RequestParser(limits: limits)
    }

    var isIdle: Bool {
        phase == .reading && parser.isBetweenRequests && head == nil
    }

    /// Gives back the capacity kept for the next exchange. For an idle
    /// keep-alive connection: thousands of them would otherwise each hold
    /// the capacity of their largest request and response.
    func releaseBuffers() {
        guard isIdle, output.isEmpty else { return }
        if output.capacity > 0 { output = [] }
        parser.releaseBuffers()
    }
}

/// A loop message that carries a connection across threads. The connection
/// itself is only dereferenced back on its own loop's thread.
struct Completion: @unchecked Sendable {
    let connection: Connection
    let response: HTTPResponse
}
