/// Addresses of pages with their query, percent-encoded: the booking's
/// progress travels in them from step to step.
enum PageLink {
    /// `path?name=value&…`; pairs with a nil value are left out.
    static func make(_ path: String, _ pairs: [(String, String?)]) -> String {
        let query = pairs.compactMap { name, value in value.map { encode(name) + "=" + encode($0) } }
        return query.isEmpty ? path : path + "?" + query.joined(separator: "&")
    }

    /// Percent-encodes everything but the unreserved characters of RFC 3986,
    /// so a value can never end a parameter or the query early.
    static func encode(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                result.unicodeScalars.append("%")
                result.unicodeScalars.append(hex[Int(byte >> 4)])
                result.unicodeScalars.append(hex[Int(byte & 15)])
            }
        }
        return result
    }
}
