import Foundation
import MailTestSupport
import XCTest
@testable import Mail

/// Our SMTP client against aiosmtpd in a process of its own, each message
/// read back by Python's email package as the server received it.
final class SMTPTransportTests: XCTestCase {
    private static let certificates = Result { try TestCertificates() }

    private func transport(_ url: String, port: Int, caFile: String? = nil, cleartextAuth: Bool = false) throws -> SMTPTransport {
        var configuration = try SMTPConfiguration(url: url.replacing("PORT", with: String(port)))
        configuration.caFile = try caFile ?? Self.certificates.get().caFile
        configuration.allowsCleartextAuth = cleartextAuth
        configuration.replyTimeout = 10
        return try SMTPTransport(configuration: configuration)
    }

    /// What arrived, the one message expected.
    private func single(_ server: SMTPTestServer, file: StaticString = #filePath, line: UInt = #line) throws -> SMTPTestServer.Received {
        let received = try server.received()
        XCTAssertEqual(received.count, 1, file: file, line: line)
        return try XCTUnwrap(received.first, file: file, line: line)
    }

    func testInTheClearWhenNoTLSIsOffered() throws {
        let server = try SMTPTestServer()
        try transport("smtp://localhost:PORT", port: server.port).send(Messages.confirmation(to: ["erika@example.de", "amt@example.de"]))
        let received = try single(server)
        XCTAssertFalse(received.tls)
        XCTAssertEqual(received.mail_from, "termine@bremerhaven.example")
        XCTAssertEqual(received.rcpt_tos, ["erika@example.de", "amt@example.de"])
        XCTAssertEqual(received.message.to.map { $0[1] }, ["erika@example.de", "amt@example.de"])
        XCTAssertEqual(received.message.bare_line_feeds, 0)
    }

    func testSTARTTLSWhenOffered() throws {
        try assertConfirmationArrivesOverTLS(.startTLS, "smtp://localhost:PORT")
    }

    func testRequiredTLSSendsOverSTARTTLS() throws {
        let server = try SMTPTestServer(security: .startTLS, certificates: Self.certificates.get())
        try transport("smtp://localhost:PORT?tls=required", port: server.port).send(Messages.plain())
        XCTAssertTrue(try single(server).tls)
    }

    func testRequiredTLSRefusesToSendInTheClear() throws {
        let server = try SMTPTestServer()
        let transport = try transport("smtp://localhost:PORT?tls=required", port: server.port), message = try Messages.plain()
        XCTAssertThrows(MailDeliveryError.temporary("localhost offers no STARTTLS, and tls=required sends nothing in the clear")) {
            () throws(MailDeliveryError) in try transport.send(message)
        }
        XCTAssertEqual(try server.received().count, 0)
    }

    func testImplicitTLS() throws {
        try assertConfirmationArrivesOverTLS(.implicitTLS, "smtps://localhost:PORT")
    }

    private func assertConfirmationArrivesOverTLS(_ security: SMTPTestServer.Security, _ url: String,
                                                  file: StaticString = #filePath, line: UInt = #line) throws {
        let server = try SMTPTestServer(security: security, certificates: Self.certificates.get())
        try transport(url, port: server.port).send(Messages.confirmation())
        let received = try single(server, file: file, line: line)
        XCTAssertTrue(received.tls, file: file, line: line)
        try assertIsConfirmation(received.message, file: file, line: line)
    }

    func testAuthPlainOverSTARTTLSWithAPercentEncodedUser() throws {
        let server = try SMTPTestServer(security: .startTLS, certificates: Self.certificates.get(), auth: "termine@amt:geh eim")
        try transport("smtp://termine%40amt:geh%20eim@localhost:PORT", port: server.port).send(Messages.plain())
        XCTAssertEqual(try single(server).auth, ["PLAIN", "termine@amt"])
    }

    func testAuthLoginWhenPlainIsNotOffered() throws {
        let server = try SMTPTestServer(security: .implicitTLS, certificates: Self.certificates.get(), auth: "termine:geheim", loginOnly: true)
        try transport("smtps://termine:geheim@localhost:PORT", port: server.port).send(Messages.plain())
        XCTAssertEqual(try single(server).auth, ["LOGIN", "termine"])
    }

    func testAWrongPasswordIsPermanent() throws {
        let server = try SMTPTestServer(security: .startTLS, certificates: Self.certificates.get(), auth: "termine:geheim")
        let transport = try transport("smtp://termine:falsch@localhost:PORT", port: server.port), message = try Messages.plain()
        assertDeliveryFails(permanent: true, containing: "535", to: "AUTH PLAIN") { () throws(MailDeliveryError) in try transport.send(message) }
        XCTAssertEqual(try server.received().count, 0)
    }

    func testThePasswordIsNotSentInTheClearUnlessAllowed() throws {
        let server = try SMTPTestServer(auth: "termine:geheim", authInClear: true)
        let refusing = try transport("smtp://termine:geheim@localhost:PORT", port: server.port), message = try Messages.plain()
        XCTAssertThrows(MailDeliveryError.temporary("localhost offers no TLS, and the password is sent only over TLS")) {
            () throws(MailDeliveryError) in try refusing.send(message)
        }
        XCTAssertEqual(try server.received().count, 0)
        try transport("smtp://termine:geheim@localhost:PORT", port: server.port, cleartextAuth: true).send(message)
        XCTAssertEqual(try single(server).auth, ["PLAIN", "termine"])
    }

    func testNothingListeningIsTemporary() throws {
        let server = try SMTPTestServer()
        let port = server.port
        server.stop()
        let transport = try transport("smtp://localhost:PORT", port: port), message = try Messages.plain()
        assertDeliveryFails(permanent: false, containing: "cannot connect to localhost:\(port): Connection refused") {
            () throws(MailDeliveryError) in try transport.send(message)
        }
    }

    func testA550RecipientIsPermanentAndNothingIsSent() throws {
        let server = try SMTPTestServer()
        let transport = try transport("smtp://localhost:PORT", port: server.port)
        let message = try Messages.plain(to: "refuse550@example.de")
        assertDeliveryFails(permanent: true, containing: "550 5.1.1 No such mailbox here", to: "RCPT TO:<refuse550@example.de>") {
            () throws(MailDeliveryError) in try transport.send(message)
        }
        // One refused recipient of several: sent to none.
        let both = try Messages.confirmation(to: ["erika@example.de", "refuse550@example.de"])
        assertDeliveryFails(permanent: true, containing: "550") { () throws(MailDeliveryError) in try transport.send(both) }
        XCTAssertEqual(try server.received().count, 0)
    }

    func testA451IsTemporary() throws {
        let server = try SMTPTestServer()
        let transport = try transport("smtp://localhost:PORT", port: server.port), message = try Messages.plain(to: "later451@example.de")
        assertDeliveryFails(permanent: false, containing: "451 4.3.0 Try again later", to: "RCPT TO:<later451@example.de>") {
            () throws(MailDeliveryError) in try transport.send(message)
        }
    }

    /// A run on one connection: a refused message in the middle costs an
    /// RSET, not the connection; a run cut short sends no more.
    func testARunOfMessagesSharesOneConnection() throws {
        let server = try SMTPTestServer(security: .startTLS, certificates: Self.certificates.get())
        let transport = try transport("smtp://localhost:PORT?tls=required", port: server.port)
        let run = try ["first@example.de", "refuse550@example.de", "third@example.de"].map { try Messages.plain(to: $0) }
        let outcomes = transport.send(run: run) { true }
        XCTAssertEqual(outcomes.count, 3)
        XCTAssertNil(outcomes[0])
        XCTAssertTrue(outcomes[1].map { if case .permanent(let reason) = $0 { reason.contains("550") } else { false } } ?? false,
                      "\(String(describing: outcomes[1]))")
        XCTAssertNil(outcomes[2])
        let received = try server.received()
        XCTAssertEqual(received.map(\.rcpt_tos), [["first@example.de"], ["third@example.de"]])
        XCTAssertEqual(received.map(\.connection), [1, 1], "one connection for the run")
        XCTAssertTrue(received.allSatisfy(\.tls))

        var asked = 0
        XCTAssertEqual(transport.send(run: run) { asked += 1; return asked == 1 }.count, 1, "stopped before the second")
        XCTAssertEqual(try server.received().map(\.connection).last, 2, "the next run, a connection of its own")
    }

    /// Temporary, not permanent: the message is fine, and a renewed
    /// certificate or a corrected --smtp-ca-file lets it through; the
    /// worker's retries keep it while the operator fixes the trust.
    func testACertificateFromAnotherAuthorityIsRefused() throws {
        let server = try SMTPTestServer(security: .startTLS, certificates: Self.certificates.get())
        let transport = try transport("smtp://localhost:PORT", port: server.port, caFile: Self.certificates.get().wrongCAFile)
        let message = try Messages.plain()
        assertDeliveryFails(permanent: false, containing: "certificate not trusted: unable to get local issuer certificate") {
            () throws(MailDeliveryError) in try transport.send(message)
        }
        XCTAssertEqual(try server.received().count, 0)
    }

    /// The certificate names its host as a name and as an address, and
    /// each is checked: by SSL_set1_host, by the certificate's IP address.
    func testTheCertificateIsCheckedForTheHostByNameAndByAddress() throws {
        let server = try SMTPTestServer(security: .implicitTLS, certificates: Self.certificates.get())
        try transport("smtps://127.0.0.1:PORT", port: server.port).send(Messages.plain())
        XCTAssertTrue(try single(server).tls)
    }

    /// A certificate from the right authority for another host, reached by
    /// name and by address: refused both ways, nothing sent.
    func testACertificateForAnotherHostIsRefused() throws {
        let server = try SMTPTestServer(security: .implicitTLS, certificates: Self.certificates.get(), identity: .elsewhere)
        let message = try Messages.plain()
        for url in ["smtps://localhost:PORT", "smtps://127.0.0.1:PORT"] {
            let transport = try transport(url, port: server.port)
            assertDeliveryFails(permanent: false, containing: "certificate not trusted: ") { () throws(MailDeliveryError) in try transport.send(message) }
        }
        XCTAssertEqual(try server.received().count, 0)
    }

    /// A server that takes the connection and never answers: the greeting's
    /// timeout, not a hung worker. A listening socket nobody accepts from.
    func testASilentServerTimesOut() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_in(sin_family: sa_family_t(AF_INET), sin_port: 0, sin_addr: in_addr(s_addr: inet_addr("127.0.0.1")), sin_zero: (0, 0, 0, 0, 0, 0, 0, 0))
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
            XCTAssertEqual(bind(listener, pointer, length), 0)
            XCTAssertEqual(listen(listener, 4), 0)
            getsockname(listener, pointer, &length)
        } }
        var configuration = SMTPConfiguration(host: "127.0.0.1", port: Int(UInt16(bigEndian: address.sin_port)))
        configuration.replyTimeout = 0.2
        let transport = try SMTPTransport(configuration: configuration), message = try Messages.plain()
        assertDeliveryFails(permanent: false, containing: "read from 127.0.0.1 timed out") { () throws(MailDeliveryError) in try transport.send(message) }
    }
}
