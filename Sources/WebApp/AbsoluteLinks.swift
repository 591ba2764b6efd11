import HTTPServer

/// The one rule for the scheme and host of a link that leaves the page it
/// is on (a calendar feed's address, pasted into a calendar program, which
/// cannot resolve a path): the public URL when one is set, so neither a
/// forged `Host` nor the name a proxy reached us by ever gets into a link;
/// else the address this request reached, for a server on loopback.
struct AbsoluteLinks: Sendable {
    let publicURL: PublicURL?

    /// `path` (which starts with `/`) as an absolute address; the path
    /// alone when, without a public URL, the request's `Host` is no origin.
    func link(_ path: String, answering request: HTTPRequest) -> String {
        if let publicURL { return publicURL.link(path) }
        guard let host = request.headers["Host"], let own = try? PublicURL(parsing: request.scheme + "://" + host) else {
            return path
        }
        return own.link(path)
    }

    /// The `webcal://` form of `link(path, answering:)`: a click on it makes
    /// a calendar program (Outlook, Apple Calendar) subscribe, where an
    /// `https://` link would download the file once. Nil when there is only
    /// the path.
    func subscription(_ path: String, answering request: HTTPRequest) -> String? {
        let link = link(path, answering: request)
        guard let separator = link.range(of: "://") else { return nil }
        return "webcal" + link[separator.lowerBound...]
    }
}
