import Scheduling
import SQLite

/// Reads and writes `callback_requests` and `memos` (migration v5-callcentre).
enum CallCentreRows {
    static let listLimit = 500

    static func insert(_ db: Connection, _ callback: CallbackRequest, accountId: Int64) throws {
        try db.run("""
            INSERT INTO callback_requests(id, office_id, service_id, name, phone, topic, note, preferred_from, preferred_to,
                status, created_by_account_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)
            """, [callback.id, callback.officeId, callback.serviceId, callback.name, callback.phone, callback.topic, callback.note,
                  callback.preferredTime?.from.secondsSinceEpoch, callback.preferredTime?.to.secondsSinceEpoch,
                  accountId, callback.createdBy, callback.createdAt.secondsSinceEpoch])
    }

    static func insert(_ db: Connection, _ memo: Memo, accountId: Int64) throws {
        try db.run("""
            INSERT INTO memos(id, office_id, subject, text, contact, status, created_by_account_id, created_by, created_at)
            VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?)
            """, [memo.id, memo.officeId, memo.subject, memo.text, memo.contact, accountId, memo.createdBy,
                  memo.createdAt.secondsSinceEpoch])
    }

    /// `table` is one of the two names above, never input.
    static func complete(_ db: Connection, table: String, id: String, _ completion: Completion, accountId: Int64) throws {
        try db.run("""
            UPDATE \(table) SET status = 'done', done_by_account_id = ?, done_by = ?, done_at = ?, done_note = ?
            WHERE id = ? AND status = 'open'
            """, [accountId, completion.doneBy, completion.doneAt.secondsSinceEpoch, completion.note, id])
    }

    static func callbacks(_ db: Connection, office: OfficeID, status: CallCentreItemStatus?) throws -> [CallbackRequest] {
        try db.query("""
            SELECT * FROM callback_requests WHERE office_id = ? AND (? IS NULL OR status = ?)
            ORDER BY created_at, rowid LIMIT \(listLimit)
            """, [office, status?.rawValue, status?.rawValue]).map(callback)
    }

    static func callback(_ db: Connection, id: String) throws -> CallbackRequest? {
        try db.queryOne("SELECT * FROM callback_requests WHERE id = ?", [id]).map(callback)
    }

    static func memos(_ db: Connection, office: OfficeID, status: CallCentreItemStatus?) throws -> [Memo] {
        try db.query("""
            SELECT * FROM memos WHERE office_id = ? AND (? IS NULL OR status = ?)
            ORDER BY created_at, rowid LIMIT \(listLimit)
            """, [office, status?.rawValue, status?.rawValue]).map(memo)
    }

    static func memo(_ db: Connection, id: String) throws -> Memo? {
        try db.queryOne("SELECT * FROM memos WHERE id = ?", [id]).map(memo)
    }

    private static func callback(_ row: Row) throws -> CallbackRequest {
        var preferred: PreferredTime?
        if let from: Int64 = try row["preferred_from"], let to: Int64 = try row["preferred_to"] {
            preferred = PreferredTime(from: Instant(secondsSinceEpoch: from), to: Instant(secondsSinceEpoch: to))
        }
        return CallbackRequest(
            id: try row["id"], status: try status(row), officeId: try row["office_id"], serviceId: try row["service_id"],
            name: try row["name"], phone: try row["phone"], topic: try row["topic"], note: try row["note"],
            preferredTime: preferred, createdBy: try row["created_by"], createdAt: try OccupationRows.instant(row, "created_at"),
            completion: try completion(row), erasedAt: try erasedAt(row))
    }

    private static func memo(_ row: Row) throws -> Memo {
        Memo(id: try row["id"], status: try status(row), officeId: try row["office_id"], subject: try row["subject"],
             text: try row["text"], contact: try row["contact"], createdBy: try row["created_by"],
             createdAt: try OccupationRows.instant(row, "created_at"), completion: try completion(row),
             erasedAt: try erasedAt(row))
    }

    private static func erasedAt(_ row: Row) throws -> Instant? {
        (try row["erased_at"] as Int64?).map(Instant.init(secondsSinceEpoch:))
    }

    private static func status(_ row: Row) throws -> CallCentreItemStatus {
        let text: String = try row["status"]
        guard let status = CallCentreItemStatus(rawValue: text) else {
            throw CatalogueRows.Invalid(description: "call-centre item \(try row["id"] as String): status \(text)")
        }
        return status
    }

    private static func completion(_ row: Row) throws -> Completion? {
        guard let doneBy: String = try row["done_by"], let doneAt: Int64 = try row["done_at"] else { return nil }
        return Completion(doneBy: doneBy, doneAt: Instant(secondsSinceEpoch: doneAt), note: try row["done_note"])
    }
}
