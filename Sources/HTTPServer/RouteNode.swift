/// One path segment of the route tree: literal children first, then a
/// `:parameter`, then a `*rest` wildcard that takes the remaining segments.
final class RouteNode: @unchecked Sendable {
    // Mutated only while the RouterBuilder builds it; read-only once frozen
    // into a Router, which is what makes sharing it across loops safe.
    var literals: [Substring: RouteNode] = [:]
    var parameter: (name: String, node: RouteNode)?
    var wildcard: (name: String, node: RouteNode)?
    var routes: [HTTPMethod: (handler: Handler, options: RouteOptions)] = [:]

    var allowedMethods: [HTTPMethod] {
        var methods = Array(routes.keys)
        if routes[.get] != nil && routes[.head] == nil { methods.append(.head) }
        return methods.sorted { $0.rawValue < $1.rawValue }
    }

    func child(for segment: Substring) -> RouteNode {
        if segment.hasPrefix(":") || segment.hasPrefix("*") {
            let name = String(segment.dropFirst())
            let existing = segment.hasPrefix(":") ? parameter : wildcard
            if let existing {
                precondition(existing.name == name, "conflicting parameter names \(existing.name) and \(name)")
                return existing.node
            }
            let node = RouteNode()
            if segment.hasPrefix(":") { parameter = (name, node) } else { wildcard = (name, node) }
            return node
        }
        if let node = literals[segment] { return node }
        let node = RouteNode()
        literals[segment] = node
        return node
    }

    /// Wraps every handler in the middleware once, at build time, so a
    /// request pays no closure allocation for it.
    func wrapHandlers(in middleware: [Middleware]) {
        for (method, route) in routes {
            var options = route.options
            options.fastPath = options.fastPath.map { Router.wrapFastPath($0, in: middleware) }
            routes[method] = (Router.wrap(route.handler, in: middleware), options)
        }
        literals.values.forEach { $0.wrapHandlers(in: middleware) }
        parameter?.node.wrapHandlers(in: middleware)
        wildcard?.node.wrapHandlers(in: middleware)
    }

    /// Matches the path after a `/`, segment by segment, without splitting
    /// it into an array first: this runs for every request.
    func match(_ remaining: Substring, parameters: inout [String: String]) -> RouteNode? {
        let slash = remaining.utf8.firstIndex(of: UInt8(ascii: "/"))
        let segment = slash.map { remaining[..<$0] } ?? remaining
        let rest = slash.map { remaining[remaining.utf8.index(after: $0)...] }
        if let node = literals[segment] {
            if let rest {
                if let found = node.match(rest, parameters: &parameters) { return found }
            } else if !node.routes.isEmpty {
                return node  // a literal without routes of its own must not hide a parameter or wildcard
            }
        }
        if let (name, node) = parameter, !segment.isEmpty, let value = FormDecoding.percentDecoded(segment) {
            let found = rest.map { node.match($0, parameters: &parameters) } ?? (node.routes.isEmpty ? nil : node)
            if let found {
                parameters[name] = value
                return found
            }
        }
        if let (name, node) = wildcard {
            parameters[name] = String(remaining)
            return node
        }
        return nil
    }
}

/// Collects routes, then freezes them into a `Router`.
public final class RouterBuilder {
    private let root = RouteNode()
    private var middleware: [Middleware] = []
    private var built = false

    public init() {}

    public func add(_ method: HTTPMethod, _ path: String, options: RouteOptions = RouteOptions(), _ handler: @escaping Handler) {
        precondition(path.hasPrefix("/"), "route paths start with /")
        precondition(!built, "routes are added before build()")
        var node = root
        for segment in path.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            node = node.child(for: segment)
        }
        precondition(node.routes[method] == nil, "\(method) \(path) registered twice")
        node.routes[method] = (handler, options)
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

    public func build() -> Router {
        precondition(!built, "a RouterBuilder builds one Router")
        built = true
        root.wrapHandlers(in: middleware)
        return Router(root: root, middleware: middleware)
    }
}
