/// Answers a request. Handlers run on the blocking pool unless their route
/// says they are quick enough for the event loop.
public typealias Handler = @Sendable (HTTPRequest) throws -> HTTPResponse

/// Wraps every handler, including the router's own 404 and 405 answers:
/// the place for headers every response carries, or for logging.
public typealias Middleware = @Sendable (HTTPRequest, Handler) throws -> HTTPResponse

/// An answer from memory, or nil to let the route's handler run.
public typealias FastPath = @Sendable (HTTPRequest) -> HTTPResponse?

public struct RouteOptions: Sendable {
    /// Largest body this route accepts (413 beyond); nil: the server's default.
    public var maxBodyBytes: Int?
    /// Run the handler on the event-loop thread. Only for handlers that never
    /// block: no disk, no database, no password hashing.
    public var runsOnEventLoop: Bool
    /// Tried on the event loop before the handler goes to the blocking pool:
    /// answers what it can from memory (a cached response) and returns nil
    /// for everything else. It must never block.
    public var fastPath: FastPath?
    /// Path parameters that are credentials (a feed's token): the access
    /// log and the error log write them redacted (`SecretSegments`).
    public var secretParameters: Set<String>

    public init(maxBodyBytes: Int? = nil, runsOnEventLoop: Bool = false, fastPath: FastPath? = nil,
                secretParameters: Set<String> = []) {
        self.maxBodyBytes = maxBodyBytes
        self.runsOnEventLoop = runsOnEventLoop
        self.fastPath = fastPath
        self.secretParameters = secretParameters
    }
}

/// A matched route: what runs, with which options and path parameters.
public struct RouteMatch: Sendable {
    /// The route as registered (a HEAD request matches its GET route).
    public let route: Router.Route
    public let handler: Handler
    public let options: RouteOptions
    public let parameters: [String: String]
    let secretSegments: SecretSegments

    /// The path as logs may write it: secret segments redacted.
    func loggedPath(_ path: Substring) -> Substring { secretSegments.redacting(path) }
}

/// Routes built once at start and frozen: look-ups share no mutable state.
public final class Router: Sendable {
    let root: RouteNode
    let middleware: [Middleware]
    /// The answer to a path no route knows, middleware included.
    let unknownPath: Handler

    init(root: RouteNode, middleware: [Middleware], unknownPath: Handler? = nil) {
        self.root = root
        self.middleware = middleware
        self.unknownPath = Self.wrap(unknownPath ?? { _ in .plain(.notFound) }, in: middleware)
    }

    public enum Resolution: Sendable {
        case matched(RouteMatch)
        case methodNotAllowed(allow: [HTTPMethod])
        case notFound
    }

    /// Finds the route for `method` and a still-encoded `path`.
    public func resolve(_ method: HTTPMethod, path: Substring) -> Resolution {
        guard path.first == "/" else { return .notFound }
        var parameters: [String: String] = [:]
        guard let node = root.match(path.dropFirst(), parameters: &parameters) else { return .notFound }
        if let route = node.routes[method] ?? (method == .head ? node.routes[.get] : nil) {
            return .matched(RouteMatch(route: route.route, handler: route.handler, options: route.options,
                                       parameters: parameters, secretSegments: route.secretSegments))
        }
        return node.routes.isEmpty ? .notFound : .methodNotAllowed(allow: node.allowedMethods)
    }

    /// The response for a request, router answers included, through the middleware.
    public func respond(to request: HTTPRequest) throws -> HTTPResponse {
        switch resolve(request.method, path: request.path) {
        case .matched(let match):
            var request = request
            request.matched(match)
            return try match.handler(request)
        case .methodNotAllowed(let allow):
            return try answer(request, .methodNotAllowed, ["Allow": allow.map(\.rawValue).joined(separator: ", ")])
        case .notFound:
            return try unknownPath(request)
        }
    }

    /// The router's own answer (404, 405, 413 …), passed through the middleware.
    func answer(_ request: HTTPRequest, _ status: HTTPStatus, _ headers: HTTPHeaders) throws -> HTTPResponse {
        try wrap { _ in .plain(status, headers: headers) }(request)
    }

    /// The router's answer when there is no request to speak of (a parse
    /// error, a timeout): what is known of the head, or a stand-in.
    func answer(status: HTTPStatus, head: HTTPRequestHead?) -> HTTPResponse {
        let request = HTTPRequest(head: head ?? HTTPRequestHead(method: .get, target: "/"))
        return (try? answer(request, status, [:])) ?? .plain(status)
    }

    func wrap(_ handler: @escaping Handler) -> Handler {
        Self.wrap(handler, in: middleware)
    }

    static func wrap(_ handler: @escaping Handler, in middleware: [Middleware]) -> Handler {
        middleware.reversed().reduce(handler) { next, layer in { request in try layer(request, next) } }
    }

    /// A fast path through the same middleware as the handler, so its answers
    /// carry the same headers. When it declines, what the middleware made of
    /// the stand-in is dropped (middleware must not have side effects on it).
    static func wrapFastPath(_ fastPath: @escaping FastPath, in middleware: [Middleware]) -> FastPath {
        { request in
            final class Outcome: @unchecked Sendable { var answered = false }  // local to one call, one thread
            let outcome = Outcome()
            let wrapped: Handler = wrap({ request in
                guard let response = fastPath(request) else { return HTTPResponse(status: .noContent) }
                outcome.answered = true
                return response
            }, in: middleware)
            guard let response = try? wrapped(request), outcome.answered else { return nil }
            return response
        }
    }
}
