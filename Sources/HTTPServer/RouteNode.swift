/// A route as registered: its method and pattern, its handler and
/// options, and which of its segments are secret.
struct RouteEntry: Sendable {
    let route: Router.Route
    let handler: Handler
    let options: RouteOptions
    let secretSegments: SecretSegments
}

/// One path segment of the frozen route tree: literal children first, then
/// a `:parameter`, then a `*rest` wildcard that takes the remaining
/// segments. Every field is a constant, so the tree is shared by all event
/// loops without locks; it is made once by `RouteDraft.freeze`.
final class RouteNode: Sendable {
    struct Branch: Sendable {
        let name: String
        let node: RouteNode
    }

    let literals: [Substring: RouteNode]
    let parameter: Branch?
    let wildcard: Branch?
    let routes: [HTTPMethod: RouteEntry]
    /// The `Allow` header's methods: HEAD wherever GET is.
    let allowedMethods: [HTTPMethod]

    init(literals: [Substring: RouteNode], parameter: Branch?, wildcard: Branch?, routes: [HTTPMethod: RouteEntry]) {
        self.literals = literals
        self.parameter = parameter
        self.wildcard = wildcard
        self.routes = routes
        var methods = Array(routes.keys)
        if routes[.get] != nil && routes[.head] == nil { methods.append(.head) }
        allowedMethods = methods.sorted { $0.rawValue < $1.rawValue }
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
        if let parameter, !segment.isEmpty, let value = FormDecoding.percentDecoded(segment) {
            let found = rest.map { parameter.node.match($0, parameters: &parameters) }
                ?? (parameter.node.routes.isEmpty ? nil : parameter.node)
            if let found {
                parameters[parameter.name] = value
                return found
            }
        }
        if let wildcard {
            parameters[wildcard.name] = String(remaining)
            return wildcard.node
        }
        return nil
    }
}
