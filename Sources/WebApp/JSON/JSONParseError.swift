/// Why a body is not JSON, and where: `offset` is the zero-based byte
/// offset of the first byte that cannot be part of a valid document (the
/// input's length when it ended too early). Clients see the message and the
/// offset in a 400 problem, so both say what to fix.
public struct JSONParseError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Reason: Equatable, Sendable {
        case emptyInput
        case unexpectedEnd
        /// A byte that cannot start or continue what was expected here.
        case unexpectedByte(UInt8, expected: String)
        case trailingComma
        case leadingZero
        /// `-`, `1.`, `1e` … : the number's grammar broke at this byte.
        case invalidNumber(String)
        /// Finite in the grammar, but too large for a `Double`.
        case numberOutOfRange
        case controlCharacterInString(UInt8)
        case invalidEscape(UInt8)
        case invalidUnicodeEscape
        case loneSurrogate(UInt16)
        case invalidUTF8
        case duplicateKey(String)
        case nestingTooDeep(limit: Int)
        case trailingContent
    }

    public let reason: Reason
    public let offset: Int

    public init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    /// A sentence for humans, without the offset (it is reported beside it).
    public var message: String {
        switch reason {
        case .emptyInput: "the document is empty"
        case .unexpectedEnd: "the document ends too early"
        case .unexpectedByte(let byte, let expected): "unexpected \(Self.describe(byte)), expected \(expected)"
        case .trailingComma: "a comma must be followed by another element; trailing commas are not allowed"
        case .leadingZero: "numbers must not have leading zeros"
        case .invalidNumber(let detail): "invalid number: \(detail)"
        case .numberOutOfRange: "number is too large"
        case .controlCharacterInString(let byte):
            "control character U+\(Self.hex(UInt16(byte))) must be escaped in a string"
        case .invalidEscape(let byte): "invalid escape sequence \\\(Self.printable(byte))"
        case .invalidUnicodeEscape: "\\u must be followed by four hexadecimal digits"
        case .loneSurrogate(let unit): "unpaired UTF-16 surrogate \\u\(Self.hex(unit))"
        case .invalidUTF8: "the text is not valid UTF-8"
        case .duplicateKey(let key): "duplicate object key \"\(key)\""
        case .nestingTooDeep(let limit): "arrays and objects are nested more than \(limit) levels deep"
        case .trailingContent: "unexpected content after the JSON value"
        }
    }

    public var description: String { "\(message) (at byte \(offset))" }

    static func describe(_ byte: UInt8) -> String {
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }

    static func printable(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(Character(Unicode.Scalar(byte))) : "(byte 0x\(String(byte, radix: 16)))"
    }

    static func hex(_ value: UInt16) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
