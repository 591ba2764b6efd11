import Foundation
import XCTest

/// Sign-in behind a TLS proxy (`--trusted-proxies`), as issue 12 attacked
/// it: the forwarded client is the one throttled, so a guesser locks out no
/// one else; a spoofed `X-Forwarded-For` from a peer that is not a trusted
/// proxy escapes nothing; 50 addresses failing once cost the real user
/// nothing for a typo; and a flood of sign-ins that keeps the password
/// checks busy still lets the real user in.
final class SignInBehindProxyTests: XCTestCase {
    static let proxy = ["--trusted-proxies", "127.0.0.1/32"]

    static func signIn(_ client: APIClient, _ username: String = "agent", password: String = "demo",
                forwardedFor: String) throws -> RawClient.Response {
        try client.post("/api/v1/session", json: ["username": username, "password": password],
                        headers: [("X-Forwarded-For", forwardedFor), ("X-Forwarded-Proto", "https")])
    }

    func testTwentyWrongPasswordsFromOneForwardedClientLockOutOnlyThatClient() throws {
        let server = try DemoServer.start(extraArguments: Self.proxy)
        defer { server.stop() }
        let proxy = APIClient(port: server.port)
        for attempt in 0..<20 {
            assertProblem(try Self.signIn(proxy, "user\(attempt % 4)", password: "guess", forwardedFor: "203.0.113.66"), 401,
                          "guess \(attempt)")
        }
        assertProblem(try Self.signIn(proxy, forwardedFor: "203.0.113.66"), 429, "the guesser waits, for every username")
        XCTAssertEqual(try Self.signIn(proxy, forwardedFor: "198.51.100.20").status, 200, "the real user, through the same proxy")
        XCTAssertEqual(try Self.signIn(proxy, "staff-mitte", forwardedFor: "198.51.100.21").status, 200, "and a colleague")
    }

    func testAForwardedForFromAPeerThatIsNoTrustedProxyIsIgnored() throws {
        let server = try DemoServer.start(extraArguments: Self.proxy)
        defer { server.stop() }
        let spoofer = APIClient(port: server.port, source: "127.0.0.2")
        for attempt in 0..<5 {
            assertProblem(try Self.signIn(spoofer, password: "guess", forwardedFor: "192.0.2.\(attempt)"), 401, "guess \(attempt)")
        }
        assertProblem(try Self.signIn(spoofer, forwardedFor: "192.0.2.99"), 429, "a new forwarded address each time does not help")
        XCTAssertEqual(try Self.signIn(APIClient(port: server.port), forwardedFor: "198.51.100.20").status, 200,
                       "the real user through the proxy")
    }

    func testFiftyAddressesFailingOnceCostTheRealUserNothingForATypo() throws {
        let server = try DemoServer.start(extraArguments: Self.proxy)
        defer { server.stop() }
        let proxy = APIClient(port: server.port)
        for index in 0..<50 {
            assertProblem(try Self.signIn(proxy, password: "guess", forwardedFor: "10.9.\(index / 200).\(index % 200 + 1)"), 401,
                          "address \(index)")
        }
        assertProblem(try Self.signIn(proxy, password: "demo-typo", forwardedFor: "198.51.100.20"), 401, "a typo is only wrong")
        XCTAssertEqual(try Self.signIn(proxy, forwardedFor: "198.51.100.20").status, 200, "and the right password signs in")
        assertProblem(try Self.signIn(proxy, password: "guess", forwardedFor: "10.9.0.1"), 401, "a guesser's second try")
        assertProblem(try Self.signIn(proxy, forwardedFor: "10.9.0.1"), 429, "under pressure, two of its own and it waits")
    }

    /// 50 forwarded clients, each sending its next sign-in as soon as the
    /// last is answered, keep both password checks taken nearly all the
    /// time; once each has been answered (so each has a failure or a busy
    /// answer of its own), the real user's sign-in waits its turn ahead of
    /// all of them and succeeds at the first try. (Answered busy at once, as
    /// before the queue, it fails.)
    func testASignInFloodFromManyClientsLeavesTheRealUserSignedIn() throws {
        let server = try DemoServer.start(extraArguments: Self.proxy)
        defer { server.stop() }
        let attackers = 50
        let answered = Locked(Set<Int>())
        let busyAnswers = Locked(0)
        let stop = Locked(false)
        let finished = Locked(false)
        let flood = Thread {
            runThreads(attackers) { index in
                let client = APIClient(port: server.port)
                while !stop.current {
                    guard let response = try? Self.signIn(client, password: "guess", forwardedFor: "10.8.0.\(index + 1)") else { return }
                    answered.withLock { _ = $0.insert(index) }
                    if response.status == 429 {
                        guard response.header("Retry-After") == "1" else { return }  // throttled: this address is spent
                        busyAnswers.withLock { $0 += 1 }
                    }
                }
            }
            finished.withLock { $0 = true }
        }
        flood.start()
        XCTAssertTrue(answered.wait(until: { $0.count == attackers }, timeout: 120), "every attacker got an answer")
        let signedIn = try Self.signIn(APIClient(port: server.port), forwardedFor: "198.51.100.20")
        stop.withLock { $0 = true }
        XCTAssertEqual(signedIn.status, 200, "the real user signs in at the first try: \(signedIn.text)")
        XCTAssertGreaterThan(busyAnswers.current, 0, "the flood did keep the checks busy")
        XCTAssertTrue(finished.wait(until: { $0 }, timeout: 60), "the flood ends")
    }
}
