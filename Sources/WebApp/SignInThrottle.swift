import Core
import Scheduling
import Synchronization

/// Slows password guessing down without letting an attacker lock the real
/// user out. A client is `HTTPRequest.clientKey`: behind a trusted proxy
/// the forwarded address, so one guesser there locks out no one else.
/// Within 15 minutes:
///
/// - a client gets 5 wrong passwords per username and 20 in all, then
///   waits; a "busy" answer (`SignInQueue`) counts towards the 20, so
///   flooding the password checks costs the flooder its allowance;
/// - an account with 50 wrong passwords from all clients together is under
///   pressure: each client's own allowance on it shrinks from 5 to 2. A
///   guesser spread over many addresses gets two tries per address, while
///   the real user — one typo of their own, or none — still signs in:
///   others' failures never refuse a client that has fewer than 2 of its own.
///
/// Kept in memory: a restart forgives, which an attacker cannot trigger.
final class SignInThrottle: Sendable {
    static let window: Int64 = 15 * 60
    static let perUsername = 5
    static let perUsernameUnderPressure = 2
    static let perClient = 20
    static let perAccount = 50

    private struct Failures { var times: [Int64] = [] }
    private let failures = Mutex<[String: Failures]>([:])
    private let clock: any Clock
    /// The fair wait for a password check that the attempts go through.
    let queue: SignInQueue

    init(clock: any Clock, queue: SignInQueue = SignInQueue()) {
        self.clock = clock
        self.queue = queue
    }

    /// Seconds to wait before this client may try `username` again; nil when it may now.
    func retryAfter(client: String, username: String) -> Int? {
        let now = clock.now().secondsSinceEpoch
        return failures.withLock { failures in
            func recent(_ key: String) -> [Int64] { (failures[key]?.times ?? []).filter { $0 > now - Self.window } }
            let underPressure = recent(Self.accountKey(username)).count >= Self.perAccount
            let limits = [(Self.key(client, username), underPressure ? Self.perUsernameUnderPressure : Self.perUsername),
                          (Self.key(client, nil), Self.perClient)]
            let waits = limits.compactMap { key, limit -> Int? in
                let times = recent(key)
                guard times.count >= limit else { return nil }
                return Int(times[times.count - limit] + Self.window - now) + 1
            }
            return waits.max()
        }
    }

    /// How many failures (and busy answers) this client has in the window:
    /// its standing in `SignInQueue`, fewer first.
    func recentFailures(client: String) -> Int {
        let now = clock.now().secondsSinceEpoch
        return failures.withLock { failures in
            (failures[Self.key(client, nil)]?.times ?? []).filter { $0 > now - Self.window }.count
        }
    }

    func recordFailure(client: String, username: String) {
        record([(Self.key(client, username), Self.perUsername), (Self.key(client, nil), Self.perClient),
                (Self.accountKey(username), Self.perAccount)])
    }

    /// The client was turned away busy: it counts against the client, not
    /// against the account, whose password was not even tried.
    func recordBusy(client: String) {
        record([(Self.key(client, nil), Self.perClient)])
    }

    private func record(_ keys: [(String, Int)]) {
        let now = clock.now().secondsSinceEpoch
        failures.withLock { failures in
            if failures.count > 50_000 { Self.forget(&failures, outsideWindowAt: now) }  // bound memory
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

    /// Forgets every client and account whose failures all lie outside the
    /// window: they decide no wait any more, and a client key is personal
    /// data (an address). The retention run's (`RetentionSchedule`) task.
    func forgetExpired() {
        let now = clock.now().secondsSinceEpoch
        failures.withLock { Self.forget(&$0, outsideWindowAt: now) }
    }

    /// How many clients, client-and-username pairs and accounts it remembers.
    var rememberedCount: Int { failures.withLock { $0.count } }

    private static func forget(_ failures: inout [String: Failures], outsideWindowAt now: Int64) {
        failures = failures.filter { $0.value.times.contains { $0 > now - window } }
    }

    private static func key(_ client: String, _ username: String?) -> String {
        username.map { client + "\u{0}" + $0.lowercased() } ?? client
    }

    private static func accountKey(_ username: String) -> String { "\u{1}" + username.lowercased() }
}
