import Core
import HTTPServer
import Synchronization

/// Rendered availability answers for anonymous callers, keyed by the path
/// and the query parameters the route reads, each kept exactly as long as
/// its `AvailabilityStamp` says the answer holds. The event loop answers
/// hits from here without a thread hop or a database read: the booking
/// rush polls the same few days. Parameters the route does not read, and
/// their order, are not part of the key: `&x=1`, `&x=2` … would otherwise
/// each cost a computation, an unlimited way around the cache.
final class ResponseCache: Sendable {
    private struct Entry: Sendable {
        let stamp: AvailabilityStamp
        let response: HTTPResponse
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let availability: Availability
    /// A flood of distinct targets cannot grow the cache past this.
    private let capacity: Int
    /// The query parameters the route's answer depends on: all it reads.
    private let parameters: [String]

    init(availability: Availability, capacity: Int = 10_000, keyedBy parameters: [String]) {
        self.availability = availability
        self.capacity = capacity
        self.parameters = parameters
    }

    /// The path, then each parameter the route reads as the route reads it
    /// (decoded, the first of repeated ones), its length before it so that
    /// no value can pass for another parameter; absent ones leave no trace.
    private func key(_ request: HTTPRequest) -> String {
        let query = request.queryParameters
        var key = String(request.path)
        for name in parameters {
            guard let value = query[name] else { continue }
            key += "\n\(name) \(value.utf8.count) \(value)"
        }
        return key
    }

    /// Only citizens' requests are shared: a signed-in caller's channel and
    /// rights differ.
    static func isShareable(_ request: HTTPRequest) -> Bool {
        !request.headers.contains("Cookie") && !request.headers.contains("Authorization")
    }

    /// The fast path of a route: the cached answer, if it is still the answer.
    func lookup(_ request: HTTPRequest) -> HTTPResponse? {
        guard Self.isShareable(request), let entry = entries.withLock({ $0[key(request)] }),
              availability.isCurrent(entry.stamp) else { return nil }
        return entry.response
    }

    func store(_ response: HTTPResponse, stamp: AvailabilityStamp, for request: HTTPRequest) {
        guard Self.isShareable(request), response.status == .ok else { return }
        let key = key(request)
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(stamp: stamp, response: response)
        }
    }
}
