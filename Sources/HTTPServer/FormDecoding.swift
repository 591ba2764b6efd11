/// Percent-decoding of paths and of `application/x-www-form-urlencoded`
/// strings (query strings and HTML form bodies).
public enum FormDecoding {
    /// Decodes `%XX` escapes; `nil` when an escape is malformed or the result
    /// is not UTF-8. With `plusAsSpace`, `+` means a space (form encoding).
    public static func percentDecoded(_ text: Substring, plusAsSpace: Bool = false) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    return nil
                }
                bytes.append(high << 4 | low)
            case UInt8(ascii: "+") where plusAsSpace:
                bytes.append(UInt8(ascii: " "))
            default:
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// The `name=value` pairs of a form-encoded string, decoded; malformed
    /// pairs are skipped rather than failing the whole string.
    public static func pairs(_ text: Substring) -> [(String, String)] {
        text.split(separator: "&", omittingEmptySubsequences: true).compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = percentDecoded(parts[0], plusAsSpace: true) else { return nil }
            let value = parts.count > 1 ? percentDecoded(parts[1], plusAsSpace: true) : ""
            return value.map { (name, $0) }
        }
    }

    public static func pairs(_ body: [UInt8]) -> [(String, String)] {
        pairs(Substring(String(decoding: body, as: UTF8.self)))
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
