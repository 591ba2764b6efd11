import XCTest
@testable import Mail

/// `--smtp-url` as an operator writes it.
final class SMTPConfigurationTests: XCTestCase {
    func testTheForms() throws {
        let plain = try SMTPConfiguration(url: "smtp://mail.example.de")
        XCTAssertEqual([plain.host, "\(plain.port)"], ["mail.example.de", "25"])
        XCTAssertEqual(plain.security, .startTLSWhenOffered)
        XCTAssertNil(plain.user)

        let required = try SMTPConfiguration(url: "smtp://relay.example.de:587?tls=required")
        XCTAssertEqual(required.port, 587)
        XCTAssertEqual(required.security, .startTLSRequired)

        let implicit = try SMTPConfiguration(url: "smtps://terminbuch%40bremerhaven.de:p%C3%A4ss%3Aw%2Fo%25rd@[::1]:4650/")
        XCTAssertEqual(implicit.security, .implicitTLS)
        XCTAssertEqual(implicit.host, "::1")
        XCTAssertEqual(implicit.port, 4650)
        XCTAssertEqual(implicit.user, "terminbuch@bremerhaven.de")
        XCTAssertEqual(implicit.password, "päss:w/o%rd")
        XCTAssertEqual(try SMTPConfiguration(url: "smtps://mail.example.de").port, 465)
        XCTAssertEqual(try SMTPConfiguration(url: "smtp://u:@localhost:2525").password, "")
    }

    func testWhatIsRefused() {
        let cases = [
            "http://mail.example.de": "must begin with smtp:// or smtps://",
            "smtp://": "needs a host",
            "smtp://:25": "needs a host",
            "smtp://mail.example.de:0": "port must be 1 to 65535",
            "smtp://mail.example.de:65536": "port must be 1 to 65535",
            "smtp://mail.example.de:x": "port must be 1 to 65535",
            "smtp://mail.example.de/path": "must not have a path",
            "smtp://mail.example.de?tls=maybe": "unknown parameter tls=maybe (only tls=required)",
            "smtp://user@mail.example.de": "user and password must be user:password, percent-encoded",
            "smtp://user:%zz@mail.example.de": "user and password must be user:password, percent-encoded",
            "smtp://user:%ff@mail.example.de": "user and password must be user:password, percent-encoded",
            "smtp://[::1:25": "an IPv6 address needs its ]",
        ]
        for (url, reason) in cases {
            XCTAssertThrows(SMTPConfigurationError.invalid(reason)) { () throws(SMTPConfigurationError) in
                _ = try SMTPConfiguration(url: url)
            }
        }
    }

    func testACAFileThatCannotBeReadStopsTheTransportBeingMade() throws {
        var configuration = SMTPConfiguration(host: "localhost", port: 25)
        configuration.caFile = "/nonexistent/ca.pem"
        do {
            _ = try SMTPTransport(configuration: configuration)
            XCTFail("made with no CA file")
        } catch {
            guard case .caFile(let reason) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.hasPrefix("cannot load /nonexistent/ca.pem"), reason)
        }
    }
}
