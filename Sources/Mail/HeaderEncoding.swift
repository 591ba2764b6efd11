import Foundation

/// How values become header lines: words of plain ASCII as they are, the
/// rest as RFC 2047 encoded words (`=?UTF-8?B?…?=`, whole characters in
/// each), folded between words so a line stays within 76 columns (RFC
/// 2047's limit for a line with encoded words) unless one ASCII word is
/// longer, and always under 998.
enum HeaderEncoding {
    /// `Name: word word…` folded before a word that would pass column 76.
    /// Only a structured header (`addressLine`) folds before its first word:
    /// in unstructured text that fold would read as a leading space.
    static func line(_ name: String, _ words: [String], structured: Bool = false) -> String {
        var line = name + ":", column = line.utf8.count
        for (index, word) in words.enumerated() {
            if column + 1 + word.utf8.count > 76 && (index > 0 || structured) {
                line += "\r\n"
                column = 0
            }
            line += " " + word
            column += 1 + word.utf8.count
        }
        return line + "\r\n"
    }

    /// An address header: `To: Name <local@domain>, …`.
    static func addressLine(_ name: String, _ list: [MailAddress]) -> String {
        line(name, addresses(list), structured: true)
    }

    /// Unstructured text (a subject): its words when it is printable ASCII
    /// that no decoder could take for an encoded word, else encoded words.
    static func unstructured(_ text: String) -> [String] {
        let words = text.split(separator: " ").map(String.init)
        if isPlain(text), words.allSatisfy({ $0.utf8.count <= 900 }) { return words }
        // 30 bytes a word (52 columns): the first fits after a name of 22.
        return encodedWords(text, bytes: 30)
    }

    /// A display name: atoms as they are, other ASCII as one quoted string,
    /// anything else as encoded words (RFC 2047 §5(3)) of 45 bytes (72
    /// columns), so a name of up to 45 bytes is one word: Python's email
    /// package, for one, reads the space between two encoded words of a
    /// name as part of it, which RFC 2047 says to drop.
    static func phrase(_ text: String) -> [String] {
        if isPlain(text), text.utf8.allSatisfy({ $0 == 0x20 || MailAddress.isAtext($0) }) {
            return text.split(separator: " ").map(String.init)
        }
        if isPlain(text), text.utf8.count <= 900 {
            return ["\"" + text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""]
        }
        return encodedWords(text, bytes: 45)
    }

    /// `Name <local@domain>` words, addresses separated by commas.
    private static func addresses(_ addresses: [MailAddress]) -> [String] {
        addresses.enumerated().flatMap { index, address in
            let mailbox = "<" + address.mailbox + ">" + (index < addresses.count - 1 ? "," : "")
            return (address.name.map(phrase) ?? []) + [mailbox]
        }
    }

    /// Base64 encoded words of at most `bytes` of UTF-8 each (4/3 as many
    /// columns of base64 and 12 of framing), never splitting a character.
    private static func encodedWords(_ text: String, bytes limit: Int) -> [String] {
        var words: [String] = [], chunk: [UInt8] = []
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > limit {
                words.append(encodedWord(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(encodedWord(chunk)) }
        return words
    }

    private static func encodedWord(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?" + Data(bytes).base64EncodedString() + "?="
    }

    /// Printable ASCII, and no `=?` that a decoder could take for the start
    /// of an encoded word.
    private static func isPlain(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } && !text.contains("=?")
    }
}
