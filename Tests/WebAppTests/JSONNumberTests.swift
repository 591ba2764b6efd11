import XCTest
@testable import WebApp

/// Numbers keep integers exact and doubles correctly rounded, and are
/// written back without a trailing `.0`.
final class JSONNumberTests: XCTestCase {
    func number(_ text: String) throws -> JSONValue {
        try parseJSON(text)
    }

    func testIntegersStayExact() throws {
        // 2^53 + 1 is the first integer a Double cannot hold.
        XCTAssertEqual(try number("9007199254740993"), .int(9_007_199_254_740_993))
        XCTAssertEqual(try number("9223372036854775807"), .int(.max))
        XCTAssertEqual(try number("-9223372036854775808"), .int(.min))
        XCTAssertEqual(try number("0"), .int(0))
        XCTAssertEqual(try number("-1"), .int(-1))
        XCTAssertEqual(try number("1000000000000000000"), .int(1_000_000_000_000_000_000))
    }

    func testWholeNumbersInOtherNotationsAreIntegers() throws {
        XCTAssertEqual(try number("2.0"), .int(2))
        XCTAssertEqual(try number("2e0"), .int(2))
        XCTAssertEqual(try number("1.5e1"), .int(15))
        XCTAssertEqual(try number("100e-2"), .int(1))
        XCTAssertEqual(try number("1.000000000000000000000000000"), .int(1), "trailing zeros cost no precision")
        XCTAssertEqual(try number("9007199254740993.0"), .int(9_007_199_254_740_993))
        XCTAssertEqual(try number("0.0"), .int(0))
        XCTAssertEqual(try number("1E18"), .int(1_000_000_000_000_000_000))
    }

    func testBeyondInt64BecomesDouble() throws {
        XCTAssertEqual(try number("9223372036854775808"), .double(9_223_372_036_854_775_808.0))
        XCTAssertEqual(try number("-9223372036854775809"), .double(-9_223_372_036_854_775_809.0))
        XCTAssertEqual(try number("1e19"), .double(1e19))
        XCTAssertEqual(try number("123456789012345678901234567890"), .double(123456789012345678901234567890.0))
    }

    func testNegativeZeroKeepsItsSign() throws {
        for text in ["-0", "-0.0", "-0e5"] {
            guard case .double(let value) = try number(text) else { return XCTFail(text) }
            XCTAssertEqual(value, 0)
            XCTAssertEqual(value.sign, .minus, text)
        }
        XCTAssertEqual(String(decoding: JSONWriter.serialize(try number("-0")), as: UTF8.self), "-0")
    }

    func testDoublesAreCorrectlyRounded() throws {
        let cases: [(String, Double)] = [
            ("1e308", 1e308),
            ("1.7976931348623157e308", .greatestFiniteMagnitude),
            ("1E-7", 1e-7),
            ("0.1", 0.1),
            ("-0.1", -0.1),
            ("3.141592653589793", 3.141592653589793),
            ("5e-324", .leastNonzeroMagnitude),
            ("2.2250738585072014e-308", 2.2250738585072014e-308),
            ("0.30000000000000004", 0.30000000000000004),
            ("123.456", 123.456),
            // Exactly halfway between 1 and the next Double: ties to even.
            ("1.00000000000000011102230246251565404236316680908203125", 1.0),
            ("1.00000000000000011102230246251565404236316680908203126", 1.0000000000000002),
            ("4.9406564584124654e-324", .leastNonzeroMagnitude),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(try number(text), .double(expected), text)
        }
        XCTAssertEqual(try number("1e-400"), .double(0), "underflow is zero, not an error")
    }

    func testWriting() {
        let cases: [(JSONValue, String)] = [
            (.int(0), "0"),
            (.int(-42), "-42"),
            (.int(.max), "9223372036854775807"),
            (.int(.min), "-9223372036854775808"),
            (.double(3), "3"),
            (.double(-3), "-3"),
            (.double(1e15), "1000000000000000"),
            (.double(0.1), "0.1"),
            (.double(1e-7), "1e-07"),
            (.double(1e308), "1e+308"),
            (.double(1e16), "10000000000000000"),
            (.double(1e19), "1e+19"),
            (.double(-9.223372036854775808e18), "-9223372036854775808"),
            (.double(-0.0), "-0"),
            (.double(0.0), "0"),
            (.double(.nan), "null"),
            (.double(.infinity), "null"),
            (.number(20), "20"),
        ]
        for (value, expected) in cases {
            XCTAssertEqual(String(decoding: JSONWriter.serialize(value), as: UTF8.self), expected)
        }
    }

    func testWrittenNumbersReadBackEqual() throws {
        let values: [Double] = [0.1, 1e-7, 1e308, .leastNonzeroMagnitude, 123.456e78, -2.5, 1e16, 9_007_199_254_740_992, 1e19, .pi]
        for value in values {
            let text = JSONWriter.serialize(.double(value))
            XCTAssertEqual(try JSONParser.parse(text).doubleValue, value, String(decoding: text, as: UTF8.self))
        }
    }

    func testNumericEquality() {
        XCTAssertEqual(JSONValue.int(1), .double(1))
        XCTAssertNotEqual(JSONValue.int(9_007_199_254_740_993), .double(9_007_199_254_740_992))
        XCTAssertNotEqual(JSONValue.int(1), .double(1.5))
        XCTAssertNotEqual(JSONValue.int(1), .string("1"))
    }
}
