/// RFC 2045 §6.7 quoted-printable, for the text and HTML bodies: readable
/// where the text is ASCII, exact for any UTF-8, lines of at most 76
/// columns ended by CRLF whatever the text's own line ends were.
enum QuotedPrintable {
    static func encode(_ text: String) -> String {
        let lines = text.replacing("\r\n", with: "\n").replacing("\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
        return lines.map { encodeLine(Array($0.utf8)) }.joined(separator: "\r\n")
    }

    /// One line of text, soft-broken (`=` at the end) before column 76.
    private static func encodeLine(_ bytes: [UInt8]) -> String {
        var output = "", column = 0
        for (index, byte) in bytes.enumerated() {
            let last = index == bytes.count - 1
            let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "="))
                || ((byte == 0x20 || byte == 0x09) && !last)
            let piece = literal ? String(UnicodeScalar(byte)) : hex(byte)
            // Room for the piece and, unless it ends the line, a soft break.
            if column + piece.utf8.count > (last ? 76 : 75) {
                output += "=\r\n"
                column = 0
            }
            output += piece
            column += piece.utf8.count
        }
        return output
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "=" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }
}
