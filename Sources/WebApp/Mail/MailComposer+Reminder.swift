import Core
import Mail
import Scheduling
import Templating

extension MailComposer {
    /// The day before: the appointment, what to bring, and a link straight
    /// to the question whether to cancel, so that a citizen who cannot come
    /// gives the time back to someone else.
    func reminder(_ message: OutboxMessage, texts: TextCatalogue, catalogue: Catalogue) throws -> Composition {
        guard let facts = message.facts.booking else { throw Uncomposable(description: "a reminder without its booking") }
        var view = try bookingView(facts, texts: texts, catalogue: catalogue)
        if let code = BookingCode(parsing: facts.code), let token = facts.manageToken {
            view.values.set("cancelLink", .string(publicURL.link(Pages.cancelLink(code, token: token))))
        }
        return Composition(subjectValues: ["office": view.setup.office.name, "date": view.date], values: view.values,
                           replyTo: try officeMailbox(view.setup))
    }
}
