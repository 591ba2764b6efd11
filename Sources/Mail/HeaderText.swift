/// The one rule for what may reach a header: no control character (C0, DEL,
/// C1, tab included) and no Unicode line or paragraph separator. Every value
/// of a `MailMessage` that ends up in a header is checked with it when the
/// message is made.
enum HeaderText {
    static func check(_ value: String, header: String) throws(MailMessageError) {
        if value.unicodeScalars.contains(where: isForbidden) { throw .controlCharacter(header: header) }
    }

    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }
}
