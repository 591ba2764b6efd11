/// The protocol version of a request; only 1.0 and 1.1 are served.
public struct HTTPVersion: Hashable, Sendable, CustomStringConvertible {
    public let major: Int
    public let minor: Int
    public static let http1_0 = HTTPVersion(major: 1, minor: 0)
    public static let http1_1 = HTTPVersion(major: 1, minor: 1)
    public var description: String { "HTTP/\(major).\(minor)" }
}

/// The request line and header fields, known before the body is read.
public struct HTTPRequestHead: Sendable {
    public var method: HTTPMethod
    /// The request-target exactly as sent (origin-form: path and query).
    public var target: String
    public var version: HTTPVersion
    public var headers: HTTPHeaders

    public init(method: HTTPMethod, target: String, version: HTTPVersion = .http1_1, headers: HTTPHeaders = [:]) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
    }

    /// The path, still percent-encoded, without the query.
    public var path: Substring {
        guard let q = target.utf8.firstIndex(of: UInt8(ascii: "?")) else { return target[...] }
        return target[..<q]
    }

    /// The query string after `?`, if any.
    public var query: Substring? {
        guard let q = target.utf8.firstIndex(of: UInt8(ascii: "?")) else { return nil }
        return target[target.utf8.index(after: q)...]
    }

    /// Whether the client wants the connection kept open after this exchange
    /// (RFC 9112 §9.3: 1.1 persists unless `close`; 1.0 only with `keep-alive`).
    public var keepAlive: Bool {
        if headers.hasToken("close", in: "Connection") { return false }
        return version == .http1_1 || headers.hasToken("keep-alive", in: "Connection")
    }

    /// Whether the client asked for `100 Continue` before sending its body.
    var expectsContinue: Bool {
        headers["Expect"].map { $0.equalsIgnoringASCIICase("100-continue") } ?? false
    }
}

/// A complete request as handlers see it.
public struct HTTPRequest: Sendable {
    public var head: HTTPRequestHead
    public var body: [UInt8]
    /// Values of the route's `:name` segments, percent-decoded.
    public var pathParameters: [String: String] = [:]
    /// Which segments of the path its route declares secret; set with the parameters.
    var secretSegments = SecretSegments.none
    /// The pattern of the route that matched; nil before or without one.
    public internal(set) var route: String?
    /// The id in the log and in the answer's `X-Request-Id` (`RequestIDs`).
    public internal(set) var requestID = ""
    /// How the server writes its logs, so a handler's error line is written alike.
    var logFormat = LogFormat.plain
    /// The TCP peer's IP address: the client, or the proxy in front of it.
    public var remoteAddress: String = ""
    /// The client's IP address as far as the server can believe it: the
    /// peer, or what a trusted proxy forwarded (`TrustedProxies`; logged only
    /// in the JSON access log's `client`, never in a plain line).
    public var clientAddress: String = ""
    /// What every per-client limit counts by: `clientAddress`, an IPv6
    /// address grouped by its /64 (`203.0.113.7`, `2001:db8:1:2::/64`).
    public var clientKey: String = ""
    /// The scheme the client used (`http` or `https`), as far as the server
    /// can believe it: a TLS proxy in front says so.
    public var scheme: String = "http"

    public init(head: HTTPRequestHead, body: [UInt8] = []) {
        self.head = head
        self.body = body
    }

    public var method: HTTPMethod { head.method }
    public var headers: HTTPHeaders { head.headers }
    public var path: Substring { head.path }

    /// The decoded query parameters; the first value wins for repeated names.
    public var queryParameters: [String: String] {
        guard let query = head.query else { return [:] }
        return FormDecoding.pairs(query).reduce(into: [:]) { result, pair in
            if result[pair.0] == nil { result[pair.0] = pair.1 }
        }
    }

    public func parameter(_ name: String) -> String? { pathParameters[name] }

    /// The path as a log may write it: the route's secret segments redacted.
    public var loggedPath: Substring { secretSegments.redacting(path) }

    /// What the route that matched says of the request: its parameters,
    /// its secret segments and its pattern.
    mutating func matched(_ match: RouteMatch) {
        pathParameters = match.parameters
        secretSegments = match.secretSegments
        route = match.route.pattern
    }
}
