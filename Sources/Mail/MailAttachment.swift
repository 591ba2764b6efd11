/// A file sent with a message: the appointment's `.ics` as
/// `text/calendar; method=PUBLISH; charset=utf-8`, say. Sent base64-encoded
/// as `Content-Disposition: attachment`.
public struct MailAttachment: Hashable, Sendable {
    /// Any Unicode without control characters; RFC 2231-encoded where it is
    /// not plain ASCII.
    public let filename: String
    /// `type/subtype` with optional `; name=value` parameters.
    public let contentType: String
    public let data: [UInt8]

    public init(filename: String, contentType: String, data: [UInt8]) throws(MailMessageError) {
        try HeaderText.check(filename, header: "Content-Disposition")
        try HeaderText.check(contentType, header: "Content-Type")
        guard Self.isContentType(contentType) else { throw .invalidContentType(contentType) }
        self.filename = filename
        self.contentType = contentType
        self.data = data
    }

    /// RFC 2045 §5.1: `type/subtype *(";" attribute "=" value)`, the value a
    /// token or a quoted string without quotes or backslashes inside.
    private static func isContentType(_ text: String) -> Bool {
        let pieces = text.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingSpaces() }
        let type = pieces[0].split(separator: "/", omittingEmptySubsequences: false)
        guard type.count == 2, type.allSatisfy(isToken) else { return false }
        return pieces.dropFirst().allSatisfy { parameter in
            let pair = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2, isToken(pair[0]) else { return false }
            let value = pair[1]
            if value.count >= 2, value.first == "\"", value.last == "\"" {
                return value.dropFirst().dropLast().utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }
            }
            return isToken(value)
        }
    }

    private static func isToken(_ text: Substring) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && !"()<>@,;:\\\"/[]?=".utf8.contains($0) }
    }
}

private extension StringProtocol {
    func trimmingSpaces() -> Substring {
        var text = self[...]
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return Substring(text)
    }
}
