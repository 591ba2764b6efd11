import Foundation
import MailTestSupport
import XCTest
@testable import Mail

/// The confirmation of `Messages.confirmation` as a mail client reads it:
/// every header decoded back to what was given, the parts, both attachments
/// byte for byte, no parser defects, lines within RFC 5322's 998.
func assertIsConfirmation(_ mail: ParsedMail, id: String = "booking-K7M4QX9TD-1@termine.example",
                          file: StaticString = #filePath, line: UInt = #line) throws {
    let message = try Messages.confirmation(id: id)
    XCTAssertEqual(mail.from, [["Bürgerbüro Mitte", "termine@bremerhaven.example"]], file: file, line: line)
    XCTAssertEqual(mail.to, [["Erika Müller-Lüdenscheidt", "erika@example.de"]], file: file, line: line)
    XCTAssertEqual(mail.reply_to, [["Stadt Bremerhaven, Bürgerbüro", "buergerbuero@bremerhaven.example"]], file: file, line: line)
    XCTAssertEqual(mail.subject, message.subject, file: file, line: line)
    XCTAssertEqual(mail.message_id, "<\(id)>", file: file, line: line)
    XCTAssertEqual(mail.date, "2026-12-04T16:00:00+00:00", file: file, line: line)
    XCTAssertEqual(mail.header("X-Terminbuch-Office"), ["Bürgerbüro Mitte"], file: file, line: line)
    XCTAssertEqual(mail.header("Auto-Submitted"), ["auto-generated"], file: file, line: line)
    XCTAssertEqual(mail.parts, ["multipart/mixed", "multipart/alternative", "text/plain", "text/html", "text/calendar", "text/plain"],
                   file: file, line: line)
    XCTAssertEqual(mail.text, message.text.replacing("\r\n", with: "\n"), file: file, line: line)
    XCTAssertEqual(mail.html, message.html, file: file, line: line)
    XCTAssertEqual(mail.attachments.map(\.filename), ["termin.ics", Messages.longFilename], file: file, line: line)
    XCTAssertEqual(mail.attachments.first?.params, ["method": "PUBLISH", "charset": "utf-8"], file: file, line: line)
    XCTAssertEqual(mail.attachments.map { Data(base64Encoded: $0.data).map(Array.init) },
                   [Messages.ics, Array("Straßenbahn 2".utf8)], file: file, line: line)
    XCTAssertEqual(mail.defects, [], file: file, line: line)
    XCTAssertTrue(mail.ascii, "only ASCII on the wire", file: file, line: line)
    XCTAssertLessThanOrEqual(mail.longest_line, 76, "RFC 2047's limit for lines with encoded words, and MIME's", file: file, line: line)
}

/// That `body` throws `expected`.
func XCTAssertThrows<E: Error & Equatable>(_ expected: E, file: StaticString = #filePath, line: UInt = #line,
                                           _ body: () throws(E) -> Void) {
    do {
        try body()
        XCTFail("no error, expected \(expected)", file: file, line: line)
    } catch {
        XCTAssertEqual(error, expected, file: file, line: line)
    }
}

/// That `body` fails, temporary or permanent as expected, with `text` in
/// its reason and, given a command, the reason ending ` to COMMAND`.
func assertDeliveryFails(permanent: Bool, containing text: String, to command: String? = nil,
                         file: StaticString = #filePath, line: UInt = #line, _ body: () throws(MailDeliveryError) -> Void) {
    do {
        try body()
        XCTFail("sent, expected a failure with \(text)", file: file, line: line)
    } catch {
        if case .permanent = error { XCTAssertTrue(permanent, "permanent: \(error)", file: file, line: line) }
        else { XCTAssertFalse(permanent, "temporary: \(error)", file: file, line: line) }
        XCTAssertTrue(error.reason.contains(text), error.reason, file: file, line: line)
        if let command { XCTAssertTrue(error.reason.hasSuffix(" to " + command), error.reason, file: file, line: line) }
    }
}
