import XCTest
@testable import HTTPServer

/// One request as the parser delivered it, in a form that compares across
/// the ways its bytes were fed.
struct ParsedRequest: Equatable {
    var method: String
    var target: String
    var version: HTTPVersion
    /// "name: value", in order, as received (names keep their case).
    var headers: [String]
    var body: [UInt8]
    var keepAlive: Bool

    var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// Everything a parse produced: heads seen, complete requests, the error
/// that ended it, and — when no error did — the state after the last byte.
struct ParseOutcome: Equatable {
    var heads = 0
    var requests: [ParsedRequest] = []
    var error: HTTPParseError?
    var isBetweenRequests: Bool?
    var bufferedByteCount: Int?
    var needsMoreBody: Bool?
}

/// How the input reaches the parser.
enum Feeding: CustomStringConvertible {
    case whole
    case byteByByte
    /// Chunks of random length from a seeded generator (reproducible).
    case random(seed: UInt64)

    var description: String {
        switch self {
        case .whole: "whole"
        case .byteByByte: "byte by byte"
        case .random(let seed): "random chunks (seed \(seed))"
        }
    }
}

/// SplitMix64: a tiny seeded generator, so random splits are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Array where Element == UInt8 {
    init(_ text: String) { self = Array(text.utf8) }
}

enum ParserHarness {
    static let randomSeeds: [UInt64] = [1, 42, 0xC0FFEE]

    /// The chunks `input` is fed in.
    static func chunks(of input: [UInt8], _ feeding: Feeding) -> [ArraySlice<UInt8>] {
        switch feeding {
        case .whole:
            return [input[...]]
        case .byteByByte:
            return input.indices.map { input[$0..<$0 + 1] }
        case .random(let seed):
            var rng = SplitMix64(seed: seed)
            var result: [ArraySlice<UInt8>] = []
            var start = 0
            let largest = Swift.max(2, input.count / 4)
            while start < input.count {
                let end = Swift.min(input.count, start + Int.random(in: 1...largest, using: &rng))
                result.append(input[start..<end])
                start = end
            }
            return result
        }
    }

    /// Feeds `input` as `feeding` says, draining events after every chunk
    /// and answering each head with `beginBody(limit: bodyLimit)`, as the
    /// event loop does.
    static func run(_ input: [UInt8], _ feeding: Feeding, limits: HTTPLimits, bodyLimit: Int) -> ParseOutcome {
        var parser = RequestParser(limits: limits)
        var outcome = ParseOutcome()
        do throws(HTTPParseError) {
            for chunk in chunks(of: input, feeding) {
                parser.feed(Array(chunk))
                while let event = try parser.next() {
                    switch event {
                    case .head:
                        outcome.heads += 1
                        try parser.beginBody(limit: bodyLimit)
                    case .request(let request):
                        outcome.requests.append(ParsedRequest(
                            method: request.method.rawValue, target: request.head.target,
                            version: request.head.version,
                            headers: request.headers.map { "\($0.name): \($0.value)" },
                            body: request.body, keepAlive: request.head.keepAlive))
                    }
                }
            }
        } catch {
            outcome.error = error
            return outcome
        }
        outcome.isBetweenRequests = parser.isBetweenRequests
        outcome.bufferedByteCount = parser.bufferedByteCount
        outcome.needsMoreBody = parser.needsMoreBody
        return outcome
    }
}

extension XCTestCase {
    /// Parses `input` whole, byte by byte and in seeded random chunks, asserts
    /// that every way gives the same outcome, and returns it.
    @discardableResult
    func parse(
        _ input: [UInt8], limits: HTTPLimits = HTTPLimits(), bodyLimit: Int = 1 << 20,
        file: StaticString = #filePath, line: UInt = #line
    ) -> ParseOutcome {
        let whole = ParserHarness.run(input, .whole, limits: limits, bodyLimit: bodyLimit)
        let others: [Feeding] = [.byteByByte] + ParserHarness.randomSeeds.map { .random(seed: $0) }
        for feeding in others {
            let outcome = ParserHarness.run(input, feeding, limits: limits, bodyLimit: bodyLimit)
            XCTAssertEqual(outcome, whole, "fed \(feeding) differs from fed whole", file: file, line: line)
        }
        return whole
    }

    @discardableResult
    func parse(
        _ text: String, limits: HTTPLimits = HTTPLimits(), bodyLimit: Int = 1 << 20,
        file: StaticString = #filePath, line: UInt = #line
    ) -> ParseOutcome {
        parse([UInt8](text), limits: limits, bodyLimit: bodyLimit, file: file, line: line)
    }

    /// Asserts that `input` parses (every way) into exactly one request and returns it.
    @discardableResult
    func parseOne(
        _ text: String, limits: HTTPLimits = HTTPLimits(), bodyLimit: Int = 1 << 20,
        file: StaticString = #filePath, line: UInt = #line
    ) -> ParsedRequest? {
        let outcome = parse(text, limits: limits, bodyLimit: bodyLimit, file: file, line: line)
        XCTAssertNil(outcome.error, "unexpected error", file: file, line: line)
        XCTAssertEqual(outcome.requests.count, 1, "requests", file: file, line: line)
        XCTAssertEqual(outcome.isBetweenRequests, true, "parser idle afterwards", file: file, line: line)
        return outcome.requests.first
    }

    /// Asserts that `input` is refused (every way) with `expected`, whose
    /// status is `status`, after `before` complete requests.
    func assertRefused(
        _ input: [UInt8], _ expected: HTTPParseError, status: Int, before: Int = 0,
        limits: HTTPLimits = HTTPLimits(), bodyLimit: Int = 1 << 20,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        let outcome = parse(input, limits: limits, bodyLimit: bodyLimit, file: file, line: line)
        XCTAssertEqual(outcome.error, expected, file: file, line: line)
        XCTAssertEqual(outcome.error?.status.code, status, "status of \(expected)", file: file, line: line)
        XCTAssertEqual(outcome.requests.count, before, "requests before the error", file: file, line: line)
    }

    func assertRefused(
        _ text: String, _ expected: HTTPParseError, status: Int, before: Int = 0,
        limits: HTTPLimits = HTTPLimits(), bodyLimit: Int = 1 << 20,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        assertRefused([UInt8](text), expected, status: status, before: before, limits: limits,
                      bodyLimit: bodyLimit, file: file, line: line)
    }
}

/// A GET request whose request line (CRLF excluded) is exactly `length` bytes.
func requestLine(length: Int) -> String {
    let fixed = "GET / HTTP/1.1".utf8.count
    precondition(length >= fixed)
    return "GET /" + String(repeating: "a", count: length - fixed) + " HTTP/1.1"
}
