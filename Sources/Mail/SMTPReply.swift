/// A server's reply: its three-digit code and its text, the lines of a
/// multi-line reply (`250-…`, `250 …`) joined.
struct SMTPReply {
    let code: Int
    let lines: [String]

    var text: String { "\(code) " + lines.joined(separator: " / ") }

    /// Reads one reply, refusing what is not one (RFC 5321 §4.2): a line
    /// without its code, codes that change within a reply, more than 100 lines.
    static func read(from connection: SMTPConnection, timeout: Double) throws(MailDeliveryError) -> SMTPReply {
        let deadline = Deadline(seconds: timeout)
        var lines: [String] = [], code: Int?
        while lines.count < 100 {
            let line = try connection.readLine(until: deadline)
            let utf8 = Array(line.utf8)
            guard utf8.count >= 3, let lineCode = Int(String(decoding: utf8[..<3], as: UTF8.self)),
                  (200...599).contains(lineCode), code == nil || code == lineCode,
                  utf8.count == 3 || utf8[3] == UInt8(ascii: " ") || utf8[3] == UInt8(ascii: "-")
            else { throw .temporary("not an SMTP reply: \(line.prefix(80).debugDescription)") }
            code = lineCode
            lines.append(String(decoding: utf8.dropFirst(4), as: UTF8.self))
            if utf8.count == 3 || utf8[3] == UInt8(ascii: " ") { return SMTPReply(code: lineCode, lines: lines) }
        }
        throw .temporary("an SMTP reply of more than 100 lines")
    }

    /// A reply other than the one expected, as the delivery worker reads
    /// it: 5xx permanent, anything else (4xx, a reply out of place) temporary.
    func failure(to command: String) -> MailDeliveryError {
        let reason = "the server answered \(text) to \(command)"
        return (500...599).contains(code) ? .permanent(reason) : .temporary(reason)
    }
}
