/// Which segments of a route's path are secret, from the parameters its
/// options declare (`RouteOptions.secretParameters`), so that what is
/// logged of a request never holds a credential. Declared with the route,
/// the rule covers every new secret route by construction; the log itself
/// knows nothing of feeds or tokens.
///
///     /feeds/:file  with secret "file"  →  /feeds/…redacted….ics
struct SecretSegments: Sendable {
    static let redacted = "…redacted…"
    /// A route without secrets, or no route.
    static let none = SecretSegments(pattern: "/", secret: [])

    /// Indices of the secret `:parameter` segments after the leading `/`.
    private let indices: [Int]

    init(pattern: String, secret: Set<String>) {
        let segments = pattern.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        indices = segments.indices.filter { segments[$0].hasPrefix(":") && secret.contains(String(segments[$0].dropFirst())) }
        precondition(indices.count == secret.count, "secret parameters \(secret.sorted()) must be :parameters of \(pattern)")
    }

    /// The path with each secret segment replaced; a short extension
    /// (`.ics`) stays, as it says what was asked for and is no secret.
    /// The path of a route without secrets is returned as it is, unread.
    func redacting(_ path: Substring) -> Substring {
        guard !indices.isEmpty, path.first == "/" else { return path }
        var segments = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        for index in indices where index < segments.count {
            segments[index] = Substring(Self.redacted + Self.extensionKept(segments[index]))
        }
        return ("/" + segments.joined(separator: "/"))[...]
    }

    private static func extensionKept(_ segment: Substring) -> String {
        guard let dot = segment.lastIndex(of: ".") else { return "" }
        let suffix = segment[segment.index(after: dot)...]
        guard (1...4).contains(suffix.count), suffix.allSatisfy({ $0.isASCII && $0.isLetter }) else { return "" }
        return "." + suffix
    }
}
