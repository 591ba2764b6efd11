import Foundation
import XCTest
@testable import WebApp

/// Each format accepts and refuses exactly what its documented pattern does.
final class FieldFormatTests: XCTestCase {
    func check(_ format: FieldFormat, accepts good: [String], refuses bad: [String],
               file: StaticString = #filePath, line: UInt = #line) {
        for text in good { XCTAssertTrue(format.matches(text), "should accept \(text.debugDescription)", file: file, line: line) }
        for text in bad { XCTAssertFalse(format.matches(text), "should refuse \(text.debugDescription)", file: file, line: line) }
    }

    /// The pattern, read by a regex engine whose `$` (like Python's, which
    /// schemathesis uses) also matches before a final newline, agrees with
    /// the check on every sample of these tests and a newline after each.
    func testPatternsAgreeWithTheChecks() throws {
        let samples: [(FieldFormat, [String])] = [
            (.identifier, ["buergerbuero-mitte", "a", "", "Buergerbuero", "a b", String(repeating: "a", count: 65)]),
            (.opaqueId, ["h_Kq3-9x", "ABC", "a.b", "ä", String(repeating: "z", count: 65)]),
            (.bookingCode, ["K7M-4QX-9TD", "k7m-4qx-9td", "K7M4QX9TD", "KOM-4QX-9TD", "K7M 4QX 9TD"]),
            (.typedBookingCode, ["K7M-4QX-9TD", "k7m4qx9td", "K7M 4QX 9TD", "-k-7-m-4-q-x-9-t-d-", "KOM-4QX-9TD", "k7m4qx9t",
                                 "k7m4qx9tdd", "K7M_4QX_9TD", "kim4qx9td", "lll-lll-lll", ""]),
            (.email, ["erika@example.de", "a@b.c", "erika@example", "a@@b.de", "er ika@example.de", "a\u{7F}@b.de"]),
            (.phone, ["0471 590-0", "+49(0)471/590-0", "12", "-0471", " 0471", String(repeating: "1", count: 31)]),
            (.idempotencyKey, ["8e03978e", "!", "with space", "ümlaut", String(repeating: "k", count: 256)]),
        ]
        for (format, texts) in samples {
            let regex = try NSRegularExpression(pattern: try XCTUnwrap(format.pattern))
            for text in texts + texts.map({ $0 + "\n" }) {
                let range = NSRange(text.startIndex..., in: text)
                let matched = regex.firstMatch(in: text, range: range) != nil
                XCTAssertEqual(matched, format.matches(text), "\(format.pattern!) on \(text.debugDescription)")
            }
        }
    }

    func testTypedBookingCodeIsWhatTheParserTakes() {
        check(.typedBookingCode, accepts: ["K7M-4QX-9TD", "k7m4qx9td", "K7M 4QX 9TD", "k7m-4qx-9td"],
              refuses: ["", "K7M-4QX-9T", "KOM-4QX-9TD", "kim4qx9td", "K7M-4QX-9TD\n", "K7M_4QX_9TD"])
    }

    func testIdentifier() {
        check(.identifier, accepts: ["buergerbuero-mitte", "a", "kfz-zulassung-neu", "0", String(repeating: "a", count: 64)],
              refuses: ["", "Buergerbuero", "bürgerbüro", "a_b", "a b", "a/b", String(repeating: "a", count: 65)])
    }

    func testOpaqueId() {
        check(.opaqueId, accepts: ["h_Kq3-9x", "ABC", "0"],
              refuses: ["", "a b", "a.b", "a\u{10}", "ä", String(repeating: "z", count: 65)])
    }

    func testBookingCode() {
        check(.bookingCode, accepts: ["K7M-4QX-9TD", "222-ZZZ-HJN", "ABC-DEF-GHP"],
              refuses: ["k7m-4qx-9td", "K7M4QX9TD", "K7M-4QX-9T", "K0M-4QX-9TD", "KOM-4QX-9TD", "K1M-4QX-9TD",
                        "KIM-4QX-9TD", "K7M-4QX-9TD-", "K7M 4QX 9TD", ""])
    }

    func testEmail() {
        check(.email, accepts: ["erika@example.de", "a@b.c", "erika.mustermann+termin@bürgerbüro.de", "x@y.z.w"],
              refuses: ["", "erika", "erika@", "@example.de", "erika@example", "erika@.de", "erika@example.",
                        "a@@b.de", "a@b@c.de", "er ika@example.de", "erika@exa mple.de", "erika@example.de\n", "a\u{7F}@b.de"])
    }

    func testPhone() {
        check(.phone, accepts: ["0471 590-0", "+49 471 5900", "(0471) 123456", "110", "+49(0)471/590-0"],
              refuses: ["", "12", "+", "++49 471", "0471 590-", "-0471", "0471\n", "call me", "0471 x 5",
                        "+" + String(repeating: "1", count: 31), " 0471"])
        XCTAssertTrue(FieldFormat.phone.matches(String(repeating: "1", count: 30)))
        XCTAssertTrue(FieldFormat.phone.matches("+" + String(repeating: "1", count: 30)))
        XCTAssertFalse(FieldFormat.phone.matches(String(repeating: "1", count: 31)))
    }

    func testIdempotencyKey() {
        check(.idempotencyKey, accepts: ["8e03978e-40d5-43e8-bc93-6894a57f9324", "!", String(repeating: "~", count: 255)],
              refuses: ["", "with space", "tab\t", "ümlaut", String(repeating: "k", count: 256)])
    }

    func testDate() {
        check(.date, accepts: ["2026-12-01", "2028-02-29", "2000-02-29", "0001-01-01", "9999-12-31"],
              refuses: ["2026-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-01-00", "2026-04-31",
                        "0000-01-01", "2026-1-01", "26-01-01", "2026/01/01", "2026-01-01T00:00", "", "２０２６-01-01"])
    }
}
