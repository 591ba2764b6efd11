import HTTPServer

/// Requests by route pattern, method and status, and their latency by
/// route: counted by the server's `ExchangeObserver` on the event loop, so
/// with atomics only. Every route has its slots from the start (the router
/// is frozen), so counting never allocates or locks.
public final class RequestMetrics: Sendable {
    /// Statuses 100 to 599, one slot each, then the route's histogram.
    private static let statuses = 100..<600
    private static let slotsPerRoute = statuses.count + LatencyHistogram.slotCount

    /// The routes, and after them the place of what no route took (404,
    /// 405, a request refused before routing): `method="-",route="-"`.
    private let routes: [Router.Route]
    private let places: [Router.Route: Int]
    private let counters: AtomicCounters

    public init(router: Router) {
        routes = router.routes
        places = Dictionary(uniqueKeysWithValues: routes.enumerated().map { ($1, $0) })
        counters = AtomicCounters(count: (routes.count + 1) * Self.slotsPerRoute)
    }

    /// What `ServerConfiguration.exchangeObserver` calls.
    public func observe(_ exchange: Exchange) {
        let base = (exchange.route.flatMap { places[$0] } ?? routes.count) * Self.slotsPerRoute
        if Self.statuses.contains(exchange.status) { counters.add(1, at: base + exchange.status - Self.statuses.lowerBound) }
        histogram(at: base).observe(microseconds: exchange.microseconds)
    }

    private func histogram(at base: Int) -> LatencyHistogram {
        LatencyHistogram(counters: counters, base: base + Self.statuses.count)
    }

    func write(into text: inout PrometheusText) {
        let labels = routes.map { [("method", $0.method.rawValue), ("route", $0.pattern)] } + [[("method", "-"), ("route", "-")]]
        let labelled = labels.enumerated().map { (base: $0 * Self.slotsPerRoute, labels: $1) }
        text.family("terminbuch_http_requests_total", .counter, help: "Requests answered, by route pattern, method and status.")
        for route in labelled {
            for status in Self.statuses {
                let count = counters[route.base + status - Self.statuses.lowerBound]
                if count > 0 { text.sample("terminbuch_http_requests_total", route.labels + [("status", String(status))], count) }
            }
        }
        text.family("terminbuch_http_request_duration_seconds", .histogram,
                    help: "From a request's first byte to its answer handed to the socket, by route pattern and method.")
        for route in labelled where histogram(at: route.base).count > 0 {
            histogram(at: route.base).write("terminbuch_http_request_duration_seconds", labels: route.labels, into: &text)
        }
    }
}
