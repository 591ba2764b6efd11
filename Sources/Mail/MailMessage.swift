import Foundation

/// One e-mail, checked when it is made: every value that reaches a header
/// is free of control characters (`HeaderText`), every address a mailbox
/// (`MailAddress`), the `Message-ID` well formed. A message that exists can
/// always be written (`rendered`), by any transport, as the same bytes.
///
///     let message = try MailMessage(
///         from: MailAddress("termine@bremerhaven.de", name: "Bürgerbüro Mitte", header: "From"),
///         to: [MailAddress("erika@example.de", name: "Erika Müller", header: "To")],
///         subject: "Ihr Termin am 3. Dezember",
///         messageID: "booking-K7M4QX9TD-confirmation@termine.bremerhaven.de",
///         date: now,
///         text: "Guten Tag …", html: "<p>Guten Tag …</p>",
///         attachments: [MailAttachment(filename: "termin.ics",
///                                      contentType: "text/calendar; method=PUBLISH; charset=utf-8", data: ics)])
public struct MailMessage: Sendable {
    public let from: MailAddress
    public let to: [MailAddress]
    public let replyTo: MailAddress?
    public let subject: String
    /// `left@right` without angle brackets, given by the caller so that a
    /// message sent again (after a crash, a retry) is recognisably the same.
    public let messageID: String
    public let date: Date
    /// Headers beyond those the message writes itself (`Auto-Submitted`, say).
    public let headers: [MailHeader]
    /// The plain-text body; line ends of any kind become CRLF.
    public let text: String
    /// An HTML alternative to `text`, if any (multipart/alternative).
    public let html: String?
    public let attachments: [MailAttachment]

    public init(from: MailAddress, to: [MailAddress], replyTo: MailAddress? = nil, subject: String,
                messageID: String, date: Date, headers: [MailHeader] = [], text: String, html: String? = nil,
                attachments: [MailAttachment] = []) throws(MailMessageError) {
        guard !to.isEmpty else { throw .noRecipient }
        try HeaderText.check(subject, header: "Subject")
        try HeaderText.check(messageID, header: "Message-ID")
        guard Self.isMessageID(messageID) else { throw .invalidMessageID(messageID) }
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
        self.messageID = messageID
        self.date = date
        self.headers = headers
        self.text = text
        self.html = html
        self.attachments = attachments
    }

    /// RFC 5322 `msg-id` without its brackets, kept to the common
    /// `dot-atom-text "@" dot-atom-text` form: visible ASCII, one `@`,
    /// none of `<>()[]\",;:` or spaces.
    private static func isMessageID(_ id: String) -> Bool {
        let parts = id.utf8.split(separator: UInt8(ascii: "@"), omittingEmptySubsequences: false)
        return id.utf8.count <= 250 && parts.count == 2 && parts.allSatisfy { part in
            !part.isEmpty && part.allSatisfy { $0 > 0x20 && $0 < 0x7F && !"<>()[]\\\",;:".utf8.contains($0) }
        }
    }
}
