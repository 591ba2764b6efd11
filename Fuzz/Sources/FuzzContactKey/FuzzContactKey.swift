// libFuzzer target: the contact key (`Contact.emailKey`, `Contact.phoneKey`,
// Core/Bookings/Contact+Keys.swift), the one rule the per-contact limit
// counts by. The input is read twice: as text, given to the normalisers as
// it is; and as choices, from which a mailbox and a German phone number are
// built together with spellings of each that name the same mailbox or
// number (case, full-width and other NFKC-equivalent letters, +tags, dots
// at gmail, googlemail for gmail, quotes, surrounding spaces; +49, 0049, 0,
// (0), the trunk 0 after +49, separators).
//
// Properties checked:
//   1. Normalising is idempotent: the normal form of a normal form is itself,
//      for the raw input and for every generated spelling.
//   2. Every generated spelling of a mailbox gives the mailbox's key, and
//      every spelling of a number the number's key: no two keys for one
//      mailbox or one number.
//   3. A key is a key of something: `e:` or `p:` and its normal form.
import Core

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzContactKey(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let text = String(decoding: bytes, as: UTF8.self)
    checkIdempotent(text)

    var choices = Choices(bytes)
    let mailbox = Mailbox(&choices)
    if let key = Contact.emailKey(mailbox.plain) {
        check(key == "e:" + Contact.normalisedEmail(mailbox.plain)!, "key \(key) of \(mailbox.plain.debugDescription)")
        for _ in 0..<8 {
            let spelling = mailbox.spelling(&choices)
            checkIdempotent(spelling)
            check(Contact.emailKey(spelling) == key,
                  "\(spelling.debugDescription) has key \(String(describing: Contact.emailKey(spelling))), "
                  + "\(mailbox.plain.debugDescription) has \(key)")
        }
    }

    let number = PhoneNumber(&choices)
    let key = Contact.phoneKey("+49" + number.national)
    check(key == "p:+49" + number.national, "\(number.national) has key \(String(describing: key))")
    for _ in 0..<8 {
        let spelling = number.spelling(&choices)
        checkIdempotent(spelling)
        check(Contact.phoneKey(spelling) == key,
              "\(spelling.debugDescription) has key \(String(describing: Contact.phoneKey(spelling))), not \(key!)")
    }
    return 0
}

func checkIdempotent(_ text: String) {
    if let once = Contact.normalisedEmail(text) {
        let twice = Contact.normalisedEmail(once)
        check(twice == once, "e-mail \(text.debugDescription) → \(once.debugDescription) → \(String(describing: twice))")
    }
    if let once = Contact.normalisedPhone(text) {
        let twice = Contact.normalisedPhone(once)
        check(twice == once, "phone \(text.debugDescription) → \(once.debugDescription) → \(String(describing: twice))")
    }
}

func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError("property broken: \(message())") }
}

/// The input's bytes as a stream of choices; zeros once it runs out.
struct Choices {
    private var bytes: ArraySlice<UInt8>

    init(_ bytes: [UInt8]) { self.bytes = bytes[...] }

    mutating func byte() -> UInt8 { bytes.popFirst() ?? 0 }

    /// A number in `0..<count`.
    mutating func below(_ count: Int) -> Int { Int(byte()) % count }

    mutating func flip() -> Bool { byte() & 1 == 1 }

    mutating func pick<T>(_ options: [T]) -> T { options[below(options.count)] }
}

/// A mailbox in its plain spelling: lower-case ASCII letters, digits, `_`
/// and `-` in the local part (a dot only where it counts), one of a few domains.
struct Mailbox {
    let local: String
    let domain: String

    static let domains = ["example.de", "gmail.com", "googlemail.com", "web.de", "bremerhaven.de", "sub.example.org",
                          "müller.example", "straße.example"]
    static let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789_-")

    init(_ choices: inout Choices) {
        var local = ""
        for index in 0..<(1 + choices.below(12)) {
            // A single dot between letters, never at gmail (there it would not count anyway).
            if index > 0, choices.below(8) == 0, !local.hasSuffix(".") { local.append(".") }
            local.append(choices.pick(Self.alphabet))
        }
        let domain = choices.pick(Self.domains)
        self.local = domain.hasSuffix("mail.com") ? local.filter { $0 != "." } : local
        self.domain = domain
    }

    var plain: String { local + "@" + domain }

    /// Another spelling of the same mailbox, with changes chosen by the input.
    func spelling(_ choices: inout Choices) -> String {
        var local = self.local
        var domain = self.domain
        let gmail = domain == "gmail.com" || domain == "googlemail.com"
        if gmail, choices.flip() { domain = domain == "gmail.com" ? "googlemail.com" : "gmail.com" }
        if gmail, choices.flip() {
            var dotted = ""
            for character in local {
                dotted.append(character)
                if choices.below(3) == 0 { dotted.append(".") }
            }
            local = dotted
        }
        if choices.flip() {
            local += "+" + String((0..<choices.below(6)).map { _ in choices.pick(Self.alphabet) })
        }
        var address = (choices.below(4) == 0 ? "\"" + local + "\"" : local) + "@" + domain
        address = String(address.map { character in Self.lookalike(character, &choices) }.joined())
        if choices.flip() { address = choices.pick([" ", "  ", "\t", "\u{3000}", "\u{A0}"]) + address }
        if choices.flip() { address += choices.pick([" ", "\t", "\u{3000}", "\n"]) }
        return address
    }

    /// The character as it is, upper-cased, or a compatibility equivalent.
    static func lookalike(_ character: Character, _ choices: inout Choices) -> String {
        let scalar = character.unicodeScalars.first!
        switch choices.below(6) {
        case 1: return character.uppercased()
        case 2 where (0x21...0x7E).contains(scalar.value):
            // Full-width forms U+FF01–U+FF5E.
            return String(Character(Unicode.Scalar(scalar.value - 0x21 + 0xFF01)!))
        case 3 where ("a"..."z").contains(scalar):
            // Mathematical bold small letters.
            return String(Character(Unicode.Scalar(scalar.value - 0x61 + 0x1D41A)!))
        case 4 where ("a"..."z").contains(scalar):
            // Circled small letters.
            return String(Character(Unicode.Scalar(scalar.value - 0x61 + 0x24D0)!))
        case 5 where character == "ü": return "u\u{308}"
        default: return String(character)
        }
    }
}

/// A German number, written without the country code's 0: area code and
/// subscriber, 5 to 13 digits, not starting with 0.
struct PhoneNumber {
    let national: String

    init(_ choices: inout Choices) {
        var digits = String(1 + choices.below(9))
        for _ in 0..<(4 + choices.below(9)) { digits += String(choices.below(10)) }
        national = digits
    }

    func spelling(_ choices: inout Choices) -> String {
        let prefix = choices.pick(["0", "+49", "0049", "+49 (0)", "+490", "+49 0", "0049 0", "+49-", "+49 (0) "])
        var body = ""
        for (index, digit) in national.enumerated() {
            if index > 0, choices.below(4) == 0 { body += choices.pick([" ", "-", "/", " - ", "."]) }
            body.append(digit)
        }
        // Brackets round the area code, as in "(0471) 123456", only after a bare 0.
        if prefix == "0", choices.below(4) == 0 { return "(0" + body.prefix(3) + ") " + body.dropFirst(3) }
        var number = prefix + body
        if choices.flip() { number = " " + number + " " }
        return number
    }
}
