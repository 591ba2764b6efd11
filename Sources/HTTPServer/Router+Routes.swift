/// The routes a router serves, as registered: for tests that must reach
/// every route (every response carries the security headers) and for
/// anyone who wants to see what a server answers.
extension Router {
    public struct Route: Hashable, Sendable, CustomStringConvertible {
        public let method: HTTPMethod
        /// As registered: `/api/v1/offices/:officeId/days`, `/static/*path`.
        public let pattern: String

        public var description: String { "\(method) \(pattern)" }
    }

    /// Every method and path pattern, sorted by pattern, then method.
    public var routes: [Route] {
        var found: [Route] = []
        func walk(_ node: RouteNode, _ prefix: String) {
            for method in node.routes.keys { found.append(Route(method: method, pattern: prefix.isEmpty ? "/" : prefix)) }
            for (segment, child) in node.literals { walk(child, prefix + "/" + segment) }
            if let branch = node.parameter { walk(branch.node, prefix + "/:" + branch.name) }
            if let branch = node.wildcard { walk(branch.node, prefix + "/*" + branch.name) }
        }
        walk(root, "")
        return found.sorted { ($0.pattern, $0.method.rawValue) < ($1.pattern, $1.method.rawValue) }
    }
}
