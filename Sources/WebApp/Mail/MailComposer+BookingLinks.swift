import Core
import Mail
import Scheduling
import Templating

/// "Resend my links": every upcoming booking of the address, each with
/// its own freshly minted manage link.
extension MailComposer {
    func bookingLinks(_ message: OutboxMessage, texts: TextCatalogue, catalogue: Catalogue) throws -> Composition {
        guard let bookings = message.facts.bookings, let first = bookings.first else {
            throw Uncomposable(description: "booking links without bookings")
        }
        let views = try bookings.map { try bookingView($0, texts: texts, catalogue: catalogue) }
        let office = views[0].setup.office
        return Composition(
            subjectValues: ["office": office.name, "date": views[0].date],
            values: ["name": .string(first.name), "bookings": .list(views.map(\.values))],
            replyTo: try office.mailbox.map { try MailAddress($0, name: office.name, header: "Reply-To") })
    }
}
