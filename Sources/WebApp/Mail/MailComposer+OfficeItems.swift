import Core
import Mail
import Scheduling
import Templating

/// A callback request or a memo an agent filed, for the office's mailbox:
/// who called, how to reach them, what about, when they would like the
/// call, who took it, and the link to the item on the staff inbox page,
/// where it is marked done.
extension MailComposer {
    func officeItem(_ message: OutboxMessage, texts: TextCatalogue, catalogue: Catalogue) throws -> Composition {
        let facts = message.facts
        guard let officeId = message.officeId, let setup = catalogue.setup(officeId), let itemId = facts.itemId else {
            throw Uncomposable(description: "an office message without its office or item")
        }
        let format = CitizenFormat(texts: texts, zone: setup.timeZone)
        let inbox: OfficeInbox.Kind = message.kind == .officeCallback ? .callbacks : .memos
        var preferred: String?
        if let from = facts.preferredFrom, let to = facts.preferredTo {
            preferred = format.dateAndTime(Instant(secondsSinceEpoch: from)) + " – "
                + format.time(Instant(secondsSinceEpoch: to))
        }
        let values: TemplateValue = [
            "officeName": .string(setup.office.name),
            "callerName": TemplateValue(facts.callerName),
            "callerPhone": TemplateValue(facts.callerPhone),
            "service": TemplateValue(facts.serviceId.flatMap { catalogue.service(ServiceID(rawValue: $0))?.texts(in: texts.language).name }),
            "topic": TemplateValue(facts.topic),
            "note": TemplateValue(facts.note),
            "preferred": TemplateValue(preferred),
            "createdBy": TemplateValue(facts.createdBy),
            "filed": .string(format.dateAndTime(message.createdAt)),
            "itemLink": .string(publicURL.link(Pages.officeInboxPath(officeId, inbox) + "#note-\(itemId)")),
        ]
        return Composition(subjectValues: ["office": setup.office.name, "date": format.date(of: message.createdAt)], values: values)
    }
}
