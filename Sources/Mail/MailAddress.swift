/// A mailbox and, optionally, the name shown with it: `Bürgerbüro Mitte
/// <termine@bremerhaven.de>`.
///
/// The mailbox is checked by RFC 5321's `Mailbox` with a dot-string local
/// part (`erika.mustermann+termin`) and a host-name domain: what SMTP can
/// carry without SMTPUTF8, and all a header needs no quoting for. Quoted
/// local parts, address literals and non-ASCII addresses are refused: the
/// mail could not be sent as written, so the caller hears so when the
/// message is made, not from a server later.
public struct MailAddress: Hashable, Sendable {
    /// `local@domain`, as given.
    public let mailbox: String
    /// The display name, any Unicode but no control character.
    public let name: String?

    /// What follows the `@`: the domain a `Message-ID` of this sender ends in.
    public var domain: Substring { mailbox[mailbox.index(after: mailbox.lastIndex(of: "@")!)...] }

    /// - Parameter header: the header the address is for, named in the error.
    public init(_ mailbox: String, name: String? = nil, header: String = "address") throws(MailMessageError) {
        try HeaderText.check(mailbox, header: header)
        if let name { try HeaderText.check(name, header: header) }
        guard Self.isMailbox(mailbox) else { throw .invalidAddress(header: header, address: mailbox) }
        self.mailbox = mailbox
        self.name = name.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// RFC 5321 §4.1.2 and the limits of §4.5.3.1: a local part of at most
    /// 64 octets, labels of at most 63, a path of at most 254.
    static func isMailbox(_ text: String) -> Bool {
        let utf8 = Array(text.utf8)
        guard utf8.count <= 254, let at = utf8.lastIndex(of: UInt8(ascii: "@")) else { return false }
        let local = utf8[..<at], domain = utf8[(at + 1)...]
        return (1...64).contains(local.count) && isDotString(local) && isDomain(domain)
    }

    private static func isDotString(_ bytes: ArraySlice<UInt8>) -> Bool {
        let atoms = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return atoms.allSatisfy { !$0.isEmpty && $0.allSatisfy(isAtext) }
    }

    private static func isDomain(_ bytes: ArraySlice<UInt8>) -> Bool {
        let labels = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return !bytes.isEmpty && labels.allSatisfy { label in
            (1...63).contains(label.count) && label.allSatisfy { isLetDig($0) || $0 == UInt8(ascii: "-") }
                && label.first != UInt8(ascii: "-") && label.last != UInt8(ascii: "-")
        }
    }

    static func isLetDig(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
    }

    /// RFC 5322 `atext`: letters, digits and ``!#$%&'*+-/=?^_`{|}~``.
    static func isAtext(_ byte: UInt8) -> Bool {
        isLetDig(byte) || "!#$%&'*+-/=?^_`{|}~".utf8.contains(byte)
    }
}
