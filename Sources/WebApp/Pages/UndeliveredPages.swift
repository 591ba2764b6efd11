import Core
import HTTPServer
import Scheduling
import Templating

/// `/dienst/{officeId}/nicht-zugestellt`: the office's e-mails that could
/// not be delivered, newest first — which message, when, about which
/// booking or item, to whom, and the mail server's last word — with the
/// booking's name and phone, so staff call instead. Read-only.
extension Pages {
    func registerUndeliveredPages(on builder: RouterBuilder) {
        officeGet(builder, "nicht-zugestellt") { page, context in
            let undelivered = try outbox.undelivered(office: context.office.id, for: context.account)
            let format = page.format(in: try zone(context.office.id))
            var values = officeValues(context, page, current: "nicht-zugestellt")
            values.set("rows", .list(undelivered.map { row in
                let message = row.message
                let booking = row.booking
                return [
                    "kind": .string(page.texts.text("undelivered.kind.\(message.kind.rawValue)")),
                    "when": .string(format.dateAndTime(message.createdAt)),
                    "code": TemplateValue(booking?.code.value),
                    "bookingWhen": TemplateValue(booking.map { format.dateAndTime($0.start) }),
                    "name": TemplateValue(booking?.contact.name ?? message.facts.callerName),
                    "phone": TemplateValue(booking?.contact.phone ?? message.facts.callerPhone),
                    "topic": TemplateValue(message.facts.topic),
                    "recipient": .string(message.recipient),
                    "reason": TemplateValue(message.lastError),
                ]
            }))
            values.set("hasRows", .bool(!undelivered.isEmpty))
            return try render("pages/office-undelivered", values, page,
                              here: Self.officePath(context.office.id, "nicht-zugestellt"))
        }
    }
}
