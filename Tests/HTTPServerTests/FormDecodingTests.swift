import XCTest
@testable import HTTPServer

/// Percent-decoding of paths, queries and form bodies.
final class FormDecodingTests: XCTestCase {
    func decode(_ text: String, plus: Bool = false) -> String? {
        FormDecoding.percentDecoded(text[...], plusAsSpace: plus)
    }

    func testPercentEscapes() {
        XCTAssertEqual(decode("plain"), "plain")
        XCTAssertEqual(decode(""), "")
        XCTAssertEqual(decode("a%20b"), "a b")
        XCTAssertEqual(decode("%C3%BCber%c3%bc"), "überü")
        XCTAssertEqual(decode("%2F%2e%2E"), "/..")
        XCTAssertEqual(decode("100%25"), "100%")
        XCTAssertEqual(decode("%F0%9F%93%85"), "📅")
        XCTAssertEqual(decode("%00"), "\u{0}")
        XCTAssertEqual(decode("grüße"), "grüße", "UTF-8 passes through")
    }

    func testPlus() {
        XCTAssertEqual(decode("a+b"), "a+b", "a path keeps +")
        XCTAssertEqual(decode("a+b", plus: true), "a b")
        XCTAssertEqual(decode("a%2Bb", plus: true), "a+b")
        XCTAssertEqual(decode("++", plus: true), "  ")
    }

    func testMalformedEscapesAreNil() {
        for text in ["%", "%2", "abc%", "%zz", "%2g", "%g2", "%%20", "a%2", "% 20", "%-1"] {
            XCTAssertNil(decode(text), text)
            XCTAssertNil(decode(text, plus: true), text)
        }
    }

    func testInvalidUTF8IsNil() {
        for text in ["%FF", "%C3", "%C3%28", "%C0%AF", "%ED%A0%80", "%F8%88%80%80%80", "a%80b"] {
            XCTAssertNil(decode(text), text)
        }
    }

    func testPairs() {
        let pairs = FormDecoding.pairs("a=1&b=x+y&c=%26%3D&d&=e&&f=%zz&%zz=g&h=1=2&a=again"[...])
        XCTAssertEqual(pairs.map { "\($0.0)|\($0.1)" }, ["a|1", "b|x y", "c|&=", "d|", "|e", "h|1=2", "a|again"])
        XCTAssertEqual(FormDecoding.pairs(""[...]).count, 0)
    }

    func testPairsOfABody() {
        let pairs = FormDecoding.pairs(Array("name=J%C3%BCrgen+M&email=j%40example.de".utf8))
        XCTAssertEqual(pairs.map { "\($0.0)|\($0.1)" }, ["name|Jürgen M", "email|j@example.de"])
        XCTAssertEqual(FormDecoding.pairs([0xFF, 0x3D, 0x31]).map { "\($0.0)|\($0.1)" }, ["\u{FFFD}|1"])
    }

    func testQueryParametersOfARequest() {
        let request = HTTPRequest(head: HTTPRequestHead(method: .get, target: "/s?q=a+b&n=1&q=second&x=%zz"))
        XCTAssertEqual(request.queryParameters, ["q": "a b", "n": "1"])
        XCTAssertEqual(request.path, "/s")
        XCTAssertEqual(HTTPRequest(head: HTTPRequestHead(method: .get, target: "/s")).queryParameters, [:])
    }
}
