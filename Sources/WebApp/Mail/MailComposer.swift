import Core
import Foundation
import Mail
import Scheduling
import Templating

/// Turns an outbox row into the e-mail a transport sends: the texts of the
/// message's language, its facts looked up in the catalogue of the moment,
/// a plain-text body (`Templates/mail/<kind>.text`) and its HTML
/// alternative (`Templates/mail/<kind>.html`, in `mail/layout`), attachments
/// where the kind has them. The subject is the i18n text
/// `mail.<kind>.subject` and, by rule, names nothing personal beyond the
/// office and the date. Every kind has its composition in a file of its
/// own (`MailComposer+Booking`, …); this file holds what they share.
struct MailComposer: Sendable {
    let templates: TemplateLibrary
    let translations: Translations
    /// The `From` of every message; its domain ends every `Message-ID`.
    let sender: MailAddress
    /// The base of every link in a message.
    let publicURL: PublicURL
    let catalogue: @Sendable () throws -> Catalogue

    /// What a kind's composition decides: the values its templates and
    /// subject are filled with, and what goes with them.
    struct Composition {
        /// Values for the subject text (`{office}`, `{date}`).
        var subjectValues: [String: String]
        /// The context of both templates (the texts of the language are added as `t`).
        var values: TemplateValue
        var attachments: [MailAttachment] = []
        /// Where a reply goes: the office's mailbox, for a citizen's message.
        var replyTo: MailAddress?
    }

    /// A message the outbox holds but cannot be written (its office gone
    /// from the catalogue, say): given up, as a transport's permanent failure is.
    struct Uncomposable: Error, CustomStringConvertible {
        let description: String
    }

    func compose(_ message: OutboxMessage, at now: Instant) throws -> MailMessage {
        let texts = translations[message.language]
        let composition = try composition(of: message, texts: texts, catalogue: try catalogue())
        let name = "mail/\(message.kind.rawValue)"
        let subject = texts.format(name.replacingOccurrences(of: "/", with: ".") + ".subject", composition.subjectValues)
        var values = composition.values
        values.set("t", texts.templateValue)
        values.set("language", .string(texts.language))
        values.set("subject", .string(subject))
        return try MailMessage(
            from: sender, to: [try MailAddress(message.recipient, header: "To")], replyTo: composition.replyTo,
            subject: subject, messageID: "\(message.messageID)@\(sender.domain)",
            date: Date(timeIntervalSince1970: TimeInterval(now.secondsSinceEpoch)),
            // RFC 3834: no vacation replies to an automatic message.
            headers: [try MailHeader("Auto-Submitted", "auto-generated"), try MailHeader("Content-Language", message.language)],
            text: try templates.renderString(name + TemplateLibrary.plainTextSuffix, values),
            html: try templates.renderString(name, values),
            attachments: composition.attachments)
    }

    private func composition(of message: OutboxMessage, texts: TextCatalogue, catalogue: Catalogue) throws -> Composition {
        switch message.kind {
        case .confirmation: try confirmation(message, texts: texts, catalogue: catalogue)
        case .optIn: try optIn(message, texts: texts, catalogue: catalogue)
        case .affected: try affected(message, texts: texts, catalogue: catalogue)
        case .bookingLinks: try bookingLinks(message, texts: texts, catalogue: catalogue)
        case .officeMemo, .officeCallback: try officeItem(message, texts: texts, catalogue: catalogue)
        case .reminder, .moved, .cancelled:
            throw Uncomposable(description: "no composition for \(message.kind.rawValue) messages yet")
        }
    }
}
