import XCTest
@testable import HTTPServer

/// IMF-fixdate (RFC 9110 §5.6.7), both ways.
final class HTTPDateTests: XCTestCase {
    func testKnownValue() {
        XCTAssertEqual(HTTPDate.format(784_111_777), "Sun, 06 Nov 1994 08:49:37 GMT")
        XCTAssertEqual(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT"), 784_111_777)
    }

    func testKnownValuesAroundTheCalendar() {
        let cases: [(Int, String)] = [
            (0, "Thu, 01 Jan 1970 00:00:00 GMT"),
            (951_782_400, "Tue, 29 Feb 2000 00:00:00 GMT"),
            (1_704_067_199, "Sun, 31 Dec 2023 23:59:59 GMT"),
            (1_704_067_200, "Mon, 01 Jan 2024 00:00:00 GMT"),
            (1_709_078_400, "Wed, 28 Feb 2024 00:00:00 GMT"),
            (1_709_251_199, "Thu, 29 Feb 2024 23:59:59 GMT"),
            (1_719_792_000, "Mon, 01 Jul 2024 00:00:00 GMT"),
            (4_102_444_800, "Fri, 01 Jan 2100 00:00:00 GMT"),
        ]
        for (seconds, text) in cases {
            XCTAssertEqual(HTTPDate.format(seconds), text)
            XCTAssertEqual(HTTPDate.parse(text), seconds, text)
        }
    }

    func testRoundTrip() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<2000 {
            let seconds = Int.random(in: 0...4_200_000_000, using: &rng)
            let text = HTTPDate.format(seconds)
            XCTAssertEqual(text.utf8.count, 29, text)
            XCTAssertEqual(HTTPDate.parse(text), seconds, text)
        }
    }

    func testRejectsOtherFormats() {
        for text in [
            "", "garbage", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
            "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 06 Nov 1994 08:49:37", "Sun 06 Nov 1994 08:49:37 GMT",
            "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 06 nov 1994 08:49:37 GMT", "Sun, 32 Nov 1994 08:49:37 GMT",
            "Sun, 00 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 24:00:00 GMT", "Sun, 06 Nov 1994 08:60:00 GMT",
            "Sun, 06 Nov 1994 08:49:61 GMT", "Sun, 06 Nov 1994 08:49 GMT", "Sun, 06 Nov 1994 8h49:37 GMT",
            "Sun, 06 Nov year 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 GMT extra",
        ] {
            XCTAssertNil(HTTPDate.parse(text), text)
        }
    }

    func testDateCacheGivesTheCurrentSecond() throws {
        var cache = DateCache()
        let before = HTTPDate.now()
        let text = String(decoding: cache.current(), as: UTF8.self)
        let after = HTTPDate.now()
        let parsed = try XCTUnwrap(HTTPDate.parse(text), text)
        XCTAssertTrue((before...after).contains(parsed), text)
        XCTAssertEqual(HTTPDate.parse(String(decoding: cache.current(), as: UTF8.self)).map { $0 >= parsed }, true)
    }
}
