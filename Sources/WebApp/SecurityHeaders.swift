import HTTPServer

/// The headers every response carries (docs/architecture.md, "Security"): no sniffing, no
/// framing, a strict content security policy with no inline script or style,
/// and HSTS when the public URL is https.
enum SecurityHeaders {
    static let fields: [(String, String)] = [
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "same-origin"),
        ("Content-Security-Policy",
         "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ]

    /// For a response that carries a secret (a manage token, a new session
    /// cookie): no cache keeps it, and nothing it links to learns its address.
    static let forSecrets: HTTPHeaders = ["Cache-Control": "no-store", "Referrer-Policy": "no-referrer"]

    /// Browsers that once saw it reach the host only over HTTPS for a year,
    /// so a network on the way cannot strip TLS from a later visit.
    static let strictTransportSecurity = ("Strict-Transport-Security", "max-age=31536000; includeSubDomains")

    /// The fields on every answer, and HSTS too when the service is public
    /// over HTTPS (`--public-url https://…`): never for a plain-HTTP
    /// address, whose answers a browser would ignore it on anyway and which
    /// is most likely a test on loopback.
    static func middleware(publicURL: PublicURL?) -> Middleware {
        let fields = fields + (publicURL?.isHTTPS == true ? [strictTransportSecurity] : [])
        return { request, next in
            var response = try next(request)
            for (name, value) in fields where !response.headers.contains(name) {
                response.headers.add(name, value)
            }
            return response
        }
    }
}
