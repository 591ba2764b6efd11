import XCTest
@testable import Mail

/// RFC 5321 mailboxes with a dot-string local part and a host-name domain.
final class MailAddressTests: XCTestCase {
    func testMailboxesSMTPCanCarry() throws {
        for mailbox in ["erika@example.de", "erika.mustermann+termin@mail.bremerhaven.de", "o'neil@example.ie",
                        "a!#$%&'*+-/=?^_`{|}~z@example.org", "x@localhost", "info@xn--brgerbro-65a.de",
                        String(repeating: "a", count: 64) + "@example.de"] {
            XCTAssertEqual(try MailAddress(mailbox).mailbox, mailbox)
        }
    }

    func testWhatIsNoMailbox() {
        for mailbox in ["", "erika", "@example.de", "erika@", "erika@@example.de", "er ika@example.de", ".erika@example.de",
                        "erika.@example.de", "er..ika@example.de", "erika@example..de", "erika@-example.de",
                        "erika@example-.de", "erika@exa_mple.de", "\"erika\"@example.de", "erika@[127.0.0.1]",
                        "erika@bürgerbüro.de", "ünal@example.de", "<erika@example.de>", "erika@example.de,x@y.de",
                        String(repeating: "a", count: 65) + "@example.de",
                        "a@" + String(repeating: "b", count: 64) + ".de",
                        "a@" + Array(repeating: String(repeating: "b", count: 60), count: 5).joined(separator: ".")] {
            XCTAssertThrows(MailMessageError.invalidAddress(header: "To", address: mailbox)) { () throws(MailMessageError) in
                _ = try MailAddress(mailbox, header: "To")
            }
        }
    }

    func testAnEmptyNameIsNoName() throws {
        XCTAssertNil(try MailAddress("erika@example.de", name: "").name)
    }
}
