import Core
import Mail
import Scheduling
import Templating

extension MailComposer {
    /// The booking at its new time: the time it had before, who moved it, a
    /// fresh manage link, and the calendar entry again under the same UID,
    /// so the citizen's calendar moves the appointment instead of adding one.
    func moved(_ message: OutboxMessage, texts: TextCatalogue, catalogue: Catalogue) throws -> Composition {
        guard let facts = message.facts.booking, let previousStart = message.facts.previousStart else {
            throw Uncomposable(description: "a moved message without its booking or its previous time")
        }
        var view = try bookingView(facts, texts: texts, catalogue: catalogue)
        let format = CitizenFormat(texts: texts, zone: view.setup.timeZone)
        view.values.set("previousWhen", .string(format.dateAndTime(Instant(secondsSinceEpoch: previousStart))))
        view.values.set("intro", .string(changedBy(message, texts: texts)))
        return Composition(
            subjectValues: ["office": view.setup.office.name, "date": view.date], values: view.values,
            attachments: [try calendarAttachment(facts, setup: view.setup, language: message.language, catalogue: catalogue,
                                                 cancelled: false, stamp: message.createdAt)],
            replyTo: try officeMailbox(view.setup))
    }
}
