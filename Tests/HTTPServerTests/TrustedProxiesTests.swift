@testable import HTTPServer
import XCTest

/// Who the client is: `--trusted-proxies` parsed strictly, membership in
/// IPv4 and IPv6 ranges, the right-most untrusted `X-Forwarded-For`
/// address, headers from an untrusted peer ignored, and the keys per-client
/// limits count by (IPv6 by /64, IPv4-mapped as IPv4).
final class TrustedProxiesTests: XCTestCase {
    func address(_ text: String) throws -> IPAddress { try XCTUnwrap(IPAddress(text), text) }

    func testParsesIPv4AndIPv6RangesAndBareAddresses() throws {
        let proxies = try TrustedProxies(parsing: "10.0.0.0/8, 192.0.2.7,fd00::/8,2001:db8::1")
        XCTAssertEqual(proxies.ranges.count, 4)
        for inside in ["10.0.0.1", "10.255.255.255", "192.0.2.7", "fd12:3456::1", "2001:db8::1", "::ffff:10.1.2.3"] {
            XCTAssertTrue(proxies.contains(try address(inside)), inside)
        }
        for outside in ["11.0.0.1", "192.0.2.8", "fe80::1", "2001:db8::2", "::a00:1"] {
            XCTAssertFalse(proxies.contains(try address(outside)), outside)
        }
        XCTAssertEqual(try TrustedProxies(parsing: "").ranges, [], "empty is no proxy")
        XCTAssertTrue(try TrustedProxies(parsing: "0.0.0.0/0").contains(try address("203.0.113.9")))
        XCTAssertFalse(try TrustedProxies(parsing: "0.0.0.0/0").contains(try address("2001:db8::9")), "IPv4 /0 is not all of IPv6")
        XCTAssertTrue(try TrustedProxies(parsing: "::/0").contains(try address("2001:db8::9")))
    }

    func testRefusesAnythingButAPlainRange() {
        for bad in ["10.0.0.0/33", "fd00::/129", "10.0.0.0/", "10.0.0.0/08", "10.0.0.0/+8", "10.0.0.0/8/8", "10.0.0",
                    "010.0.0.0/8", "10.0.0.1/8", "fd00::1/8", "localhost", "10.0.0.0/8,", ",10.0.0.0/8", "10.0.0.0/8,,::1",
                    "[::1]", "fe80::1%eth0", "10.0.0.0 /8", "1.2.3.4:80"] {
            XCTAssertThrowsError(try TrustedProxies(parsing: bad), bad)
        }
        XCTAssertThrowsError(try TrustedProxies(parsing: "10.1.2.3/8")) { error in
            XCTAssertTrue("\(error)".contains("did you mean 10.0.0.0/8"), "\(error)")
        }
    }

    func testTheClientIsTheRightMostAddressThatIsNotATrustedProxy() throws {
        let proxies = try TrustedProxies(parsing: "10.0.0.0/8")
        let peer = try address("10.0.0.5")
        func client(_ forwardedFor: [String], proto: [String] = []) -> ClientAddress {
            var headers = HTTPHeaders()
            forwardedFor.forEach { headers.add("X-Forwarded-For", $0) }
            proto.forEach { headers.add("X-Forwarded-Proto", $0) }
            return proxies.client(peer: peer, headers: headers)
        }
        XCTAssertEqual(client(["203.0.113.9"]).address.text, "203.0.113.9")
        XCTAssertEqual(client(["198.51.100.1, 203.0.113.9, 10.0.0.3"]).address.text, "203.0.113.9",
                       "what the client wrote left of the first untrusted hop proves nothing")
        XCTAssertEqual(client(["198.51.100.1", "203.0.113.9,10.1.1.1"]).address.text, "203.0.113.9", "repeated fields join in order")
        XCTAssertEqual(client(["10.0.0.9, 10.0.0.3"]).address.text, "10.0.0.9", "all trusted: the left-most")
        XCTAssertEqual(client([]).address.text, "10.0.0.5", "no header: the proxy itself")
        for malformed in ["203.0.113.9:443", "unknown", "203.0.113.9,", "", "203.0.113.9 198.51.100.1", "[2001:db8::1]"] {
            XCTAssertEqual(client([malformed]).address.text, "10.0.0.5", "\(malformed): ignored whole, the peer it is")
        }
        XCTAssertEqual(client(["203.0.113.9"], proto: ["https"]).scheme, "https")
        XCTAssertEqual(client(["203.0.113.9"], proto: ["HTTP"]).scheme, "http")
        XCTAssertEqual(client(["203.0.113.9"]).scheme, "http")
        for proto in [["ftp"], ["https, http"], ["https", "https"]] {
            XCTAssertEqual(client(["203.0.113.9"], proto: proto).scheme, "http", "\(proto)")
        }
    }

    func testHeadersFromAnUntrustedPeerAreIgnored() throws {
        let proxies = try TrustedProxies(parsing: "10.0.0.0/8")
        var headers = HTTPHeaders()
        headers.add("X-Forwarded-For", "192.0.2.77")
        headers.add("X-Forwarded-Proto", "https")
        let client = proxies.client(peer: try address("203.0.113.9"), headers: headers)
        XCTAssertEqual(client, ClientAddress(address: try address("203.0.113.9"), scheme: "http"))
        XCTAssertEqual(TrustedProxies.none.client(peer: try address("10.0.0.5"), headers: headers).address.text, "10.0.0.5",
                       "with no proxy configured, not even a private peer is believed")
    }

    func testClientKeysGroupIPv6ByItsSlash64() throws {
        XCTAssertEqual(try address("203.0.113.9").clientKey, "203.0.113.9")
        XCTAssertEqual(try address("::ffff:203.0.113.9").clientKey, "203.0.113.9", "IPv4-mapped is IPv4")
        XCTAssertEqual(try address("2001:db8:1:2:aaaa:bbbb:cccc:dddd").clientKey, "2001:db8:1:2::/64")
        XCTAssertEqual(try address("2001:db8:1:2::1").clientKey, try address("2001:db8:1:2:ffff::9").clientKey)
        XCTAssertNotEqual(try address("2001:db8:1:2::1").clientKey, try address("2001:db8:1:3::1").clientKey)
        XCTAssertEqual(try address("2001:DB8::1").text, "2001:db8::1")
        XCTAssertNil(IPAddress("203.0.113.256"))
        XCTAssertNil(IPAddress("2001:db8::1::2"))
    }

    func testTheLoggedAddressKeepsOnlyItsNetwork() throws {
        XCTAssertEqual(try address("203.0.113.9").anonymised, "203.0.113.0")
        XCTAssertEqual(try address("::ffff:203.0.113.250").anonymised, "203.0.113.0", "IPv4-mapped is IPv4")
        XCTAssertEqual(try address("2001:db8:1:2:aaaa:bbbb:cccc:dddd").anonymised, "2001:db8:1::")
        XCTAssertEqual(try address("2001:db8:ab:ffff::1").anonymised, "2001:db8:ab::")
        XCTAssertNotEqual(try address("127.0.1.2").anonymised, try address("127.0.2.2").anonymised)
    }
}
