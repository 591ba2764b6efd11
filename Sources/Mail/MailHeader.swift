/// An extra header of a message (`Auto-Submitted: auto-generated`). Its
/// value is unstructured text, encoded per RFC 2047 where it is not ASCII.
public struct MailHeader: Hashable, Sendable {
    public let name: String
    public let value: String

    /// Refuses a name that is not a field name, a header the message writes
    /// itself, and any control character in the value.
    public init(_ name: String, _ value: String) throws(MailMessageError) {
        guard (1...76).contains(name.utf8.count),
              name.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ":") })
        else { throw .invalidHeaderName(name) }
        guard !Self.written.contains(name.lowercased()) else { throw .reservedHeader(name) }
        try HeaderText.check(value, header: name)
        self.name = name
        self.value = value
    }

    /// What `MailMessage` writes from its own fields, and the envelope's
    /// headers a transport or server adds: one of each, never a second.
    private static let written: Set<String> = [
        "from", "to", "cc", "bcc", "reply-to", "subject", "message-id", "date", "sender",
        "mime-version", "content-type", "content-transfer-encoding", "content-disposition",
        "return-path", "received",
    ]
}
