import HTTPServer

/// Caching of API answers. Availability changes with every booking, and most
/// answers depend on who asks (the channel, which bookings they may see), so
/// an answer that does not say otherwise itself must not be kept by any
/// cache: `Cache-Control: no-store` (a cache would otherwise guess a
/// freshness lifetime of its own, RFC 9111 §4.2.2). Install it with the
/// other layers: `builder.use(APICaching.middleware)`.
enum APICaching {
    static let middleware: Middleware = { request, next in
        var response = try next(request)
        if request.path.hasPrefix(APIProblems.pathPrefix) && !response.headers.contains("Cache-Control") {
            response.headers.set("Cache-Control", "no-store")
        }
        return response
    }
}
