import XCTest
@testable import Mail

/// Every value that reaches a header refuses CR, LF and the other control
/// characters when the message is made, with the header named: nothing a
/// citizen types can add a header (`Bcc:`) or a body of its own.
final class HeaderInjectionTests: XCTestCase {
    /// CR, LF, CRLF, NUL, tab, DEL, NEL (C1) and the Unicode line and
    /// paragraph separators.
    static let hostile = ["\r", "\n", "\r\n", "\0", "\t", "\u{7F}", "\u{85}", "\u{2028}", "\u{2029}"]

    func testEveryHeaderRefusesEveryControlCharacter() throws {
        let address = try MailAddress("erika@example.de", header: "To")
        for bad in Self.hostile {
            let value = "x" + bad + "Bcc: victim@example.org"
            func message(subject: String = "Termin", id: String = "a@b", headers: [MailHeader] = []) throws(MailMessageError) {
                _ = try MailMessage(from: address, to: [address], subject: subject, messageID: id, date: Messages.date,
                                    headers: headers, text: "")
            }
            refused("From") { () throws(MailMessageError) in _ = try MailAddress("erika@example.de" + bad, header: "From") }
            refused("From") { () throws(MailMessageError) in _ = try MailAddress("erika@example.de", name: value, header: "From") }
            refused("To") { () throws(MailMessageError) in _ = try MailAddress(value + "@example.de", header: "To") }
            refused("To") { () throws(MailMessageError) in _ = try MailAddress("erika@example.de", name: value, header: "To") }
            refused("Reply-To") { () throws(MailMessageError) in _ = try MailAddress("erika@example.de", name: value, header: "Reply-To") }
            refused("Subject") { () throws(MailMessageError) in try message(subject: value) }
            refused("Message-ID") { () throws(MailMessageError) in try message(id: "a@b" + bad) }
            refused("X-Office") { () throws(MailMessageError) in _ = try MailHeader("X-Office", value) }
            refused("Content-Disposition") { () throws(MailMessageError) in _ = try MailAttachment(filename: value, contentType: "text/plain", data: []) }
            refused("Content-Type") { () throws(MailMessageError) in _ = try MailAttachment(filename: "a.txt", contentType: "text/plain" + bad, data: []) }
        }
    }

    private func refused(_ header: String, file: StaticString = #filePath, line: UInt = #line,
                         _ make: () throws(MailMessageError) -> Void) {
        XCTAssertThrows(MailMessageError.controlCharacter(header: header), file: file, line: line, make)
    }

    func testAHeaderNameWithAColonOrSpaceOrControlIsRefused() {
        for name in ["Bcc: x", "X-A\r\nBcc", "", "X:Y", "Ä-Header", String(repeating: "X", count: 77)] {
            XCTAssertThrows(MailMessageError.invalidHeaderName(name)) { () throws(MailMessageError) in _ = try MailHeader(name, "v") }
        }
    }

    func testHeadersTheMessageWritesItselfCannotBeAddedTwice() {
        for name in ["From", "to", "BCC", "Subject", "Message-ID", "Content-Type", "MIME-Version", "Reply-To", "Date"] {
            XCTAssertThrows(MailMessageError.reservedHeader(name)) { () throws(MailMessageError) in _ = try MailHeader(name, "v") }
        }
    }

    /// A body may hold any line breaks: they are encoded, never a header.
    func testTheBodyCannotEndTheHeadersEither() throws {
        let address = try MailAddress("erika@example.de", header: "To")
        let message = try MailMessage(from: address, to: [address], subject: "Termin", messageID: "a@b", date: Messages.date,
                                      text: "\r\n\r\nBcc: victim@example.org\r\n")
        let text = String(decoding: message.rendered(), as: UTF8.self)
        let head = text.components(separatedBy: "\r\n\r\n")[0]
        XCTAssertFalse(head.contains("Bcc"), head)
    }
}
