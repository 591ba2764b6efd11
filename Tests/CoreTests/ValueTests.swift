import Core
import XCTest

/// The small values with rules of their own: contacts, booking codes, and
/// the cryptographic helpers.
final class ValueTests: XCTestCase {
    func testNormalisedPhone() {
        let same = ["0471 590-2000", "+49 (471) 5902000", "0049 471 5902000", "+494715902000", "0471/5902000",
                    "  04715902000 ", "+49 (0)471 590 20 00", "+49 (0) 471-5902000", "0471.590.2000"]
        for text in same { XCTAssertEqual(Contact.normalisedPhone(text), "+494715902000", text) }
        XCTAssertEqual(Contact.normalisedPhone("0151 23456789"), "+4915123456789")
        XCTAssertEqual(Contact.normalisedPhone("+31 20 123 4567"), "+31201234567")
        XCTAssertEqual(Contact.normalisedPhone("0031 20 123 4567"), "+31201234567")
        for bad in ["", "12345", "4715902000", "0471 abc", "0471+5902000", "+", "+1234", "0471 5902000 ext 12",
                    "+49 471 5902000 1234567"] {
            XCTAssertNil(Contact.normalisedPhone(bad), bad)
        }
    }

    func testNormalisedEmail() {
        XCTAssertEqual(Contact.normalisedEmail("  Anna.Schmidt@Example.DE "), "anna.schmidt@example.de")
        XCTAssertEqual(Contact.normalisedEmail("a+tag@sub.example.org"), "a@sub.example.org")
        for bad in ["", "anna", "anna@", "@example.org", "anna@example", "anna@.example.org", "anna@example.org.",
                    "an na@example.org", "a@b@example.org", "<anna@example.org>", "anna@example.org, bob@example.org",
                    "an\tna@example.org", "anna@exa\u{00A0}mple.org", "anna\u{2003}x@example.org", "anna@example.org\u{3000}x"] {
            XCTAssertNil(Contact.normalisedEmail(bad), bad)
        }
        XCTAssertNil(Contact.normalisedEmail(String(repeating: "a", count: 250) + "@example.org"))
        XCTAssertEqual(Contact.normalisedEmail("Jürgen@Müller.example"), "jürgen@müller.example")
    }

    func testContactKeysAreEveryIdentifierGiven() {
        XCTAssertEqual(Contact(name: "A", email: "A@Example.org", phone: "0471 1234567").keys,
                       ["e:a@example.org", "p:+494711234567"])
        XCTAssertEqual(Contact(name: "A", phone: "0471 1234567").keys, ["p:+494711234567"])
        XCTAssertEqual(Contact(name: "A", email: "a@example.org").keys, ["e:a@example.org"])
        XCTAssertEqual(Contact(name: "A").keys, [])
        // A broken address no longer hides behind the phone: it is named.
        XCTAssertEqual(Contact(name: "A", email: "kaputt", phone: "0471 1234567").problem?.field, "contact.email")
    }

    func testBookingCodeParsing() {
        XCTAssertEqual(BookingCode(parsing: "K7M-4QX-9TD")?.value, "K7M-4QX-9TD")
        XCTAssertEqual(BookingCode(parsing: "k7m-4qx-9td")?.value, "K7M-4QX-9TD")
        XCTAssertEqual(BookingCode(parsing: "k7m4qx9td")?.value, "K7M-4QX-9TD")
        XCTAssertEqual(BookingCode(parsing: " K7M 4QX 9TD ")?.value, "K7M-4QX-9TD")
        for bad in ["K7M-4QX-9T0", "K7M-4QX-9TO", "K7M-4QX-9T1", "K7M-4QX-9TI", "k7m-4qx-9ti", "K7M-4QX-9T",
                    "K7M-4QX-9TDD", "", "K7M_4QX_9TD", "K7M-4QX-9TÄ"] {
            XCTAssertNil(BookingCode(parsing: bad), bad)
        }
    }

    func testSealOpenRoundTripAndTamperDetection() throws {
        let key = Crypto.randomBytes(32)
        let message = Array("{\"manageToken\":\"geheim\"}".utf8)
        let sealed = try Crypto.seal(message, key: key)
        XCTAssertEqual(sealed.count, 12 + message.count + 16)
        XCTAssertEqual(Crypto.open(sealed, key: key), message)
        XCTAssertNotEqual(try Crypto.seal(message, key: key), sealed, "a fresh nonce each time")
        XCTAssertEqual(Crypto.open(try Crypto.seal([], key: key), key: key), [])

        for index in [0, 12, sealed.count - 17, sealed.count - 1] {
            var tampered = sealed
            tampered[index] ^= 0x01
            XCTAssertNil(Crypto.open(tampered, key: key), "byte \(index) changed")
        }
        XCTAssertNil(Crypto.open(sealed, key: Crypto.randomBytes(32)))
        XCTAssertNil(Crypto.open(Array(sealed.dropLast()), key: key))
        XCTAssertNil(Crypto.open(Array(sealed.prefix(27)), key: key))
        XCTAssertNil(Crypto.open(sealed, key: Array(key.prefix(16))))
    }

    func testHashesAndEncodings() {
        XCTAssertEqual(Crypto.hex(Crypto.sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(Crypto.base64URL(Array("foob".utf8)), "Zm9vYg")
        XCTAssertEqual(Crypto.base64URL([0xfb, 0xff]), "-_8")
        XCTAssertEqual(Crypto.base64URL([]), "")
        XCTAssertTrue(Crypto.constantTimeEqual([1, 2, 3], [1, 2, 3]))
        XCTAssertFalse(Crypto.constantTimeEqual([1, 2, 3], [1, 2, 4]))
        XCTAssertFalse(Crypto.constantTimeEqual([1, 2, 3], [1, 2]))
        XCTAssertNotEqual(Crypto.randomBytes(16), Crypto.randomBytes(16))
        XCTAssertEqual(ManageToken.hash("t"), ManageToken.hash("t"))
        let (token, hash) = ManageToken.generate()
        XCTAssertEqual(ManageToken.hash(token), hash)
    }

    func testPasswordHasherFormat() throws {
        let hasher = PasswordHasher(testCost: 10)
        let stored = try hasher.hash("Straße 42 & Co")
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        XCTAssertEqual(parts.count, 6)
        XCTAssertEqual(Array(parts[0...3]), ["scrypt", "10", "8", "1"])
        XCTAssertEqual(parts[4].count, 22, "16 bytes of salt, base64url without padding")
        XCTAssertEqual(parts[5].count, 43, "32 bytes of key")
        XCTAssertTrue(stored.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "$-_".contains($0)) })
        XCTAssertTrue(try hasher.verify("Straße 42 & Co", against: stored))
        XCTAssertFalse(try hasher.verify("Strasse 42 & Co", against: stored))
        XCTAssertNotEqual(try hasher.hash("Straße 42 & Co"), stored, "a fresh salt each time")
        // Verification follows the parameters stored in the hash, not the hasher's.
        XCTAssertTrue(try PasswordHasher(testCost: 11).verify("Straße 42 & Co", against: stored))
        for bad in ["", "scrypt$10$8$1$abc", stored.replacingOccurrences(of: "scrypt$10$", with: "scrypt$30$"),
                    stored.replacingOccurrences(of: "scrypt$", with: "bcrypt$"), stored + "$x", stored + "!"] {
            XCTAssertFalse(try hasher.verify("Straße 42 & Co", against: bad), bad)
        }
    }
}
