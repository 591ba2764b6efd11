import HTTPServer

/// Cross-site request forgery on the API. A browser adds the session
/// cookie to any request, also to a form or `fetch` another site starts,
/// and `SameSite=Lax` still lets a top-level POST through from a sibling
/// site; the double-submit token of the pages does not fit a JSON API. So
/// an unsafe request (anything but GET, HEAD, OPTIONS) whose session came
/// from the cookie must show that it comes from our own pages: `Origin`
/// equal to the request's own origin, or `Sec-Fetch-Site: same-origin`.
/// Browsers set both and no page can forge them. A bearer token is sent
/// only by a client that knows it, and a request without a session can do
/// nothing a citizen could not do anyway, so neither is checked.
enum CrossSiteRequests {
    /// Throws `cross-site-request` (403) for a forgeable request.
    static func check(_ request: HTTPRequest, identity: Identity) throws {
        guard identity.credential == .cookie, !request.method.isSafe, !isSameOrigin(request) else { return }
        throw Problem.crossSiteRequest()
    }

    static func isSameOrigin(_ request: HTTPRequest) -> Bool {
        if let origin = request.headers["Origin"], let own = ownOrigin(of: request),
           normalised(origin.lowercased()) == own {
            return true
        }
        return request.headers["Sec-Fetch-Site"]?.lowercased() == "same-origin"
    }

    /// `scheme://host[:port]` of the request as the client addressed it,
    /// the form `Origin` has (RFC 6454 §6.1), lower-cased.
    static func ownOrigin(of request: HTTPRequest) -> String? {
        guard let host = request.headers["Host"], !host.isEmpty else { return nil }
        return normalised(request.scheme.lowercased() + "://" + host.lowercased())
    }

    /// Without the scheme's default port, which `Origin` leaves out.
    private static func normalised(_ origin: String) -> String {
        for (scheme, port) in [("http://", ":80"), ("https://", ":443")] where origin.hasPrefix(scheme) && origin.hasSuffix(port) {
            return String(origin.dropLast(port.count))
        }
        return origin
    }
}
