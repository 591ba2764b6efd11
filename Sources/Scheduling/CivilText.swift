// Digit parsing and zero padding for the fixed-width civil formats
// (`YYYY-MM-DD`, `HH:MM`, RFC 3339). Hand-written so that Scheduling needs no
// Foundation and accepts exactly the ASCII digits the formats allow —
// `Int("٣")` or a leading `+` must never slip through as a date part.

@inline(__always)
func isASCIIDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
}

/// The value of `bytes[range]` if every byte in it is an ASCII digit.
func parseDigits(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
    guard range.lowerBound >= 0, range.upperBound <= bytes.count, !range.isEmpty else { return nil }
    var value = 0
    for index in range {
        let byte = bytes[index]
        guard isASCIIDigit(byte) else { return nil }
        value = value * 10 + Int(byte - UInt8(ascii: "0"))
    }
    return value
}

func padded(_ value: Int, width: Int) -> String {
    let digits = String(value)
    if digits.count >= width { return digits }
    return String(repeating: "0", count: width - digits.count) + digits
}

/// Division rounding towards negative infinity: instants before 1970 must
/// still land on the right day and second of day.
@inline(__always)
func floorDivision(_ a: Int64, _ b: Int64) -> Int64 {
    let quotient = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
}

@inline(__always)
func floorModulo(_ a: Int64, _ b: Int64) -> Int64 {
    a - floorDivision(a, b) * b
}
