import Booking
import Scheduling
import Synchronization

/// Slows password guessing down per client, never per account alone: a
/// client (IP address) gets 5 wrong passwords per username and 20 in all
/// within 15 minutes, then waits. Somebody guessing from elsewhere cannot
/// lock the real user out, because the real user's own client has its own
/// count. Kept in memory: a restart forgives, which an attacker cannot
/// trigger.
final class SignInThrottle: Sendable {
    static let window: Int64 = 15 * 60
    static let perUsername = 5
    static let perClient = 20

    private struct Failures { var times: [Int64] = [] }
    private let failures = Mutex<[String: Failures]>([:])
    private let clock: any Clock

    init(clock: any Clock) {
        self.clock = clock
    }

    /// Seconds to wait before this client may try `username` again; nil when it may now.
    func retryAfter(client: String, username: String) -> Int? {
        let now = clock.now().secondsSinceEpoch
        return failures.withLock { failures in
            let waits = [(Self.key(client, username), Self.perUsername), (Self.key(client, nil), Self.perClient)].compactMap {
                key, limit -> Int? in
                let recent = (failures[key]?.times ?? []).filter { $0 > now - Self.window }
                guard recent.count >= limit else { return nil }
                return Int(recent[recent.count - limit] + Self.window - now) + 1
            }
            return waits.max()
        }
    }

    func recordFailure(client: String, username: String) {
        let now = clock.now().secondsSinceEpoch
        failures.withLock { failures in
            if failures.count > 50_000 {  // bound memory: forget what is out of the window
                failures = failures.filter { $0.value.times.contains { $0 > now - Self.window } }
            }
            for key in [Self.key(client, username), Self.key(client, nil)] {
                var entry = failures[key] ?? Failures()
                entry.times = entry.times.filter { $0 > now - Self.window } + [now]
                failures[key] = entry
            }
        }
    }

    func recordSuccess(client: String, username: String) {
        _ = failures.withLock { $0.removeValue(forKey: Self.key(client, username)) }
    }

    private static func key(_ client: String, _ username: String?) -> String {
        username.map { client + "\u{0}" + $0.lowercased() } ?? client
    }
}
