import Foundation
import HTTPServer
import XCTest

/// What a handler learns of its client over real sockets: from a trusted
/// proxy, the forwarded address, its key (IPv6 by /64) and scheme; from any
/// other peer, the peer itself, whatever the headers say.
final class ClientAddressTests: XCTestCase {
    func testForwardingHeadersCountOnlyFromATrustedProxy() throws {
        let server = try TestServer(configure: { $0.trustedProxies = try! TrustedProxies(parsing: "127.0.0.1") }) { builder in
            builder.get("/who") { request in .text("\(request.clientAddress) \(request.clientKey) \(request.scheme)") }
        }
        defer { server.stop() }
        func who(from source: String) throws -> String {
            let client = try RawClient(port: server.port, source: source)
            try client.send("GET /who HTTP/1.1\r\nHost: t\r\nX-Forwarded-For: 198.51.100.1, 2001:db8:1:2::7\r\n"
                            + "X-Forwarded-Proto: https\r\n\r\n")
            return try client.readResponse().text
        }
        XCTAssertEqual(try who(from: "127.0.0.1"), "2001:db8:1:2::7 2001:db8:1:2::/64 https")
        XCTAssertEqual(try who(from: "127.0.0.2"), "127.0.0.2 127.0.0.2 http", "a peer that is no trusted proxy")
    }
}
