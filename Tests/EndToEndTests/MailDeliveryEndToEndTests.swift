import Foundation
import MailTestSupport
import XCTest

/// The delivery worker in the real server, against aiosmtpd in a process
/// of its own (`Tests/MailTests/python/smtp_server.py`) or a script
/// standing in for sendmail: what a citizen's booking sends, and what the
/// outbox does when the server is down, refuses, defers, or the server
/// process is killed between the commit and the delivery. The clock is
/// the test's (`--test-clock-on-stdin`): moving it past a backoff wakes the
/// worker. What happened is read from the stand-in's output (a line per
/// message accepted), the server's (a line per message given up or put
/// off, said once settled) and the database file.
final class MailDeliveryEndToEndTests: XCTestCase {
    private static let certificates = Result { try TestCertificates() }
    static let office = "buergerbuero-mitte"
    static let publicURL = "https://termine.example.de"

    /// The demo server sending through the SMTP server on `smtpPort`, on
    /// `databasePath` (a restart) or a new database.
    private func server(smtpPort: Int, tls: Bool = false, restarting previous: DemoServer? = nil) throws -> DemoServer {
        let arguments = ["--test-clock-on-stdin", "--public-url", Self.publicURL,
                         "--smtp-url", "smtp://localhost:\(smtpPort)" + (tls ? "?tls=required" : "")]
            + (tls ? ["--smtp-ca-file", try Self.certificates.get().caFile] : [])
        guard let previous else { return try DemoServer.start(extraArguments: arguments) }
        let process = try ServerProcess(databasePath: previous.databasePath, arguments: ["--now", previous.now] + arguments)
        return DemoServer(process: process, now: previous.now, date: previous.date)
    }

    /// A free port with nothing listening on it: an SMTP server that is down.
    private func portOfAServerThatIsDown() throws -> Int {
        let probe = try SMTPTestServer()
        probe.stop()
        return probe.port
    }

    /// Books the `index`-th free start of the Monday for `email`; answers the booking's code and start.
    @discardableResult
    private func book(_ server: DemoServer, email: String, index: Int = 0) throws -> (code: String, start: String) {
        let client = APIClient(port: server.port)
        let starts = try client.slotStarts(office: Self.office, date: server.date)
        XCTAssertGreaterThan(starts.count, index)
        let response = try client.post("/api/v1/bookings", json: APIClient.bookingBody(
            office: Self.office, start: starts[index], name: "Erika Müller", email: email))
        guard response.status == 201, let booking = response.object["booking"] as? [String: Any],
              let code = booking["code"] as? String else {
            throw RawClient.Failure(description: "booking for \(email): \(response.status) \(response.text)")
        }
        return (code, starts[index])
    }

    /// The outbox row of the one message to `recipient`: its Message-ID's local part, status, attempts, last error.
    private func outboxRow(_ server: DemoServer, to recipient: String) throws -> (messageID: String, status: String, attempts: Int, error: String) {
        let rows = try sqliteRows(server.databasePath, """
            SELECT message_id, status, attempts, coalesce(last_error, '') FROM outbox WHERE recipient = '\(recipient)'
            """)
        XCTAssertEqual(rows.count, 1, "one message to \(recipient)")
        let row = try XCTUnwrap(rows.first)
        return (row[0], row[1], Int(row[2]) ?? -1, row[3])
    }

    /// The server's clock `minutes` after its `--now`.
    private func moveClock(_ server: DemoServer, minutes: Int) throws {
        let start = try XCTUnwrap(ISO8601DateFormatter().date(from: server.now))
        try server.process.setClock(DemoServer.rfc3339(start.addingTimeInterval(TimeInterval(minutes * 60))))
    }

    private func received(_ smtp: SMTPTestServer, to recipient: String) throws -> [SMTPTestServer.Received] {
        try smtp.received().filter { $0.rcpt_tos == [recipient] }
    }

    func testAConfirmationArrivesOverSTARTTLSAsPythonsEmailAndICalendarReadIt() throws {
        try requireSQLite3()
        let smtp = try SMTPTestServer(security: .startTLS, certificates: Self.certificates.get())
        defer { smtp.stop() }
        let server = try server(smtpPort: smtp.port, tls: true)
        defer { server.stop() }
        XCTAssertTrue(server.process.output.contains("terminbuch: e-mail is sent through smtp://localhost:\(smtp.port)\n"),
                      server.process.output)
        let recipient = "erika.starttls@example.org"
        let (code, start) = try book(server, email: recipient)
        let messageID = try outboxRow(server, to: recipient).messageID
        XCTAssertTrue(smtp.waitForAccepted(to: recipient), "the confirmation arrives")
        XCTAssertTrue(server.process.waitForOutput(containing: "message \(messageID) (confirmation) sent\n"), server.process.output)

        let arrived = try received(smtp, to: recipient)
        XCTAssertEqual(arrived.count, 1)
        let mail = try XCTUnwrap(arrived.first)
        XCTAssertTrue(mail.tls, "tls=required: over STARTTLS, verified against --smtp-ca-file")
        XCTAssertEqual(mail.mail_from, "terminbuch@termine.example.de", "the default --mail-from: the host of --public-url")
        let row = try outboxRow(server, to: recipient)
        XCTAssertEqual(mail.message.message_id, "<\(messageID)@termine.example.de>")
        XCTAssertEqual("\(row.status) \(row.attempts)", "sent 1")
        XCTAssertEqual(mail.message.defects, [])
        XCTAssertEqual(mail.message.parts.prefix(4), ["multipart/mixed", "multipart/alternative", "text/plain", "text/html"])
        XCTAssertTrue(mail.message.subject.contains("Bürgerbüro Mitte"), mail.message.subject)
        let text = try XCTUnwrap(mail.message.text)
        let link = try XCTUnwrap(text.firstMatch(of: /https:\/\/termine\.example\.de(\/\S+)/).map { String($0.1) }, text)
        // The manage link, followed on this server, opens the booking (its token traded for a cookie).
        XCTAssertEqual(try APIClient(port: server.port).get(link).status, 303, link)

        let ics = try XCTUnwrap(mail.message.attachments.first { $0.filename == "termin.ics" })
        XCTAssertEqual(ics.content_type, "text/calendar")
        let event = try ICalendarReader.firstEvent(Data(base64Encoded: ics.data) ?? Data())
        XCTAssertTrue(event.uid.contains(code), "\(event.uid) names \(code)")
        XCTAssertEqual(RFC3339Instant(event.start), RFC3339Instant(start), "the event starts when the booking does")
    }

    func testAServerDownForAWhileGetsTheMessageOnceItIsBackWithTheSameMessageID() throws {
        try requireSQLite3()
        let port = try portOfAServerThatIsDown()
        let server = try server(smtpPort: port)
        defer { server.stop() }
        let recipient = "erika.later@example.org"
        try book(server, email: recipient)
        let first = try outboxRow(server, to: recipient)
        XCTAssertTrue(server.process.waitForOutput(containing: "message \(first.messageID) (confirmation) not delivered (attempt 1)"),
                      server.process.output)
        XCTAssertEqual(try outboxRow(server, to: recipient).status, "pending")

        let smtp = try SMTPTestServer(port: port)
        defer { smtp.stop() }
        try moveClock(server, minutes: 2)
        XCTAssertTrue(smtp.waitForAccepted(to: recipient), "sent once the server is back and the backoff has passed")
        XCTAssertTrue(server.process.waitForOutput(containing: "message \(first.messageID) (confirmation) sent\n"), server.process.output)
        XCTAssertEqual(try received(smtp, to: recipient).map(\.message.message_id), ["<\(first.messageID)@termine.example.de>"])
        let settled = try outboxRow(server, to: recipient)
        XCTAssertEqual("\(settled.status) \(settled.attempts)", "sent 2")
    }

    /// SIGKILL after the bookings committed, while the SMTP server is down
    /// so nothing was sent: the restarted server sends each, once.
    func testAfterKill9EveryCommittedMessageIsSentOncePerMessageID() throws {
        try requireSQLite3()
        let port = try portOfAServerThatIsDown()
        let first = try server(smtpPort: port)
        let recipients = (1...3).map { "citizen\($0).killed@example.org" }
        for (index, recipient) in recipients.enumerated() { try book(first, email: recipient, index: index) }
        let messageIDs = try recipients.map { try outboxRow(first, to: $0).messageID }
        first.process.signal(SIGKILL)
        XCTAssertNotNil(first.process.waitForExit(timeout: 10))

        let smtp = try SMTPTestServer(port: port)
        defer { smtp.stop() }
        let restarted = try server(smtpPort: port, restarting: first)
        defer { restarted.stop() }
        try moveClock(restarted, minutes: 2)
        for messageID in messageIDs {
            XCTAssertTrue(restarted.process.waitForOutput(containing: "message \(messageID) (confirmation) sent\n"), restarted.process.output)
        }
        for (recipient, messageID) in zip(recipients, messageIDs) {
            XCTAssertEqual(try received(smtp, to: recipient).map(\.message.message_id), ["<\(messageID)@termine.example.de>"])
            XCTAssertEqual(try outboxRow(restarted, to: recipient).status, "sent")
        }
    }

    func testA550FailsTheMessageWithItsReasonAndA451IsTriedAgain() throws {
        try requireSQLite3()
        let smtp = try SMTPTestServer()
        defer { smtp.stop() }
        let server = try server(smtpPort: smtp.port)
        defer { server.stop() }
        let refused = "refuse550.erika@example.org", deferred = "later451.erika@example.org"
        let code = try book(server, email: refused).code
        try book(server, email: deferred, index: 1)
        let refusedID = try outboxRow(server, to: refused).messageID, deferredID = try outboxRow(server, to: deferred).messageID
        XCTAssertTrue(server.process.waitForOutput(containing: "message \(refusedID) (confirmation) given up: "), server.process.output)
        XCTAssertTrue(server.process.waitForOutput(containing: "message \(deferredID) (confirmation) not delivered (attempt 1)"),
                      server.process.output)
        let failed = try outboxRow(server, to: refused)
        XCTAssertEqual("\(failed.status) \(failed.attempts)", "failed 1")
        XCTAssertTrue(failed.error.contains("550") && failed.error.contains("No such mailbox here"), failed.error)
        XCTAssertEqual(try sqliteRows(server.databasePath, "SELECT status FROM bookings WHERE code = '\(code)'"), [["confirmed"]],
                       "the booking stands: staff call instead")
        XCTAssertEqual(try outboxRow(server, to: deferred).status, "pending")

        try moveClock(server, minutes: 2)
        XCTAssertTrue(server.process.waitForOutput(containing: "message \(deferredID) (confirmation) not delivered (attempt 2)"),
                      server.process.output)
        let retried = try outboxRow(server, to: deferred)
        XCTAssertEqual("\(retried.status) \(retried.attempts)", "pending 2")
        XCTAssertTrue(retried.error.contains("451"), retried.error)
        XCTAssertEqual(try outboxRow(server, to: refused).attempts, 1, "a failed message is not tried again")
        XCTAssertEqual(try smtp.received().filter { $0.rcpt_tos.contains(refused) || $0.rcpt_tos.contains(deferred) }.count, 0)
    }

    /// The default transport: each message a file of the Maildir the start names, as Python's mailbox reads it.
    func testTheMaildirIsWhereTheStartSaysAndMailboxReadsTheMessage() throws {
        try requireSQLite3()
        let directory = try ExternalTools.temporaryDirectory() + "/mail"
        let server = try DemoServer.start(extraArguments: ["--mail-dir", directory])
        defer { server.stop() }
        XCTAssertTrue(server.process.output.contains("terminbuch: e-mail is written to \(directory) (Maildir: mutt -f \(directory))\n"),
                      server.process.output)
        let recipient = "erika.maildir@example.org"
        try book(server, email: recipient)
        let messageID = try outboxRow(server, to: recipient).messageID
        XCTAssertTrue(server.process.waitForOutput(containing: "message \(messageID) (confirmation) sent\n"), server.process.output)
        let mail = try XCTUnwrap(try ExternalTools.parsedMaildir(directory).first { $0.to.map { $0[1] } == [recipient] })
        XCTAssertEqual(mail.subdir, "new")
        XCTAssertEqual(mail.message_id, "<\(messageID)@localhost>", "without --public-url, from terminbuch@localhost")
        XCTAssertTrue(mail.text?.contains("http://127.0.0.1:\(server.port)/") ?? false, "links to the port it listens on: \(mail.text ?? "")")
    }

    /// A script in sendmail's place records its arguments and the message;
    /// the worker's "sent" line tells when it has run.
    func testTheSendmailTransportPipesTheMessageIntactToTheProgramWithTOI() throws {
        try requireSQLite3()
        let directory = try ExternalTools.temporaryDirectory()
        let script = directory + "/sendmail"
        try """
            #!/bin/sh
            name="$$"
            printf '%s\\n' "$@" > "\(directory)/$name.args"
            cat > "\(directory)/$name.tmp" && mv "\(directory)/$name.tmp" "\(directory)/$name.eml"
            """.write(toFile: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        let server = try DemoServer.start(extraArguments: ["--public-url", Self.publicURL, "--sendmail", script])
        defer { server.stop() }
        XCTAssertTrue(server.process.output.contains("terminbuch: e-mail is piped to \(script) -t -oi\n"), server.process.output)
        let recipient = "erika.sendmail@example.org"
        let code = try book(server, email: recipient).code

        // The transport returns once the program has exited 0, and the worker
        // says so after settling: the line is the event to wait for.
        let messageID = try outboxRow(server, to: recipient).messageID
        XCTAssertTrue(server.process.waitForOutput(containing: "message \(messageID) (confirmation) sent\n", timeout: 20),
                      server.process.output)
        let found = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".eml") }
            .map { directory + "/" + $0 }
            .first { (try? String(contentsOfFile: $0, encoding: .utf8))?.contains("To: <\(recipient)>") ?? false }
        let path = try XCTUnwrap(found, "the message reached the program")
        XCTAssertEqual(try String(contentsOfFile: path.replacingOccurrences(of: ".eml", with: ".args"), encoding: .utf8), "-t\n-oi\n")
        let mail = try ExternalTools.parsedFile(path)
        XCTAssertEqual(mail.to.map { $0[1] }, [recipient])
        XCTAssertEqual(mail.message_id, "<\(try outboxRow(server, to: recipient).messageID)@termine.example.de>")
        XCTAssertEqual(mail.defects, [])
        XCTAssertEqual(mail.bare_line_feeds, (try String(contentsOfFile: path, encoding: .utf8)).components(separatedBy: "\n").count - 1,
                       "the local form: LF line ends")
        XCTAssertTrue(mail.text?.contains(code.prefix(3)) ?? false, mail.text ?? "")
        XCTAssertEqual(mail.attachments.map(\.filename), ["termin.ics"])
    }
}

/// The first event of a calendar file as PyPI's `icalendar` reads it (in
/// the project's `.venv/`): its UID and its start as RFC 3339.
enum ICalendarReader {
    struct Event { let uid: String; let start: String }

    static func firstEvent(_ ics: Data) throws -> Event {
        let path = try ExternalTools.temporaryDirectory() + "/termin.ics"
        try ics.write(to: URL(fileURLWithPath: path))
        let program = """
            import icalendar, sys
            event = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read()).walk('VEVENT')[0]
            print(str(event['UID']))
            print(event.decoded('DTSTART').isoformat())
            """
        let result = try ExternalTools.run(ExternalTools.venvPython, ["-c", program, path])
        let lines = String(decoding: result.output, as: UTF8.self).split(separator: "\n").map(String.init)
        guard result.status == 0, lines.count == 2 else {
            throw ExternalTools.Missing(description: "icalendar could not read the .ics (scripts/setup --python installs it)")
        }
        return Event(uid: lines[0], start: lines[1])
    }
}
