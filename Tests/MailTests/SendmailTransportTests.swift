import Foundation
import MailTestSupport
import XCTest
@testable import Mail

/// A shell script stands in for sendmail: it records its arguments and
/// what it read, and exits with the status the test gives it.
final class SendmailTransportTests: XCTestCase {
    private var directory = ""

    override func setUpWithError() throws {
        directory = try ExternalTools.temporaryDirectory()
    }

    /// A stand-in that reads the message (or not) and exits with `status`,
    /// or first runs `hangs` in its stead (exec: no child left behind).
    private func standIn(status: Int32, reads: Bool = true, says: String = "", hangs: String? = nil,
                         timeout: Double = 60) throws -> SendmailTransport {
        let path = directory + "/sendmail"
        try """
            #!/bin/sh
            printf '%s\\n' "$@" > "\(directory)/arguments"
            \(reads ? "cat > \"\(directory)/message\"" : "")
            \(says.isEmpty ? "" : "echo '\(says)' >&2")
            \(hangs.map { "exec " + $0 } ?? "")
            exit \(status)

            """.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        return SendmailTransport(path: path, timeout: timeout)
    }

    func testTheMessageIsPipedToSendmailTOi() throws {
        try standIn(status: 0).send(Messages.confirmation())
        XCTAssertEqual(try String(contentsOfFile: directory + "/arguments", encoding: .utf8), "-t\n-oi\n")
        let received = try Data(contentsOf: URL(fileURLWithPath: directory + "/message"))
        XCTAssertEqual(Array(received), try Messages.confirmation().renderedWithLineFeeds())
        try assertIsConfirmation(ExternalTools.parsedFile(directory + "/message"))
    }

    func testExitStatus75IsTemporary() throws {
        let transport = try standIn(status: 75, says: "queue full"), message = try Messages.plain()
        XCTAssertThrows(MailDeliveryError.temporary("sendmail: \(directory)/sendmail exited with 75 (EX_TEMPFAIL): queue full")) {
            () throws(MailDeliveryError) in try transport.send(message)
        }
    }

    func testAnyOtherStatusIsPermanentWithWhatSendmailSaid() throws {
        let transport = try standIn(status: 67, says: "user unknown"), message = try Messages.plain()
        XCTAssertThrows(MailDeliveryError.permanent("sendmail: \(directory)/sendmail exited with 67: user unknown")) {
            () throws(MailDeliveryError) in try transport.send(message)
        }
    }

    /// A program that exits before reading a message larger than the socket
    /// buffer (440 KB against 208 KiB): our write fails (EPIPE, no SIGPIPE
    /// ending the test process) and the program's status decides.
    func testAProgramThatReadsNothingDoesNotKillTheSender() throws {
        let transport = try standIn(status: 75, reads: false)
        let big = try MailMessage(from: MailAddress("a@example.de"), to: [MailAddress("b@example.de")], subject: "x",
                                  messageID: "big@example.de", date: Messages.date,
                                  text: String(repeating: "0123456789\n", count: 40_000))
        XCTAssertThrows(MailDeliveryError.temporary("sendmail: \(directory)/sendmail exited with 75 (EX_TEMPFAIL)")) {
            () throws(MailDeliveryError) in try transport.send(big)
        }
    }

    /// A program that never exits (it waits for its own standard input to
    /// be closed): killed once its time is up, and the delivery temporary.
    func testAHungProgramIsKilledAfterItsTimeout() throws {
        let transport = try standIn(status: 0, reads: false, hangs: "sleep 600", timeout: 0.5), message = try Messages.plain()
        assertDeliveryFails(permanent: false, containing: "did not finish within 0.5 s") { () throws(MailDeliveryError) in
            try transport.send(message)
        }
    }

    func testAMissingProgramIsTemporary() throws {
        let message = try Messages.plain()
        assertDeliveryFails(permanent: false, containing: "cannot run \(directory)/nothing-here") { () throws(MailDeliveryError) in
            try SendmailTransport(path: directory + "/nothing-here").send(message)
        }
    }
}
