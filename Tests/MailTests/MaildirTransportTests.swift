import Foundation
import MailTestSupport
import XCTest
@testable import Mail

/// Messages written as a mail server delivers locally, read back by
/// Python's `mailbox.Maildir` and `email`, as `mutt -f` would.
final class MaildirTransportTests: XCTestCase {
    func testMessagesLandInNewAndReadBackAsSent() throws {
        let directory = try ExternalTools.temporaryDirectory() + "/data/mail"
        let transport = MaildirTransport(directory: directory)
        try transport.send(Messages.confirmation(id: "one@termine.example"))
        try transport.send(Messages.confirmation(id: "two@termine.example"))

        let mails = try ExternalTools.parsedMaildir(directory)
        XCTAssertEqual(Set(mails.map(\.message_id)), ["<one@termine.example>", "<two@termine.example>"])
        for mail in mails {
            XCTAssertEqual(mail.subdir, "new")
            try assertIsConfirmation(mail, id: String(mail.message_id.dropFirst().dropLast()))
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory + "/tmp"), [], "nothing left in tmp/")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory + "/cur"), [])
        let names = try FileManager.default.contentsOfDirectory(atPath: directory + "/new")
        XCTAssertEqual(names.count, 2)
        for name in names {
            XCTAssertNotNil(name.wholeMatch(of: /\d+\.M\d+P\d+Q\d+\.[^\/:]+/), name)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: directory + "/new/" + name))
            XCTAssertFalse(bytes.contains(UInt8(ascii: "\r")), "a Maildir file has the local LF line ends")
        }
    }

    func testAnUnwritableDirectoryIsATemporaryFailure() throws {
        let file = try ExternalTools.temporaryDirectory() + "/not-a-directory"
        try Data().write(to: URL(fileURLWithPath: file))
        let message = try Messages.plain()
        assertDeliveryFails(permanent: false, containing: file) { () throws(MailDeliveryError) in
            try MaildirTransport(directory: file + "/mail").send(message)
        }
    }
}
