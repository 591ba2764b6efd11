import XCTest
@testable import Mail

/// The bytes of a message: CRLF, ASCII, lines within limits, the same every
/// time. What a client reads of them is `MaildirTransportTests`' and the
/// SMTP tests' part (Python's email package).
final class MailMessageTests: XCTestCase {
    func testEveryLineEndsInCRLFAndStaysWithinRFC5322sLimit() throws {
        let address = try MailAddress("erika@example.de", name: String(repeating: "Müller ", count: 700), header: "To")
        let message = try MailMessage(
            from: address, to: Array(repeating: address, count: 20),
            subject: String(repeating: "x", count: 2000) + " " + String(repeating: "Termin ", count: 300),
            messageID: "a@b", date: Messages.date, headers: [MailHeader("X-Long", String(repeating: "y", count: 5000))],
            text: String(repeating: "z", count: 5000) + "\n" + String(repeating: "ß", count: 3000), html: "<p>\r</p>")
        let bytes = message.rendered()
        XCTAssertTrue(bytes.allSatisfy { $0 < 0x80 }, "ASCII only")
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        XCTAssertEqual(lines.last, [], "ends with a line end")
        for line in lines.dropLast() {
            XCTAssertEqual(line.last, UInt8(ascii: "\r"), "a bare LF in \(String(decoding: line, as: UTF8.self))")
            XCTAssertLessThanOrEqual(line.count - 1, 998)
            XCTAssertFalse(line.dropLast().contains(UInt8(ascii: "\r")), "a bare CR")
        }
    }

    func testTheSameMessageGivesTheSameBytes() throws {
        XCTAssertEqual(try Messages.confirmation().rendered(), try Messages.confirmation().rendered())
    }

    func testTheHeadersInOrderWithTheDateInUTC() throws {
        let text = String(decoding: try Messages.plain().rendered(), as: UTF8.self)
        XCTAssertEqual(text, """
            From: <termine@bremerhaven.example>\r
            To: <erika@example.de>\r
            Subject: Test\r
            Date: Fri, 04 Dec 2026 16:00:00 +0000\r
            Message-ID: <plain-1@termine.example>\r
            MIME-Version: 1.0\r
            Content-Type: text/plain; charset=utf-8\r
            Content-Transfer-Encoding: quoted-printable\r
            \r
            Hallo.\r

            """)
    }

    func testTheLocalFormHasLineFeedsOnly() throws {
        let local = try Messages.confirmation().renderedWithLineFeeds()
        XCTAssertFalse(local.contains(UInt8(ascii: "\r")))
        XCTAssertEqual(local.count, try Messages.confirmation().rendered().count - local.filter { $0 == UInt8(ascii: "\n") }.count)
    }

    func testAMessageNeedsARecipientAndAMessageID() throws {
        let address = try MailAddress("erika@example.de")
        XCTAssertThrows(MailMessageError.noRecipient) { () throws(MailMessageError) in
            _ = try MailMessage(from: address, to: [], subject: "", messageID: "a@b", date: Messages.date, text: "")
        }
        for id in ["", "ab", "<a@b>", "a@b@c", "a b@c", "a@", "@b", "ä@b", "a@b;c"] {
            XCTAssertThrows(MailMessageError.invalidMessageID(id)) { () throws(MailMessageError) in
                _ = try MailMessage(from: address, to: [address], subject: "", messageID: id, date: Messages.date, text: "")
            }
        }
    }

    func testAnAttachmentsTypeIsTypeSlashSubtype() {
        for type in ["text", "text/", "/plain", "text/plain;", "text/plain; method", "text/pl ain", "text/calendar; method=\"a\"b\""] {
            XCTAssertThrows(MailMessageError.invalidContentType(type)) { () throws(MailMessageError) in
                _ = try MailAttachment(filename: "a", contentType: type, data: [])
            }
        }
    }

    func testLinesBeginningWithADotAreStuffed() {
        let stuffed = SMTPSession.dotStuffed(Array(".a\r\nb\r\n..c\r\n.\r\n".utf8))
        XCTAssertEqual(String(decoding: stuffed, as: UTF8.self), "..a\r\nb\r\n...c\r\n..\r\n")
    }
}
