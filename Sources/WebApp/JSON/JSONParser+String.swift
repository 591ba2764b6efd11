/// Strings: the common case — no escapes — is scanned and validated in place
/// and becomes a `String` straight from the input bytes; only a string with a
/// backslash is copied into the scratch buffer to be unescaped.
extension JSONScanner {
    /// Parses the string whose opening quote is at `i`.
    mutating func parseString() throws(JSONParseError) -> String {
        i += 1
        let start = i
        while i < count {
            i = JSONByteScan.skipPlain(bytes, from: i, allowingNonASCII: false)
            guard i < count else { break }
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                i += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { return try parseEscapedString(from: start) }
            if byte < 0x20 { throw JSONParseError(.controlCharacterInString(byte), at: i) }
            i += byte < 0x80 ? 1 : try utf8SequenceLength(at: i)
        }
        throw JSONParseError(.unexpectedEnd, at: i)
    }

    /// Continues a string at its first backslash (`i`); the bytes from
    /// `start` to here are already known to be valid.
    private mutating func parseEscapedString(from start: Int) throws(JSONParseError) -> String {
        scratch.removeAll(keepingCapacity: true)
        var run = start
        while i < count {
            i = JSONByteScan.skipPlain(bytes, from: i, allowingNonASCII: false)
            guard i < count else { break }
            let byte = bytes[i]
            switch byte {
            case UInt8(ascii: "\""):
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
                i += 1
                return String(decoding: scratch, as: UTF8.self)
            case UInt8(ascii: "\\"):
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
                try appendEscape()
                run = i
            case 0..<0x20:
                throw JSONParseError(.controlCharacterInString(byte), at: i)
            case 0x80...:
                i += try utf8SequenceLength(at: i)
            default:
                i += 1
            }
        }
        throw JSONParseError(.unexpectedEnd, at: i)
    }

    /// Decodes the escape whose backslash is at `i` into the scratch buffer.
    private mutating func appendEscape() throws(JSONParseError) {
        let backslash = i
        i += 1
        guard i < count else { throw JSONParseError(.unexpectedEnd, at: i) }
        let simple: UInt8
        switch bytes[i] {
        case UInt8(ascii: "\""): simple = 0x22
        case UInt8(ascii: "\\"): simple = 0x5C
        case UInt8(ascii: "/"): simple = 0x2F
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "u"):
            try appendUnicodeEscape(backslash: backslash)
            return
        case let byte:
            throw JSONParseError(.invalidEscape(byte), at: i)
        }
        scratch.append(simple)
        i += 1
    }

    /// `\uXXXX`, or a surrogate pair `\uD83D\uDE00`. An unpaired surrogate
    /// names no character, so it is refused rather than replaced: a client
    /// that sends one has a bug it should hear about.
    private mutating func appendUnicodeEscape(backslash: Int) throws(JSONParseError) {
        let unit = try hex4(at: i + 1)
        i += 5
        var scalar = UInt32(unit)
        if (0xD800...0xDBFF).contains(unit) {
            guard i + 1 < count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                throw JSONParseError(.loneSurrogate(unit), at: backslash)
            }
            let low = try hex4(at: i + 2)
            guard (0xDC00...0xDFFF).contains(low) else { throw JSONParseError(.loneSurrogate(unit), at: backslash) }
            i += 6
            scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(unit) {
            throw JSONParseError(.loneSurrogate(unit), at: backslash)
        }
        appendUTF8(scalar)
    }

    private func hex4(at offset: Int) throws(JSONParseError) -> UInt16 {
        var value: UInt16 = 0
        for j in offset..<offset + 4 {
            guard j < count else { throw JSONParseError(.unexpectedEnd, at: count) }
            let byte = bytes[j]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw JSONParseError(.invalidUnicodeEscape, at: j)
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// The length of the well-formed UTF-8 sequence starting at `offset`
    /// (Unicode 15, table 3-7): no overlong forms, no encoded surrogates,
    /// nothing above U+10FFFF. Otherwise the error points at its first byte.
    func utf8SequenceLength(at offset: Int) throws(JSONParseError) -> Int {
        let lead = bytes[offset]
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF  // range of the second byte
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: throw JSONParseError(.invalidUTF8, at: offset)
        }
        guard offset + length <= count else { throw JSONParseError(.invalidUTF8, at: offset) }
        guard (low...high).contains(bytes[offset + 1]) else { throw JSONParseError(.invalidUTF8, at: offset) }
        for j in offset + 2..<offset + length where bytes[j] & 0xC0 != 0x80 {
            throw JSONParseError(.invalidUTF8, at: offset)
        }
        return length
    }
}
