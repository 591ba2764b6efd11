/// Numbers: the grammar of RFC 8259 §6, then the value.
///
/// While scanning, the significant decimal digits are gathered into a
/// `UInt64` (trailing zeros are only counted, so `100` and `1.000` cost no
/// precision) with a decimal exponent beside it. From that pair an exact
/// integer is decided without any floating point, which is what keeps
/// `9007199254740993` exact. Non-integers take Clinger's fast path when
/// both parts are exact in a `Double`, and otherwise the standard library's
/// correctly rounded conversion of the text.
extension JSONScanner {
    mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = i
        let negative = bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        guard i < count else { throw JSONParseError(.unexpectedEnd, at: i) }

        var digits = DecimalDigits()
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
            if i < count && isDigit(bytes[i]) { throw JSONParseError(.leadingZero, at: i) }
        } else if isDigit(bytes[i]) {
            while i < count && isDigit(bytes[i]) {
                digits.append(bytes[i])
                i += 1
            }
        } else {
            throw JSONParseError(.invalidNumber("expected a digit after '-'"), at: i)
        }

        var fractionDigits = 0
        if i < count && bytes[i] == UInt8(ascii: ".") {
            i += 1
            try expectDigit("expected a digit after the decimal point")
            while i < count && isDigit(bytes[i]) {
                digits.append(bytes[i])
                fractionDigits += 1
                i += 1
            }
        }

        var exponent = 0
        if i < count && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
            i += 1
            var exponentNegative = false
            if i < count && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) {
                exponentNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            try expectDigit("expected a digit in the exponent")
            while i < count && isDigit(bytes[i]) {
                // Clamped: beyond this every value is 0 or out of range anyway.
                if exponent < 1_000_000 { exponent = exponent * 10 + Int(bytes[i] - UInt8(ascii: "0")) }
                i += 1
            }
            if exponentNegative { exponent = -exponent }
        }

        if digits.mantissa == 0 && !digits.overflowed {
            return negative ? .double(-0.0) : .int(0)
        }
        let exponent10 = exponent - fractionDigits + digits.pendingZeros
        if !digits.overflowed, let integer = Self.exactInteger(digits.mantissa, exponent10, negative: negative) {
            return .int(integer)
        }
        var value: Double
        if !digits.overflowed, digits.mantissa <= 1 << 53, (-22...22).contains(exponent10) {
            value = Double(digits.mantissa)
            value = exponent10 < 0 ? value / Self.powersOf10[-exponent10] : value * Self.powersOf10[exponent10]
            if negative { value = -value }
        } else {
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            value = Double(text) ?? .infinity
        }
        guard value.isFinite else { throw JSONParseError(.numberOutOfRange, at: start) }
        return .double(value)
    }

    private mutating func expectDigit(_ detail: String) throws(JSONParseError) {
        guard i < count else { throw JSONParseError(.unexpectedEnd, at: i) }
        guard isDigit(bytes[i]) else { throw JSONParseError(.invalidNumber(detail), at: i) }
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    /// `mantissa × 10^exponent10` as an `Int64`, if it is a whole number in range.
    static func exactInteger(_ mantissa: UInt64, _ exponent10: Int, negative: Bool) -> Int64? {
        // Trailing zeros were never folded into the mantissa, so a negative
        // exponent always leaves a fraction.
        guard exponent10 >= 0, exponent10 < powersOf10Integer.count else { return nil }
        let (magnitude, overflow) = mantissa.multipliedReportingOverflow(by: powersOf10Integer[exponent10])
        guard !overflow else { return nil }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return Int64(truncatingIfNeeded: 0 &- magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    static let powersOf10: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    static let powersOf10Integer: [UInt64] = (0...19).map { n in (0..<n).reduce(1) { acc, _ in acc * 10 } }
}

/// The significant digits of a number as they are read.
struct DecimalDigits {
    var mantissa: UInt64 = 0
    /// Zeros read since the last non-zero digit, not yet multiplied in.
    var pendingZeros = 0
    /// More significant digits than a `UInt64` holds: only a `Double` can
    /// represent the value, and the text is converted as a whole.
    var overflowed = false

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        let digit = UInt64(byte - UInt8(ascii: "0"))
        if digit == 0 {
            if mantissa != 0 { pendingZeros += 1 }  // leading zeros carry no value
            return
        }
        guard !overflowed else { return }
        if pendingZeros >= JSONScanner.powersOf10Integer.count - 1 {
            overflowed = true
            return
        }
        let (shifted, o1) = mantissa.multipliedReportingOverflow(by: JSONScanner.powersOf10Integer[pendingZeros + 1])
        let (sum, o2) = shifted.addingReportingOverflow(digit)
        if o1 || o2 {
            overflowed = true
            return
        }
        mantissa = sum
        pendingZeros = 0
    }
}
