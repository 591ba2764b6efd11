/// A strict RFC 8259 parser over raw bytes.
///
/// Request bodies arrive as `[UInt8]`; parsing them in place, without a
/// detour through `String` or `JSONSerialization`, keeps the hot paths free
/// of Foundation and copies, and lets every error name the exact byte.
/// Strict means: one value with only whitespace around it, no trailing
/// commas, comments, leading zeros, `NaN` or `Infinity`, no raw control
/// characters or invalid UTF-8 in strings, no unpaired surrogates, no
/// duplicate keys, and at most `maxDepth` nested arrays and objects — the
/// last bounds the recursion, so no input can exhaust the stack.
public enum JSONParser {
    public static let defaultMaxDepth = 64

    public static func parse(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        try bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONParseError) in try parse(buffer, maxDepth: maxDepth) }
        }.get()
    }

    public static func parse(_ text: String, maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        var text = text
        return try text.withUTF8 { buffer in
            Result { () throws(JSONParseError) in try parse(UnsafeRawBufferPointer(buffer), maxDepth: maxDepth) }
        }.get()
    }

    public static func parse(_ buffer: UnsafeRawBufferPointer, maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        // Request bodies and UTF-8 views are memory of bytes; reading them as
        // `UInt8` lets slices be copied with memcpy instead of byte by byte.
        var scanner = JSONScanner(bytes: buffer.assumingMemoryBound(to: UInt8.self), maxDepth: maxDepth)
        return try scanner.parseDocument()
    }
}

/// The parser's state: the input, the position, the depth, and a scratch
/// buffer reused by every string that needs unescaping.
struct JSONScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let count: Int
    let maxDepth: Int
    var i = 0
    var depth = 0
    var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.count = bytes.count
        self.maxDepth = maxDepth
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        guard i < count else { throw JSONParseError(.emptyInput, at: i) }
        let value = try parseValue()
        skipWhitespace()
        guard i == count else { throw JSONParseError(.trailingContent, at: i) }
        return value
    }

    mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard i < count else { throw JSONParseError(.unexpectedEnd, at: i) }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        case let byte: throw JSONParseError(.unexpectedByte(byte, expected: "a value"), at: i)
        }
    }

    mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        skipWhitespace()
        var elements: [JSONValue] = []
        if i < count && bytes[i] == UInt8(ascii: "]") {
            i += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            elements.append(try parseValue())
            skipWhitespace()
            guard i < count else { throw JSONParseError(.unexpectedEnd, at: i) }
            switch bytes[i] {
            case UInt8(ascii: ","):
                i += 1
                skipWhitespace()
                if i < count && bytes[i] == UInt8(ascii: "]") { throw JSONParseError(.trailingComma, at: i) }
            case UInt8(ascii: "]"):
                i += 1
                depth -= 1
                return .array(elements)
            case let byte:
                throw JSONParseError(.unexpectedByte(byte, expected: "',' or ']'"), at: i)
            }
        }
    }

    mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        skipWhitespace()
        var members: [JSONObject.Member] = []
        // Past a handful of members a set keeps the duplicate check linear,
        // so a body of many keys cannot make parsing quadratic.
        var seen: Set<String>? = nil
        if i < count && bytes[i] == UInt8(ascii: "}") {
            i += 1
            depth -= 1
            return .object(JSONObject(uniqueMembers: members))
        }
        while true {
            guard i < count else { throw JSONParseError(.unexpectedEnd, at: i) }
            guard bytes[i] == UInt8(ascii: "\"") else {
                throw JSONParseError(.unexpectedByte(bytes[i], expected: "a string key"), at: i)
            }
            let keyOffset = i
            let key = try parseString()
            if isDuplicate(key, in: members, seen: &seen) {
                throw JSONParseError(.duplicateKey(key), at: keyOffset)
            }
            skipWhitespace()
            guard i < count else { throw JSONParseError(.unexpectedEnd, at: i) }
            guard bytes[i] == UInt8(ascii: ":") else {
                throw JSONParseError(.unexpectedByte(bytes[i], expected: "':'"), at: i)
            }
            i += 1
            skipWhitespace()
            members.append((key, try parseValue()))
            skipWhitespace()
            guard i < count else { throw JSONParseError(.unexpectedEnd, at: i) }
            switch bytes[i] {
            case UInt8(ascii: ","):
                i += 1
                skipWhitespace()
                if i < count && bytes[i] == UInt8(ascii: "}") { throw JSONParseError(.trailingComma, at: i) }
            case UInt8(ascii: "}"):
                i += 1
                depth -= 1
                return .object(JSONObject(uniqueMembers: members))
            case let byte:
                throw JSONParseError(.unexpectedByte(byte, expected: "',' or '}'"), at: i)
            }
        }
    }

    /// Keys compare with `String ==`, the same equality `JSONObject` looks
    /// them up with, so no two members can answer the same look-up.
    private func isDuplicate(_ key: String, in members: [JSONObject.Member], seen: inout Set<String>?) -> Bool {
        if seen == nil && members.count < 16 {
            return members.contains { $0.key == key }
        }
        var keys = seen ?? Set(members.map(\.key))
        defer { seen = keys }
        return !keys.insert(key).inserted
    }

    /// Consumes the opening bracket, counting depth before recursing.
    private mutating func enterContainer() throws(JSONParseError) {
        guard depth < maxDepth else { throw JSONParseError(.nestingTooDeep(limit: maxDepth), at: i) }
        depth += 1
        i += 1
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let expected = UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        for byte in expected {
            guard i < count else { throw JSONParseError(.unexpectedEnd, at: i) }
            guard bytes[i] == byte else {
                throw JSONParseError(.unexpectedByte(bytes[i], expected: "'\(literal)'"), at: i)
            }
            i += 1
        }
    }

    /// RFC 8259 §2: space, tab, line feed and carriage return only.
    @inline(__always)
    mutating func skipWhitespace() {
        while i < count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return
            }
        }
    }
}
