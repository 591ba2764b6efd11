// NFKC and case folding are Foundation's (ICU underneath); Scheduling stays
// free of it, and this is the one file of Core that needs it.
import Foundation

/// The one rule of when two spellings name the same mailbox or the same
/// telephone. The per-contact limit counts by these keys, the console's
/// search finds by them, and the bookings table keeps them
/// (`booking_contact_keys`), so changing the rule needs a migration that
/// writes the keys of existing bookings again.
///
/// The rule is tested variant by variant in `ContactKeyTests` and fuzzed by
/// `Fuzz/Sources/FuzzContactKey` (idempotent; every generated spelling of one
/// mailbox or number gives one key).
extension Contact {
    /// Every key the per-contact limits count by: the e-mail's and the
    /// phone's, whichever are given, so a second booking cannot slip past
    /// the limit by adding or leaving out one of them.
    public var keys: [String] {
        [email.flatMap(Self.emailKey), phone.flatMap(Self.phoneKey)].compactMap { $0 }
    }

    /// `e:` and the mailbox (`normalisedEmail`), or nil for no address.
    public static func emailKey(_ text: String) -> String? {
        normalisedEmail(text).map { "e:" + $0 }
    }

    /// `p:` and the E.164 number (`normalisedPhone`), or nil for no number.
    public static func phoneKey(_ text: String) -> String? {
        normalisedPhone(text).map { "p:" + $0 }
    }

    /// The mailbox an address delivers to, or nil unless it looks like
    /// `local@domain.tld`:
    ///
    /// - NFKC and case folding (`ＥＲＩＫＡ@…`, `Erika@…`, `ﬁ` and `fi`
    ///   are one). Mail servers could tell upper from lower case in the
    ///   local part; none that citizens use does.
    /// - Format characters (U+200B, U+00AD, U+FEFF, bidi controls) make it
    ///   nil, never vanish: they would let one mailbox pass for many.
    /// - A quoted local part is unquoted (`"erika"@` is `erika@`) when what
    ///   it quotes needs no quotes; any other quote or backslash makes it nil.
    /// - `+tag` is dropped (`erika+1@` is `erika@`), as the big providers
    ///   and most servers deliver it so.
    /// - gmail.com ignores dots in the local part, and googlemail.com is
    ///   gmail.com.
    public static func normalisedEmail(_ text: String) -> String? {
        let trimmed = text.trimmingSpaces()
        guard trimmed.utf8.count <= 1024, !trimmed.unicodeScalars.contains(where: isFormat) else { return nil }
        // ASCII is its own NFKC and folds as it lower-cases: most addresses skip ICU.
        let folded = trimmed.utf8.allSatisfy({ $0 < 0x80 }) ? trimmed.lowercased()
            : trimmed.precomposedStringWithCompatibilityMapping
                .folding(options: .caseInsensitive, locale: nil).precomposedStringWithCompatibilityMapping
        let parts = folded.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        var local = parts[0]
        var domain = parts[1]
        if local.count > 2, local.first == "\"", local.last == "\"" { local = local.dropFirst().dropLast() }
        guard !local.isEmpty, !domain.isEmpty, domain.contains("."), domain.first != ".", domain.last != ".",
              !domain.contains(".."), !local.unicodeScalars.contains(where: isForbiddenInEmail),
              !domain.unicodeScalars.contains(where: isForbiddenInEmail) else { return nil }
        if domain == "googlemail.com" { domain = "gmail.com" }
        if let plus = local.firstIndex(of: "+"), plus != local.startIndex { local = local[..<plus] }
        if domain == "gmail.com" {
            local = Substring(local.filter { $0 != "." })
            guard !local.isEmpty else { return nil }
        }
        let mailbox = String(local) + "@" + String(domain)
        return mailbox.utf8.count <= 254 ? mailbox : nil
    }

    private static func isFormat(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .format
    }

    private static func isForbiddenInEmail(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "<", ">", ",", "\"", "\\", "(", ")", "[", "]", ";", ":": true
        case _ where scalar.isASCII: scalar.value <= 0x20 || scalar.value == 0x7F
        default: scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
        }
    }

    /// E.164: `0471 590-2000`, `(0471) 590-0`, `0471/5900`, `+49 (471) 5902000`,
    /// `+49 (0)471 5902000`, `0049 471 5902000` and `+49 0471 5902000` are
    /// the same number (`+494715902000`); nil for anything `phoneProblem`
    /// finds wrong. A number without a country code is German.
    public static func normalisedPhone(_ text: String) -> String? {
        try? parsePhone(text).get()
    }

    /// What is wrong with a telephone number as typed, or nil: the one rule
    /// of what a number is, for the pages' messages, the API's and the key.
    public static func phoneProblem(_ text: String) -> PhoneProblem? {
        if case .failure(let problem) = parsePhone(text) { return problem }
        return nil
    }

    private static func parsePhone(_ text: String) -> Result<String, PhoneProblem> {
        var text = text.trimmingSpaces()
        // "+49 (0)471 …": the bracketed trunk 0 is dialled only from inside the country.
        if text.hasPrefix("+") || text.hasPrefix("00") { text = text.replacing("(0)", with: "") }
        var digits = ""
        for (index, character) in text.enumerated() {
            if character.isASCII && character.isNumber {
                digits.append(character)
            } else if character == "+" {
                guard index == 0 else { return .failure(.plusNotFirst) }
                digits.append("+")
            } else if character.isLetter {
                return .failure(.letters)
            } else if !" -/().".contains(character) {
                return .failure(.character)
            }
        }
        if digits.hasPrefix("00") { digits = "+" + digits.dropFirst(2) }
        else if digits.hasPrefix("0") { digits = "+49" + digits.dropFirst() }
        else if !digits.hasPrefix("+") { return .failure(digits.count < 6 ? .tooShort : .noAreaCode) }
        // "+49 0471 …" written without the brackets: the same trunk 0 (all
        // zeros, so that the key of a key is itself).
        if let country = trunkZeroCountries.first(where: { digits.hasPrefix("+" + $0) }) {
            let national = digits.dropFirst(1 + country.count).drop { $0 == "0" }
            digits = "+" + country + national
        }
        let count = digits.count - 1
        if count < 6 { return .failure(.tooShort) }
        if count > 15 { return .failure(.tooLong) }
        return .success(digits)
    }

    /// Countries whose trunk prefix 0 is never part of the number as
    /// dialled from abroad: Germany and its neighbours that have one. Not
    /// Italy (+39), where the 0 of `06` is kept after the country code.
    private static let trunkZeroCountries = ["49", "43", "41", "31", "32", "33", "44"]
}
