import Core
import Mail
import Scheduling
import Templating

/// The messages about one booking: what they all show of it (when, where,
/// for what, what to bring, what it costs, its manage link), and each
/// kind's own part.
extension MailComposer {
    /// A booking as its messages show it: the template values, the office's
    /// setup, and the date in words (for the subject).
    struct BookingView {
        var values: TemplateValue
        let setup: OfficeSetup
        let date: String
    }

    /// The booking as every message about it shows it, in the office's
    /// local time and the message's language.
    func bookingView(_ facts: MessageFacts.BookingFacts, texts: TextCatalogue, catalogue: Catalogue) throws -> BookingView {
        guard let code = BookingCode(parsing: facts.code), let setup = catalogue.setup(OfficeID(rawValue: facts.officeId)) else {
            throw Uncomposable(description: "booking \(facts.code) at an office the catalogue no longer has")
        }
        let format = CitizenFormat(texts: texts, zone: setup.timeZone)
        let start = Instant(secondsSinceEpoch: facts.start)
        let lines = facts.services.map { RequestedService(serviceId: ServiceID(rawValue: $0.id), quantity: $0.quantity) }
        let documents = catalogue.documents(for: lines.map(\.serviceId), in: texts.language)
        let fee = lines.reduce(0) { sum, line in sum + (catalogue.service(line.serviceId)?.feeCents ?? 0) * line.quantity }
        var values: TemplateValue = [
            "code": .string(code.value),
            "name": .string(facts.name),
            "when": .string(format.dateAndTime(start)),
            "date": .string(format.date(of: start)),
            "time": .string(format.time(start)),
            "officeName": .string(setup.office.name),
            "address": .string(Pages.address(setup.office, at: setup.location(at: start))),
            "services": TemplateValue(lines) { line in
                let name = catalogue.service(line.serviceId)?.texts(in: texts.language).name ?? line.serviceId.rawValue
                return .string(line.quantity > 1
                               ? texts.format("appointment.serviceTimes", ["service": name, "count": String(line.quantity)]) : name)
            },
            "documents": TemplateValue(documents) { .string($0) },
            "hasDocuments": .bool(!documents.isEmpty),
            "fee": .string(format.fee(cents: fee)),
        ]
        if let token = facts.manageToken {
            values.set("manageLink", .string(publicURL.link(Pages.manageLink(code, token: token))))
        }
        return BookingView(values: values, setup: setup, date: format.date(of: start))
    }

    /// The booking as a calendar entry, attached as `termin.ics`.
    func calendarAttachment(_ facts: MessageFacts.BookingFacts, setup: OfficeSetup, language: String, catalogue: Catalogue,
                            cancelled: Bool, stamp: Instant) throws -> MailAttachment {
        let start = Instant(secondsSinceEpoch: facts.start)
        var calendar = ICalendar(zone: setup.timeZone, name: setup.office.name)
        calendar.events = [BookingCalendar.event(
            code: BookingCode(parsing: facts.code)!, officeId: setup.office.id,
            services: facts.services.map { RequestedService(serviceId: ServiceID(rawValue: $0.id), quantity: $0.quantity) },
            start: start, end: Instant(secondsSinceEpoch: facts.end), location: setup.location(at: start),
            cancelled: cancelled, catalogue: catalogue, language: language, stamp: stamp)]
        return try MailAttachment(filename: "termin.ics", contentType: "text/calendar; method=PUBLISH; charset=utf-8",
                                  data: Array(calendar.render().utf8))
    }

    /// The booking, its manage link and its calendar entry.
    func confirmation(_ message: OutboxMessage, texts: TextCatalogue, catalogue: Catalogue) throws -> Composition {
        guard let facts = message.facts.booking else { throw Uncomposable(description: "a confirmation without its booking") }
        let view = try bookingView(facts, texts: texts, catalogue: catalogue)
        let setup = view.setup
        return Composition(
            subjectValues: ["office": setup.office.name, "date": view.date],
            values: view.values,
            attachments: [try calendarAttachment(facts, setup: setup, language: message.language, catalogue: catalogue,
                                                 cancelled: false, stamp: message.createdAt)],
            replyTo: try replyTo(setup))
    }

    /// Where a citizen's reply goes: the office's mailbox, if it has one.
    func replyTo(_ setup: OfficeSetup) throws -> MailAddress? {
        try setup.office.mailbox.map { try MailAddress($0, name: setup.office.name, header: "Reply-To") }
    }
}
