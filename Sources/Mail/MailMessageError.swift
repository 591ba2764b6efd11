/// Why a message could not be made. Each case names the header the bad
/// value would have reached, so the caller can say which field to fix.
public enum MailMessageError: Error, Equatable, Sendable {
    /// A CR, LF or other control character (or a Unicode line or paragraph
    /// separator) in a value bound for `header`: refused, never stripped, so
    /// nobody can add a header or a body of their own through a field.
    case controlCharacter(header: String)
    /// Not a mailbox `local@domain` by RFC 5321 (ASCII dot-atom local part,
    /// host-name domain).
    case invalidAddress(header: String, address: String)
    /// No `To` address at all.
    case noRecipient
    /// A `Message-ID` that is not `left@right` of visible ASCII without
    /// angle brackets, spaces or a second `@`.
    case invalidMessageID(String)
    /// An extra header whose name is not 1–76 visible ASCII characters
    /// without a colon.
    case invalidHeaderName(String)
    /// An extra header the message writes itself (`From`, `Content-Type`, …).
    case reservedHeader(String)
    /// An attachment's content type that is not `type/subtype` with
    /// optional `; name=value` parameters of ASCII tokens.
    case invalidContentType(String)
}

extension MailMessageError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .controlCharacter(let header): "\(header): contains a line break or another control character"
        case .invalidAddress(let header, let address): "\(header): \(address.debugDescription) is not an e-mail address"
        case .noRecipient: "To: at least one recipient is needed"
        case .invalidMessageID(let id): "Message-ID: \(id.debugDescription) is not left@right"
        case .invalidHeaderName(let name): "\(name.debugDescription) is not a header name"
        case .reservedHeader(let name): "\(name): is written by the message itself"
        case .invalidContentType(let type): "Content-Type: \(type.debugDescription) is not type/subtype"
        }
    }
}
