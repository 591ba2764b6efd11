/// The address citizens reach Terminbuch at (`--public-url`): the scheme
/// and host of every link that leaves a request's own answer (e-mails,
/// calendar entries), and whether the service is served over TLS (cookies
/// `Secure`, HSTS). Only an origin: `https://termine.bremerhaven.de` or
/// `http://127.0.0.1:8080`, no path, query or user.
public struct PublicURL: Sendable, Hashable, CustomStringConvertible {
    public let scheme: String
    /// The host and, when not the scheme's default, `:port`.
    public let authority: String

    public var isHTTPS: Bool { scheme == "https" }
    /// `https://host[:port]`, without a trailing slash.
    public var description: String { "\(scheme)://\(authority)" }
    /// The host alone (for a `Message-ID` or an EHLO).
    public var host: String {
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            return String(authority[...close])
        }
        return String(authority.split(separator: ":", maxSplits: 1).first ?? "")
    }

    /// The absolute address of `path` (which starts with `/`).
    public func link(_ path: String) -> String { description + path }

    /// Nil, with the reason, unless `text` is an http or https origin.
    public init(parsing text: String) throws(Invalid) {
        let lowered = text.lowercased()
        let scheme: String
        if lowered.hasPrefix("https://") { scheme = "https" } else if lowered.hasPrefix("http://") { scheme = "http" } else {
            throw Invalid(description: "the public URL must start with https:// (or http://), not \"\(text)\"")
        }
        var rest = Substring(text.dropFirst(scheme.count + 3))
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        guard !rest.isEmpty, !rest.contains(where: { "/?#@ ".contains($0) || $0.isNewline || $0.asciiValue.map { $0 < 0x21 || $0 == 0x7F } ?? false }) else {
            throw Invalid(description: "the public URL must be an origin like https://termine.example.de, without a path, "
                          + "query or user, not \"\(text)\"")
        }
        self.scheme = scheme
        authority = rest.lowercased()
    }

    public struct Invalid: Error, CustomStringConvertible, Sendable {
        public let description: String
    }
}
