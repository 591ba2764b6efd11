import Scheduling
import SQLite

/// The messages for an office's mailbox: a callback request or a memo an
/// agent filed, with what the agent wrote down, so the clerk has the
/// context before calling back. In German, the offices' language. An
/// office without a mailbox gets none: the item waits on its inbox page
/// (`/dienst/{office}/rueckrufe`, `/vermerke`) as it always did.
extension Store {
    func enqueueForOffice(_ db: Connection, _ callback: CallbackRequest, now: Instant) throws {
        var facts = MessageFacts()
        facts.itemId = callback.id
        facts.callerName = callback.name
        facts.callerPhone = callback.phone
        facts.serviceId = callback.serviceId?.rawValue
        facts.topic = callback.topic
        facts.note = callback.note.isEmpty ? nil : callback.note
        facts.preferredFrom = callback.preferredTime?.from.secondsSinceEpoch
        facts.preferredTo = callback.preferredTime?.to.secondsSinceEpoch
        facts.createdBy = callback.createdBy
        try enqueueForOffice(db, .officeCallback, office: callback.officeId, facts: facts, now: now)
    }

    func enqueueForOffice(_ db: Connection, _ memo: Memo, now: Instant) throws {
        var facts = MessageFacts()
        facts.itemId = memo.id
        facts.callerName = memo.contact
        facts.topic = memo.subject
        facts.note = memo.text
        facts.createdBy = memo.createdBy
        try enqueueForOffice(db, .officeMemo, office: memo.officeId, facts: facts, now: now)
    }

    private func enqueueForOffice(_ db: Connection, _ kind: OutboxMessage.Kind, office officeId: OfficeID, facts: MessageFacts,
                                  now: Instant) throws {
        let mailbox: String? = try db.cachedStatement("SELECT mailbox FROM offices WHERE id = ?")
            .query([officeId]).first.flatMap { try $0["mailbox"] }
        guard let mailbox, !mailbox.isEmpty else { return }
        try enqueue(db, MessageDraft(kind: kind, language: "de", recipient: mailbox, officeId: officeId, bookingId: nil,
                                     facts: facts), now: now)
    }
}
