import XCTest
@testable import WebApp

/// Compact output, correct escaping, insertion order, and round trips
/// through the parser.
final class JSONWriterTests: XCTestCase {
    func text(_ value: JSONValue) -> String {
        String(decoding: JSONWriter.serialize(value), as: UTF8.self)
    }

    func testCompactOutputInInsertionOrder() {
        let value: JSONValue = .object([
            "code": .string("K7M-4QX-9TD"),
            "status": "confirmed",
            "services": [["id": "personalausweis", "quantity": 2]],
            "note": nil,
            "paid": false,
        ])
        XCTAssertEqual(text(value),
                       #"{"code":"K7M-4QX-9TD","status":"confirmed","services":[{"id":"personalausweis","quantity":2}],"note":null,"paid":false}"#)
        XCTAssertEqual(text([]), "[]")
        XCTAssertEqual(text([:]), "{}")
        XCTAssertEqual(text(.object(JSONObject())), "{}")
    }

    func testEscaping() {
        XCTAssertEqual(text("say \"hi\""), #""say \"hi\"""#)
        XCTAssertEqual(text(#"C:\temp"#), #""C:\\temp""#)
        XCTAssertEqual(text("a/b"), #""a/b""#, "the solidus is not escaped")
        XCTAssertEqual(text("line\nbreak\ttab\r\u{8}\u{C}"), #""line\u000abreak\u0009tab\u000d\u0008\u000c""#)
        XCTAssertEqual(text("\u{0}\u{1F}"), #""\u0000\u001f""#)
        XCTAssertEqual(text("\u{7F}"), "\"\u{7F}\"", "DEL is not a JSON control character")
        XCTAssertEqual(text("Grüße 👋 \u{2028}"), "\"Grüße 👋 \u{2028}\"", "non-ASCII stays UTF-8")
        XCTAssertEqual(text(["ke\"y": 1]), #"{"ke\"y":1}"#, "keys are escaped too")
    }

    func testNonContiguousStringsAreWrittenToo() {
        // A bridged or lazily built string may not expose contiguous UTF-8.
        let substring = "xx\"yy"[...]
        XCTAssertEqual(text(.string(String(substring))), #""xx\"yy""#)
    }

    func testRoundTrips() throws {
        let documents = [
            #"{"a":[1,2.5,-0,"x",true,false,null,{"b":{}}],"c":"\u0000\"\\/"}"#,
            #"[{"id":"buergerbuero-mitte","services":["personalausweis","reisepass"],"fee":{"amountCents":3700}}]"#,
            #"{"emoji":"😀","umlaut":"Größe","escaped":"\ud83d\ude00"}"#,
            "[9007199254740993,-9223372036854775808,1e-07,1.5,123456789.125]",
            "\"just a string\"",
            "null",
        ]
        for document in documents {
            let value = try parseJSON(document)
            let written = JSONWriter.serialize(value)
            XCTAssertEqual(try JSONParser.parse(written), value, document)
            // Writing is a fixed point after one round.
            XCTAssertEqual(JSONWriter.serialize(try JSONParser.parse(written)), written, document)
        }
    }

    func testCanonicalTextSurvivesUnchanged() throws {
        let canonical = #"{"officeId":"kfz-zulassung","date":"2026-12-01","slots":[{"start":"2026-12-01T08:30:00+01:00","end":"2026-12-01T08:45:00+01:00"}],"n":-17,"x":0.25}"#
        XCTAssertEqual(String(decoding: JSONWriter.serialize(try parseJSON(canonical)), as: UTF8.self), canonical)
    }

    func testBuildersAndAccessors() {
        var object: JSONObject = ["a": 1]
        object["b"] = "two"
        object["a"] = 3
        object.set("c", ifPresent: nil)
        object.set("d", ifPresent: .bool(true))
        object["b"] = nil
        XCTAssertEqual(object.keys, ["a", "d"])
        XCTAssertEqual(text(.object(object)), #"{"a":3,"d":true}"#)

        let value: JSONValue = ["list": [1, "x"], "nested": ["k": 2.5]]
        XCTAssertEqual(value["list"]?[1], "x")
        XCTAssertNil(value["list"]?[5])
        XCTAssertEqual(value["nested"]?["k"]?.doubleValue, 2.5)
        XCTAssertNil(value["missing"])
        XCTAssertEqual(JSONValue(nil as String?), .null)
        XCTAssertEqual(JSONValue("x" as String?), "x")
        XCTAssertEqual(JSONValue(7 as Int?), 7)
        XCTAssertEqual(value.description, #"{"list":[1,"x"],"nested":{"k":2.5}}"#)
    }

    func testObjectEqualityIgnoresOrder() {
        XCTAssertEqual(JSONValue.object(["a": 1, "b": 2]), .object(["b": 2, "a": 1]))
        XCTAssertNotEqual(JSONValue.object(["a": 1, "b": 2]), .object(["a": 1, "b": 3]))
        XCTAssertNotEqual(JSONValue.object(["a": 1]), .object(["a": 1, "b": 2]))
    }

    func testLargeArraysAreWrittenLinearly() {
        let slots = JSONValue.array((0..<10_000).map { ["start": .string("2026-12-01T08:\($0 % 60):00+01:00"), "n": .number($0)] })
        let bytes = JSONWriter.serialize(slots, reservingCapacity: 600_000)
        XCTAssertGreaterThan(bytes.count, 400_000)
        XCTAssertEqual(bytes.first, UInt8(ascii: "["))
        XCTAssertEqual(bytes.last, UInt8(ascii: "]"))
    }
}
