/// Writes JSON compactly into a byte buffer, ready to be a response body.
///
/// Every byte is appended directly — no intermediate `String`, no
/// Foundation — because the availability endpoints write hundreds of slots
/// per response. Escaping follows RFC 8259 §7 minimally: `"` and `\` are
/// backslash-escaped, control characters U+0000…U+001F are written as
/// `\u00XX`, and everything else, `/` and non-ASCII included, is copied as
/// UTF-8. Integers carry no `.0`; NaN and infinities, which JSON cannot
/// express, are written as `null`.
public struct JSONWriter {
    public internal(set) var bytes: [UInt8]

    public init(reservingCapacity capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// The compact text of `value`.
    public static func serialize(_ value: JSONValue, reservingCapacity capacity: Int = 256) -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: capacity)
        writer.write(value)
        return writer.bytes
    }

    public mutating func write(_ value: JSONValue) {
        switch value {
        case .null: append("null")
        case .bool(let flag): append(flag ? "true" : "false")
        case .int(let number): writeInteger(number)
        case .double(let number): writeDouble(number)
        case .string(let text): writeString(text)
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                write(element)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            bytes.append(UInt8(ascii: "{"))
            for (index, member) in object.members.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                writeString(member.key)
                bytes.append(UInt8(ascii: ":"))
                write(member.value)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    public mutating func writeInteger(_ number: Int64) {
        // Digits are produced backwards into a small stack buffer; the
        // magnitude is taken as UInt64 so Int64.min needs no special case.
        var magnitude = number.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var position = 20
            repeat {
                position -= 1
                digits[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if number < 0 { bytes.append(UInt8(ascii: "-")) }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[position..<20]))
        }
    }

    public mutating func writeDouble(_ number: Double) {
        guard number.isFinite else {
            append("null")
            return
        }
        // Whole numbers in Int64 range are written as integers, so that text
        // read back (as `.int`) writes the same again; -0 keeps its sign.
        if number != 0, let integer = JSONValue.exactInt64(number) {
            writeInteger(integer)
            return
        }
        // Swift prints the shortest text that reads back as the same Double
        // ("0.1", "1e-07", "1e+308"), which is valid JSON, apart from the
        // trailing ".0" of "-0.0".
        var text = number.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    public mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        // `withUTF8` also covers small (inline) strings, which have no
        // contiguous storage to lend; it copies only if the text is bridged.
        var text = text
        text.withUTF8 { appendEscaped($0) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Copies runs of bytes that need no escaping in one go.
    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var run = 0
        var index = 0
        while index < utf8.count {
            index = JSONByteScan.skipPlain(utf8, from: index, allowingNonASCII: true)
            guard index < utf8.count else { break }
            let byte = utf8[index]
            index += 1
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            let escaped = index - 1
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<escaped]))
            bytes.append(UInt8(ascii: "\\"))
            if byte < 0x20 {
                bytes.append(UInt8(ascii: "u"))
                bytes.append(UInt8(ascii: "0"))
                bytes.append(UInt8(ascii: "0"))
                bytes.append(byte < 0x10 ? UInt8(ascii: "0") : UInt8(ascii: "1"))
                bytes.append(Self.hexDigit(byte & 0xF))
            } else {
                bytes.append(byte)
            }
            run = index
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<utf8.count]))
    }

    private mutating func append(_ literal: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}

extension JSONValue {
    /// The compact JSON text of this value, as bytes.
    public var jsonBytes: [UInt8] { JSONWriter.serialize(self) }
}
