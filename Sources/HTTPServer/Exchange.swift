/// One answered request, as the server saw it when the answer was written:
/// what metrics count. The route is the pattern as registered
/// (`/api/v1/bookings/:code`), never the path, so its values are few and
/// carry no codes or tokens; nil for the router's own answers (404, 405)
/// and for requests refused before routing (400, 408, 413 …).
public struct Exchange: Sendable {
    public let route: Router.Route?
    public let status: Int
    /// From the first byte of the request to its answer handed to the
    /// socket: the handler, the wait for the blocking pool, the parse.
    public let microseconds: Int64

    public init(route: Router.Route?, status: Int, microseconds: Int64) {
        self.route = route
        self.status = status
        self.microseconds = microseconds
    }
}

/// Hears of every exchange, on the event loop that answered it, once its
/// answer is written into the connection's buffer. It sees every answer —
/// a fast path's, the router's, a refusal — exactly once, which a
/// middleware cannot: a declined fast path runs the middleware on a
/// stand-in too. It runs on the loop, so it must never block.
public typealias ExchangeObserver = @Sendable (Exchange) -> Void
