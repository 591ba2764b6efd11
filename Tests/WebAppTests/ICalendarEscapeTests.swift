@testable import WebApp
import XCTest

/// Text in a calendar line stays in that line: RFC 5545 TEXT escaping,
/// whatever kind of line break the text holds.
final class ICalendarEscapeTests: XCTestCase {
    func testLineBreaksOfEveryKindAreEscapedNeverRaw() {
        XCTAssertEqual(ICalendar.escape("Zeile 1\r\nZeile 2\nZeile 3"), "Zeile 1\\nZeile 2\\nZeile 3")
        XCTAssertEqual(ICalendar.escape("a;b,c\\d"), "a\\;b\\,c\\\\d")
        XCTAssertFalse(ICalendar.escape("x\r\ny\rz").unicodeScalars.contains { $0 == "\r" || $0 == "\n" })
    }
}
