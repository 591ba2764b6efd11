import Core

/// The string formats the API checks, each with the JSON Schema pattern it
/// implements. `Public/api/openapi.json` declares the same patterns (a test
/// compares them), because a fuzzer holds the server to its document both
/// ways: what the pattern allows must be accepted, what it refuses must be
/// refused. The checks are hand-written over UTF-8 bytes — cheaper than a
/// regex engine for these fixed shapes, and free of backtracking.
///
/// Every pattern ends in `$(?!\n)`: in ECMA-262 that is just the end, but
/// Python's `re` (schemathesis, hypothesis) also lets `$` match before a
/// final newline, and would take `"buergerbuero-mitte\n"` for an id.
public struct FieldFormat: Sendable {
    /// The ECMA-262 pattern the check is equivalent to, or nil for a
    /// format the document names with `format:` instead (e.g. `date`).
    public let pattern: String?
    /// What a client is told when a value does not match.
    public let message: String
    private let check: @Sendable (String.UTF8View) -> Bool

    public init(pattern: String?, message: String, check: @escaping @Sendable (String.UTF8View) -> Bool) {
        self.pattern = pattern
        self.message = message
        self.check = check
    }

    public func matches(_ text: String) -> Bool { check(text.utf8) }

    /// Office, service and municipality ids: `buergerbuero-mitte`.
    public static let identifier = FieldFormat(
        pattern: "^[a-z0-9-]{1,64}$(?!\\n)", message: "must be 1 to 64 lowercase letters, digits or '-'"
    ) { utf8 in
        (1...64).contains(utf8.count) && utf8.allSatisfy { isLowerAlnum($0) || $0 == UInt8(ascii: "-") }
    }

    /// Server-generated ids (holds, callbacks, memos): opaque tokens.
    public static let opaqueId = FieldFormat(
        pattern: "^[A-Za-z0-9_-]{1,64}$(?!\\n)", message: "must be 1 to 64 letters, digits, '_' or '-'"
    ) { utf8 in
        (1...64).contains(utf8.count)
            && utf8.allSatisfy { byte in
                isLowerAlnum(byte) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            }
    }

    /// Booking codes like `K7M-4QX-9TD`: three groups of three from an
    /// alphabet without 0/O and 1/I, which are confused when read aloud.
    public static let bookingCode = FieldFormat(
        pattern: "^[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}$(?!\\n)",
        message: "must be a booking code like K7M-4QX-9TD"
    ) { utf8 in
        guard utf8.count == 11 else { return false }
        for (index, byte) in utf8.enumerated() {
            let ok = index == 3 || index == 7 ? byte == UInt8(ascii: "-") : isCodeCharacter(byte)
            if !ok { return false }
        }
        return true
    }

    /// The `{code}` of a booking's path, as people type or read it out:
    /// any case, dashes and spaces anywhere (`k7m4qx9td`, `K7M 4QX 9TD`),
    /// exactly what `BookingCode(parsing:)` accepts. Answers carry the
    /// canonical `K7M-4QX-9TD`.
    public static let typedBookingCode = FieldFormat(
        pattern: "^[ -]*(?:[2-9A-HJ-NP-Za-hj-np-z][ -]*){9}$(?!\\n)",
        message: "must be a booking code like K7M-4QX-9TD"
    ) { utf8 in
        BookingCode(parsing: String(decoding: utf8, as: UTF8.self)) != nil
    }

    /// Deliberately loose: one `@`, a dot inside the domain, no spaces or
    /// control characters. Whether an address exists only a mail can tell.
    public static let email = FieldFormat(
        pattern: "^[^@\\x00-\\x20\\x7F]+@[^@\\x00-\\x20\\x7F]+\\.[^@\\x00-\\x20\\x7F]+$(?!\\n)",
        message: "must be an e-mail address like name@example.de"
    ) { utf8 in
        guard let at = utf8.firstIndex(of: UInt8(ascii: "@")) else { return false }
        let local = utf8[..<at], domain = utf8[utf8.index(after: at)...]
        guard !local.isEmpty, domain.count >= 3 else { return false }
        let allowed = { (byte: UInt8) in byte > 0x20 && byte != 0x7F && byte != UInt8(ascii: "@") }
        guard local.allSatisfy(allowed), domain.allSatisfy(allowed) else { return false }
        // A dot with at least one character on each side.
        return domain.dropFirst().dropLast().contains(UInt8(ascii: "."))
    }

    /// A service's key in the FIM/LeiKa catalogue: exactly 14 ASCII digits
    /// (`99123456760000`), as ZMS and the portals store it.
    public static let leikaKey = FieldFormat(
        pattern: "^[0-9]{14}$(?!\\n)", message: "must be the 14 digits of a FIM/LeiKa service key"
    ) { utf8 in
        utf8.count == 14 && utf8.allSatisfy(isDigit)
    }

    /// The characters of a telephone number as people write them:
    /// `0471 590-0`, `(0471) 590-0`, `0471/5900`, `+49 (0)471 5900`. Only the
    /// shape the document can state as a pattern; whether it is a number
    /// (enough digits, an area code) is `Contact.phoneProblem`'s one rule,
    /// which the booking and callback use cases apply after it.
    public static let phone = FieldFormat(
        pattern: "^\\+?[0-9(][0-9 ()/-]{1,28}[0-9]$(?!\\n)",
        message: "must be a telephone number of digits, spaces and ()/-, optionally starting with +"
    ) { utf8 in
        var bytes = utf8[...]
        if bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        guard (3...30).contains(bytes.count), let first = bytes.first, let last = bytes.last else { return false }
        guard isDigit(first) || first == UInt8(ascii: "("), isDigit(last) else { return false }
        return bytes.allSatisfy { byte in
            isDigit(byte) || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")")
                || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "-")
        }
    }

    /// `Idempotency-Key` header values: visible ASCII, bounded.
    public static let idempotencyKey = FieldFormat(
        pattern: "^[\\x21-\\x7E]{1,255}$(?!\\n)", message: "must be 1 to 255 visible ASCII characters"
    ) { utf8 in
        (1...255).contains(utf8.count) && utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }
    }

    /// A calendar date `YYYY-MM-DD` (JSON Schema `format: date`), years
    /// 0001–9999 as validators that follow ISO 8601 / Python's `date` do.
    public static let date = FieldFormat(pattern: nil, message: "must be a date like 2026-12-01") { utf8 in
        let b = Array(utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              let year = number(b[0..<4]), let month = number(b[5..<7]), let day = number(b[8..<10]),
              year >= 1, (1...12).contains(month), day >= 1
        else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day <= days
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    private static func isLowerAlnum(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
    }

    private static func isCodeCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "2")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "H"),
             UInt8(ascii: "J")...UInt8(ascii: "N"), UInt8(ascii: "P")...UInt8(ascii: "Z"): true
        default: false
        }
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in digits {
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
