import XCTest
@testable import WebApp

/// Each format accepts and refuses exactly what its documented pattern does.
final class FieldFormatTests: XCTestCase {
    func check(_ format: FieldFormat, accepts good: [String], refuses bad: [String],
               file: StaticString = #filePath, line: UInt = #line) {
        for text in good { XCTAssertTrue(format.matches(text), "should accept \(text.debugDescription)", file: file, line: line) }
        for text in bad { XCTAssertFalse(format.matches(text), "should refuse \(text.debugDescription)", file: file, line: line) }
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
