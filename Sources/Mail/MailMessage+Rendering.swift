import Foundation

/// A message as RFC 5322 and MIME bytes: CRLF line ends, lines of at most
/// 76 columns (a long ASCII word in a header excepted, 998 octets at most),
/// ASCII only (headers encoded per RFC 2047, bodies quoted-printable,
/// attachments base64), so it passes any server without 8BITMIME or
/// SMTPUTF8. The same message always gives the same bytes: the boundaries
/// are fixed, and `=_` can occur in neither encoding, so no body can
/// contain one.
extension MailMessage {
    public func rendered() -> [UInt8] {
        var head = HeaderEncoding.addressLine("From", [from])
        head += HeaderEncoding.addressLine("To", to)
        if let replyTo { head += HeaderEncoding.addressLine("Reply-To", [replyTo]) }
        head += HeaderEncoding.line("Subject", HeaderEncoding.unstructured(subject))
        head += "Date: " + Self.rfc5322Date(date) + "\r\n"
        head += "Message-ID: <" + messageID + ">\r\n"
        for header in headers { head += HeaderEncoding.line(header.name, HeaderEncoding.unstructured(header.value)) }
        head += "MIME-Version: 1.0\r\n"
        return Array((head + body()).utf8)
    }

    /// The message in the local form of a file or a pipe: LF line ends
    /// (Maildir, `sendmail`). Lossless: no header or encoded body holds a
    /// CR of its own.
    public func renderedWithLineFeeds() -> [UInt8] {
        rendered().filter { $0 != UInt8(ascii: "\r") }
    }

    /// The Content-* headers and the body after them. Parts end without a
    /// line end of their own: the CRLF before a boundary belongs to the
    /// boundary, so a part's text reads back exactly as given.
    private func body() -> String {
        let texts = html.map { html in
            multipart("alternative", depth: 1, [textPart("plain", text), textPart("html", html)])
        } ?? textPart("plain", text)
        guard !attachments.isEmpty else { return texts.hasSuffix("\r\n") ? texts : texts + "\r\n" }
        return multipart("mixed", depth: 0, [texts] + attachments.map(attachmentPart))
    }

    private func textPart(_ subtype: String, _ content: String) -> String {
        "Content-Type: text/\(subtype); charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            + QuotedPrintable.encode(content)
    }

    private func attachmentPart(_ attachment: MailAttachment) -> String {
        let encoded = Data(attachment.data).base64EncodedString(
            options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return "Content-Type: " + attachment.contentType + "\r\nContent-Transfer-Encoding: base64\r\n"
            + "Content-Disposition: attachment;" + Self.filenameParameter(attachment.filename) + "\r\n\r\n"
            + encoded
    }

    /// Parts of one multipart, each beginning with its own Content-Type.
    private func multipart(_ subtype: String, depth: Int, _ parts: [String]) -> String {
        let boundary = "=_terminbuch_\(depth)"
        return "Content-Type: multipart/\(subtype); boundary=\"\(boundary)\"\r\n\r\n"
            + parts.map { "--" + boundary + "\r\n" + $0 + "\r\n" }.joined() + "--" + boundary + "--\r\n"
    }

    /// `filename="termin.ics"` on a line of its own, or for a name that is
    /// not short plain ASCII RFC 2231's `filename*0*=utf-8''…`, continued
    /// (`filename*1*=…`) so that no line passes 76 columns.
    private static func filenameParameter(_ name: String) -> String {
        if name.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }), name.utf8.count <= 60 {
            return "\r\n filename=\"" + name + "\""
        }
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
        var pieces = ["utf-8''"]
        for byte in name.utf8 {
            let encoded = unreserved.contains(byte) ? String(UnicodeScalar(byte)) : String(format: "%%%02X", byte)
            if pieces[pieces.count - 1].utf8.count + encoded.utf8.count > 56 { pieces.append("") }
            pieces[pieces.count - 1] += encoded
        }
        return pieces.enumerated().map { "\r\n filename*\($0.offset)*=" + $0.element }.joined(separator: ";")
    }

    /// `Tue, 01 Dec 2026 20:30:17 +0000` (RFC 5322 §3.3), always in UTC.
    static func rfc5322Date(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down)), parts = tm()
        gmtime_r(&seconds, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return days[Int(parts.tm_wday)] + String(format: ", %02d ", parts.tm_mday) + months[Int(parts.tm_mon)]
            + String(format: " %04d %02d:%02d:%02d +0000", parts.tm_year + 1900, parts.tm_hour, parts.tm_min, parts.tm_sec)
    }
}
