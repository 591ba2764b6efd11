import Core
import Scheduling
import Synchronization

/// Slows password guessing down without letting an attacker lock the real
/// user out. Within 15 minutes:
///
/// - a client (IP address) gets 5 wrong passwords per username and 20 in
///   all, then waits;
/// - an account gets 50 wrong passwords from all clients together; past
///   that, every client that has itself failed on this account waits too —
///   a guesser spread over many addresses gets one try per address — while
///   a client with no failure on it, such as the real user's own, still
///   signs in.
///
/// Kept in memory: a restart forgives, which an attacker cannot trigger.
final class SignInThrottle: Sendable {
    static let window: Int64 = 15 * 60
    static let perUsername = 5
    static let perClient = 20
    static let perAccount = 50

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
            func recent(_ key: String) -> [Int64] { (failures[key]?.times ?? []).filter { $0 > now - Self.window } }
            var limits = [(Self.key(client, username), Self.perUsername), (Self.key(client, nil), Self.perClient)]
            if !recent(Self.key(client, username)).isEmpty { limits.append((Self.accountKey(username), Self.perAccount)) }
            let waits = limits.compactMap { key, limit -> Int? in
                let times = recent(key)
                guard times.count >= limit else { return nil }
                return Int(times[times.count - limit] + Self.window - now) + 1
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
            let keys = [(Self.key(client, username), Self.perUsername), (Self.key(client, nil), Self.perClient),
                        (Self.accountKey(username), Self.perAccount)]
            for (key, limit) in keys {
                var entry = failures[key] ?? Failures()
                // Only the last `limit` failures decide a wait: keep no more.
                entry.times = Array((entry.times.filter { $0 > now - Self.window } + [now]).suffix(limit))
                failures[key] = entry
            }
        }
    }

    /// The client proved it knows the password: its own count for this
    /// username is cleared (the account's count is not, the guessing elsewhere goes on).
    func recordSuccess(client: String, username: String) {
        _ = failures.withLock { $0.removeValue(forKey: Self.key(client, username)) }
    }

    private static func key(_ client: String, _ username: String?) -> String {
        username.map { client + "\u{0}" + $0.lowercased() } ?? client
    }

    private static func accountKey(_ username: String) -> String { "\u{1}" + username.lowercased() }
}
