/// The human booking code, `K7M-4QX-9TD`: nine characters from an alphabet
/// without 0/O and 1/I, so it can be read over the phone without spelling
/// doubts. 32 symbols × 9 = 45 bits: unguessable enough next to the manage
/// token, and unique through the database's UNIQUE constraint.
public struct BookingCode: Hashable, Sendable, CustomStringConvertible {
    static let alphabet = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ".utf8)
    public let value: String

    public var description: String { value }

    /// A new random code.
    public static func random() -> BookingCode {
        let symbols = Crypto.randomBytes(9).map { alphabet[Int($0 & 31)] }
        let text = String(decoding: symbols[0..<3], as: UTF8.self) + "-"
            + String(decoding: symbols[3..<6], as: UTF8.self) + "-" + String(decoding: symbols[6..<9], as: UTF8.self)
        return BookingCode(value: text)
    }

    private init(value: String) { self.value = value }

    /// Accepts what people type or say: any case, with or without dashes or
    /// spaces. Nil for anything that cannot be a code.
    public init?(parsing text: String) {
        let symbols = text.utf8.filter { $0 != UInt8(ascii: "-") && $0 != UInt8(ascii: " ") }.map { byte -> UInt8 in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) ? byte - 32 : byte
        }
        guard symbols.count == 9, symbols.allSatisfy(Self.alphabet.contains) else { return nil }
        value = String(decoding: symbols[0..<3], as: UTF8.self) + "-"
            + String(decoding: symbols[3..<6], as: UTF8.self) + "-" + String(decoding: symbols[6..<9], as: UTF8.self)
    }
}

/// The secret that lets a citizen see, move or cancel their booking without
/// an account: 256 random bits, shown once, stored only as its SHA-256.
public enum ManageToken {
    public static func generate() -> (token: String, hash: [UInt8]) {
        let token = Crypto.base64URL(Crypto.randomBytes(32))
        return (token, hash(token))
    }

    public static func hash(_ token: String) -> [UInt8] { Crypto.sha256("manage-token:" + token) }
}
