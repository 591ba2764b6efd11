import Core
import Mail
import Scheduling
import Templating

extension MailComposer {
    /// The booking is cancelled: which one, by whom, a link to book again,
    /// and its calendar entry as `STATUS:CANCELLED` under the same UID, so
    /// the citizen's calendar drops it.
    func cancelled(_ message: OutboxMessage, texts: TextCatalogue, catalogue: Catalogue) throws -> Composition {
        guard let facts = message.facts.booking else { throw Uncomposable(description: "a cancelled message without its booking") }
        var view = try bookingView(facts, texts: texts, catalogue: catalogue)
        view.values.set("intro", .string(changedBy(message, texts: texts)))
        let again = facts.services.first.map { Journey.path(ServiceID(rawValue: $0.id), .office) } ?? "/"
        view.values.set("bookAgainLink", .string(publicURL.link(PageLink.make(again, [("lang", message.language)]))))
        return Composition(
            subjectValues: ["office": view.setup.office.name, "date": view.date], values: view.values,
            attachments: [try calendarAttachment(facts, setup: view.setup, language: message.language, catalogue: catalogue,
                                                 cancelled: true, stamp: message.createdAt)],
            replyTo: try officeMailbox(view.setup))
    }
}
