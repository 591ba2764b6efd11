import Scheduling
import Synchronization

/// How often "resend my links" may send: within an hour, 3 requests per
/// address (by its contact key, however written) and 10 per client (the
/// request's client key: behind a trusted proxy the forwarded address).
/// One more is answered as any other, and sends nothing, so the form can
/// neither flood a mailbox nor be used to send mail to many.
///
/// Kept in memory: a restart forgives, which an attacker cannot trigger.
final class BookingLinksThrottle: Sendable {
    static let window: Int64 = 60 * 60
    static let perAddress = 3
    static let perClient = 10

    private let requests = Mutex<[String: [Int64]]>([:])

    /// Counts the request and answers whether it may send: false, counting
    /// nothing, once the address or the client has had its share.
    func admit(addressKey: String, client: String, now: Instant) -> Bool {
        let now = now.secondsSinceEpoch
        let keys = [(addressKey, Self.perAddress), ("client " + client, Self.perClient)]
        return requests.withLock { requests in
            if requests.count > 50_000 { Self.forget(&requests, outsideWindowAt: now) }  // bound memory
            let recent = keys.map { key, _ in (requests[key] ?? []).filter { $0 > now - Self.window } }
            guard zip(recent, keys).allSatisfy({ $0.count < $1.1 }) else { return false }
            for (times, (key, _)) in zip(recent, keys) { requests[key] = times + [now] }
            return true
        }
    }

    /// Forgets every address and client whose requests all lie outside the
    /// window: they decide nothing any more, and an address is personal
    /// data. The retention run's task (`Outbox.forgetOldLinkRequests`).
    func forgetExpired(now: Instant) {
        requests.withLock { Self.forget(&$0, outsideWindowAt: now.secondsSinceEpoch) }
    }

    /// How many addresses and clients it remembers.
    var rememberedCount: Int { requests.withLock { $0.count } }

    private static func forget(_ requests: inout [String: [Int64]], outsideWindowAt now: Int64) {
        requests = requests.filter { $0.value.contains { $0 > now - window } }
    }
}
