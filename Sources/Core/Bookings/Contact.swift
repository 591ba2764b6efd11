/// Who the appointment is for: a name and at least one way to reach them.
public struct Contact: Hashable, Sendable {
    public var name: String
    public var email: String?
    public var phone: String?

    public init(name: String, email: String? = nil, phone: String? = nil) {
        self.name = name
        self.email = email
        self.phone = phone
    }

    /// What is wrong with the contact, as (field, message), or nil: a name
    /// that is more than spaces, without control characters (they would
    /// break exports and calendars), and a way to reach the person.
    public var problem: (field: String, message: String)? {
        if name.trimmingSpaces().isEmpty { return ("contact.name", "must not be empty or only spaces") }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
            return ("contact.name", "must not contain control characters")
        }
        if key == nil { return ("contact", "an e-mail address or a phone number is needed") }
        return nil
    }

    /// Every key the per-contact limits count by.
    public var keys: [String] { key.map { [$0] } ?? [] }

    /// The key the per-contact limit counts by: the normalised e-mail when
    /// given, else the normalised phone number.
    public var key: String? {
        if let email = email.flatMap(Self.normalisedEmail) { return "e:" + email }
        if let phone = phone.flatMap(Self.normalisedPhone) { return "p:" + phone }
        return nil
    }

    /// Lower-cased and trimmed; nil unless it looks like `local@domain.tld`.
    /// Every booking asks this more than once, so it looks at bytes and
    /// scalars, not at grapheme clusters.
    public static func normalisedEmail(_ text: String) -> String? {
        let trimmed = text.trimmingSpaces().lowercased()
        let bytes = trimmed.utf8
        let parts = bytes.split(separator: UInt8(ascii: "@"), omittingEmptySubsequences: false)
        guard bytes.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[1].contains(UInt8(ascii: ".")),
              parts[1].first != UInt8(ascii: "."), parts[1].last != UInt8(ascii: "."),
              !trimmed.unicodeScalars.contains(where: isForbiddenInEmail) else { return nil }
        return trimmed
    }

    private static func isForbiddenInEmail(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "<", ">", ",": true
        case _ where scalar.isASCII: scalar == " " || ("\t"..."\r").contains(scalar)
        default: scalar.properties.isWhitespace
        }
    }

    /// E.164-like digits: `0471 590-2000`, `+49 (471) 5902000` and
    /// `+49 (0)471 5902000` are the same number (`+494715902000`); nil for
    /// anything with too few or too many digits.
    public static func normalisedPhone(_ text: String) -> String? {
        var text = text.trimmingSpaces()
        // "+49 (0)471 …": the bracketed trunk 0 is dialled only from inside the country.
        if text.hasPrefix("+") || text.hasPrefix("00") { text = text.replacing("(0)", with: "") }
        var digits = ""
        for (index, character) in text.enumerated() {
            if character.isASCII && character.isNumber {
                digits.append(character)
            } else if character == "+" && index == 0 {
                digits.append("+")
            } else if !" -/().".contains(character) {
                return nil
            }
        }
        if digits.hasPrefix("00") { digits = "+" + digits.dropFirst(2) }
        else if digits.hasPrefix("0") { digits = "+49" + digits.dropFirst() }
        else if !digits.hasPrefix("+") { return nil }
        let count = digits.count - 1
        return (6...15).contains(count) ? digits : nil
    }
}

extension String {
    func trimmingSpaces() -> String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
