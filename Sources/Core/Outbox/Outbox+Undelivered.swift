import Scheduling
import SQLite

/// A message that could not be delivered, with the booking it was about as
/// it stands now: the name and phone staff call instead.
public struct UndeliveredMessage: Hashable, Sendable {
    public let message: OutboxMessage
    /// Nil for a message about no one booking (booking links, an office's own messages).
    public let booking: Booking?
}

/// What an office's staff see of the messages that could not be delivered
/// ("Nicht zugestellt"): read-only, for those who run the office's day.
extension Outbox {
    /// The office's failed messages, newest first.
    public func undelivered(office officeId: OfficeID, for account: Account) throws -> [UndeliveredMessage] {
        let catalogue = try mayRun(officeId, account)
        return try store.read { db in
            try db.cachedStatement("""
                SELECT \(OutboxRows.columns) FROM outbox WHERE office_id = ? AND status = 'failed'
                ORDER BY settled_at DESC, id DESC
                """).query([officeId]).map { row in
                let message = try OutboxRows.message(row)
                let booking = try message.bookingId.flatMap { id in
                    try db.cachedStatement("SELECT \(BookingRows.columns) FROM bookings WHERE id = ?").query([id]).first
                        .map { try BookingRows.booking($0, db: db, catalogue: catalogue) }
                }
                return UndeliveredMessage(message: message, booking: booking)
            }
        }
    }

    /// How many of the office's messages failed: the count in the staff navigation.
    public func undeliveredCount(office officeId: OfficeID, for account: Account) throws -> Int {
        _ = try mayRun(officeId, account)
        return try store.read { db in
            try db.cachedStatement("SELECT count(*) AS n FROM outbox WHERE office_id = ? AND status = 'failed'")
                .query([officeId]).first.map { try $0["n"] } ?? 0
        }
    }

    /// The catalogue, if `account` runs the office's day: `unknownOffice`
    /// for no such office, `forbidden` for another office's staff.
    private func mayRun(_ officeId: OfficeID, _ account: Account) throws -> Catalogue {
        let catalogue = try store.catalogue()
        guard let office = catalogue.office(officeId) else { throw BookingError.unknownOffice(officeId) }
        guard account.may(.runDay, at: office) else { throw BookingError.forbidden(.runDay) }
        return catalogue
    }
}
