import HTTPServer
import XCTest
@testable import WebApp

/// Shared helpers: parse text or raw bytes, and assert a rejection with
/// its reason and byte offset.
func parseJSON(_ text: String) throws -> JSONValue {
    try JSONParser.parse(Array(text.utf8))
}

func parseJSON(bytes: [UInt8]) throws -> JSONValue {
    try JSONParser.parse(bytes)
}

/// The error for `bytes`, or a test failure when they parse.
func rejection(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) -> JSONParseError? {
    do {
        let value = try JSONParser.parse(bytes)
        XCTFail("accepted \(String(decoding: bytes, as: UTF8.self).debugDescription) as \(value)", file: file, line: line)
        return nil
    } catch {
        return error
    }
}

func rejection(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> JSONParseError? {
    rejection(Array(text.utf8), file: file, line: line)
}

/// Bytes from a string with `\x..` written as the raw byte — for inputs
/// that are not valid UTF-8 and so cannot be Swift strings.
func bytes(_ parts: Any...) -> [UInt8] {
    var result: [UInt8] = []
    for part in parts {
        switch part {
        case let text as String: result += Array(text.utf8)
        case let byte as Int: result.append(UInt8(byte))
        case let list as [Int]: result += list.map(UInt8.init)
        default: preconditionFailure("unsupported part \(part)")
        }
    }
    return result
}

extension HTTPResponse {
    /// The body as text, whole or chunked.
    var bodyText: String {
        switch body {
        case .bytes(let bytes): String(decoding: bytes, as: UTF8.self)
        case .chunks(let chunks): String(decoding: chunks.joined(), as: UTF8.self)
        }
    }

    var bodyBytes: [UInt8] {
        switch body {
        case .bytes(let bytes): bytes
        case .chunks(let chunks): Array(chunks.joined())
        }
    }
}
