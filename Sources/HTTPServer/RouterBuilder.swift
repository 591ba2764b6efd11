/// Collects routes, then freezes them into a `Router`.
public final class RouterBuilder {
    private let root = RouteDraft()
    private var middleware: [Middleware] = []
    private var unknownPath: Handler?
    private var built = false

    public init() {}

    public func add(_ method: HTTPMethod, _ path: String, options: RouteOptions = RouteOptions(), _ handler: @escaping Handler) {
        precondition(path.hasPrefix("/"), "route paths start with /")
        precondition(!built, "routes are added before build()")
        var draft = root
        for segment in path.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            draft = draft.child(for: segment)
        }
        draft.add(method, RouteEntry(route: Router.Route(method: method, pattern: path), handler: handler, options: options,
                                     secretSegments: SecretSegments(pattern: path, secret: options.secretParameters)), path: path)
    }

    public func get(_ path: String, options: RouteOptions = RouteOptions(), _ handler: @escaping Handler) {
        add(.get, path, options: options, handler)
    }

    public func post(_ path: String, options: RouteOptions = RouteOptions(), _ handler: @escaping Handler) {
        add(.post, path, options: options, handler)
    }

    public func delete(_ path: String, options: RouteOptions = RouteOptions(), _ handler: @escaping Handler) {
        add(.delete, path, options: options, handler)
    }

    /// Adds a layer around every handler; the first added is the outermost.
    public func use(_ layer: @escaping Middleware) {
        middleware.append(layer)
    }

    /// What answers a path no route knows, through the middleware like any
    /// handler; without one, a plain 404. It runs on the event loop, so it
    /// must never block.
    public func unknownPath(_ handler: @escaping Handler) {
        precondition(!built, "the unknown path's answer is set before build()")
        unknownPath = handler
    }

    public func build() -> Router {
        precondition(!built, "a RouterBuilder builds one Router")
        built = true
        return Router(root: root.freeze(wrappingIn: middleware), middleware: middleware, unknownPath: unknownPath)
    }
}
