import Scheduling
import SQLite

/// The call centre's use cases: agents file callback requests and memos for
/// the offices of the municipalities they serve; the offices' staff list
/// them and mark them done. Pages and the API both call these.
public struct CallCentre: UseCase {
    let store: Store
    let clock: any Clock

    /// Whether `account` may file callbacks and memos for `officeId`; an
    /// unknown office takes none.
    public func mayFile(_ account: Account, for officeId: OfficeID) throws -> Bool {
        try store.catalogue().office(officeId).map { account.may(.answerCalls, at: $0) } ?? false
    }

    /// Lists are for those who run the office's day: `notAllowed` for
    /// everyone else, `unknownOffice` for no such office.
    func checkMayProcess(_ account: Account, office officeId: OfficeID) throws {
        let catalogue = try store.catalogue()
        guard catalogue.office(officeId) != nil else { throw BookingError.unknownOffice(officeId) }
        guard account.runs(office: officeId, in: catalogue) else { throw CallCentreError.notAllowed(officeId: officeId) }
    }

    // MARK: - Callbacks

    /// Files a callback request; with an idempotency key, a retry with the
    /// same request gets the first callback back (`.replayed`) and files
    /// nothing.
    @discardableResult
    public func requestCallback(_ order: CallbackOrder, by account: Account,
                                idempotency: IdempotencyKey? = nil) throws -> Idempotent<CallbackRequest> {
        try checkMayFile(account, for: order.officeId)
        try CallCentreValidation.check(order, catalogue: try store.catalogue(), now: clock.now())
        let id = Self.newId()
        let store = self.store
        return try store.write(changing: nil, idempotency: idempotency, clock: clock) { db, now in
            let callback = CallbackRequest(
                id: id, status: .open, officeId: order.officeId, serviceId: order.serviceId, name: order.name.trimmingSpaces(),
                phone: order.phone.trimmingSpaces(), topic: order.topic.trimmingSpaces(), note: FieldText.lines(order.note),
                preferredTime: order.preferredTime, createdBy: account.username, createdAt: now, completion: nil)
            try CallCentreRows.insert(db, callback, accountId: account.id)
            try store.enqueueForOffice(db, callback, now: now)
            return callback
        }
    }

    /// The office's callbacks, oldest first, optionally only open or done ones.
    func callbacks(office officeId: OfficeID, status: CallCentreItemStatus? = nil) throws -> [CallbackRequest] {
        guard try store.catalogue().office(officeId) != nil else { throw BookingError.unknownOffice(officeId) }
        return try store.read { db in try CallCentreRows.callbacks(db, office: officeId, status: status) }
    }

    /// The office's callbacks as `account` may list them.
    public func callbacks(office officeId: OfficeID, status: CallCentreItemStatus? = nil, for account: Account) throws -> [CallbackRequest] {
        try checkMayProcess(account, office: officeId)
        return try callbacks(office: officeId, status: status)
    }

    /// The callback with this id, for those who may process its office.
    public func callback(id: String, for account: Account) throws -> CallbackRequest {
        let catalogue = try store.catalogue()
        return try store.read { db in
            guard let callback = try CallCentreRows.callback(db, id: id) else { throw CallCentreError.notFound }
            guard account.runs(office: callback.officeId, in: catalogue) else { throw CallCentreError.notAllowed(officeId: callback.officeId) }
            return callback
        }
    }

    /// Closes a callback: staff of its office (or an admin) called back.
    public func markCallbackDone(id: String, note: String?, by account: Account) throws -> CallbackRequest {
        try markDone(id: id, note: note, by: account, table: "callback_requests", load: CallCentreRows.callback)
    }

    // MARK: - Shared

    /// Closes a callback or memo of an office the account runs, once: who
    /// and when are recorded, a second close says who was first.
    func markDone<Item: CallCentreItem>(id: String, note: String?, by account: Account, table: String,
                                        load: @escaping @Sendable (Connection, String) throws -> Item?) throws -> Item {
        try CallCentreValidation.checkDoneNote(note)
        let now = clock.now()
        let catalogue = try store.catalogue()
        return try store.write { db in
            guard var item = try load(db, id) else { throw CallCentreError.notFound }
            guard account.runs(office: item.officeId, in: catalogue) else { throw CallCentreError.notAllowed(officeId: item.officeId) }
            if let done = item.completion { throw CallCentreError.alreadyDone(doneBy: done.doneBy) }
            let completion = Completion(doneBy: account.username, doneAt: now, note: note.map(FieldText.lines))
            try CallCentreRows.complete(db, table: table, id: id, completion, accountId: account.id)
            item.status = .done
            item.completion = completion
            return item
        }
    }

    func checkMayFile(_ account: Account, for officeId: OfficeID) throws {
        guard try store.catalogue().office(officeId) != nil else { throw BookingError.unknownOffice(officeId) }
        guard try mayFile(account, for: officeId) else { throw CallCentreError.notAllowed(officeId: officeId) }
    }

    /// 128 random bits, URL-safe: ids are not guessable, so one office
    /// cannot walk through another's callbacks by counting.
    static func newId() -> String { Crypto.base64URL(Crypto.randomBytes(16)) }
}
