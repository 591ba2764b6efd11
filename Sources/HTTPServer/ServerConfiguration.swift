import Foundation

/// Everything the server needs to know before it starts.
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    /// 0 lets the kernel choose; `HTTPServer.port` tells which it chose.
    public var port = 8080
    /// Event loops, one thread each: by default one per core available.
    public var eventLoops = ProcessInfo.processInfo.activeProcessorCount
    /// Threads for handlers that may block (database, password hashing).
    public var blockingThreads = 8
    public var limits = HTTPLimits()
    /// A client must finish its request line and headers within this time.
    public var readHeaderTimeout: Duration = .seconds(10)
    /// … and its body within this time after the headers.
    public var readBodyTimeout: Duration = .seconds(30)
    /// A keep-alive connection with no request in progress is closed after this.
    public var idleTimeout: Duration = .seconds(15)
    /// A response must be taken by the client within this time.
    public var writeTimeout: Duration = .seconds(30)
    /// On shutdown, requests in flight get this long before connections are cut.
    public var drainTimeout: Duration = .seconds(30)
    /// One line per request on standard output.
    public var accessLog = true
    /// How the access log and the request error lines are written.
    public var logFormat = LogFormat.plain
    public var backlog: Int32 = 1024
    /// Peers whose `X-Forwarded-For` and `X-Forwarded-Proto` are believed.
    public var trustedProxies = TrustedProxies.none
    /// At most this many open connections per client (its TCP peer, IPv6 by
    /// /64; trusted proxies exempt): past it, the client's oldest idle or
    /// slowest connection is shed, so one host cannot take every descriptor.
    public var connectionsPerClient = 64
    /// Told of every answered request (metrics); nil: nobody is.
    public var exchangeObserver: ExchangeObserver?
    /// What the deadlines above are measured on.
    public var deadlineClock: any DeadlineClock = MonotonicDeadlineClock()

    public init() {}
}

extension Duration {
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
