/// RFC 2045 §6.7 quoted-printable, for the text and HTML bodies: readable
/// where the text is ASCII, exact for any UTF-8, lines of at most 76
/// columns ended by CRLF whatever the text's own line ends were.
enum QuotedPrintable {
    static func encode(_ text: String) -> String {
        let lines = text.replacing("\r\n", with: "\n").replacing("\r", with: "\n")
            .utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + text.utf8.count / 8)
        for (index, line) in lines.enumerated() {
            if index > 0 { output += [0x0D, 0x0A] }
            encodeLine(line, into: &output)
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// One line of text, soft-broken (`=` at the end) before column 76.
    private static func encodeLine(_ bytes: Substring.UTF8View.SubSequence, into output: inout [UInt8]) {
        var column = 0
        let end = bytes.count - 1
        for (offset, byte) in bytes.enumerated() {
            let last = offset == end
            let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "="))
                || ((byte == 0x20 || byte == 0x09) && !last)
            let width = literal ? 1 : 3
            // Room for the piece and, unless it ends the line, a soft break.
            if column + width > (last ? 76 : 75) {
                output += [UInt8(ascii: "="), 0x0D, 0x0A]
                column = 0
            }
            if literal {
                output.append(byte)
            } else {
                output += [UInt8(ascii: "="), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
            }
            column += width
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)
}
