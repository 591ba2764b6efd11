import Core
import Mail
import Scheduling
import Templating

/// The booking a closure, a capacity change or a catalogue change no
/// longer fits: why (and the reason staff gave for a closure), and the
/// manage link to choose a new time or cancel.
extension MailComposer {
    func affected(_ message: OutboxMessage, texts: TextCatalogue, catalogue: Catalogue) throws -> Composition {
        guard let facts = message.facts.booking, let cause = message.facts.cause else {
            throw Uncomposable(description: "an affected message without its booking or cause")
        }
        let view = try bookingView(facts, texts: texts, catalogue: catalogue)
        var values = view.values
        values.set("cause", .string(texts.text("mail.affected.cause.\(cause)")))
        values.set("reason", TemplateValue(message.facts.reason))
        let setup = view.setup
        return Composition(
            subjectValues: ["office": setup.office.name, "date": view.date], values: values,
            replyTo: try setup.office.mailbox.map { try MailAddress($0, name: setup.office.name, header: "Reply-To") })
    }
}
