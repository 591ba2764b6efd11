import Core
import Mail
import Scheduling
import Templating

/// The double opt-in's message (docs/mail.md): the booking as every
/// message shows it, the link that confirms it and the deadline in words.
/// No manage link and no calendar entry: a booking that may still lapse
/// is not yet one to put in a calendar; both come with the confirmation
/// written once it is confirmed (`Bookings.confirm`).
extension MailComposer {
    func optIn(_ message: OutboxMessage, texts: TextCatalogue, catalogue: Catalogue) throws -> Composition {
        guard let facts = message.facts.booking, let token = message.facts.confirmToken, let confirmBy = message.facts.confirmBy,
              let code = BookingCode(parsing: facts.code) else {
            throw Uncomposable(description: "an opt-in without its booking, token or deadline")
        }
        var view = try bookingView(facts, texts: texts, catalogue: catalogue)
        let deadline = Instant(secondsSinceEpoch: confirmBy)
        let minutes = max(1, (confirmBy - message.createdAt.secondsSinceEpoch) / 60)
        let when = CitizenFormat(texts: texts, zone: view.setup.timeZone).dateAndTime(deadline)
        // The language goes with the link, so its pages answer in the message's.
        view.values.set("confirmLink", .string(publicURL.link(
            PageLink.make(Pages.optInPath(code), [("token", token), ("lang", message.language)]))))
        view.values.set("intro", .string(texts.format("mail.optIn.intro", ["minutes": String(minutes), "when": when])))
        return Composition(subjectValues: ["office": view.setup.office.name, "date": view.date], values: view.values,
                           replyTo: try replyTo(view.setup))
    }
}
