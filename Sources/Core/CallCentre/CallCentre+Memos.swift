import Scheduling
import SQLite

/// Memos: like callbacks, without anyone waiting for a call.
extension CallCentre {
    /// Leaves a memo; idempotent with a key, as `requestCallback`.
    @discardableResult
    public func leaveMemo(_ order: MemoOrder, by account: Account,
                          idempotency: IdempotencyKey? = nil) throws -> Idempotent<Memo> {
        try checkMayFile(account, for: order.officeId)
        try CallCentreValidation.check(order)
        let id = Self.newId()
        let store = self.store
        return try store.write(changing: nil, idempotency: idempotency, clock: clock) { db, now in
            let memo = Memo(id: id, status: .open, officeId: order.officeId, subject: order.subject.trimmingSpaces(),
                            text: FieldText.lines(order.text), contact: order.contact?.trimmingSpaces(), createdBy: account.username,
                            createdAt: now, completion: nil)
            try CallCentreRows.insert(db, memo, accountId: account.id)
            try store.enqueueForOffice(db, memo, now: now)
            return memo
        }
    }

    /// The office's memos, oldest first, optionally only open or done ones.
    func memos(office officeId: OfficeID, status: CallCentreItemStatus? = nil) throws -> [Memo] {
        guard try store.catalogue().office(officeId) != nil else { throw BookingError.unknownOffice(officeId) }
        return try store.read { db in try CallCentreRows.memos(db, office: officeId, status: status) }
    }

    /// The office's memos as `account` may list them.
    public func memos(office officeId: OfficeID, status: CallCentreItemStatus? = nil, for account: Account) throws -> [Memo] {
        try checkMayProcess(account, office: officeId)
        return try memos(office: officeId, status: status)
    }

    /// Closes a memo: staff of its office (or an admin) dealt with it.
    public func markMemoDone(id: String, note: String?, by account: Account) throws -> Memo {
        try markDone(id: id, note: note, by: account, table: "memos", load: CallCentreRows.memo)
    }
}
