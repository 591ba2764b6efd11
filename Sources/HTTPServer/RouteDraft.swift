/// The route tree while the `RouterBuilder` collects routes: the only
/// mutable form, never shared, frozen into `RouteNode`s by `build()`.
final class RouteDraft {
    private var literals: [Substring: RouteDraft] = [:]
    private var parameter: (name: String, draft: RouteDraft)?
    private var wildcard: (name: String, draft: RouteDraft)?
    private(set) var routes: [HTTPMethod: RouteEntry] = [:]

    func child(for segment: Substring) -> RouteDraft {
        if segment.hasPrefix(":") || segment.hasPrefix("*") {
            let name = String(segment.dropFirst())
            let existing = segment.hasPrefix(":") ? parameter : wildcard
            if let existing {
                precondition(existing.name == name, "conflicting parameter names \(existing.name) and \(name)")
                return existing.draft
            }
            let draft = RouteDraft()
            if segment.hasPrefix(":") { parameter = (name, draft) } else { wildcard = (name, draft) }
            return draft
        }
        if let draft = literals[segment] { return draft }
        let draft = RouteDraft()
        literals[segment] = draft
        return draft
    }

    func add(_ method: HTTPMethod, _ entry: RouteEntry, path: String) {
        precondition(routes[method] == nil, "\(method) \(path) registered twice")
        routes[method] = entry
    }

    /// The immutable tree, with every handler wrapped in the middleware once,
    /// so a request pays no closure allocation for it.
    func freeze(wrappingIn middleware: [Middleware]) -> RouteNode {
        RouteNode(
            literals: literals.mapValues { $0.freeze(wrappingIn: middleware) },
            parameter: parameter.map { RouteNode.Branch(name: $0.name, node: $0.draft.freeze(wrappingIn: middleware)) },
            wildcard: wildcard.map { RouteNode.Branch(name: $0.name, node: $0.draft.freeze(wrappingIn: middleware)) },
            routes: routes.mapValues { route in
                var options = route.options
                options.fastPath = options.fastPath.map { Router.wrapFastPath($0, in: middleware) }
                return RouteEntry(route: route.route, handler: Router.wrap(route.handler, in: middleware),
                                  options: options, secretSegments: route.secretSegments)
            })
    }
}
