import Core
import HTTPServer
import Synchronization

/// Rendered availability answers for anonymous callers, keyed by the
/// request target, each kept exactly as long as its `AvailabilityStamp`
/// says the answer holds. The event loop answers hits from here without a
/// thread hop or a database read: the booking rush polls the same few days.
final class ResponseCache: Sendable {
    private struct Entry: Sendable {
        let stamp: AvailabilityStamp
        let response: HTTPResponse
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let availability: Availability
    /// A flood of distinct targets cannot grow the cache past this.
    private let capacity: Int

    init(availability: Availability, capacity: Int = 10_000) {
        self.availability = availability
        self.capacity = capacity
    }

    /// Only citizens' requests are shared: a signed-in caller's channel and
    /// rights differ.
    static func isShareable(_ request: HTTPRequest) -> Bool {
        !request.headers.contains("Cookie") && !request.headers.contains("Authorization")
    }

    /// The fast path of a route: the cached answer, if it is still the answer.
    func lookup(_ request: HTTPRequest) -> HTTPResponse? {
        guard Self.isShareable(request), let entry = entries.withLock({ $0[request.head.target] }),
              availability.isCurrent(entry.stamp) else { return nil }
        return entry.response
    }

    func store(_ response: HTTPResponse, stamp: AvailabilityStamp, for request: HTTPRequest) {
        guard Self.isShareable(request), response.status == .ok else { return }
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[request.head.target] = Entry(stamp: stamp, response: response)
        }
    }
}
